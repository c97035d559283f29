import type { Pair, PairKind } from '../diff/pairs.js';
import type { PackageFiles } from '../load/package-files.js';
import type { ApiSurface } from '../model/surface.js';
import type { Rule } from '../rules/define.js';
import { ModuleNames } from '../witness/module-names.js';
import { Unbuildable } from '../witness/unbuildable.js';
import { compileWitnesses } from '../witness/verify.js';
import { Witness } from '../witness/witness.js';
import type { Finding, WitnessResult } from './findings.js';

/** The rule's consumer code for one breaking occurrence, not yet compiled. */
export function writeWitness(rule: Rule<PairKind>, pair: Pair, data: Record<string, string>, old: ApiSurface, packageName: string): WitnessResult {
  if (!rule.witness) return { status: 'unverified', reason: `${rule.id} has no witness builder` };
  if (typeof rule.witness !== 'function') return { status: 'unverified', reason: rule.witness.impossible };
  const witness = new Witness(new ModuleNames(old, packageName));
  try {
    rule.witness(pair as never, witness, data);
  } catch (error) {
    if (error instanceof Unbuildable) return { status: 'unverified', reason: error.message };
    throw error;
  }
  return { status: 'unverified', code: witness.render(), reason: 'not compiled yet' };
}

/**
 * Compiles the witnesses of a run against both releases (one Program per side) and sets each outcome. A
 * witness that already fails against the old release proves nothing: it stays unverified, with the error.
 */
export function verifyWitnesses(findings: Finding[], packageName: string, old: PackageFiles, next: PackageFiles): void {
  const pending = findings.filter((f) => f.witness?.code !== undefined && f.witness.status === 'unverified');
  if (!pending.length) return;
  const compiled = compileWitnesses(
    pending.map((f) => f.witness!.code!),
    packageName,
    old,
    next,
  );
  pending.forEach((finding, i) => {
    const { old: oldError, new: newError } = compiled[i]!;
    const code = finding.witness!.code!;
    if (oldError) {
      finding.witness = { status: 'unverified', code, reason: `the witness does not compile against the old release (${oldError.line}:${oldError.column} ${oldError.message})` };
    } else if (newError) {
      finding.witness = { status: 'verified', code, error: newError };
    } else {
      finding.witness = { status: 'refuted', code, reason: 'the witness compiles against the new release too: the finding is wrong' };
    }
  });
}
