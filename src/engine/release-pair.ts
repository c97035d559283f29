import { loadPolicy, type Policy } from '../config/policy.js';
import { NoDeclarations } from '../model/declarationless.js';
import { catalog } from '../rules/catalog.js';
import { defaultBaseline, type Baseline } from './baseline.js';
import { declaredVersion, declaredWhere, readRelease, UNRELEASED, type Release } from './releases.js';
import type { Run } from './run.js';

/** What a command compares: both releases, each read once, how the old one was chosen, and the policy that judges them. */
export interface ReleasePair {
  old: Release;
  next: Release;
  baseline: Baseline;
  policy: Policy;
  /** Where the policy was found, as the user names it; absent for the defaults or a policy given directly. */
  policyFile?: string;
}

const NAMED = 'named as the old release';

/**
 * Reads the new release, finds its policy, and reads the old release: the one named or, without one (`check`
 * with one argument), the baseline found from the new release's name and version. A package released nowhere
 * is compared with nothing.
 */
export async function readReleasePair(oldSpec: string | undefined, newSpec: string, run: Run): Promise<ReleasePair> {
  const next = await readRelease(newSpec, run);
  const policy = await policyFor(next, run);
  const baseline = oldSpec === undefined ? await findBaseline(next, policy.policy, run) : { spec: oldSpec, reason: NAMED };
  if (baseline.spec === undefined && next.surface.declarationless) {
    throw new NoDeclarations('the package ships no type declarations and was never released: there is no API to check');
  }
  const old = baseline.spec === undefined ? UNRELEASED : await readRelease(baseline.spec, run);
  return { old, next, baseline, ...policy };
}

/** Two releases already read, the old one named by the user, under the new one's policy. */
export async function pairOf(old: Release, next: Release, run: Run): Promise<ReleasePair> {
  return { old, next, baseline: { spec: old.spec, reason: NAMED }, ...(await policyFor(next, run)) };
}

async function findBaseline(next: Release, policy: Policy, run: Run): Promise<Baseline> {
  const { cwd, options, budget } = run;
  const newVersion = declaredVersion(options.newVersion, next.files, '--new-version', cwd);
  options.onProgress?.('looking for the baseline');
  budget.doing('looking for the baseline');
  return budget.race(defaultBaseline(next.files, newVersion, { ...options, cwd, line: options.baselineLine ?? policy.baselineLine }));
}

async function policyFor(next: Release, run: Run): Promise<{ policy: Policy; policyFile?: string }> {
  const { cwd, options } = run;
  if (options.policy) return { policy: options.policy };
  const source = {
    ...(options.config ? { config: options.config } : {}),
    folders: [next.files.root, cwd],
    ...(next.files.packageJson ? { packageJson: next.files.packageJson } : {}),
    packageJsonFile: declaredWhere(next.files, cwd),
    cwd,
  };
  const { policy, file } = await loadPolicy(source, catalog.map((r) => r.id));
  return { policy, ...(file !== undefined ? { policyFile: file } : {}) };
}
