import { readFile } from 'node:fs/promises';
import { InputError } from '../core/input-error.js';
import { byFolder } from '../load/workspaces.js';
import { mergeIgnoreUses, unmatchedIgnores, type IgnoreUse } from './ignores.js';
import { shardOf, type Shard } from './shards.js';
import type { WorkspaceResult, WorkspaceRun } from './workspaces.js';

/** `check --workspaces --format json`: one run over a workspace, or one shard of it. */
export interface WorkspaceReport {
  schemaVersion: 1;
  /** The build that wrote it: shards of one run must agree. */
  tool: { name: 'api-semver'; version: string };
  /** The options that decide which packages are checked and how: shards of one run must agree. */
  settings: Record<string, unknown>;
  /** Set when the run was one shard: which, and how many packages all shards hold together. */
  shard?: Shard & { packages: number };
  /** Each policy file's `ignore` entries and whether each accepted a finding (merging shards needs them all). */
  ignores?: IgnoreUse[];
  /** Probable mistakes of the whole run (not of a shard): `ignore` entries that matched no finding in any package. */
  warnings?: string[];
  /** By folder. */
  workspaces: WorkspaceResult[];
}

export interface RunIdentity {
  toolVersion: string;
  settings: Record<string, unknown>;
}

/** The report of a run; the shard's own fields only when it was one, so merged shards equal the unsharded run. */
export function workspaceReport(run: WorkspaceRun, identity: RunIdentity, shard?: Shard): WorkspaceReport {
  // A shard sees only some of the packages that share a policy file: merging decides what matched nothing.
  const warnings = shard ? [] : unmatchedIgnores(run.ignores);
  return {
    schemaVersion: 1,
    tool: { name: 'api-semver', version: identity.toolVersion },
    settings: identity.settings,
    ...(shard ? { shard: { ...shard, packages: run.selected } } : {}),
    ...(run.ignores.length ? { ignores: run.ignores } : {}),
    ...(warnings.length ? { warnings } : {}),
    workspaces: run.results,
  };
}

/** Reads the JSON reports of every shard of a run (files, in any order) and merges them into the run's report. */
export async function mergeShardFiles(files: string[]): Promise<WorkspaceReport> {
  const reports = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new InputError(error.code === 'ENOENT' ? 'path does not exist' : `cannot read: ${error.message}`, file);
      });
      return { file, report: parseShardReport(text, file) };
    }),
  );
  return mergeShards(reports);
}

type ShardReport = WorkspaceReport & { shard: Shard & { packages: number } };

/** One shard's report: its shape is checked as far as merging relies on it. */
function parseShardReport(text: string, file: string): ShardReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`, file);
  }
  const report = value as Partial<ShardReport> | null;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(report) || report.schemaVersion !== 1 || !Array.isArray(report.workspaces) || !isObject(report.tool) || !isObject(report.settings)) {
    throw new InputError('not a report of api-semver check --workspaces --format json', file);
  }
  const shard = report.shard;
  if (!isObject(shard) || ![shard.index, shard.count, shard.packages].every(Number.isInteger)) {
    throw new InputError('not the report of a shard (written without --shard): nothing to merge it with', file);
  }
  for (const [i, entry] of report.workspaces.entries()) {
    const result = entry as Partial<WorkspaceResult> | null;
    if (!isObject(result) || typeof result.dir !== 'string' || typeof result.name !== 'string' || !(isObject(result.report) || typeof result.skipped === 'string' || typeof result.error === 'string')) {
      throw new InputError(`workspaces[${i}]: expected { dir, name, report | skipped | error }`, file);
    }
  }
  const ignores = report.ignores ?? [];
  if (!Array.isArray(ignores) || !ignores.every((use) => isObject(use) && typeof use.file === 'string' && Array.isArray(use.ignore))) {
    throw new InputError('ignores: expected [{ file, ignore }]', file);
  }
  return report as ShardReport;
}

/**
 * The shards of one run merged: every shard exactly once, written by the same build with the same settings over
 * the same selection of packages, each holding the packages the assignment gives it. Anything else is an error
 * naming the file, since a merged report that silently lacks packages would pass a check that did not run.
 */
function mergeShards(reports: Array<{ file: string; report: ShardReport }>): WorkspaceReport {
  const [first] = reports;
  if (!first) throw new InputError('name the JSON report of every shard');
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const { count, packages } = first.report.shard;
  const byIndex = new Map<number, string>();
  for (const { file, report } of reports) {
    if (!same(report.tool, first.report.tool)) {
      throw new InputError(`written by api-semver ${report.tool.version}, ${first.file} by ${first.report.tool.version}: every shard must run the same version`, file);
    }
    const setting = Object.keys({ ...first.report.settings, ...report.settings }).find((key) => !same(report.settings[key], first.report.settings[key]));
    if (setting !== undefined) {
      throw new InputError(`run with other settings than ${first.file} (${setting}: ${JSON.stringify(report.settings[setting]) ?? 'unset'} against ${JSON.stringify(first.report.settings[setting]) ?? 'unset'})`, file);
    }
    if (report.shard.count !== count) throw new InputError(`shard ${report.shard.index}/${report.shard.count} of a run split in ${report.shard.count}, ${first.file} of one split in ${count}`, file);
    if (report.shard.packages !== packages) {
      throw new InputError(`its run selected ${report.shard.packages} packages, that of ${first.file} ${packages}: the shards ran on different workspaces`, file);
    }
    const twin = byIndex.get(report.shard.index);
    if (twin !== undefined) throw new InputError(`shard ${report.shard.index}/${count} again (also ${twin}): the shards overlap`, file);
    byIndex.set(report.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) throw new InputError(`${missing.map((index) => `shard ${index}/${count}`).join(', ')} missing: name the JSON report of every shard`);

  const holder = new Map<string, string>();
  for (const { file, report } of reports) {
    for (const { dir } of report.workspaces) {
      const other = holder.get(dir);
      if (other !== undefined) throw new InputError(`${dir} is checked here and in ${other}: the shards overlap`, file);
      holder.set(dir, file);
    }
  }
  const results = byFolder(reports.flatMap(({ report }) => report.workspaces));
  if (results.length !== packages) throw new InputError(`the shards hold ${results.length} packages, but their run selected ${packages}: the shards ran on different workspaces`);
  for (const { file, report } of reports) {
    const expected = shardOf(results, report.shard).map((r) => r.dir);
    if (!same(report.workspaces.map((r) => r.dir), expected)) {
      throw new InputError(`holds other packages than shard ${report.shard.index}/${count} of this workspace: the shards ran on different workspaces`, file);
    }
  }
  const ignores = mergeIgnoreUses(
    reports.flatMap(({ file, report }) =>
      (report.ignores ?? []).map((use) => {
        const other = reports.flatMap(({ report: r }) => r.ignores ?? []).find((u) => u.file === use.file);
        if (other && other.ignore.length !== use.ignore.length) throw new InputError(`the policy ${use.file} differs between the shards (${use.ignore.length} ignore entries, ${other.ignore.length} in another)`, file);
        return use;
      }),
    ),
  );
  return workspaceReport({ results, selected: packages, ignores }, { toolVersion: first.report.tool.version, settings: first.report.settings });
}
