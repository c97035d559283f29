import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/input-error.js';
import { parsePackageJson } from './package-files.js';
import { compareStrings } from '../core/compare.js';

export interface WorkspacePackage {
  /** Folder relative to the workspace root, posix. */
  dir: string;
  name: string;
}

/**
 * The packages of an npm, yarn or pnpm workspace, sorted by folder; private ones are skipped because
 * they are never published, so no version of theirs can be wrong.
 */
export async function workspacePackages(root: string): Promise<WorkspacePackage[]> {
  const patterns = await workspacePatterns(root);
  if (patterns.length === 0) {
    throw new InputError('no workspaces: package.json has no "workspaces" and there is no pnpm-workspace.yaml', path.join(root, 'package.json'));
  }
  const manifests = await glob(
    patterns.map((p) => (p.startsWith('!') ? p : `${p.replace(/\/$/, '')}/package.json`)),
    { cwd: root, ignore: ['**/node_modules/**'] },
  );
  const packages: WorkspacePackage[] = [];
  for (const manifest of manifests.sort()) {
    const file = path.join(root, manifest);
    const json = parsePackageJson(await readFile(file, 'utf8'), manifest);
    if (json['private'] === true || typeof json['name'] !== 'string') continue;
    packages.push({ dir: path.posix.dirname(manifest), name: json['name'] });
  }
  return byFolder(packages);
}

/** Packages (or their results) in the order of a workspace run: by folder, by code point, the same on every machine. */
export function byFolder<T extends { dir: string }>(packages: readonly T[]): T[] {
  return [...packages].sort((a, b) => compareStrings(a.dir, b.dir));
}

async function workspacePatterns(root: string): Promise<string[]> {
  const pnpm = await readFile(path.join(root, 'pnpm-workspace.yaml'), 'utf8').catch(() => undefined);
  if (pnpm !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseYaml(pnpm);
    } catch (error) {
      throw new InputError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'pnpm-workspace.yaml');
    }
    const list = (parsed as { packages?: unknown } | null)?.packages;
    if (Array.isArray(list)) return list.filter((p): p is string => typeof p === 'string');
  }
  const text = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const workspaces = parsePackageJson(text, 'package.json')['workspaces'];
  // npm and yarn classic take an array; yarn also takes { packages: [...] }.
  const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}
