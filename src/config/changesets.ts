import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isScalar, parseDocument, type YAMLError } from 'yaml';
import type { Bump } from '../versions/bump.js';
import { InputError } from '../load/input-error.js';

export interface Changesets {
  /** The pending changeset files that name the package, relative to the changeset folder's parent. */
  files: string[];
  /** The highest bump they declare, or undefined when none names the package. */
  declared?: Bump;
}

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** A changeset is a few lines of front matter and a summary; anything this large is not one. */
export const MAX_CHANGESET_BYTES = 1024 * 1024;

/**
 * Reads the pending `.changeset/*.md` files and the highest bump they declare for one package. Only
 * regular files are read: a folder, a dangling link or a pipe named `*.md` is skipped with a warning.
 */
export async function readChangesets(folder: string, packageName: string, warn: (message: string) => void = () => undefined): Promise<Changesets> {
  const names = await fs.readdir(folder).catch(() => {
    throw new InputError('no changeset folder (create one with `npx changeset init`)', folder);
  });
  const files: string[] = [];
  let declared: Bump | undefined;
  for (const name of names.filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort()) {
    const shown = path.posix.join(path.basename(folder), name);
    const text = await readRegularFile(path.join(folder, name), shown, warn);
    if (text === undefined) continue;
    const releases = parseChangeset(text, shown);
    if (!releases.has(packageName)) continue;
    const bump = releases.get(packageName);
    if (bump !== 'major' && bump !== 'minor' && bump !== 'patch') {
      throw new InputError(`"${packageName}": ${JSON.stringify(bump) ?? String(bump)} is not major, minor or patch`, shown);
    }
    files.push(shown);
    if (!declared || rank[bump] > rank[declared]) declared = bump;
  }
  return { files, ...(declared ? { declared } : {}) };
}

/** The file's text, or undefined (with a warning) when it is not a regular file. */
async function readRegularFile(file: string, shown: string, warn: (message: string) => void): Promise<string | undefined> {
  let handle: fs.FileHandle;
  try {
    // Non-blocking, so that opening a pipe returns at once instead of waiting for a writer.
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    warn(`${shown} skipped: it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return undefined;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      warn(`${shown} skipped: not a regular file`);
      return undefined;
    }
    if (stat.size > MAX_CHANGESET_BYTES) throw new InputError(`${stat.size} bytes, more than a changeset may hold (${MAX_CHANGESET_BYTES})`, shown);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    warn(`${shown} skipped: it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Package name → declared bump from a changeset's front matter (empty without one). Read as data: any
 * name is an ordinary key (`constructor`, `__proto__`), a name given twice is an error, and the time is
 * linear in the size (YAML's own duplicate-key check compares every key with every other).
 */
export function parseChangeset(text: string, shown: string): Map<string, unknown> {
  const releases = new Map<string, unknown>();
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!frontmatter) return releases;
  const source = frontmatter[1]!;
  // Silent: YAML's warnings would otherwise reach the terminal through process.emitWarning.
  const document = parseDocument(source, { uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) throw frontMatterError(problem.message, shown, source, problem);
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return releases;
  if (!isMap(contents)) throw frontMatterError('must map package names to bumps', shown, source);
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') throw frontMatterError('every key must be a package name', shown, source, pair.key);
    const name = pair.key.value;
    if (releases.has(name)) throw frontMatterError(`"${name}" is named twice`, shown, source, pair.key);
    const value = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    releases.set(name, isScalar(value) ? value.value : value);
  }
  return releases;
}

function frontMatterError(message: string, shown: string, source: string, at?: YAMLError | { range?: unknown } | null): InputError {
  const offset = at && 'pos' in at ? at.pos[0] : Array.isArray(at?.range) ? (at.range[0] as number) : undefined;
  // The front matter starts on the line after the opening `---`.
  const line = offset === undefined ? undefined : 2 + countNewlines(source, offset);
  return new InputError(`not a valid changeset front matter: ${message.split('\n')[0]}`, shown, line);
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export interface ChangesetCheck extends Changesets {
  required: Bump;
  ok: boolean;
  reason: string;
}

/** Whether the declared changesets cover the version component the changes require. */
export function checkChangesets(changesets: Changesets, required: Bump, changed: boolean, packageName: string): ChangesetCheck {
  const result = (ok: boolean, reason: string): ChangesetCheck => ({ ...changesets, required, ok, reason });
  if (!changesets.declared) {
    return changed
      ? result(false, `no changeset declares a bump for ${packageName}: add one declaring "${packageName}": ${required}`)
      : result(true, 'no API change, and no changeset needed for it');
  }
  if (rank[changesets.declared] >= rank[required]) return result(true, `${changesets.files.join(', ')} declare ${changesets.declared}, enough for ${required}`);
  return result(false, `${changesets.files.join(', ')} declare ${changesets.declared}, but the changes need ${required}: declare "${packageName}": ${required}`);
}
