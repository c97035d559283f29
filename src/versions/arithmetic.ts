import semver from 'semver';
import type { Bump } from './bump.js';

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

export interface VersionPolicy {
  /** Majors in which a break needs only the next minor (npm's caret treats 0.y this way). */
  unstableMajors: number[];
  /** Prerelease identifiers (`SNAPSHOT`) whose versions may be released again with other content. */
  redeployablePrereleases: string[];
}

export interface VersionCheck {
  old: string;
  new: string;
  /** The version component that must change. */
  required: Bump;
  /** The smallest valid version for these changes. */
  next: string;
  ok: boolean;
  reason: string;
}

/** Versions are parsed loosely-but-validly; build metadata is dropped, as npm ignores it for ordering. */
export function parseVersion(version: string): semver.SemVer {
  const parsed = semver.parse(version);
  if (!parsed) throw new RangeError(`not a valid semantic version: ${version}`);
  return new semver.SemVer(parsed.version);
}

/**
 * The component an API bump moves, following caret ranges: in an unstable major a break moves the minor
 * (and in 0.0.z everything moves the patch, since ^0.0.z matches nothing else); in 0.y.z an addition may
 * be a patch.
 */
export function requiredComponent(version: semver.SemVer, bump: Bump, policy: VersionPolicy): Bump {
  if (version.major === 0 && version.minor === 0) return 'patch';
  if (bump === 'major') return policy.unstableMajors.includes(version.major) ? 'minor' : 'major';
  if (bump === 'minor') return version.major === 0 ? 'patch' : 'minor';
  return 'patch';
}

/**
 * What a prerelease announces: the component its release moves over the stable release before it
 * (2.0.0-rc.1 the major, 1.3.0-rc.1 the minor), and so the largest change that release may carry under the
 * caret rules (in 0.0.z every release may break; 0.4.2-rc.1 may still add things).
 */
function announced(base: semver.SemVer, policy: VersionPolicy): { component: Bump; capacity: Bump } {
  const component: Bump = base.patch !== 0 ? 'patch' : base.minor !== 0 ? 'minor' : 'major';
  const previous =
    component === 'patch'
      ? `${base.major}.${base.minor}.${base.patch - 1}`
      : component === 'minor'
        ? `${base.major}.${base.minor - 1}.0`
        : `${Math.max(base.major - 1, 0)}.0.0`;
  const capacity =
    (['major', 'minor', 'patch'] as const).find((bump) => rank[requiredComponent(new semver.SemVer(previous), bump, policy)] <= rank[component]) ??
    'patch';
  return { component, capacity };
}

/** The smallest valid version after `old` for changes that need `bump`, and the component it moves. */
export function nextVersion(oldVersion: string, bump: Bump, policy: VersionPolicy): { next: string; required: Bump } {
  const old = parseVersion(oldVersion);
  if (old.prerelease.length > 0) {
    const stableBase = new semver.SemVer(`${old.major}.${old.minor}.${old.patch}`);
    const { component, capacity } = announced(stableBase, policy);
    // The change fits what the prerelease announced: a later prerelease of the same release carries it.
    if (rank[bump] <= rank[capacity]) return { next: semver.inc(old, 'prerelease')!, required: component };
    const required = requiredComponent(stableBase, bump, policy);
    return { next: increment(stableBase, required), required };
  }
  const required = requiredComponent(old, bump, policy);
  return { next: increment(old, required), required };
}

function increment(version: semver.SemVer, component: Bump): string {
  return semver.inc(version.version, component)!;
}

/** Whether `newVersion` may carry changes that need `bump` after `oldVersion`. */
export function checkVersion(oldVersion: string, newVersion: string, bump: Bump, changed: boolean, policy: VersionPolicy): VersionCheck {
  const old = parseVersion(oldVersion);
  const current = parseVersion(newVersion);
  const { next, required } = nextVersion(oldVersion, bump, policy);
  const result = (ok: boolean, reason: string): VersionCheck => ({ old: old.version, new: current.version, required, next, ok, reason });
  const comparison = semver.compare(current, old);
  if (comparison === 0) {
    if (!changed) return result(true, 'same version, and no API change');
    if (current.prerelease.some((id) => policy.redeployablePrereleases.includes(String(id)))) {
      return result(true, `${current.version} is a re-deployable prerelease`);
    }
    return result(false, `version ${current.version} is reused for a different API; use ${next} or later`);
  }
  if (comparison < 0) return result(false, `versions must increase: ${current.version} is lower than ${old.version}`);
  const release = (v: semver.SemVer) => new semver.SemVer(`${v.major}.${v.minor}.${v.patch}`);
  if (semver.lt(release(current), release(parseVersion(next)))) {
    return result(false, `${bump === 'patch' ? 'the release' : `a ${bump} change`} needs ${next} or later, not ${current.version}`);
  }
  return result(true, `${current.version} is enough for a ${bump} change (smallest valid: ${next})`);
}

/**
 * The baseline for a release among the published versions: the newest lower stable version (prereleases
 * only when the new version is one), restricted to the new version's major line for LTS branches.
 */
export function pickBaseline(published: string[], newVersion: string, options: { line: boolean }): string | undefined {
  const current = parseVersion(newVersion);
  const candidates = published
    .map((v) => semver.parse(v))
    .filter((v): v is semver.SemVer => v !== null)
    .filter((v) => semver.lt(v, current))
    .filter((v) => v.prerelease.length === 0 || current.prerelease.length > 0)
    .filter((v) => !options.line || v.major === current.major);
  return candidates.sort(semver.rcompare)[0]?.version;
}
