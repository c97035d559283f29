import { nextVersion, parseVersion } from '../versions/arithmetic.js';
import type { Bump } from '../core/bump.js';
import { compareReleases } from './compare.js';
import type { ReleasePair } from './release-pair.js';
import { declaredVersion } from './releases.js';
import type { Run } from './run.js';

/** The `next` command: the smallest valid version for the new release (its own for a package never released). */
export async function nextVersionOf(pair: ReleasePair, run: Run): Promise<{ next: string; required: Bump; bump: Bump }> {
  const { cwd, options } = run;
  const { bump } = await compareReleases(pair, run, false);
  if (pair.baseline.spec === undefined) {
    return { next: parseVersion(declaredVersion(options.newVersion, pair.next.files, '--new-version', cwd)).version, required: 'patch', bump };
  }
  return { ...nextVersion(declaredVersion(options.oldVersion, pair.old.files, '--old-version', cwd), bump, pair.policy), bump };
}
