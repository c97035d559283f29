import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { isDeclarationFile, resolveEntryPoints } from './entry-points.js';
import { addDependencyTypes, type DependencyOptions } from './dependencies.js';
import { parseGitSpec, readGitRelease } from './git.js';
import { fetchNpmRelease, parseNpmSpec } from './npm.js';
import { readTarball } from './tarball.js';
import { emitDeclarations, isSourceProject } from './typescript-source.js';
import { InputError } from '../core/input-error.js';
import { DEFAULT_MAX_BYTES, SizeBudget } from './limits.js';
import { compareStrings } from '../core/compare.js';

export interface EntryPoint {
  /** `.` or `./x`, as a consumer writes it after the package name. */
  subpath: string;
  /** Package-relative posix path of the declaration file the subpath leads to. */
  file: string;
  /**
   * Set when `exports` leads this subpath to no declarations and only node10 resolution (`types`, `typings`,
   * `typesVersions`, the file beside the path) finds them: consumers on `moduleResolution: node16` or
   * `bundler` get no types there.
   */
  resolution?: 'node10';
  /** Set when only a wildcard subpath (`./*`) of `exports` leads here, not a subpath written out. */
  wildcard?: boolean;
}

export interface PackageFiles {
  /** Absolute path of the folder the release was read from (cwd for npm and git sources). */
  root: string;
  /** For releases not read from a folder: the spec they came from (`npm:x@1.2.3`, `git:v1.0.0`), for messages. */
  source?: string;
  /** Package-relative posix path → text: every declaration file, and package.json. */
  files: Map<string, string>;
  packageJson?: Record<string, unknown>;
  /** `.` first, then by subpath. */
  entries: EntryPoint[];
  /** Subpaths left out while resolving the entry points, and why (see ResolveOptions.leftOut). */
  notes?: string[];
}

export type SourceOptions = DependencyOptions;

/** How the engine reads a release: the user's options, and where the compiler's synchronous work may run. */
export interface LoadOptions extends SourceOptions {
  /** Runs the compiler's synchronous work (emitting a source project's declarations) where it can be stopped for time. */
  bounded?: <T>(task: () => T) => T;
}

/**
 * Reads a release from any spec: a directory (a package, a TypeScript source project, or a folder of
 * declarations with an index.d.ts), one declaration file (then the only entry point whatever package.json
 * says), a tarball, `npm:<name>@<range>` (or a bare `name@range` that is not a path), or
 * `git:<ref>[:<subdir>]`.
 */
export async function loadRelease(spec: string, cwd: string = process.cwd(), options: LoadOptions = {}): Promise<PackageFiles> {
  const git = parseGitSpec(spec);
  if (git) {
    options.onProgress?.(`reading ${spec}`);
    return withDependencies(fromFileMap(await readGitRelease(git.ref, git.subdir, cwd), cwd, spec, spec), undefined, options);
  }
  const target = path.resolve(cwd, spec);
  // Paths in messages stay in the form the user typed: relative stays relative.
  const shown = (abs: string): string =>
    toPosix(path.isAbsolute(spec) ? abs : path.relative(cwd, abs) || '.');

  const stat = spec.startsWith('npm:') ? undefined : await statOrUndefined(target, shown);
  if (stat === undefined) {
    const npm = parseNpmSpec(spec);
    if (!npm) throw new InputError('path does not exist', shown(target));
    options.onProgress?.(`fetching ${npm.name}@${npm.range}`);
    const release = await fetchNpmRelease(npm.name, npm.range, { ...options, cwd: options.cwd ?? cwd });
    const label = `npm:${npm.name}@${release.version}`;
    return withDependencies(fromFileMap(release.files, cwd, label, label), undefined, options);
  }

  if (stat.isFile()) {
    if (/\.(tgz|tar\.gz|tar)$/.test(target)) {
      options.onProgress?.(`reading ${shown(target)}`);
      if (stat.size > DEFAULT_MAX_BYTES) throw new InputError(`${stat.size} bytes, more than the limit of ${DEFAULT_MAX_BYTES} bytes for a tarball`, shown(target));
      const data = await guard(() => fs.readFile(target), target, shown);
      return withDependencies(fromFileMap(await readTarball(data, shown(target)), path.dirname(target), shown(target), shown(target)), undefined, options);
    }
    if (!isDeclarationFile(toPosix(target))) {
      throw new InputError('not a declaration file (.d.ts, .d.mts, .d.cts), a tarball or a package directory', shown(target));
    }
    const root = path.dirname(target);
    const { files, packageJson } = await readTree(root, shown);
    return withDependencies({ root, files, ...(packageJson ? { packageJson } : {}), entries: [{ subpath: '.', file: path.basename(target) }] }, root, options, shown(path.join(root, 'package.json')));
  }
  if (!stat.isDirectory()) {
    throw new InputError('not a declaration file or a package directory', shown(target));
  }

  const root = target;
  const { files } = await readTree(root, shown);
  if (files.size === 0) {
    throw new InputError('empty directory: no package.json and no declaration files', shown(root));
  }
  return withDependencies(fromFileMap(files, root, shown(root), undefined, options), root, options, shown(path.join(root, 'package.json')));
}

/** `packageJsonShown` names the release's package.json in messages when the release is a folder. */
async function withDependencies(release: PackageFiles, installedIn: string | undefined, options: LoadOptions, packageJsonShown?: string): Promise<PackageFiles> {
  const read = async (dir: string) => (await readTree(dir, (abs) => toPosix(abs))).files;
  try {
    await addDependencyTypes(release.files, release.packageJson, installedIn, read, options);
  } catch (error) {
    if (!(error instanceof InputError) || error.file !== 'package.json') throw error;
    throw new InputError(error.message, release.source ? `${release.source}:package.json` : (packageJsonShown ?? error.file), error.line);
  }
  return release;
}

/**
 * A release from its files: package.json parsed, entry points resolved. A TypeScript source project whose
 * declarations are not built gets them emitted in memory first.
 */
function fromFileMap(files: Map<string, string>, root: string, shownRoot: string, source: string | undefined, options: LoadOptions = {}): PackageFiles {
  const located = (file: string) => (source ? `${source}:${file}` : path.posix.join(shownRoot, file));
  const packageJsonText = files.get('package.json');
  const packageJson = packageJsonText === undefined ? undefined : parsePackageJson(packageJsonText, located('package.json'));
  const resolve = (available: Map<string, string>): Pick<PackageFiles, 'entries' | 'notes'> => {
    if (!packageJson) {
      if (available.has('index.d.ts')) return { entries: [{ subpath: '.', file: 'index.d.ts' }] };
      throw new InputError('no package.json and no index.d.ts: name the entry declaration file instead of the directory', shownRoot);
    }
    const leftOut: string[] = [];
    try {
      const entries = resolveEntryPoints(packageJson, [...available.keys()], { leftOut });
      // A source project whose exports name declarations not built yet is emitted below, not left out.
      if (entries.length === 0 && leftOut.length > 0 && isSourceProject(available)) throw new InputError(leftOut[0]!, 'package.json');
      return { entries, ...(leftOut.length ? { notes: leftOut } : {}) };
    } catch (error) {
      if (error instanceof InputError && error.file === 'package.json') throw new InputError(error.message, located('package.json'), error.line);
      throw error;
    }
  };
  const base = { root, ...(source ? { source } : {}), ...(packageJson ? { packageJson } : {}) };
  try {
    return { ...base, files, ...resolve(files) };
  } catch (error) {
    if (!(error instanceof InputError) || !isSourceProject(files)) throw error;
    // Not built yet: what the compiler would emit is what consumers will get.
    options.onProgress?.(`emitting declarations of ${shownRoot}`);
    const emit = () => emitDeclarations(files, source ?? shownRoot);
    const emitted = options.bounded ? options.bounded(emit) : emit();
    return { ...base, files: emitted, ...resolve(emitted) };
  }
}

async function statOrUndefined(abs: string, shown: (abs: string) => string): Promise<Stats | undefined> {
  try {
    return await fs.stat(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`cannot read: ${(error as Error).message}`, shown(abs));
  }
}

async function readTree(
  root: string,
  shown: (abs: string) => string,
): Promise<{ files: Map<string, string>; packageJson: Record<string, unknown> | undefined }> {
  const found: string[] = [];
  // Symlinked folders are followed once, so a link back up the tree ends.
  const visited = new Set<string>();
  // A TypeScript project may have to be compiled: then its sources and configs are part of the release.
  const sourceProject = (await fs.stat(path.join(root, 'tsconfig.json')).catch(() => undefined))?.isFile() === true;
  const wanted = (name: string) =>
    isDeclarationFile(name) || (sourceProject && (/\.[cm]?tsx?$/.test(name) || /^tsconfig.*\.json$/.test(name)));
  const walked = (name: string) => name !== 'node_modules' && !name.startsWith('.');

  const walk = async (dir: string, rel: string): Promise<void> => {
    const real = await guard(() => fs.realpath(dir), dir, shown);
    if (visited.has(real)) return;
    visited.add(real);
    const dirents = await guard(() => fs.readdir(dir, { withFileTypes: true }), dir, shown);
    // Sorted so that when two links reach one folder, the same one wins every run.
    dirents.sort((a, b) => compareStrings(a.name, b.name));
    for (const dirent of dirents) {
      const abs = path.join(dir, dirent.name);
      const relPath = rel === '' ? dirent.name : `${rel}/${dirent.name}`;
      let isDirectory = dirent.isDirectory();
      let isFile = dirent.isFile();
      if (dirent.isSymbolicLink()) {
        const stat = await fs.stat(abs).catch(() => undefined);
        if (stat === undefined) continue; // dangling link
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
        if ((isDirectory && walked(dirent.name)) || (isFile && wanted(dirent.name))) await requireInside(abs);
      }
      if (isDirectory) {
        if (walked(dirent.name)) await walk(abs, relPath);
      } else if (isFile && wanted(dirent.name)) {
        found.push(relPath);
      }
    }
  };
  // A release is its folder, as a tarball is its archive: a link may lead anywhere inside it (it is
  // followed), never out of it (refused: ignoring it would read as a removal).
  const realRoot = await guard(() => fs.realpath(root), root, shown);
  const requireInside = async (abs: string): Promise<void> => {
    const target = await guard(() => fs.realpath(abs), abs, shown);
    const relative = path.relative(realRoot, target);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw new InputError(`symbolic link leads outside the package (to ${toPosix(target)}); a release is read from its own folder only`, shown(abs));
    }
  };
  await walk(root, '');

  const packageJsonPath = path.join(root, 'package.json');
  const packageJsonStat = await fs.stat(packageJsonPath).catch(() => undefined);
  if (packageJsonStat?.isFile()) found.push('package.json');

  found.sort(compareStrings);
  // Sizes are checked before anything is read, so a huge file is refused instead of exhausting memory.
  const budget = new SizeBudget();
  for (const rel of found) {
    const abs = path.join(root, rel);
    budget.take(shown(abs), (await guard(() => fs.stat(abs), abs, shown)).size);
  }
  const files = new Map(
    await Promise.all(found.map(async (rel) => [rel, await guard(() => fs.readFile(path.join(root, rel), 'utf8'), path.join(root, rel), shown)] as const)),
  );

  const packageJsonText = files.get('package.json');
  const packageJson =
    packageJsonText === undefined ? undefined : parsePackageJson(packageJsonText, shown(packageJsonPath));
  return { files, packageJson };
}

async function guard<T>(read: () => Promise<T>, abs: string, shown: (abs: string) => string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, shown(abs));
  }
}

/** Parses a package.json; a syntax error names the line, found by TypeScript's JSON parser. */
export function parsePackageJson(text: string, file: string): Record<string, unknown> {
  // npm tolerates a byte-order mark; JSON.parse does not.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // V8 states the offset; where it does not, TypeScript's JSON parser finds the first error.
    const message = (error as Error).message;
    const stated = /at position (\d+)/.exec(message);
    const parsed = parseJsonSource(file, body);
    const diagnostic = parsed.parseDiagnostics?.[0];
    const offset = stated ? Number(stated[1]) : (diagnostic?.start ?? trailingComma(body));
    const line = offset !== undefined ? parsed.getLineAndCharacterOfPosition(Math.min(offset, body.length)).line + 1 : undefined;
    const reason = stated || !diagnostic ? message.replace(/( in JSON at position \d+|, .*is not valid JSON).*$/s, '') : ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    throw new InputError(`not valid JSON: ${reason.replace(/\r?\n/g, ' ')}`, file, line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('not valid package.json: the top level must be an object', file, 1);
  }
  // What reads package.json (conditions in `exports`, `typesVersions`) recurses once per level.
  if (nesting(value) > MAX_PACKAGE_JSON_DEPTH) throw new InputError(`not valid package.json: nested more than ${MAX_PACKAGE_JSON_DEPTH} levels deep`, file);
  return value as Record<string, unknown>;
}

/** Real manifests nest conditions a few levels deep; this is far beyond any of them. */
const MAX_PACKAGE_JSON_DEPTH = 64;

/** How deep objects and arrays nest in a parsed JSON value, found without recursion. */
function nesting(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** TypeScript's JSON syntax tree, with its syntax errors; its parser recurses once per level of nesting. */
export function parseJsonSource(file: string, text: string): ts.JsonSourceFile & { parseDiagnostics?: ts.Diagnostic[] } {
  try {
    return ts.parseJsonText(file, text);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError('nested too deeply to read', file);
    throw error;
  }
}

/** TypeScript's JSON parser forgives trailing commas, JSON does not: V8 names them without a position. */
function trailingComma(text: string): number | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  let comma: number | undefined;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if ((token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseBraceToken) && comma !== undefined) return comma;
    comma = token === ts.SyntaxKind.CommaToken ? scanner.getTokenStart() : undefined;
  }
  return undefined;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
