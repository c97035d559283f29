import type { DiffReport } from '../engine/diff-report.js';
import { BUMPS } from '../core/bump.js';
import type { Finding } from '../engine/findings.js';
import { notedMessage } from './finding-notes.js';
import { baselineLine } from './text.js';
import { settled, witnessCounts, witnessVerdict } from './witness-lines.js';

/** Bots look for this line to find and update their one sticky comment instead of posting a new one. */
export const MARKDOWN_MARKER = '<!-- api-semver -->';

/** A pull-request comment (also a GitHub step summary): the verdict first, then the findings by bump. */
export function renderMarkdown(report: DiffReport): string {
  const counted = report.findings.filter((f) => f.accepted === undefined);
  const accepted = report.findings.filter((f) => f.accepted !== undefined);
  const lines = [MARKDOWN_MARKER, headline(report, counted.length)];
  if (report.baseline) lines.push('', `Baseline: ${inline(baselineLine(report.baseline))}`);
  if (report.verdict && !report.verdict.ok) lines.push('', `**Check failed** (${report.verdict.by}): ${inline(report.verdict.reason)}`);
  lines.push(...warningLines(report.warnings ?? []));
  if (report.findings.length === 0) return lines.join('\n') + '\n';

  const counts = BUMPS.map((bump) => `${bump}: ${counted.filter((f) => f.bump === bump).length}`);
  if (accepted.length) counts.push(`accepted: ${accepted.length}`);
  const witnesses = witnessCounts(report.findings);
  if (witnesses) counts.push(`witnesses: ${witnesses}`);
  lines.push('', counts.join(' · '));
  if (report.changesets) lines.push('', `Changesets: ${inline(report.changesets.reason)}`);
  else if (report.versions) {
    const { old, new: declared, reason } = report.versions;
    lines.push('', `Version ${inline(old)} → ${inline(declared)}: ${inline(reason)}`);
  }

  for (const bump of BUMPS) {
    const group = counted.filter((f) => f.bump === bump);
    if (group.length === 0) continue;
    lines.push('', `### ${bump} (${group.length})`, '', '| API path | rule | message |', '| --- | --- | --- |');
    for (const f of group) lines.push(row([code(f.path), code(f.rule), messageCell(f)]));
  }
  if (accepted.length) {
    lines.push('', `### accepted by the policy, not counted (${accepted.length})`, '');
    lines.push('| API path | rule | bump | message | reason |', '| --- | --- | --- | --- | --- |');
    for (const f of accepted) lines.push(row([code(f.path), code(f.rule), f.bump, messageCell(f), inline(f.accepted ?? '')]));
  }

  // Same order as the tables, so a reader can match the two.
  const ordered = [...BUMPS.flatMap((bump) => counted.filter((f) => f.bump === bump)), ...accepted];
  const signatures = ordered.flatMap(signatureBlock);
  if (signatures.length) lines.push('', '<details><summary>Signatures</summary>', ...signatures, '', '</details>');
  const witnessBlocks = ordered.flatMap(witnessBlock);
  if (witnessBlocks.length) {
    lines.push('', '<details><summary>Witnesses: consumer code that compiles against the old release and not against the new</summary>', ...witnessBlocks, '', '</details>');
  }
  return lines.join('\n') + '\n';
}

/** Probable mistakes (stale declarations, unused policy entries), each on its own line after the verdict. */
export function warningLines(warnings: readonly string[]): string[] {
  return warnings.flatMap((warning) => ['', `⚠️ Warning: ${inline(warning)}`]);
}

function headline(report: DiffReport, counted: number): string {
  const verdict = counted ? `Requires **${report.bump}**` : 'No API changes';
  const versions = report.versions;
  if (!versions) return verdict;
  // The mark is the check's verdict: with changesets the version number is bumped later and does not count.
  const ok = report.verdict?.ok ?? versions.ok;
  const declared = report.changesets
    ? `changesets declare ${inline(report.changesets.declared ?? 'nothing')}, needs ${inline(report.changesets.required)}`
    : `declared ${inline(versions.new)}, needs ${inline(versions.next)}`;
  return `${verdict} (${declared}) ${ok ? '✅' : '❌'}`;
}

/**
 * The message with its notes ("(@beta: capped at minor)"), after a bold prefix, so that a reviewer scanning the
 * first words of each row still sees that the verdict is soft.
 */
function messageCell(f: Finding): string {
  const marks = [
    ...(f.undecided ? ['**undecided**'] : []),
    ...(f.stability !== undefined ? [`**capped** ${code(`@${f.stability}`)}`] : []),
    ...(f.witness ? [witnessMark(f)] : []),
  ];
  return [...marks, inline(notedMessage(f))].join(' ');
}

function witnessMark(f: Finding): string {
  const witness = f.witness!;
  if (witness.possible && witness.status === 'verified') return '✨ now possible';
  if (settled(f)) return '**settled** by the compiler:';
  return { verified: '✅ verified', refuted: '⚠️ **refuted**', unverified: 'unverified' }[witness.status];
}

function witnessBlock(f: Finding): string[] {
  const witness = f.witness;
  if (!witness) return [];
  const head = ['', `${code(f.path)} · ${code(f.rule)} · ${inline(witnessVerdict(f))}`];
  if (!witness.code) return head;
  const fence = '`'.repeat(Math.max(3, longestRun(witness.code, '`') + 1));
  return [...head, '', `${fence}ts`, witness.code.trimEnd(), fence];
}

function signatureBlock(f: Finding): string[] {
  const oldSig = f.old?.signature;
  const newSig = f.new?.signature;
  // Nothing to show when the declaration text did not change (a tag added, for instance).
  if (oldSig === newSig) return [];
  const body = [...prefixed('- ', oldSig), ...prefixed('+ ', newSig)];
  const fence = '`'.repeat(Math.max(3, longestRun(body.join('\n'), '`') + 1));
  // The source line, where a declaration map leads to one: the line a reviewer finds in the pull request's diff.
  const source = (f.new ?? f.old)?.source;
  const at = source ? ` · ${code(`${source.file}:${source.line}`)}` : '';
  return ['', `${code(f.path)} · ${code(f.rule)}${at}`, '', `${fence}diff`, ...body, fence];
}

function prefixed(sign: string, text: string | undefined): string[] {
  return text === undefined ? [] : text.split(/\r?\n/).map((line) => sign + line);
}

export function row(cells: string[]): string {
  // GFM splits rows on `|` before parsing inlines, so a pipe must be escaped even inside a code span.
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/**
 * Plain text in Markdown: punctuation that could start emphasis, code, links, HTML (`Box<T>` would vanish as a
 * tag), strikethrough or GitHub's `$…$` math (template literal types) is backslash-escaped; `@word` goes into a code span, because GitHub turns it into a
 * mention and would notify whoever owns that user name (`@beta`) every time the comment is updated.
 */
export function inline(text: string): string {
  return oneLine(text)
    .split(/((?<![\w`])@[A-Za-z0-9][\w-]*)/)
    .map((part, i) => (i % 2 === 1 ? code(part) : part.replace(/[\\`*_[\]<>~&$]/g, '\\$&')))
    .join('');
}

/** A code span that survives any content: a fence longer than any backtick run inside, padded when needed. */
export function code(text: string): string {
  const content = oneLine(text);
  if (content === '') return '';
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = /^[` ]|[` ]$/.test(content) && content.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
