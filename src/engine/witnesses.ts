import type { Pair, PairKind } from '../diff/pairs.js';
import { typedPackageOf } from '../load/imports.js';
import { formatInputError, InputError } from '../core/input-error.js';
import type { PackageFiles } from '../load/package-files.js';
import type { ApiSurface } from '../model/surface.js';
import type { FindingData, Rule, WitnessBuilder } from '../rules/define.js';
import { ModuleNames } from '../witness/module-names.js';
import { Unbuildable } from '../witness/unbuildable.js';
import { compileWitnesses, type Compiled } from '../witness/verify.js';
import { resolveOldResults, type Filled } from '../witness/old-results.js';
import { Witness, type SettledRelation, type Settlement } from '../witness/witness.js';
import type { Finding, WitnessResult } from './findings.js';
import type { Side } from '../core/side.js';

/** Witnesses import the package by its old name (a consumer's import), or by a placeholder for unnamed folders. */
export function witnessPackageName(old: PackageFiles, next: PackageFiles): string {
  const name = old.packageJson?.['name'] ?? next.packageJson?.['name'];
  // TypeScript refuses `import ... from "@types/x"`: consumers of a types package import `x`.
  return typeof name === 'string' && name ? typedPackageOf(name) : 'the-package';
}

/** The rule's consumer code for one breaking occurrence, not yet compiled. */
export function writeWitness(rule: Rule<PairKind>, pair: Pair, data: FindingData, old: ApiSurface, packageName: string): WitnessResult {
  if (!rule.witness) return { status: 'unverified', reason: `${rule.id} has no witness builder` };
  if (typeof rule.witness !== 'function') return { status: 'unverified', reason: rule.witness.impossible };
  return build(rule.witness, pair, data, old, packageName, 'old');
}

/** Code that only the new release accepts, for a minor occurrence, written against the new surface; not yet compiled. */
export function writePossible(builder: WitnessBuilder<PairKind>, pair: Pair, data: FindingData, next: ApiSurface, packageName: string): WitnessResult {
  return { ...build(builder, pair, data, next, packageName, 'new'), possible: true };
}

/**
 * Other modules that show a finding, by the witness written for it: tried where that one is refuted (it may
 * only have been too weak). Bookkeeping between writing and compiling, never part of a report.
 */
const alternativesOf = new WeakMap<WitnessResult, string[]>();

/**
 * What an undecided finding becomes where its witness, of a conclusive form, comes out refuted (the rule's
 * `settle`, under the policy): `null` where the policy turns that rule off, undefined where the rule keeps it.
 */
export type Resettle = (relation: SettledRelation) => Finding | null | undefined;

/** The claims of conclusive witnesses (see `Witness.settles`) and how their findings are then reported, as bookkeeping. */
const settlementOf = new WeakMap<WitnessResult, Settlement>();
const resettleOf = new WeakMap<WitnessResult, Resettle>();

/** Lets a refutation of the finding's witness settle it, where the witness is of a conclusive form. */
export function offerSettlement(witness: WitnessResult, resettle: Resettle): void {
  if (settlementOf.has(witness)) resettleOf.set(witness, resettle);
}

/** Why a settled finding's witness compiles against the new release, by what it showed. */
const SETTLED: Record<SettledRelation, string> = {
  equal:
    'the witness compiles against the new release too: the checker relates the new type and the old definition both ways, with nothing generic in either: no consumer can observe the change',
  wider:
    "the witness compiles against the new release too: every type argument the old constraint admits, at the generic's own parameters and at the concrete ones tried, the new one admits",
};

/**
 * Types the model keeps as the checker's text are written out in full: a conditional type that nests its
 * alternatives can come to a megabyte (type-fest 6), and checking that costs the compiler minutes.
 */
const MAX_WITNESS_CHARS = 32 * 1024;

function build(
  builder: WitnessBuilder<PairKind>,
  pair: Pair,
  data: FindingData,
  surface: ApiSurface,
  packageName: string,
  side: Side,
): WitnessResult {
  const witness = new Witness(new ModuleNames(surface, packageName, pair.path), side);
  // Rendering names the modules the witness imports, which may itself show that no consumer can import one.
  try {
    builder(pair, witness, data);
    const code = witness.render();
    if (code.length > MAX_WITNESS_CHARS) {
      return { status: 'unverified', reason: `the old types written out take ${Math.round(code.length / 1024)} KiB: too large a witness to compile` };
    }
    const result: WitnessResult = { status: 'unverified', code, reason: 'not compiled yet' };
    const alternatives = witness.alternatives.filter((a) => a.length <= MAX_WITNESS_CHARS);
    alternativesOf.set(result, alternatives);
    const claim = witness.settlement();
    if (claim && (!claim.corroborated || alternatives.length)) settlementOf.set(result, claim);
    return result;
  } catch (error) {
    if (error instanceof Unbuildable) return { status: 'unverified', reason: error.message };
    throw error;
  }
}

/** `verifyWitnesses` where both releases have declarations; otherwise each witness is left unverified, saying why. */
export function verifyFindings(findings: Finding[], packageName: string, old: PackageFiles, next: PackageFiles): void {
  // An API report keeps the surface, not the declarations: there is nothing to compile a witness against.
  const missing = [old, next].find((release) => release.files.size === 0);
  if (!missing) return verifyWitnesses(findings, packageName, old, next);
  const reason = `the ${missing === old ? 'old' : 'new'} release was read from an API report or was never released: there are no declarations to compile against`;
  for (const finding of findings) if (finding.witness?.code) finding.witness = { ...finding.witness, status: 'unverified', reason };
}

/**
 * Compiles the witnesses of a run against both releases (one Program per side) and sets each outcome. A
 * witness that already fails against the old release proves nothing: it stays unverified, with the error.
 */
export function verifyWitnesses(findings: Finding[], packageName: string, old: PackageFiles, next: PackageFiles): void {
  const pending = findings.filter((f) => f.witness?.code !== undefined && f.witness.status === 'unverified');
  if (!pending.length) return;
  const alternatives = new Map(pending.map((f) => [f, alternativesOf.get(f.witness!) ?? []]));
  const claims = new Map(pending.flatMap((f) => claimOf(f)));
  try {
    judge(withOldResults(pending, packageName, old, next), (f) => [f.witness!.code!], packageName, old, next);
  } catch (error) {
    // The releases were read and analysed already: a failure here is the witnesses' alone, not the report's.
    if (!(error instanceof InputError)) throw error;
    const reason = `the witnesses could not be compiled: ${formatInputError(error)}`;
    for (const finding of pending) finding.witness = { ...finding.witness!, status: 'unverified', reason };
    return;
  }
  // A refuted witness may only have been too weak, and one that does not compile against the old release may
  // have written an old type unfaithfully: their alternatives are compiled (in Programs of their own, for these
  // few findings only) and the first one verified stands for it.
  const weak = pending.filter((f) => (f.witness!.status === 'refuted' || f.witness!.reason?.startsWith(failsAgainst('old'))) && alternatives.get(f)!.length);
  // What the alternatives of a conclusive witness showed, refuted by the main one: how many agree with it, and
  // whether one could not be checked against the old release (then the old definition was written unfaithfully).
  const evidence = new Map([...claims.keys()].filter((f) => f.witness!.status === 'refuted').map((f) => [f, { agreeing: 0, faithful: true }]));
  const filled = resolveOldResults(weak.flatMap((f) => alternatives.get(f)!), packageName, old, next);
  let at = 0;
  // An alternative whose every use the new release resolves as the old one did cannot verify the finding.
  const usable = (result: Filled | undefined): result is Filled => result !== undefined && !result.agrees;
  for (const finding of weak) {
    const results = alternatives.get(finding)!.map(() => filled[at++]);
    const seen = evidence.get(finding);
    if (seen) seen.agreeing += results.filter((r) => r?.agrees).length;
    alternatives.set(finding, results.filter(usable).map((f) => f.code));
  }
  const tried = weak.filter((f) => alternatives.get(f)!.length);
  const statuses = tried.length ? judge(tried, (f) => alternatives.get(f)!, packageName, old, next, 'verified') : [];
  tried.forEach((finding, i) => {
    const seen = evidence.get(finding);
    if (!seen) return;
    seen.agreeing += statuses[i]!.filter((s) => s === 'refuted').length;
    seen.faithful &&= statuses[i]!.every((s) => s === 'refuted');
  });
  for (const [finding, seen] of evidence) {
    const { claim, resettle } = claims.get(finding)!;
    if (finding.witness!.status === 'refuted' && seen.faithful && (!claim.corroborated || seen.agreeing > 0)) settleRefuted(findings, finding, claim.relation, resettle);
  }
}

/** The claim of a finding's conclusive witness and how its finding is then reported, where there are both. */
function claimOf(finding: Finding): Array<[Finding, { claim: Settlement; resettle: Resettle }]> {
  const [claim, resettle] = [settlementOf.get(finding.witness!), resettleOf.get(finding.witness!)];
  return claim && resettle && finding.undecided ? [[finding, { claim, resettle }]] : [];
}

/**
 * An undecided finding whose conclusive witness the new release compiles too: the compiler has answered what
 * the model could not, and the finding is reported with the bump that answer implies (see README, "How a change
 * is judged"), in place of the conservative one.
 */
function settleRefuted(findings: Finding[], finding: Finding, relation: SettledRelation, resettle: Resettle): void {
  const settled = resettle(relation);
  if (settled === undefined) return;
  const at = findings.indexOf(finding);
  if (settled === null) findings.splice(at, 1);
  else findings[at] = { ...settled, witness: { ...finding.witness!, reason: SETTLED[relation] } };
}

/** The reason a witness proves nothing, which the retry of alternatives above also reads: it fails where it was written. */
const failsAgainst = (side: Side) => `the witness does not compile against the ${side} release`;

/**
 * The findings whose witnesses hold the old release's results (see witness/old-results.ts) with those filled in,
 * to be compiled. One left with no result it could fill in is unverified, saying so; one whose every use the new
 * release resolves to the old result is refuted, as compiling it would show.
 */
function withOldResults(findings: Finding[], packageName: string, old: PackageFiles, next: PackageFiles): Finding[] {
  const filled = resolveOldResults(findings.map((f) => f.witness!.code!), packageName, old, next);
  return findings.filter((finding, i) => {
    const result = filled[i];
    if (result === undefined) {
      finding.witness = { status: 'unverified', reason: 'the old release resolves the type to no closed type (literals and structure only) at any argument tried' };
    } else if (result.agrees) {
      finding.witness = { status: 'refuted', code: result.code, reason: 'the new release resolves the type to the same closed type as the old one at every argument tried: the finding is wrong' };
    } else {
      finding.witness = { ...finding.witness!, code: result.code };
    }
    return result !== undefined && !result.agrees;
  });
}

/**
 * Compiles each finding's codes against both releases and sets its witness: the first code verified, else
 * the first judged by itself (only if `only` is that status). Returns how each code came out, by finding.
 */
function judge(
  findings: Finding[],
  codesOf: (f: Finding) => string[],
  packageName: string,
  old: PackageFiles,
  next: PackageFiles,
  only?: WitnessResult['status'],
): Array<Array<WitnessResult['status']>> {
  const codes = findings.map(codesOf);
  const compiled = compileOnce(
    codes.flat(),
    findings.flatMap((f, i) => codes[i]!.map(() => (f.witness!.possible ? 'new' : 'old'))),
    packageName,
    old,
    next,
  );
  let first = 0;
  return findings.map((finding, i) => {
    // A positive witness makes the opposite claim: it must compile against the new release and fail against the old.
    const possible = finding.witness!.possible === true;
    const [accepting, rejecting] = possible ? (['new', 'old'] as const) : (['old', 'new'] as const);
    const outcomes = compiled.slice(first, (first += codes[i]!.length));
    const statuses = outcomes.map((o) => (o.crashed || o[accepting] ? 'unverified' : o[rejecting] ? 'verified' : 'refuted'));
    const chosen = Math.max(0, outcomes.findIndex((o) => !o.crashed && !o[accepting] && o[rejecting]));
    const code = codes[i]![chosen]!;
    const acceptingError = outcomes[chosen]![accepting];
    const rejectingError = outcomes[chosen]![rejecting];
    const flag = possible ? { possible: true as const } : {};
    const crashed = outcomes[chosen]!.crashed;
    let result: WitnessResult;
    if (crashed) {
      result = { status: 'unverified', ...flag, code, reason: `the compiler failed while checking the witness (${crashed})` };
    } else if (acceptingError) {
      const reason = `${failsAgainst(accepting)} (${acceptingError.line}:${acceptingError.column} ${acceptingError.message})`;
      result = { status: 'unverified', ...flag, code, reason };
    } else if (rejectingError) {
      result = { status: 'verified', ...flag, code, error: rejectingError };
    } else {
      result = { status: 'refuted', ...flag, code, reason: `the witness compiles against the ${rejecting} release too: the finding is wrong` };
    }
    if (only !== undefined && result.status !== only) return statuses;
    finding.witness = result;
    // A break the compiler proved is decided, whatever the model could not settle.
    if (result.status === 'verified' && !possible) {
      delete finding.undecided;
      delete finding.undecidedReason;
    }
    return statuses;
  });
}

/** `compileWitnesses`, each distinct text compiled once: findings often share one (an overload removed from several exported aliases of a function). */
function compileOnce(codes: readonly string[], accepting: readonly Side[], packageName: string, old: PackageFiles, next: PackageFiles): Compiled[] {
  const keys = codes.map((code, i) => `${accepting[i]!}\u0000${code}`);
  const unique = [...new Map(keys.map((key, i) => [key, i])).values()];
  const results = compileWitnesses(
    unique.map((i) => codes[i]!),
    packageName,
    old,
    next,
    unique.map((i) => accepting[i]!),
  );
  const byKey = new Map(unique.map((i, n) => [keys[i]!, results[n]!]));
  return keys.map((key) => byKey.get(key)!);
}

