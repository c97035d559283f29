import type { Finding, WitnessResult } from '../engine/findings.js';

/** `3 verified, 1 refuted`: how the witnesses of a report came out, in a fixed order; empty when none was written. */
export function witnessCounts(findings: readonly Finding[]): string {
  const statuses: WitnessResult['status'][] = ['verified', 'refuted', 'unverified'];
  return statuses
    .map((status) => [status, findings.filter((f) => f.witness?.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

/** One line on a witness's outcome: the new release's error when verified, the reason otherwise. */
export function witnessVerdict(witness: WitnessResult): string {
  if (witness.status === 'verified' && witness.error) {
    return `verified: against the new release, ${witness.error.line}:${witness.error.column} ${witness.error.message}`;
  }
  return `${witness.status}${witness.reason ? `: ${witness.reason}` : ''}`;
}
