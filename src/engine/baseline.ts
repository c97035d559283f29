import { isShallowRepository, latestVersionTag, repositoryPrefix, SHALLOW_FIX } from '../load/git.js';
import { InputError } from '../core/input-error.js';
import { listVersions, type NpmOptions } from '../load/npm.js';
import type { PackageFiles } from '../load/package-files.js';
import { parseVersion, pickBaseline } from '../versions/arithmetic.js';

export interface Baseline {
  /** The release spec to compare with, or undefined when the package was never released. */
  spec?: string;
  /** The baseline's version, once known. */
  version?: string;
  /** How it was chosen, for the report. */
  reason: string;
}

/**
 * The release a new version is compared with when none is named. Projects bump the version at release time
 * (by hand or with changesets), so a package.json version that is already released (on npm or as a version
 * tag) names the baseline itself; otherwise it is the newest release below it (prereleases only for a
 * prerelease; the same major line for LTS branches), on npm first, else among the version tags. "Never
 * released" is only said when the registry does not know the name and the repository has its whole history:
 * a shallow CI checkout has no tags, and taking it for a new package would pass every change.
 */
export async function defaultBaseline(
  next: PackageFiles,
  newVersion: string,
  options: NpmOptions & { line: boolean; cwd: string },
): Promise<Baseline> {
  const name = next.packageJson?.['name'];
  if (typeof name !== 'string') throw new InputError('no "name" to find the published versions by: pass the old release', 'package.json');
  const version = parseVersion(newVersion).version;
  const published = await listVersions(name, options);
  const npm = (v: string, reason: string): Baseline => ({ spec: `npm:${name}@${v}`, version: v, reason });
  if (published?.includes(version)) return npm(version, `${version}, the version package.json declares, is published on npm: the changes since that release are checked`);

  const prefix = next.source ? undefined : await repositoryPrefix(next.root).catch(() => undefined);
  const tag = prefix === undefined ? undefined : await latestVersionTag(next.root, name, version, true);
  const git = (t: { tag: string; version: string }, reason: string): Baseline => ({ spec: `git:${t.tag}${prefix ? `:${prefix}` : ''}`, version: t.version, reason });
  if (tag?.version === version) return git(tag, `${version}, the version package.json declares, is tagged ${tag.tag}: the changes since that tag are checked`);

  const pick = published && pickBaseline(published, version, { line: options.line });
  if (pick) return npm(pick, `newest version of ${name} on npm below ${version}`);
  if (tag && (!options.line || parseVersion(tag.version).major === parseVersion(version).major)) {
    return git(tag, `newest version tag below ${version} (${name} is not on npm)`);
  }
  if (prefix !== undefined && (await isShallowRepository(next.root))) {
    throw new InputError(`cannot find the baseline: ${name} is not on npm and this is a shallow clone without the version tags (${SHALLOW_FIX}), or name the old release with --baseline`);
  }
  if (published) {
    throw new InputError(`npm knows ${name} but has no version of it at or below ${version}: name the old release with --baseline`);
  }
  return { reason: `${name} was never released (the registry does not know the name and no version tag is at or below ${version}): every export is an addition` };
}
