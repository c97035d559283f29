import { InputError } from '../core/input-error.js';
import { checkVersion, parseVersion, type VersionCheck } from '../versions/arithmetic.js';
import type { Bump } from '../core/bump.js';
import type { ReleasePair } from './release-pair.js';
import { declaredVersion } from './releases.js';
import type { Run } from './run.js';

/** The versions both releases declare, and whether the new one is enough for the changes (`changed`: any not accepted). */
export function versionCheck(pair: ReleasePair, bump: Bump, changed: boolean, run: Run): VersionCheck {
  const { old, next, baseline, policy } = pair;
  const { cwd, options } = run;
  const newVersion = declaredVersion(options.newVersion, next.files, '--new-version', cwd);
  if (baseline.spec === undefined) {
    return { old: 'unreleased', new: parseVersion(newVersion).version, required: 'patch', next: parseVersion(newVersion).version, ok: true, reason: baseline.reason };
  }
  const oldVersion = declaredVersion(options.oldVersion, old.files, '--old-version', cwd);
  if ((options.baselineLine ?? policy.baselineLine) && parseVersion(oldVersion).major !== parseVersion(newVersion).major) {
    throw new InputError(
      `baseline ${oldVersion} is not on the ${parseVersion(newVersion).major}.x line of ${newVersion} (baselineLine is on): compare against the newest ${parseVersion(newVersion).major}.x release`,
    );
  }
  return checkVersion(oldVersion, newVersion, bump, changed, policy);
}
