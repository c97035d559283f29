import type { Baseline } from '../engine/baseline.js';
import type { DiffReport } from '../engine/diff-report.js';
import { BUMPS, type Bump } from '../core/bump.js';
import type { Finding, FindingLocation } from '../engine/findings.js';
import { notedMessage } from './finding-notes.js';
import { settled, witnessCounts, witnessVerdict } from './witness-lines.js';

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
  if (report.baseline) lines.push(`${paint('bold', 'Baseline:')} ${baselineLine(report.baseline)}`);
  for (const note of report.notes ?? []) lines.push(`${paint('bold', 'Note:')} ${note}`);
  for (const warning of report.warnings ?? []) lines.push(`${paint('minor', 'Warning:')} ${warning}`);
  const versions = report.versions;
  if (report.changesets) {
    lines.push(`${paint('bold', 'Changesets:')} ${verdictWord(report.changesets.ok, paint)} (${report.changesets.reason})`);
  } else if (versions) {
    lines.push(`${paint('bold', 'Version:')} ${versions.old} → ${versions.new}: ${verdictWord(versions.ok, paint)} (${versions.reason})`);
  }
  // The verdict's own line only when something else decided it (a stale API report).
  if (report.verdict?.by === 'report') lines.push(`${paint('bold', 'API report:')} ${paint('major', 'out of date')} (${report.verdict.reason})`);
  for (const bump of BUMPS) {
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
  const lines = [`  ${finding.path}  ${paint('dim', `[${finding.rule}]`)}`, `    ${notedMessage(finding)}`];
  const side = (label: string, s: FindingLocation | undefined) =>
    s?.signature ? [`    ${label} ${s.signature}${s.line ? paint('dim', `  (${where(s)})`) : ''}`] : [];
  if (finding.old?.signature !== finding.new?.signature) {
    lines.push(...side('-', finding.old), ...side('+', finding.new));
  }
  const witness = finding.witness;
  if (witness) {
    lines.push(`    ${paint(witness.status === 'refuted' && !settled(finding) ? 'major' : 'dim', `witness ${witnessVerdict(finding)}`)}`);
    if (witness.code && witness.status !== 'unverified') lines.push(...witness.code.trimEnd().split('\n').map((l) => paint('dim', `      │ ${l}`.trimEnd())));
  }
  return lines;
}

type Paint = (style: keyof typeof colors, text: string) => string;

const verdictWord = (ok: boolean, paint: Paint) => (ok ? paint('patch', 'ok') : paint('major', 'not enough'));

/** `npm:x@1.0.0 (1.0.0 is published on npm …)`, or `none (… never released …)`. */
export function baselineLine(baseline: Baseline): string {
  return `${baseline.spec ?? 'none'} (${baseline.reason})`;
}

/** `index.d.ts:5`, or the source line a declaration map leads to: what a reader opens in the editor. */
function where(side: FindingLocation): string {
  const at = side.source ?? side;
  return `${at.file}:${at.line}`;
}
