import { matchFiles, type FileSystemEntries } from '@ts-morph/common';
import { ts } from 'ts-morph';
import { libSourceFile } from '../compiler/lib-files.js';
import { addFolders, memoryHost } from '../compiler/memory-host.js';
import { isDeclarationFile } from './entry-points.js';
import { parseGitSpec } from './git.js';
import { InputError } from '../core/input-error.js';
import { compareStrings } from '../core/compare.js';

/** A release checked in as sources (a git ref), as opposed to a built package: it must be compiled first. */
export function isSourceProject(files: ReadonlyMap<string, string>): boolean {
  if (!files.has('tsconfig.json')) return false;
  for (const name of files.keys()) {
    if (isTypeScriptSource(name) && !isDeclarationFile(name) && !name.split('/').includes('node_modules')) return true;
  }
  return false;
}

/**
 * Compiles a TypeScript source project in memory into the declarations its build would publish, laid
 * out where its tsconfig puts them (so package.json's `types`/`exports` find them). Returns the
 * package.json files, the hand-written declaration files and the emitted ones (which win over a stale
 * committed copy). `source` names the release in messages: a folder, or a `git:<ref>[:<subdir>]` spec.
 *
 * Imports of other packages stay unresolved: their types are kept by name, which is all the diff
 * needs. Type errors do not stop the emit (tsc emits through them too); syntax errors and declaration
 * emit errors do, since the declarations would then be missing or wrong.
 */
export function emitDeclarations(files: ReadonlyMap<string, string>, source: string): Map<string, string> {
  const shown = (rel: string): string => showFile(source, rel);
  if (!files.has('tsconfig.json')) throw new InputError('not a TypeScript source project: no tsconfig.json', source);

  const texts = new Map<string, string>();
  for (const [name, text] of files) texts.set(abs(name), text);
  const directories = new Set<string>([ROOT]);
  for (const name of texts.keys()) addFolders(directories, name);
  const entries = directoryEntries(texts.keys());
  const host = memoryHost(
    { texts, directories, currentDirectory: ROOT },
    (fileName, languageVersionOrOptions) => {
      const text = texts.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersionOrOptions);
      return libSourceFile(fileName);
    },
    { getDirectories: (dir) => [...(entries.get(trimSlash(dir))?.directories ?? [])], realpath: (p) => p },
  );

  const configHost: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    fileExists: (fileName) => host.fileExists(fileName),
    readFile: (fileName) => host.readFile(fileName),
    readDirectory: (root, extensions, excludes, includes, depth) =>
      matchFiles(
        root,
        extensions ?? [],
        excludes ?? [],
        includes ?? [],
        true,
        ROOT,
        depth,
        (dir) => entries.get(trimSlash(dir)) ?? EMPTY_ENTRIES,
        (p) => p,
        (dir) => host.directoryExists(dir),
      ),
  };

  const configPath = abs('tsconfig.json');
  const read = ts.readConfigFile(configPath, (fileName) => host.readFile(fileName));
  if (read.error) throw diagnosticError(read.error, shown, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(read.config, configHost, ROOT, undefined, configPath);
  for (const error of parsed.errors) {
    // A broken extended config is the project's mistake; an `extends` we cannot follow (a package, a
    // file outside the folder that was read) only loses settings the declarations rarely depend on.
    const syntax = error.file !== undefined && error.code < 2000;
    if (error.category === ts.DiagnosticCategory.Error && (syntax || error.code === NO_INPUTS)) {
      throw diagnosticError(error, shown, 'tsconfig.json');
    }
  }

  let options: ts.CompilerOptions = {
    ...parsed.options,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    noEmitOnError: false,
    declarationMap: false,
    sourceMap: false,
    inlineSourceMap: false,
    inlineSources: false,
    newLine: ts.NewLineKind.LineFeed,
    skipLibCheck: true,
    // The release was built by whatever compiler it was made with; options deprecated since are not
    // this tool's business.
    ignoreDeprecations: IGNORE_DEPRECATIONS,
  };

  const create = (oldProgram?: ts.Program): ts.Program =>
    ts.createProgram({
      rootNames: parsed.fileNames,
      options,
      host,
      ...(oldProgram ? { oldProgram } : {}),
      ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
    });
  let program = create();

  const ownFiles = program
    .getSourceFiles()
    .filter((sf) => texts.has(sf.fileName))
    .sort((a, b) => compareStrings(a.fileName, b.fileName));
  for (const sourceFile of ownFiles) {
    const error = program.getSyntacticDiagnostics(sourceFile).find((d) => d.category === ts.DiagnosticCategory.Error);
    if (error) throw diagnosticError(error, shown, 'tsconfig.json');
  }

  // Until TypeScript 6, an unset rootDir meant the common folder of the sources: `src/index.ts` with
  // outDir `dist` became `dist/index.d.ts`, which is what released package.json files point to. 6.0
  // uses the tsconfig folder instead (`dist/src/index.d.ts`), so restore the old default.
  const needsRootDir =
    options.rootDir === undefined &&
    !options.composite &&
    options.outFile === undefined &&
    (options.outDir !== undefined || options.declarationDir !== undefined);
  if (needsRootDir) {
    const sources = ownFiles.filter((sf) => !sf.isDeclarationFile).map((sf) => sf.fileName);
    const rootDir = commonDirectory(sources);
    if (rootDir !== undefined && rootDir !== ROOT) {
      options = { ...options, rootDir };
      program = create(program);
    }
  }

  const emitted = new Map<string, string>();
  const result = program.emit(
    undefined,
    (fileName, text) => {
      const rel = relative(fileName);
      if (rel !== undefined && isDeclarationFile(rel)) emitted.set(rel, text);
    },
    undefined,
    true,
  );
  const emitError = ts
    .sortAndDeduplicateDiagnostics(result.diagnostics)
    .find((d) => d.category === ts.DiagnosticCategory.Error);
  if (emitError) throw diagnosticError(emitError, shown, 'tsconfig.json', 'cannot emit declarations: ');

  const out = new Map<string, string>();
  for (const [name, text] of files) {
    if (baseName(name) === 'package.json' || isDeclarationFile(name)) out.set(name, text);
  }
  for (const [name, text] of emitted) out.set(name, text);
  return new Map([...out].sort(([a], [b]) => compareStrings(a, b)));
}

// ------------------------------------------------------------------ helpers

// Anything absolute that no real project uses: every path the compiler sees is virtual.
const ROOT = '/project';
const NO_INPUTS = 18003;
const EMPTY_ENTRIES: FileSystemEntries = { files: [], directories: [] };
// Accepted values are "<major>.0" of the running compiler's deprecation waves only.
const IGNORE_DEPRECATIONS = `${ts.versionMajorMinor.split('.')[0]}.0`;

function abs(rel: string): string {
  return `${ROOT}/${rel}`;
}

/** Path relative to the project, or undefined when the file lies outside it (an outDir of `../x`). */
function relative(fileName: string): string | undefined {
  return fileName.startsWith(`${ROOT}/`) ? fileName.slice(ROOT.length + 1) : undefined;
}

function trimSlash(dir: string): string {
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function isTypeScriptSource(name: string): boolean {
  return /\.(ts|mts|cts|tsx)$/.test(name);
}

function directoryEntries(fileNames: Iterable<string>): Map<string, FileSystemEntries> {
  const found = new Map<string, { files: string[]; directories: Set<string> }>();
  const at = (dir: string): { files: string[]; directories: Set<string> } => {
    let entry = found.get(dir);
    if (!entry) found.set(dir, (entry = { files: [], directories: new Set() }));
    return entry;
  };
  for (const fileName of fileNames) {
    const slash = fileName.lastIndexOf('/');
    at(fileName.slice(0, slash)).files.push(fileName.slice(slash + 1));
    for (let dir = fileName.slice(0, slash); dir !== ROOT && dir.includes('/'); ) {
      const parent = dir.slice(0, dir.lastIndexOf('/'));
      at(parent).directories.add(dir.slice(parent.length + 1));
      dir = parent;
    }
  }
  return new Map([...found].map(([dir, e]) => [dir, { files: e.files, directories: [...e.directories] }]));
}

/** TypeScript 5's computeCommonSourceDirectory: the deepest folder holding every source file. */
export function commonDirectory(fileNames: readonly string[]): string | undefined {
  let common: string[] | undefined;
  for (const fileName of fileNames) {
    const parts = fileName.split('/').slice(0, -1);
    if (common === undefined) {
      common = parts;
      continue;
    }
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common && common.join('/');
}

/**
 * How a file of the release is named in messages: git's own `<ref>:<path>` for a git spec, a path
 * below the folder otherwise.
 */
function showFile(source: string, rel: string): string {
  const git = source.startsWith('git:') ? parseGitSpecOrUndefined(source) : undefined;
  if (git) return `git:${git.ref}:${git.subdir === '' ? rel : `${git.subdir}/${rel}`}`;
  if (source === '' || source === '.') return rel;
  return `${source.replace(/\/+$/, '')}/${rel}`;
}

function parseGitSpecOrUndefined(source: string): { ref: string; subdir: string } | undefined {
  try {
    return parseGitSpec(source);
  } catch {
    return undefined;
  }
}

function diagnosticError(
  diagnostic: ts.Diagnostic,
  shown: (rel: string) => string,
  fallbackFile: string,
  prefix = '',
): InputError {
  const message = prefix + ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const file = diagnostic.file && relative(diagnostic.file.fileName);
  if (diagnostic.file === undefined || file === undefined || diagnostic.start === undefined) {
    return new InputError(message, shown(file ?? fallbackFile));
  }
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return new InputError(message, shown(file), line + 1);
}

