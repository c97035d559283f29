import type { ChangesetCheck } from '../config/changesets.js';
import type { VersionCheck } from '../versions/arithmetic.js';
import type { Bump } from '../core/bump.js';
import type { Baseline } from './baseline.js';
import { compareReleases } from './compare.js';
import type { Finding } from './findings.js';
import { unmatchedIgnores } from './ignores.js';
import type { ReleasePair } from './release-pair.js';
import type { Release } from './releases.js';
import type { DiffOptions, Run } from './run.js';

export interface DiffReport {
  schemaVersion: 1;
  bump: Bump;
  /** Set by `check`: the outcome that decides the exit code, and why; every format shows this one. */
  verdict?: Verdict;
  /** Set by `check`: the release compared with, and why that one. */
  baseline?: Baseline;
  findings: Finding[];
  /** Set by `check`: the declared versions and whether the new one is enough. */
  versions?: VersionCheck;
  /** Set by `check --changesets`: the pending changesets and whether they declare enough. */
  changesets?: ChangesetCheck;
  /** How each release's API was found, where a reader should know (`old: …`, `new: …`): see ApiSurface.notes. Set by `diff` and `check`. */
  notes?: string[];
  /** What is probably a mistake: declarations older than their sources, policy `ignore` entries that matched nothing. */
  warnings?: string[];
}

export interface Verdict {
  ok: boolean;
  /** What was checked: the declared version, the pending changesets, or the committed API report. */
  by: 'version' | 'changesets' | 'report';
  reason: string;
}

/** What `check` returns: a diff with its baseline, the versions and the verdict. */
export type CheckReport = DiffReport & { versions: VersionCheck; verdict: Verdict; baseline: Baseline };

/** The `diff` command: the changes between two releases and the bump they need. `warn`: say what is probably a mistake. */
export async function diffReleases(pair: ReleasePair, run: Run, warn: boolean): Promise<DiffReport> {
  const { bump, findings, stale, ignores } = await compareReleases(pair, run, warn);
  const warnings = warn ? warned([...stale, ...unmatchedIgnores(ignores ? [ignores] : [])], run.options) : [];
  return { schemaVersion: 1, bump, findings, ...remarks(pair.old, pair.next, warnings) };
}

/** What the report says a reader should know besides the findings: how the API was found, probable mistakes. */
export function remarks(old: Release, next: Release, warnings: string[]): Pick<DiffReport, 'notes' | 'warnings'> {
  const notes = [...(old.surface.notes ?? []).map((note) => `old: ${note}`), ...(next.surface.notes ?? []).map((note) => `new: ${note}`)];
  return { ...(notes.length ? { notes } : {}), ...(warnings.length ? { warnings } : {}) };
}

/** Probable mistakes go to stderr as they are found, and into the report, where CI shows them. */
export function warned(warnings: string[], options: DiffOptions): string[] {
  for (const warning of warnings) options.onWarning?.(warning);
  return warnings;
}
