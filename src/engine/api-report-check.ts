import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { renderApiReport, reportSchema, SURFACE_SCHEMA } from '../model/api-report.js';
import { diffReleases, type DiffReport } from './diff-report.js';
import { pairOf } from './release-pair.js';
import { apiReportRelease, type Release } from './releases.js';
import { startRun, type Run } from './run.js';

/** The API report of a release, as `api-semver report` writes it. */
export function apiReportOf({ files, surface }: Release): string {
  const name = files.packageJson?.['name'];
  const version = files.packageJson?.['version'];
  return renderApiReport(surface, { ...(typeof name === 'string' ? { name } : {}), ...(typeof version === 'string' ? { version } : {}) });
}

export interface ReportCheck {
  upToDate: boolean;
  /** A unified diff of the report's readable part, committed → current; empty when up to date. */
  patch: string;
  /** The changes since the committed report and the bump they need. */
  changes: DiffReport;
  /** The current report, to write with --update-report. */
  current: string;
}

/**
 * Compares a committed API report with the release it should describe, already read (for `check --report`, the
 * release the check read). The changes are a comparison of their own, on its own clock, without witnesses: the
 * report keeps no declarations to compile them against.
 */
export async function checkApiReport(reportFile: string, release: Release, run: Run): Promise<ReportCheck> {
  const current = apiReportOf(release);
  const file = path.resolve(run.cwd, reportFile);
  const committed = await readFile(file, 'utf8').catch(() => '');
  const upToDate = committed === current;
  const readable = (text: string) => text.slice(0, text.lastIndexOf('```json api-semver-surface'));
  const patch = upToDate ? '' : createTwoFilesPatch(`${reportFile} (committed)`, `${reportFile} (current)`, readable(committed), readable(current), '', '', { context: 2 });
  // A committed report of another schema version is simply out of date: --update-report must still rewrite it.
  if (reportSchema(committed) !== SURFACE_SCHEMA) return { upToDate, patch, changes: { schemaVersion: 1, bump: 'patch', findings: [] }, current };
  const reportRun = startRun({ ...run.options, verify: false });
  const old = apiReportRelease(committed, reportFile, { root: path.dirname(file), shownAs: reportFile });
  return { upToDate, patch, changes: await diffReleases(await pairOf(old, release, reportRun), reportRun, false), current };
}
