import type { WorkspaceResult } from '../engine/workspaces.js';
import { escapeData, escapeProperty, joinPrefix, renderGithub, warningAnnotations } from './github.js';
import { code, inline, MARKDOWN_MARKER, renderMarkdown, row as tableRow, warningLines } from './markdown.js';
import { renderSarifLog, sarifRun, type SarifOptions, type SarifRule } from './sarif.js';
import { renderText, type TextOptions } from './text.js';

/** One row of the summary: the package, its versions, its bump and how its check came out. */
function row(r: WorkspaceResult): string[] {
  const versions = r.report?.versions;
  const result = r.error ? 'error' : r.skipped ? 'skipped' : r.report?.verdict?.ok ? 'ok' : 'not enough';
  return [r.name, versions?.old ?? '', versions?.new ?? '', r.report?.bump ?? '', versions?.next ?? '', result];
}

const header = ['package', 'old', 'new', 'bump', 'next', 'result'];

/** Why a package failed, could not be checked or was skipped; undefined when it passed. */
function problem(r: WorkspaceResult): string | undefined {
  if (r.error) return r.error;
  if (r.skipped) return `skipped: ${r.skipped}`;
  return r.report?.verdict?.ok === false ? r.report.verdict.reason : undefined;
}

/**
 * `check --workspaces` for a terminal: the summary table, the reasons, the run's warnings (policy entries no
 * package used), then each checked package's report.
 */
export function renderWorkspaces(results: WorkspaceResult[], options: TextOptions = { color: false }, warnings: readonly string[] = []): string {
  const table = [header, ...results.map(row)];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  const lines = table.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  const problems = results.flatMap((r) => (problem(r) ? [`${r.name}: ${problem(r)}`] : []));
  const reports = results.flatMap((r) => (r.report && r.report.findings.length ? ['', `== ${r.name} (${r.dir})`, renderText(r.report, options).trimEnd()] : []));
  const warned = warnings.map((warning) => `Warning: ${warning}`);
  return [...lines, ...(problems.length ? ['', ...problems] : []), ...(warned.length ? ['', ...warned] : []), ...reports].join('\n') + '\n';
}

/** One comment (and job summary) for the workspace: the summary table, then each package's report as a section. */
export function renderWorkspacesMarkdown(results: WorkspaceResult[], warnings: readonly string[] = []): string {
  const failing = results.filter((r) => r.error || r.report?.verdict?.ok === false).length;
  const headline = failing ? `API check of ${results.length} packages: ${failing} failing ❌` : `API check of ${results.length} packages ✅`;
  const cell = (text: string, column: number) => (column === 0 ? code(text) : inline(text));
  const lines = [
    MARKDOWN_MARKER,
    headline,
    '',
    tableRow(header),
    tableRow(header.map(() => '---')),
    ...results.map((r) => tableRow(row(r).map(cell))),
    ...warningLines(warnings),
  ];
  for (const r of results) {
    lines.push('', `## ${code(r.name)} (${inline(r.dir)})`, '');
    if (r.report) lines.push(renderMarkdown(r.report).slice(MARKDOWN_MARKER.length + 1).trimEnd());
    else lines.push(inline(problem(r) ?? ''));
  }
  return lines.join('\n') + '\n';
}

/** Annotations for every package, on repository paths; a package that could not be checked is an error, a skipped one a notice. */
export function renderWorkspacesGithub(results: WorkspaceResult[], options: { pathPrefix?: string; warnings?: readonly string[] } = {}): string {
  const warned = warningAnnotations(options.warnings ?? []).map((line) => `${line}\n`);
  return results
    .map((r) => {
      if (r.report) return renderGithub(r.report, { pathPrefix: joinPrefix(options.pathPrefix, r.dir) });
      const level = r.error ? 'error' : 'notice';
      return `::${level} title=${escapeProperty(`api-semver: ${r.name} ${r.error ? 'could not be checked' : 'skipped'}`)}::${escapeData(problem(r) ?? '')}\n`;
    })
    .concat(warned)
    .join('');
}

/** SARIF with one run per checked package, its files named from the repository root. */
export function renderWorkspacesSarif(results: WorkspaceResult[], rules: ReadonlyArray<SarifRule>, options: SarifOptions): string {
  return renderSarifLog(results.flatMap((r) => (r.report ? [sarifRun(r.report, rules, { ...options, pathPrefix: joinPrefix(options.pathPrefix, r.dir) })] : [])));
}
