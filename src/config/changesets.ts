import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Bump } from '../engine/bump.js';
import { InputError } from '../load/input-error.js';

export interface Changesets {
  /** The pending changeset files that name the package, relative to the changeset folder's parent. */
  files: string[];
  /** The highest bump they declare, or undefined when none names the package. */
  declared?: Bump;
}

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** Reads the pending `.changeset/*.md` files and the highest bump they declare for one package. */
export async function readChangesets(folder: string, packageName: string): Promise<Changesets> {
  const names = await readdir(folder).catch(() => {
    throw new InputError('no changeset folder (create one with `npx changeset init`)', folder);
  });
  const files: string[] = [];
  let declared: Bump | undefined;
  for (const name of names.filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort()) {
    const shown = path.posix.join(path.basename(folder), name);
    const text = await readFile(path.join(folder, name), 'utf8');
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!frontmatter) continue;
    let releases: unknown;
    try {
      releases = parseYaml(frontmatter[1]!);
    } catch (error) {
      throw new InputError(`not a valid changeset front matter: ${(error as Error).message.split('\n')[0]}`, shown);
    }
    const bump = (releases as Record<string, unknown> | null)?.[packageName];
    if (bump === undefined) continue;
    if (bump !== 'major' && bump !== 'minor' && bump !== 'patch') {
      throw new InputError(`"${packageName}": ${JSON.stringify(bump)} is not major, minor or patch`, shown);
    }
    files.push(shown);
    if (!declared || rank[bump] > rank[declared]) declared = bump;
  }
  return { files, ...(declared ? { declared } : {}) };
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
