import { ts } from 'ts-morph';
import { LIB_DIR, libSourceFile } from '../compiler/lib-files.js';
import { addFolders, memoryHost } from '../compiler/memory-host.js';
import { isDeclarationFile } from '../load/entry-points.js';
import { ownDeclarationFiles, parsedOrSkipped } from '../load/imports.js';
import { InputError } from '../core/input-error.js';
import { deepestPoint, parseDeclaration } from '../load/parse-declaration.js';
import type { PackageFiles } from '../load/package-files.js';
import { ambientStubs, externalStubs } from './external-stubs.js';

export const PACKAGE_ROOT = '/pkg/';

/**
 * The consumer options semver-ts asks for. The compiler host serves only the package's files, stubs for
 * the packages it imports and TypeScript's lib, so the analysis never reads the disk and never sees the
 * user's own tsconfig or node_modules.
 */
const compilerOptions: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: true,
};

export interface LoadedProgram {
  checker: ts.TypeChecker;
  program: ts.Program;
  /** Files only wildcard subpaths lead to that do not parse, left out of the Program. */
  leftOut: SyntaxError[];
}

/**
 * Other code compiled against the release, beside its entry points, by whoever needs the release's checker to
 * judge it: its files (absolute path → text, compiled as roots), how the host resolves their imports (given
 * the host, for the imports it leaves to TypeScript), and the compiler options it needs on top of the model's.
 */
export interface ProgramAddition {
  files: ReadonlyMap<string, string>;
  resolveModuleNameLiterals: (host: () => ts.CompilerHost) => NonNullable<ts.CompilerHost['resolveModuleNameLiterals']>;
  options: ts.CompilerOptions;
}

// Declaration files carry types in their syntax: their doc comments are read as text (tags.ts), never as JSDoc.
const jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;

/**
 * Trees of earlier Programs with the same compiler options, by file name, for the next one to take instead of
 * parsing again: a tree is immutable once bound, and each checker keeps its own symbol and node links, as
 * TypeScript's lib trees are shared (a tree whose text differs is parsed again and replaces it).
 */
export type SharedTrees = Map<string, ts.SourceFile>;

/**
 * What every Program over the same release files needs and is the same for all of them, kept while the files
 * are: the trees (the model's Program parses and binds them; the witnesses' Programs take them) and the stubs
 * of the packages they import (a walk of every file's imports).
 */
let treesOfRelease = new WeakMap<ReadonlyMap<string, string>, SharedTrees>();
const stubsOfRelease = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

function ownStubs(files: ReadonlyMap<string, string>, declarations: Iterable<ts.SourceFile>): Map<string, string> {
  let stubs = stubsOfRelease.get(files);
  if (!stubs) stubsOfRelease.set(files, (stubs = externalStubs(files, declarations)));
  return stubs;
}

/** Drops the releases' trees: a Program stopped while binding leaves them half bound (see `forgetLibTrees`). */
export function forgetReleaseTrees(): void {
  treesOfRelease = new WeakMap();
}

/** The trees Programs over these release files have parsed so far. */
export function releaseTrees(files: ReadonlyMap<string, string>): SharedTrees {
  let trees = treesOfRelease.get(files);
  if (!trees) treesOfRelease.set(files, (trees = new Map<string, ts.SourceFile>()));
  return trees;
}

/** Builds one Program over a release's declaration files and refuses files that do not parse. */
export function createProgram(pkg: PackageFiles, addition?: ProgramAddition, shared: SharedTrees = releaseTrees(pkg.files)): LoadedProgram {
  const texts = new Map<string, string>(addition?.files);
  for (const [name, text] of pkg.files) texts.set(PACKAGE_ROOT + name, text);
  const parsed = new Map<string, ts.SourceFile>();
  const directories = new Set<string>();
  const reused = (fileName: string, text: string, options: ts.ScriptTarget | ts.CreateSourceFileOptions) => {
    const tree = shared.get(fileName);
    return tree && tree.text === text && parsedAs(tree, options) ? tree : undefined;
  };
  const host = memoryHost(
    { texts, directories, currentDirectory: PACKAGE_ROOT.slice(0, -1) },
    (fileName, options) => {
      if (fileName.startsWith(`${LIB_DIR}/`)) return libSourceFile(fileName);
      const tree = parsed.get(fileName);
      if (tree && parsedAs(tree, options)) return tree;
      const text = texts.get(fileName);
      if (text === undefined) return undefined;
      const fresh = reused(fileName, text, options) ?? parseDeclaration(fileName, text, options, packageRelative(fileName));
      shared.set(fileName, fresh);
      return fresh;
    },
    {
      jsDocParsingMode,
      ...(addition ? { resolveModuleNameLiterals: addition.resolveModuleNameLiterals(() => host) } : {}),
    },
  );
  // The release's own declarations are parsed once, here, as the Program will ask for them: their imports
  // decide which stubs the Program needs, and the Program then takes the same trees.
  // Code compiled with the release may name another package's types too (a witness's `import("eventemitter3")
  // .EventEmitter`, p-queue 9's old base), also where this release no longer imports that package: it gets stubs.
  const namingOthers = [...(addition?.files ?? [])].filter(([, text]) => text.includes('import(')).map(([fileName]) => fileName);
  for (const fileName of [...ownDeclarationFiles(pkg.files).map((name) => PACKAGE_ROOT + name), ...namingOthers]) {
    const options: ts.CreateSourceFileOptions = {
      languageVersion: compilerOptions.target!,
      impliedNodeFormat: ts.getImpliedNodeFormatForFile(fileName, undefined, host, compilerOptions),
      jsDocParsingMode,
    };
    const text = texts.get(fileName)!;
    const earlier = reused(fileName, text, options);
    for (const tree of earlier ? [earlier] : parsedOrSkipped(fileName, text, options)) {
      parsed.set(fileName, tree);
      shared.set(fileName, tree);
    }
  }
  // A release's own stubs are found once; with code naming other packages they are found again, with its imports.
  const stubs = namingOthers.length ? externalStubs(pkg.files, parsed.values()) : ownStubs(pkg.files, parsed.values());
  for (const [path, text] of stubs) texts.set(path, text);
  for (const path of texts.keys()) addFolders(directories, path);
  // Consumers see what the entry points reach (imports, references), not every file that happens to be in
  // the folder: test fixtures or unpublished declarations must not leak into the API.
  const roots = [...new Set(pkg.entries.map((entry) => PACKAGE_ROOT + entry.file))].sort();
  roots.push(...ambientStubs(stubs), ...(addition?.files.keys() ?? []));
  const options = addition ? { ...compilerOptions, ...addition.options } : compilerOptions;
  let program = ts.createProgram({ rootNames: roots, options, host });
  // A file only a wildcard subpath leads to may be one no consumer can import (graphql 17's
  // NotSupportedTSVersion.d.ts is invalid on purpose): it is left out, with a note, and the Program is built
  // again without it. Any other syntax error, or one in a file something else still reaches, is refused.
  const leftOut = syntaxErrors(program, pkg).filter((error) => pkg.entries.every((entry) => entry.file !== error.file || entry.wildcard));
  if (leftOut.length > 0) {
    const dropped = new Set(leftOut.map((error) => PACKAGE_ROOT + error.file));
    program = ts.createProgram({ rootNames: roots.filter((root) => !dropped.has(root)), options, host, oldProgram: program });
  }
  const [refused] = syntaxErrors(program, pkg);
  if (refused) throw new InputError(refused.message, refused.file, refused.line);
  return { checker: typeChecker(program), program, leftOut };
}

/**
 * The checker binds every file when it is created, and TypeScript's binder recurses once per level of nesting
 * as its parser does: a file the parser still read (a thousand nested function types) can exhaust the stack
 * there. A consumer's `tsc` fails the same way, so it is bad input, named by the most deeply nested file.
 */
function typeChecker(program: ts.Program): ts.TypeChecker {
  try {
    return program.getTypeChecker();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [deepest] = program
      .getSourceFiles()
      .filter((file) => file.fileName.startsWith(PACKAGE_ROOT))
      .map((file) => ({ file: packageRelative(file.fileName), ...deepestPoint(file.text) }))
      .sort((a, b) => b.depth - a.depth);
    throw new InputError('nested too deeply for the TypeScript compiler', deepest?.file, deepest?.line);
  }
}

/** A declaration file that does not parse: package-relative, with its first error. */
export interface SyntaxError {
  file: string;
  line: number;
  message: string;
}

function syntaxErrors(program: ts.Program, pkg: PackageFiles): SyntaxError[] {
  const errors: SyntaxError[] = [];
  for (const name of [...pkg.files.keys()].sort()) {
    // A dependency's declarations may use syntax this TypeScript lacks: that is not the release's fault.
    const sourceFile = isDeclarationFile(name) && !name.startsWith('node_modules/') ? program.getSourceFile(PACKAGE_ROOT + name) : undefined;
    const diagnostic = sourceFile && program.getSyntacticDiagnostics(sourceFile)[0];
    if (diagnostic && diagnostic.start !== undefined) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
      errors.push({ file: name, line: line + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ') });
    }
  }
  return errors;
}


/** How findings and errors name a file: relative to the package root. */
function packageRelative(fileName: string): string {
  return fileName.startsWith(PACKAGE_ROOT) ? fileName.slice(PACKAGE_ROOT.length) : fileName;
}

/**
 * Whether the Program asks for a file as it was parsed. Its module-detection callback, the one option left
 * out, gives declaration files the parser's own default.
 */
function parsedAs(tree: ts.SourceFile, options: ts.ScriptTarget | ts.CreateSourceFileOptions): boolean {
  return typeof options === 'object' && options.languageVersion === tree.languageVersion && options.impliedNodeFormat === tree.impliedNodeFormat;
}

/** `pkg` for a file of another package, `lib` for TypeScript's own lib files, undefined for the package's own. */
export function ownerPackage(fileName: string): string | undefined {
  // Dependencies loaded with the release live under its node_modules; they are other packages all the same.
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(fileName);
  if (!match && fileName.startsWith(PACKAGE_ROOT)) return undefined;
  if (!match || match[1] === 'typescript') return 'lib';
  // `node:http` and `http` are one module of Node's.
  return match[1]!.startsWith('@types/') ? match[1]!.slice('@types/'.length).replace(/^(.*)__/, '@$1/') : match[1]!.replace(/^node:/, '');
}
