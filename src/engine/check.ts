import path from 'node:path';
import { checkChangesets, readChangesets, type ChangesetCheck } from '../config/changesets.js';
import { InputError } from '../core/input-error.js';
import { compareReleases } from './compare.js';
import { versionCheck } from './version-check.js';
import { remarks, warned, type CheckReport, type Verdict } from './diff-report.js';
import { unmatchedIgnores, type IgnoreUse } from './ignores.js';
import type { ReleasePair } from './release-pair.js';
import { declaredWhere } from './releases.js';
import type { Run } from './run.js';

/**
 * The `check` command: the diff, and whether the new release's version (or, with `changesets`, the pending
 * changesets) declares enough for it. With `shareIgnores` the policy's `ignore` entries that matched nothing
 * are not warned about but returned: a workspace decides that over all the packages that share a policy file.
 */
export async function checkReleases(pair: ReleasePair, run: Run, shareIgnores: boolean): Promise<{ report: CheckReport; ignores?: IgnoreUse }> {
  const { next, baseline } = pair;
  const { cwd, options } = run;
  const { bump, findings, stale, ignores } = await compareReleases(pair, run, true);
  const changed = findings.some((f) => f.accepted === undefined);
  const versions = versionCheck(pair, bump, changed, run);
  const shown = { ...baseline, ...(baseline.spec !== undefined ? { version: versions.old } : {}) };
  const warnings = warned([...stale, ...(shareIgnores ? [] : unmatchedIgnores(ignores ? [ignores] : []))], options);
  const report = { schemaVersion: 1 as const, bump, baseline: shown, findings, versions, ...remarks(pair.old, next, warnings) };
  const shared = shareIgnores && ignores ? { ignores } : {};
  const checked = (verdict: Verdict, changesets?: ChangesetCheck) => ({ report: { ...report, ...(changesets ? { changesets } : {}), verdict }, ...shared });
  if (!options.changesets) return checked({ ok: versions.ok, by: 'version', reason: versions.reason });
  // With changesets the version is bumped at release time: what counts is the bump they declare.
  const name = next.files.packageJson?.['name'];
  if (typeof name !== 'string') throw new InputError('no "name" to look up in the changesets', declaredWhere(next.files, cwd));
  const changesets = checkChangesets(await readChangesets(path.resolve(cwd, options.changesets), name, options.onWarning), versions.required, changed, name);
  return checked({ ok: changesets.ok, by: 'changesets', reason: changesets.reason }, changesets);
}
