// The library API: the same functions the CLI uses, without console output or process.exit. Each reads the
// releases its specs name once, then runs the engine's command on them.
export type { Baseline } from './engine/baseline.js';
export type { CheckReport, DiffReport, Verdict } from './engine/diff-report.js';
export type { CheckOptions, DiffOptions } from './engine/run.js';
export { checkVersion, nextVersion, pickBaseline, type VersionCheck, type VersionPolicy } from './versions/arithmetic.js';
export { defaultPolicy, loadPolicy, parsePolicy, type Policy } from './config/policy.js';
export type { Analysis } from './engine/analyze.js';
export type { Bump } from './core/bump.js';
export type { Finding, FindingLocation, WitnessResult } from './engine/findings.js';
export { rules, type RuleInfo } from './rules/info.js';
export { InputError } from './core/input-error.js';
export type { ApiSurface, ApiItem, TypeExpr } from './model/surface.js';

import { defaultPolicy, type Policy } from './config/policy.js';
import { analyze as runCatalog, type Analysis } from './engine/analyze.js';
import { checkReleases } from './engine/check.js';
import { diffReleases, type CheckReport, type DiffReport } from './engine/diff-report.js';
import { nextVersionOf } from './engine/next-version.js';
import { readReleasePair } from './engine/release-pair.js';
import { readRelease } from './engine/releases.js';
import { startRun, type CheckOptions, type DiffOptions } from './engine/run.js';
import type { ApiSurface } from './model/surface.js';
import type { Bump } from './core/bump.js';

/** Diffs two releases: the changes and the bump they need under the project's policy. */
export async function diff(oldSpec: string, newSpec: string, options: DiffOptions = {}): Promise<DiffReport> {
  const run = startRun(options);
  return diffReleases(await readReleasePair(oldSpec, newSpec, run), run, true);
}

/**
 * Diffs two releases and checks that the new release's version number is enough for its changes. Without
 * an old release, the baseline is the newest published version (or version tag) below the new one.
 */
export async function check(oldSpec: string | undefined, newSpec: string, options: CheckOptions = {}): Promise<CheckReport> {
  const run = startRun(options);
  return (await checkReleases(await readReleasePair(oldSpec, newSpec, run), run, false)).report;
}

/** The smallest valid version for the new release, from the old release's version and the changes' bump. */
export async function next(oldSpec: string | undefined, newSpec: string, options: CheckOptions = {}): Promise<{ next: string; required: Bump; bump: Bump }> {
  const run = startRun(options);
  return nextVersionOf(await readReleasePair(oldSpec, newSpec, run), run);
}

/** Reads a release spec and extracts its API surface: plain data that serialises to JSON. */
export async function readSurface(spec: string, options: DiffOptions = {}): Promise<ApiSurface> {
  return (await readRelease(spec, startRun(options))).surface;
}

/** The findings for two surfaces under a policy; witnesses need the releases' files, so `diff` writes them. */
export function analyze(old: ApiSurface, next: ApiSurface, policy: Policy = defaultPolicy): Analysis {
  return runCatalog(old, next, policy);
}
