import type { DiffReport } from '../engine/diff-report.js';

/** The JSON contract (schemaVersion 1): stable key order, two-space indent, trailing newline. */
export function renderJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
