// The library API: the same functions the CLI uses, without console output or process.exit.
export { check, diff, next, readSurface, type Baseline, type CheckOptions, type CheckReport, type DiffOptions, type DiffReport, type Verdict } from './engine/diff.js';
export { checkVersion, nextVersion, pickBaseline, type VersionCheck, type VersionPolicy } from './versions/arithmetic.js';
export { defaultPolicy, loadPolicy, parsePolicy, type Policy } from './config/policy.js';
export type { Analysis } from './engine/analyze.js';
export type { Bump } from './versions/bump.js';
export type { Finding, Side, WitnessResult } from './engine/findings.js';
export { rules, type RuleInfo } from './rules/info.js';
export { InputError } from './load/input-error.js';
export type { ApiSurface, ApiItem, TypeExpr } from './model/surface.js';

import { defaultPolicy, type Policy } from './config/policy.js';
import { analyze as runCatalog, type Analysis } from './engine/analyze.js';
import type { ApiSurface } from './model/surface.js';

/** The findings for two surfaces under a policy; witnesses need the releases' files, so `diff` writes them. */
export function analyze(old: ApiSurface, next: ApiSurface, policy: Policy = defaultPolicy): Analysis {
  return runCatalog(old, next, policy);
}
