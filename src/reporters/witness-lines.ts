import type { Finding, WitnessResult } from '../engine/findings.js';

/** How a witness came out, as reports name it: a verified positive witness shows what is "now possible". */
export function witnessLabel(witness: WitnessResult): string {
  if (witness.possible) return witness.status === 'verified' ? 'now possible' : `${witness.status} (now possible)`;
  return witness.status;
}

/** `3 verified, 1 refuted`: how the witnesses of a report came out, in a fixed order; empty when none was written. */
export function witnessCounts(findings: readonly Finding[]): string {
  const labels = ['verified', 'refuted', 'unverified', 'now possible', 'refuted (now possible)', 'unverified (now possible)'];
  const counted = findings.flatMap((f) => (f.witness ? [witnessLabel(f.witness)] : []));
  return labels
    .map((label) => [label, counted.filter((l) => l === label).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

/** One line on a witness's outcome: the error of the release that rejects it when verified, the reason otherwise. */
export function witnessVerdict(witness: WitnessResult): string {
  if (witness.status === 'verified' && witness.error) {
    const against = witness.possible ? 'old' : 'new';
    return `${witnessLabel(witness)}: against the ${against} release, ${witness.error.line}:${witness.error.column} ${witness.error.message}`;
  }
  return `${witnessLabel(witness)}${witness.reason ? `: ${witness.reason}` : ''}`;
}
