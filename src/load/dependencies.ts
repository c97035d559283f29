import { promises as fs } from 'node:fs';
import path from 'node:path';
import { importedSpecifiers, packageOf, typesPackageOf } from './imports.js';
import { InputError } from '../core/input-error.js';
import { fetchNpmRelease, type NpmOptions } from './npm.js';

export interface DependencyOptions extends NpmOptions {
  /** Fetch the declared version ranges of imported packages from the registry when they are not installed. */
  fetchDeps?: boolean;
  onProgress?: (step: string) => void;
}

/**
 * Adds the declarations of the packages a release imports types from, under `node_modules/<name>/`: from the
 * release folder's own node_modules when they are installed there, else (with `fetchDeps`) from the
 * registry at the range package.json declares. What is found nowhere stays an opaque stub in the model.
 */
export async function addDependencyTypes(
  files: Map<string, string>,
  packageJson: Record<string, unknown> | undefined,
  installedIn: string | undefined,
  readInstalled: (dir: string) => Promise<Map<string, string>>,
  options: DependencyOptions,
): Promise<void> {
  // A Map, so that an import named `constructor` finds no inherited range.
  const declared = new Map<string, unknown>();
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    const ranges = packageJson?.[field];
    if (typeof ranges === 'object' && ranges !== null) for (const [name, range] of Object.entries(ranges)) declared.set(name, range);
  }
  const packages = [...new Set([...importedSpecifiers(files).keys()].map(packageOf))].sort();
  for (const pkg of packages) {
    if (files.has(`node_modules/${pkg}/package.json`)) continue;
    for (const candidate of [pkg, typesPackageOf(pkg)]) {
      const found = await installed(candidate, installedIn, readInstalled) ?? (options.fetchDeps ? await fetched(candidate, declared.get(candidate), options) : undefined);
      if (!found) continue;
      for (const [name, text] of found) files.set(`node_modules/${candidate}/${name}`, text);
      break;
    }
  }
}

/** Node's lookup: the release folder's node_modules, then its parents' (workspaces hoist dependencies). */
async function installed(pkg: string, root: string | undefined, read: (dir: string) => Promise<Map<string, string>>): Promise<Map<string, string> | undefined> {
  for (let folder = root; folder; folder = path.dirname(folder) === folder ? undefined : path.dirname(folder)) {
    const dir = path.join(folder, 'node_modules', pkg);
    if (!(await fs.stat(path.join(dir, 'package.json')).catch(() => undefined))?.isFile()) continue;
    const files = await read(dir);
    return hasTypes(files) ? files : undefined;
  }
  return undefined;
}

async function fetched(pkg: string, range: unknown, options: DependencyOptions): Promise<Map<string, string> | undefined> {
  if (range !== undefined && typeof range !== 'string') throw new InputError(`the range of dependency "${pkg}" must be a string, not ${JSON.stringify(range)}`, 'package.json');
  options.onProgress?.(`fetching ${pkg}@${range ?? 'latest'} for its types`);
  try {
    const release = await fetchNpmRelease(pkg, range ?? 'latest', options);
    return hasTypes(release.files) ? release.files : undefined;
  } catch (error) {
    // A dependency that cannot be fetched (a private one, an @types package that does not exist) stays opaque.
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

function hasTypes(files: ReadonlyMap<string, string>): boolean {
  return [...files.keys()].some((name) => /\.d\.[cm]?ts$/.test(name));
}
