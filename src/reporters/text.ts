import type { DiffReport } from '../engine/diff.js';
import type { Bump } from '../engine/bump.js';
import type { Finding, Side } from '../engine/findings.js';
import { witnessCounts, witnessVerdict } from './witness-lines.js';

export interface TextOptions {
  color: boolean;
}

const colors: Record<Bump | 'dim' | 'bold', string> = {
  major: '\u001b[31m',
  minor: '\u001b[33m',
  patch: '\u001b[32m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
};

/** Findings grouped by bump, most severe first, each with the old → new declaration and where it is. */
export function renderText(report: DiffReport, options: TextOptions): string {
  const paint = (style: keyof typeof colors, text: string) => (options.color ? `${colors[style]}${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counted = report.findings.filter((f) => f.accepted === undefined);
  const accepted = report.findings.filter((f) => f.accepted !== undefined);
  const count = counted.length;
  lines.push(`${paint('bold', 'Required bump:')} ${paint(report.bump, report.bump)} (${count} ${count === 1 ? 'change' : 'changes'})`);
  const witnesses = witnessCounts(report.findings);
  if (witnesses) lines.push(`${paint('bold', 'Witnesses:')} ${witnesses}`);
  for (const note of report.notes ?? []) lines.push(`${paint('bold', 'Note:')} ${note}`);
  const versions = report.versions;
  if (report.changesets) {
    const verdict = report.changesets.ok ? paint('patch', 'ok') : paint('major', 'not enough');
    lines.push(`${paint('bold', 'Changesets:')} ${verdict} (${report.changesets.reason})`);
  } else if (versions) {
    const verdict = versions.ok ? paint('patch', 'ok') : paint('major', 'not enough');
    lines.push(`${paint('bold', 'Version:')} ${versions.old} → ${versions.new}: ${verdict} (${versions.reason})`);
  }
  for (const bump of ['major', 'minor', 'patch'] as const) {
    const group = counted.filter((f) => f.bump === bump);
    if (group.length === 0) continue;
    lines.push('', paint(bump, `${bump} (${group.length})`));
    for (const finding of group) lines.push(...renderFinding(finding, paint));
  }
  if (accepted.length) {
    lines.push('', paint('dim', `accepted by the policy, not counted (${accepted.length})`));
    for (const finding of accepted) lines.push(...renderFinding(finding, paint), `    accepted: ${finding.accepted}`);
  }
  return lines.join('\n') + '\n';
}

function renderFinding(finding: Finding, paint: (style: keyof typeof colors, text: string) => string): string[] {
  const lines = [`  ${finding.path}  ${paint('dim', `[${finding.rule}]`)}`, `    ${finding.message}`];
  const side = (label: string, s: Side | undefined) =>
    s?.signature ? [`    ${label} ${s.signature}${s.line ? paint('dim', `  (${s.file}:${s.line})`) : ''}`] : [];
  if (finding.old?.signature !== finding.new?.signature) {
    lines.push(...side('-', finding.old), ...side('+', finding.new));
  }
  const witness = finding.witness;
  if (witness) {
    lines.push(`    ${paint(witness.status === 'refuted' ? 'major' : 'dim', `witness ${witnessVerdict(witness)}`)}`);
    if (witness.code && witness.status !== 'unverified') lines.push(...witness.code.trimEnd().split('\n').map((l) => paint('dim', `      │ ${l}`.trimEnd())));
  }
  return lines;
}
