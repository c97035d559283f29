import type { Policy } from '../config/policy.js';
import type { SourceOptions } from '../load/package-files.js';
import { TimeBudget } from './time-budget.js';

export interface DiffOptions extends SourceOptions {
  cwd?: string;
  /** Where surfaces of immutable releases (npm, git, tarballs) are cached; `false` for no cache. */
  surfaceCache?: string | false;
  /** A policy file to use instead of the one found beside the new release or in cwd. */
  config?: string;
  /** A policy given directly (library use); wins over any file. */
  policy?: Policy;
  /** Write a witness for every major finding and compile it against both releases. */
  verify?: boolean;
  /**
   * Seconds one comparison (both releases read and analysed, witnesses compiled) may take; past it the run
   * stops with an InputError naming the declaration being resolved. 0 or absent: no limit.
   */
  timeout?: number;
}

export interface CheckOptions extends DiffOptions {
  /** Versions to use instead of the releases' package.json "version". */
  oldVersion?: string;
  newVersion?: string;
  /** LTS lines: the baseline must be on the new version's major line. */
  baselineLine?: boolean;
  /** A `.changeset` folder: check the pending changesets' declared bump instead of the new version number. */
  changesets?: string;
}

/**
 * One comparison: where the user stands (files in messages are named relative to it), what they asked for, and
 * the clock that reading, analysing and verifying both releases run against.
 */
export interface Run {
  cwd: string;
  options: CheckOptions;
  budget: TimeBudget;
}

export function startRun(options: CheckOptions): Run {
  return { cwd: options.cwd ?? process.cwd(), options, budget: new TimeBudget(options.timeout) };
}
