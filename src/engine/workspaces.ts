import path from 'node:path';
import { minimatch } from 'minimatch';
import { formatInputError, InputError } from '../core/input-error.js';
import { NoDeclarations } from '../model/declarationless.js';
import { workspacePackages, type WorkspacePackage } from '../load/workspaces.js';
import { checkReleases } from './check.js';
import type { CheckReport } from './diff-report.js';
import { mergeIgnoreUses, type IgnoreUse } from './ignores.js';
import { readReleasePair } from './release-pair.js';
import { startRun, type CheckOptions } from './run.js';
import { shardOf, type Shard } from './shards.js';

export interface WorkspaceResult {
  dir: string;
  name: string;
  /** The package's `check` report, as for a single package. */
  report?: CheckReport;
  /** Set when the package was not checked because there is nothing to check (a JavaScript-only package). */
  skipped?: string;
  /** Set when the package could not be checked (bad input): the message, as the CLI would print it. */
  error?: string;
}

export interface WorkspaceOptions extends CheckOptions {
  /** Only the packages with these names. */
  packages?: string[];
  /** Leave out packages whose name or folder matches one of these globs. */
  exclude?: string[];
  /** Check only this shard's part of the selected packages (see shardOf). */
  shard?: Shard;
}

export interface WorkspaceRun {
  /** By folder. */
  results: WorkspaceResult[];
  /** How many packages the selection holds, in every shard together. */
  selected: number;
  /** Each policy file's `ignore` entries, and whether each accepted a finding in any package checked. */
  ignores: IgnoreUse[];
}

/**
 * `check` for every public package of a workspace, each against its own default baseline, with the same
 * options (changesets included) as a single package.
 */
export async function checkWorkspaces(root: string, options: WorkspaceOptions): Promise<WorkspaceRun> {
  const results: WorkspaceResult[] = [];
  const ignores: IgnoreUse[] = [];
  const packages = selected(await workspacePackages(root), options);
  for (const pkg of options.shard ? shardOf(packages, options.shard) : packages) {
    options.onProgress?.(`checking ${pkg.name}`);
    try {
      const run = startRun({ ...options, cwd: root });
      const checked = await checkReleases(await readReleasePair(undefined, path.join(root, pkg.dir), run), run, true);
      results.push({ ...pkg, report: checked.report });
      if (checked.ignores) ignores.push(checked.ignores);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A JavaScript-only package of a mixed monorepo has no API to diff: a note, not a failure of the run.
      if (error instanceof NoDeclarations) results.push({ ...pkg, skipped: `no types to check (${error.message})` });
      else results.push({ ...pkg, error: formatInputError(error) });
    }
  }
  return { results, selected: packages.length, ignores: mergeIgnoreUses(ignores) };
}

function selected(packages: WorkspacePackage[], options: WorkspaceOptions): WorkspacePackage[] {
  const wanted = options.packages ?? [];
  const unknown = wanted.filter((name) => !packages.some((p) => p.name === name));
  if (unknown.length) throw new InputError(`--package ${unknown.join(', ')}: no public package of the workspace has that name (${packages.map((p) => p.name).join(', ')})`);
  const excluded = (p: WorkspacePackage) => (options.exclude ?? []).some((glob) => minimatch(p.name, glob) || minimatch(p.dir, glob));
  return packages.filter((p) => (wanted.length === 0 || wanted.includes(p.name)) && !excluded(p));
}
