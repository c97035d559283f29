import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import type { ApiSurface } from '../model/surface.js';
import { bundledBuild } from './bundled-build.js';

/** Bumped whenever the layout of an entry changes; entries of another layout are rebuilt. */
const ENTRY_SCHEMA = 2;

/**
 * The extracted surface of a release that cannot change (an npm version, a git commit, a tarball) is kept
 * on disk, so a repeated `check` against the same baseline pays only for the new side. A cache must never
 * change an answer: entries are keyed by the release's content and by everything that turns files into a
 * surface (the tool's whole build, the TypeScript version), and an entry is used only when its header
 * names this layout and this key, its body matches the digest in the header and has the shape of a
 * surface. Anything else is rebuilt with a warning; a folder that cannot be used only costs the time.
 */
export async function cachedSurface(
  files: PackageFiles,
  folder: string,
  build: () => ApiSurface,
  warn: (message: string) => void = () => undefined,
): Promise<ApiSurface> {
  const key = await cacheKey(files);
  const file = path.join(folder, `${key}.json`);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      warn(`surface cache ${folder} is not usable (${code ?? (error as Error).message}): running without it`);
      return build();
    }
  }
  if (text !== undefined) {
    const surface = readEntry(text, key, files);
    if (surface !== undefined) return surface;
    warn(`surface cache entry ${file} is damaged or foreign: rebuilt`);
  }
  const surface = build();
  try {
    await writeEntry(folder, file, key, surface);
  } catch (error) {
    warn(`surface cache ${folder} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): running without it`);
  }
  return surface;
}

interface EntryHeader {
  schema: number;
  key: string;
  digest: string;
}

/** An entry is a one-line JSON header, a newline, and the surface's JSON, whose digest the header holds. */
function readEntry(text: string, key: string, files: PackageFiles): ApiSurface | undefined {
  const newline = text.indexOf('\n');
  if (newline === -1) return undefined;
  const body = text.slice(newline + 1);
  try {
    const header = JSON.parse(text.slice(0, newline)) as Partial<EntryHeader> | null;
    if (header?.schema !== ENTRY_SCHEMA || header.key !== key || header.digest !== digest(body)) return undefined;
    const surface: unknown = JSON.parse(body);
    return isSurface(surface) && describes(surface, files) ? surface : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(folder: string, file: string, key: string, surface: ApiSurface): Promise<void> {
  const body = JSON.stringify(surface);
  const header: EntryHeader = { schema: ENTRY_SCHEMA, key, digest: digest(body) };
  await mkdir(folder, { recursive: true });
  // Written aside and renamed, so a concurrent run never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(header)}\n${body}`);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The shape the diff relies on at the top: every entry and item well formed, and every export leading to
 * an item that is there. Deeper parts are covered by the digest, since only this code writes entries.
 */
function isSurface(value: unknown): value is ApiSurface {
  if (!isObject(value) || !Array.isArray(value.entries) || !isObject(value.items)) return false;
  const items = value.items;
  const targets = (exports: unknown): boolean =>
    isObject(exports) &&
    Object.values(exports).every((target) => isObject(target) && isString(target.id) && Object.hasOwn(items, target.id) && typeof target.typeOnly === 'boolean');
  const entriesOk = value.entries.every((entry: unknown) => isObject(entry) && isString(entry.subpath) && isString(entry.file) && targets(entry.exports));
  const itemsOk = Object.entries(items).every(
    ([id, item]) =>
      isObject(item) &&
      item.id === id &&
      isString(item.path) &&
      Array.isArray(item.kinds) &&
      item.kinds.every(isString) &&
      typeof item.exported === 'boolean' &&
      Array.isArray(item.typeParams) &&
      Array.isArray(item.positions) &&
      isObject(item.tags) &&
      isString(item.text) &&
      (item.exports === undefined || targets(item.exports)),
  );
  const dependenciesOk = value.dependencies === undefined || (isObject(value.dependencies) && Object.values(value.dependencies).every(isString));
  return entriesOk && itemsOk && dependenciesOk;
}

/**
 * The digest finds damage, not forgery (whoever can write the cache can compute it): a surface must also
 * be one of this release, with one entry for each of its entry points, in order.
 */
function describes(surface: ApiSurface, files: PackageFiles): boolean {
  const entries = surface.entries.filter((entry) => entry.ambient !== true);
  return entries.length === files.entries.length && entries.every((entry, i) => entry.subpath === files.entries[i]!.subpath && entry.file === files.entries[i]!.file);
}

async function cacheKey(files: PackageFiles): Promise<string> {
  const hash = createHash('sha256').update(await toolFingerprint());
  hash.update(JSON.stringify(files.entries));
  for (const name of [...files.files.keys()].sort()) hash.update(`\0${name}\0${files.files.get(name)!}`);
  return hash.digest('hex');
}

let fingerprint: Promise<string> | undefined;

/**
 * A hash of everything that turns files into a surface: every file of the tool's build (not only the
 * loader and the model, since a shared helper can move between folders; for the Action's bundle, the digest
 * of the bundle its build recorded) and the TypeScript that compiles the release. Any change to either
 * invalidates every entry.
 */
function toolFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256').update(`typescript ${ts.version}\0`);
    if (bundledBuild) return hash.update(bundledBuild.fingerprint).digest('hex');
    const dist = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    for (const name of await builtFiles(dist)) hash.update(`${name}\0`).update(await readFile(path.join(dist, name))).update('\0');
    return hash.digest('hex');
  })();
  return fingerprint;
}

async function builtFiles(dist: string): Promise<string[]> {
  const names = await readdir(dist, { recursive: true, withFileTypes: true });
  return names
    .filter((dirent) => dirent.isFile() && dirent.name.endsWith('.js'))
    .map((dirent) => path.relative(dist, path.join(dirent.parentPath, dirent.name)).split(path.sep).join('/'))
    .sort();
}
