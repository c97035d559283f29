import type { Finding } from '../engine/findings.js';

/**
 * How a finding's witness came out, as reports name it: a verified positive witness shows what is "now possible",
 * and a refuted one on a finding below major "settled" it. Only a settlement leaves such a witness there (see
 * `settleRefuted` in engine/witnesses.ts): the compiler answered what the model left undecided, so that refutation
 * is the finding's evidence, not a false alarm.
 */
export function witnessLabel(finding: Finding): string {
  const witness = finding.witness!;
  if (witness.possible) return witness.status === 'verified' ? 'now possible' : `${witness.status} (now possible)`;
  return settled(finding) ? 'settled' : witness.status;
}

/** Whether the finding was settled by its witness's refutation (see `witnessLabel`). */
export function settled(finding: Finding): boolean {
  return finding.witness?.status === 'refuted' && !finding.witness.possible && finding.bump !== 'major';
}

/** `3 verified, 1 refuted`: how the witnesses of a report came out, in a fixed order; empty when none was written. */
export function witnessCounts(findings: readonly Finding[]): string {
  const labels = ['verified', 'refuted', 'unverified', 'settled', 'now possible', 'refuted (now possible)', 'unverified (now possible)'];
  const counted = findings.flatMap((f) => (f.witness ? [witnessLabel(f)] : []));
  return labels
    .map((label) => [label, counted.filter((l) => l === label).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

/** One line on a finding's witness: the error of the release that rejects it when verified, the reason otherwise. */
export function witnessVerdict(finding: Finding): string {
  const witness = finding.witness!;
  if (witness.status === 'verified' && witness.error) {
    const against = witness.possible ? 'old' : 'new';
    return `${witnessLabel(finding)}: against the ${against} release, ${witness.error.line}:${witness.error.column} ${witness.error.message}`;
  }
  return `${witnessLabel(finding)}${witness.reason ? `: ${witness.reason}` : ''}`;
}
