import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import { createProgram, PACKAGE_ROOT, type SharedTrees } from '../model/project.js';

/**
 * Consumer modules compiled with the release: absolute path → text, and what the package's own name and
 * subpaths resolve to (package-relative files), as a consumer's bundler would find them.
 */
export interface ConsumerFiles {
  files: Map<string, string>;
  modules: Map<string, string>;
}

/** One Program over the release and consumer modules that import it by name, taking trees from `shared`. */
export function consumerProgram(release: PackageFiles, consumer: ConsumerFiles, shared?: SharedTrees): ts.Program {
  return createProgram(release, {
    files: consumer.files,
    resolveModuleNameLiterals: (host) => consumerResolution(consumer, host),
    // `import x = require()` is how consumers import an `export =` module; `preserve` allows it beside ES imports.
    options: { module: ts.ModuleKind.Preserve },
  }, shared).program;
}

/** The package's name and subpaths lead to its entry files; everything else resolves as usual. */
function consumerResolution(consumer: ConsumerFiles, host: () => ts.CompilerHost): NonNullable<ts.CompilerHost['resolveModuleNameLiterals']> {
  // The package's files import the same few modules from one folder (date-fns: 2,000 files import `./types.js`):
  // each is resolved once per folder, as `tsc` does.
  let cache: ts.ModuleResolutionCache | undefined;
  return (literals, containingFile, redirected, options) =>
    literals.map((literal) => {
      const file = consumer.modules.get(literal.text);
      if (file !== undefined) {
        return { resolvedModule: { resolvedFileName: PACKAGE_ROOT + file, extension: declarationExtension(file), isExternalLibraryImport: false } };
      }
      const compilerHost = host();
      cache ??= ts.createModuleResolutionCache(compilerHost.getCurrentDirectory(), (name) => compilerHost.getCanonicalFileName(name), options);
      return ts.resolveModuleName(literal.text, containingFile, options, compilerHost, cache, redirected);
    });
}

function declarationExtension(file: string): ts.Extension {
  if (file.endsWith('.d.mts')) return ts.Extension.Dmts;
  return file.endsWith('.d.cts') ? ts.Extension.Dcts : ts.Extension.Dts;
}
