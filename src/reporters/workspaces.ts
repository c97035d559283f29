import type { WorkspaceRow } from '../engine/workspaces.js';

/** One summary table for `check --workspaces`: a row per package, then the reasons of the failures. */
export function renderWorkspaces(rows: WorkspaceRow[]): string {
  const table = [
    ['package', 'old', 'new', 'bump', 'next', 'result'],
    ...rows.map((r) => [r.name, r.old ?? '', r.new ?? '', r.bump ?? '', r.next ?? '', r.error ? 'error' : r.ok ? 'ok' : 'not enough']),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  const problems = rows.filter((r) => r.error || !r.ok).map((r) => `${r.name}: ${r.error ?? r.reason}`);
  return [...lines, ...(problems.length ? ['', ...problems] : [])].join('\n') + '\n';
}
