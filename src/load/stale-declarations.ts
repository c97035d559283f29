import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ts } from 'ts-morph';
import { declarationMapSources } from './declaration-maps.js';
import { isDeclarationFile } from './entry-points.js';
import { commonDirectory } from './typescript-source.js';
import type { PackageFiles } from './package-files.js';

/**
 * A checkout or an unpacked archive writes a tree's files within moments of each other, in whatever order; a
 * source edited after the build is newer by far more than this.
 */
const TOLERANCE_MS = 1000;

/**
 * Says when declarations of a package folder are older than the sources they are built from (a `dist/` not
 * rebuilt after an edit, so the check reads yesterday's API). The sources of a declaration file are those its
 * declaration map names, else the tsconfig source whose output it is. Only modification times are compared:
 * nothing is compiled. Undefined when nothing is stale, or the release is not a folder on disk.
 */
export async function staleDeclarations(release: PackageFiles, shown: (file: string) => string): Promise<string | undefined> {
  if (release.source !== undefined || release.root === '') return undefined;
  const declarations = [...release.files.keys()].filter((file) => isDeclarationFile(file) && !file.startsWith('node_modules/'));
  let builtFrom: Map<string, string> | undefined;
  const stale: Array<{ declaration: string; source: string }> = [];
  for (const declaration of declarations) {
    // Declarations emitted in memory (a source project without a build) have no file, and are never stale.
    const built = await modified(release.root, declaration);
    if (built === undefined) continue;
    let sources = await declarationMapSources(release.root, declaration, release.files.get(declaration));
    if (sources === undefined) {
      builtFrom ??= tsconfigOutputs(release);
      const source = builtFrom.get(declaration);
      sources = source === undefined ? [] : [source];
    }
    for (const source of sources) {
      const edited = await modified(release.root, source);
      if (edited !== undefined && edited - built > TOLERANCE_MS) {
        stale.push({ declaration, source });
        break;
      }
    }
  }
  if (stale.length === 0) return undefined;
  const first = stale[0]!;
  const more = stale.length > 1 ? ` (and ${stale.length - 1} more declaration ${stale.length === 2 ? 'file' : 'files'})` : '';
  return `${shown(first.declaration)} is older than ${shown(first.source)}, which it is built from${more}: the declarations may be stale; rebuild them before checking`;
}

async function modified(root: string, file: string): Promise<number | undefined> {
  return (await stat(path.join(root, file)).catch(() => undefined))?.mtimeMs;
}

/**
 * Declaration file → the source it is emitted from, by the folder's tsconfig.json: each source's output under
 * `declarationDir`/`outDir` relative to `rootDir` (unset: the sources' common folder, as TypeScript 5 has it, or
 * the tsconfig's folder, as 6 has it), else beside the source. A tsconfig that cannot be read maps nothing.
 */
function tsconfigOutputs(release: PackageFiles): Map<string, string> {
  const outputs = new Map<string, string>();
  if (!release.files.has('tsconfig.json')) return outputs;
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(release.root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined || parsed.options.outFile !== undefined) return outputs;
  // The compiler names files with `/` on every platform.
  const root = release.root.split(path.sep).join('/');
  const relative = (file: string) => path.posix.relative(root, file);
  const sources = parsed.fileNames.filter((file) => /\.[cm]?tsx?$/.test(file) && !isDeclarationFile(file));
  const outDir = parsed.options.declarationDir ?? parsed.options.outDir;
  const bases = parsed.options.rootDir !== undefined ? [parsed.options.rootDir] : [commonDirectory(sources) ?? root, root];
  for (const source of sources) {
    const name = source.replace(/\.tsx?$/, '.d.ts').replace(/\.([cm])ts$/, '.d.$1ts');
    const candidates = outDir === undefined ? [name] : bases.map((base) => path.posix.join(outDir, path.posix.relative(base, name)));
    for (const candidate of candidates) if (release.files.has(relative(candidate))) outputs.set(relative(candidate), relative(source));
  }
  return outputs;
}
