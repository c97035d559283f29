import { latestVersionTag, repositoryPrefix } from '../load/git.js';
import { InputError } from '../load/input-error.js';
import { listVersions, type NpmOptions } from '../load/npm.js';
import type { PackageFiles } from '../load/package-files.js';
import { pickBaseline } from '../versions/arithmetic.js';

export interface Baseline {
  /** The release spec to compare with, or undefined when the package was never released. */
  spec?: string;
  /** How it was chosen, for the report. */
  reason: string;
}

/**
 * The release a new version is compared with when none is named: the newest published version of the
 * package below the new one (prereleases only for a prerelease; the same major line for LTS branches),
 * else the newest version tag in git. A package released nowhere has no baseline, which is not an error.
 */
export async function defaultBaseline(
  next: PackageFiles,
  newVersion: string,
  options: NpmOptions & { line: boolean; cwd: string },
): Promise<Baseline> {
  const name = next.packageJson?.['name'];
  if (typeof name !== 'string') throw new InputError('no "name" to find the published versions by: pass the old release', 'package.json');
  const published = await listVersions(name, options);
  const pick = published && pickBaseline(published, newVersion, { line: options.line });
  if (pick) return { spec: `npm:${name}@${pick}`, reason: `newest published version of ${name} below ${newVersion}` };
  const prefix = next.source ? undefined : await repositoryPrefix(next.root).catch(() => undefined);
  const tag = prefix === undefined ? undefined : await latestVersionTag(next.root, name, newVersion);
  if (tag && (!options.line || tag.version.split('.')[0] === newVersion.split('.')[0])) {
    return { spec: `git:${tag.tag}${prefix ? `:${prefix}` : ''}`, reason: `newest version tag below ${newVersion}` };
  }
  return { reason: `${name} was never released (${published ? 'no lower version on npm' : 'not on npm'} and no version tag): every export is an addition` };
}
