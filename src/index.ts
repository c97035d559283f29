// The library API: the same functions the CLI uses, without console output or process.exit.
export { check, diff, next, readSurface, type Baseline, type CheckOptions, type CheckReport, type DiffOptions, type DiffReport, type Verdict } from './engine/diff.js';
export { checkVersion, nextVersion, pickBaseline, type VersionCheck, type VersionPolicy } from './versions/arithmetic.js';
export { defaultPolicy, loadPolicy, parsePolicy, type Policy } from './config/policy.js';
export { analyze, type Analysis } from './engine/analyze.js';
export type { Bump } from './engine/bump.js';
export type { Finding, Side, WitnessResult } from './engine/findings.js';
export { catalog } from './rules/catalog.js';
export type { Rule } from './rules/define.js';
export { InputError } from './load/input-error.js';
export type { ApiSurface, ApiItem, TypeExpr } from './model/surface.js';
