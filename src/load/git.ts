import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { isDeclarationFile } from './entry-points.js';
import { InputError } from '../core/input-error.js';
import { SizeBudget } from './limits.js';
import { compareStrings } from '../core/compare.js';

/**
 * `git:<ref>` or `git:<ref>:<subdir>`; undefined for any other spec. The subdir is relative to the
 * repository root (as in `git show <ref>:<path>`), whatever folder the tool runs in.
 */
export function parseGitSpec(spec: string): { ref: string; subdir: string } | undefined {
  if (!spec.startsWith('git:')) return undefined;
  const rest = spec.slice('git:'.length);
  // Ref names cannot contain ':' (git check-ref-format), so the first one ends the ref.
  const colon = rest.indexOf(':');
  const ref = colon === -1 ? rest : rest.slice(0, colon);
  if (ref === '') throw new InputError('expected git:<ref> or git:<ref>:<subdir>', spec);
  const subdir = normalizeSubdir(colon === -1 ? '' : rest.slice(colon + 1), spec);
  return { ref, subdir };
}

function normalizeSubdir(subdir: string, shown: string): string {
  const parts = subdir
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new InputError(`subdir '${subdir}' leaves the repository`, shown);
  return parts.join('/');
}

/**
 * The files of `ref` under `subdir` that the API can depend on (declarations, TypeScript sources,
 * package.json, tsconfig*.json), keyed by posix path relative to subdir. Reads objects straight from
 * the object database, so the working tree and the index are never touched.
 */
export async function readGitRelease(ref: string, subdir: string, cwd: string): Promise<Map<string, string>> {
  const dir = normalizeSubdir(subdir, `git:${ref}`);
  const shown = dir === '' ? `git:${ref}` : `git:${ref}:${dir}`;
  await requireDirectory(cwd, shown);
  const commit = await resolveCommit(ref, cwd);

  const listing = await git(['ls-tree', '-r', '-z', '--full-tree', commit, ...(dir === '' ? [] : ['--', dir])], cwd, shown);
  if (listing.code !== 0) throw gitFailure('ls-tree', listing, cwd, shown);

  const prefix = dir === '' ? '' : `${dir}/`;
  const entries: TreeEntry[] = [];
  let under = 0;
  for (const record of listing.stdout.toString('utf8').split('\0')) {
    const entry = parseTreeEntry(record);
    // ls-tree pathspecs are patterns, and a pathspec naming a file lists that file: keep only what
    // lies inside the folder.
    if (entry === undefined || !entry.path.startsWith(prefix)) continue;
    under++;
    const rel = entry.path.slice(prefix.length);
    if (entry.type === 'blob' && isKept(rel)) entries.push({ ...entry, path: rel });
  }
  if (dir !== '' && under === 0) throw new InputError(`no folder '${dir}' in ${ref}`, shown);

  const texts = await readBlobs(
    entries.map((e) => e.oid),
    cwd,
    shown,
    sizeCheck(entries, shown),
  );
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const files = new Map<string, string>();
  for (const entry of [...entries].sort((a, b) => compareStrings(a.path, b.path))) {
    const text = entry.mode === SYMLINK ? followLink(entry, byPath, texts) : texts.get(entry.oid);
    // A link leading nowhere we read is skipped, as loadRelease skips dangling links on disk.
    if (text !== undefined) files.set(entry.path, text);
  }
  return files;
}

/**
 * The newest tag naming a version: `v1.2.3`, `1.2.3`, or `<packageName>@1.2.3` when a package name is
 * given (monorepo tags). With `below`, only lower versions count; prereleases count only when `below`
 * is itself a prerelease, so a stable release is never compared with a beta; `orEqual` lets a tag of
 * `below` itself count (an unbumped branch is compared with the release its version names).
 */
export async function latestVersionTag(
  cwd: string,
  packageName?: string,
  below?: string,
  orEqual = false,
): Promise<{ tag: string; version: string } | undefined> {
  const ceiling = below === undefined ? undefined : semver.parse(below);
  if (ceiling === null) throw new InputError(`not a valid version: '${below}'`);
  await requireDirectory(cwd, cwd);
  const result = await git(['for-each-ref', '--format=%(refname)', 'refs/tags'], cwd, cwd);
  if (result.code !== 0) throw gitFailure('for-each-ref', result, cwd, cwd);

  const allowPrerelease = ceiling !== undefined && ceiling.prerelease.length > 0;
  let best: { tag: string; version: semver.SemVer; named: boolean } | undefined;
  for (const line of result.stdout.toString('utf8').split('\n')) {
    if (!line.startsWith('refs/tags/')) continue;
    const tag = line.slice('refs/tags/'.length);
    const named = packageName !== undefined && tag.startsWith(`${packageName}@`);
    const text = named ? tag.slice(packageName.length + 1) : tag.startsWith('v') ? tag.slice(1) : tag;
    // semver.parse is lenient with prefixes; the tag itself must be exactly a version.
    if (!/^\d/.test(text)) continue;
    const version = semver.parse(text);
    if (version === null) continue;
    if (version.prerelease.length > 0 && !allowPrerelease) continue;
    if (ceiling !== undefined && version.compare(ceiling) >= (orEqual ? 1 : 0)) continue;
    if (best === undefined || isBetter(version, named, tag, best)) best = { tag, version, named };
  }
  return best && { tag: best.tag, version: best.version.version };
}

// Equal versions (v1.2.0, 1.2.0, name@1.2.0, build metadata) are one release: prefer the tag naming the
// package, then the first name, so the answer does not depend on the order git lists tags in.
function isBetter(
  version: semver.SemVer,
  named: boolean,
  tag: string,
  best: { tag: string; version: semver.SemVer; named: boolean },
): boolean {
  const order = version.compare(best.version);
  if (order !== 0) return order > 0;
  if (named !== best.named) return named;
  return compareStrings(tag, best.tag) < 0;
}

// ------------------------------------------------------------------ helpers

const SYMLINK = '120000';

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

function parseTreeEntry(record: string): TreeEntry | undefined {
  const tab = record.indexOf('\t');
  if (tab === -1) return undefined;
  const [mode, type, oid] = record.slice(0, tab).split(' ');
  if (mode === undefined || type === undefined || oid === undefined) return undefined;
  return { mode, type, oid, path: record.slice(tab + 1) };
}

function isKept(rel: string): boolean {
  const segments = rel.split('/');
  // Mirrors loadRelease: dependencies and hidden folders are not part of the package's API.
  if (segments.slice(0, -1).some((s) => s === 'node_modules' || s.startsWith('.'))) return false;
  const base = segments[segments.length - 1]!;
  return (
    base === 'package.json' ||
    /^tsconfig.*\.json$/.test(base) ||
    isDeclarationFile(rel) ||
    /\.(ts|mts|cts|tsx)$/.test(base)
  );
}

/** Follows a link (and links to links) to a file among the ones read; undefined when it leads elsewhere. */
function followLink(entry: TreeEntry, byPath: Map<string, TreeEntry>, texts: Map<string, string>): string | undefined {
  let current = entry;
  for (let hops = 0; hops < 40 && current.mode === SYMLINK; hops++) {
    const target = texts.get(current.oid);
    if (target === undefined || target.startsWith('/')) return undefined;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(current.path), target));
    const next = byPath.get(resolved);
    if (next === undefined) return undefined;
    current = next;
  }
  return current.mode === SYMLINK ? undefined : texts.get(current.oid);
}

async function resolveCommit(ref: string, cwd: string): Promise<string> {
  const shown = `git:${ref}`;
  // A leading dash would be read as an option; no ref name starts with one.
  if (ref.startsWith('-')) throw new InputError(`unknown git ref '${ref}'`, shown);
  const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd, shown);
  // --quiet turns "no such object" into a bare exit 1; anything else is git failing to run at all.
  if (result.code === 1) {
    // A CI checkout is shallow and tagless by default: the ref exists, just not in this copy.
    const shallow = await isShallowRepository(cwd).catch(() => false);
    throw new InputError(`unknown git ref '${ref}'${shallow ? `: this is a shallow clone, so older commits and tags are missing (${SHALLOW_FIX})` : ''}`, shown);
  }
  if (result.code !== 0) throw gitFailure('rev-parse', result, cwd, shown);
  return result.stdout.toString('utf8').trim();
}

async function requireDirectory(cwd: string, shown: string): Promise<void> {
  const stat = await fs.stat(cwd).catch(() => undefined);
  // spawn reports a missing cwd as ENOENT, indistinguishable from a missing git.
  if (!stat?.isDirectory()) throw new InputError(`not a directory: ${cwd}`, shown);
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function git(args: string[], cwd: string, shown: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // Streams rather than execFile's maxBuffer: the tree listing of a large monorepo has no fixed bound.
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(spawnFailure(error, shown)));
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

function spawnFailure(error: Error, shown: string): Error {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new InputError('git is not installed or not on PATH', shown);
  }
  return new InputError(`cannot run git: ${error.message}`, shown);
}

function gitFailure(command: string, result: GitResult, cwd: string, shown: string): InputError {
  const detail = result.stderr.trim().split('\n')[0]?.replace(/^fatal: /, '') ?? '';
  if (/not a git repository/i.test(result.stderr)) {
    return new InputError(`not inside a git repository: ${cwd}`, shown);
  }
  return new InputError(`git ${command} failed${detail ? `: ${detail}` : ` (exit ${result.code})`}`, shown);
}

/** Refuses a blob, from the size git announces before sending it, that passes the limits of a release. */
function sizeCheck(entries: readonly TreeEntry[], shown: string): (oid: string, size: number) => void {
  const budget = new SizeBudget();
  const named = new Map(entries.map((e) => [e.oid, e.path]));
  return (oid, size) => budget.take(`${shown}:${named.get(oid) ?? oid}`, size);
}

/**
 * Reads blobs through one `git cat-file --batch`: a process per file would cost more than the whole
 * analysis on a large package. Output is parsed as it streams, so no blob is held twice.
 */
function readBlobs(oids: readonly string[], cwd: string, shown: string, check: (oid: string, size: number) => void): Promise<Map<string, string>> {
  const wanted = [...new Set(oids)];
  const texts = new Map<string, string>();
  if (wanted.length === 0) return Promise.resolve(texts);

  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(error);
    };

    const chunks: Buffer[] = [];
    let buffered = 0;
    let next = 0; // index in `wanted` of the object whose answer comes next
    let bodySize: number | undefined; // set while waiting for a body

    // Joins only when a whole header or body is there, so a large blob is copied once, not per chunk.
    const take = (n: number): Buffer => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
      chunks.length = 0;
      const rest = all.subarray(n);
      if (rest.length > 0) chunks.push(rest);
      buffered = rest.length;
      return all.subarray(0, n);
    };

    const drain = (): void => {
      for (;;) {
        if (bodySize === undefined) {
          const newline = findNewline(chunks);
          if (newline === -1) return;
          const header = take(newline + 1).toString('utf8').trimEnd();
          const oid = wanted[next];
          if (oid === undefined) return fail(new InputError(`git cat-file: unexpected output '${header}'`, shown));
          const match = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
          if (!match) return fail(new InputError(`git cat-file: cannot read object ${oid} (${header})`, shown));
          bodySize = Number(match[2]);
          try {
            check(oid, bodySize);
          } catch (error) {
            return fail(error as Error);
          }
        }
        if (buffered < bodySize + 1) return;
        const body = take(bodySize + 1);
        texts.set(wanted[next]!, body.subarray(0, bodySize).toString('utf8'));
        bodySize = undefined;
        next++;
      }
    };

    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      drain();
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => fail(spawnFailure(error, shown)));
    // EPIPE when git dies early; the exit code below tells the real story.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      if (failed) return;
      if (next === wanted.length) return resolve(texts);
      fail(
        gitFailure('cat-file', { code: code ?? -1, stdout: Buffer.alloc(0), stderr: Buffer.concat(stderr).toString('utf8') }, cwd, shown),
      );
    });
    child.stdin.end(wanted.map((oid) => `${oid}\n`).join(''));
  });
}

function findNewline(chunks: readonly Buffer[]): number {
  let offset = 0;
  for (const chunk of chunks) {
    const i = chunk.indexOf(0x0a);
    if (i !== -1) return offset + i;
    offset += chunk.length;
  }
  return -1;
}

/** Where a folder sits inside its repository (`packages/core`, '' at the top), for `git:<ref>:<subdir>`. */
export async function repositoryPrefix(dir: string): Promise<string> {
  const result = await git(['rev-parse', '--show-prefix'], dir, dir);
  if (result.code !== 0) throw gitFailure('rev-parse', result, dir, dir);
  return result.stdout.toString('utf8').trim().replace(/\/$/, '');
}

/** How to get the history a baseline needs, for messages about shallow clones. */
export const SHALLOW_FIX = 'fetch the history with `fetch-depth: 0` in actions/checkout, or `git fetch --unshallow --tags`';

/** Whether `dir` is in a shallow clone (actions/checkout's default): its history and tags are partial. */
export async function isShallowRepository(dir: string): Promise<boolean> {
  const result = await git(['rev-parse', '--is-shallow-repository'], dir, dir);
  if (result.code !== 0) throw gitFailure('rev-parse', result, dir, dir);
  return result.stdout.toString('utf8').trim() === 'true';
}

/** One file of `ref` by its path from the repository root: a committed API report as a baseline. */
export async function readGitFile(ref: string, file: string, cwd: string): Promise<string> {
  const rel = normalizeSubdir(file, `git:${ref}:${file}`);
  const shown = `git:${ref}:${rel}`;
  await requireDirectory(cwd, shown);
  const commit = await resolveCommit(ref, cwd);
  const result = await git(['cat-file', 'blob', `${commit}:${rel}`], cwd, shown);
  if (result.code !== 0) throw new InputError(`no file '${rel}' in ${ref}`, shown);
  return result.stdout.toString('utf8');
}
