import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { defaultBaseline, type Baseline } from './baseline.js';
export type { Baseline } from './baseline.js';
import { checkChangesets, readChangesets, type ChangesetCheck } from '../config/changesets.js';
import { loadPolicy, type Policy } from '../config/policy.js';
import { parseGitSpec, readGitFile } from '../load/git.js';
import { InputError } from '../load/input-error.js';
import { cacheRoot } from '../load/npm.js';
import { loadRelease, type EntryPoint, type PackageFiles, type SourceOptions } from '../load/package-files.js';
import { cachedSurface } from './surface-cache.js';
import { TimeBudget } from './time-budget.js';
import { buildSurface } from '../model/build.js';
import { alignDeclarationless, NoDeclarations } from '../model/declarationless.js';
import type { ApiSurface } from '../model/surface.js';
import { parseApiReport, renderApiReport, reportSchema, SURFACE_SCHEMA } from '../model/api-report.js';
import { catalog } from '../rules/catalog.js';
import { checkVersion, nextVersion, parseVersion, type VersionCheck } from '../versions/arithmetic.js';
import { analyze, compareFindings, requiredBump } from './analyze.js';
import { ignoreUse, unmatchedIgnores, type IgnoreUse } from './ignores.js';
import { otherViews, type View } from './resolution-views.js';
import { staleDeclarations } from '../load/stale-declarations.js';
import { addSourceLocations } from './source-locations.js';
import { verifyWitnesses, witnessPackageName } from './witnesses.js';
import type { Bump } from './bump.js';
import type { Finding } from './findings.js';

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

interface Release {
  files: PackageFiles;
  surface: ApiSurface;
}

async function readRelease(spec: string, cwd: string, options: DiffOptions, budget: TimeBudget): Promise<Release> {
  if (spec.endsWith('.api.md')) return readReport(spec, cwd);
  budget.doing(`reading ${spec}`);
  const files = await budget.race(loadRelease(spec, cwd, { ...options, bounded: (task) => budget.run(task) }));
  options.onProgress?.(`analysing ${files.source ?? (path.relative(cwd, files.root) || '.')}`);
  return { files, surface: await surfaceOf(files, `analysing ${files.source ?? spec}`, cwd, options, budget) };
}

/** The API surface of a release's files (from the surface cache where the release cannot change). */
async function surfaceOf(files: PackageFiles, doing: string, cwd: string, options: DiffOptions, budget: TimeBudget): Promise<ApiSurface> {
  budget.doing(doing);
  try {
    const cache = options.surfaceCache ?? path.join(cacheRoot(), 'surfaces');
    const build = () =>
      budget.run(() =>
        buildSurface(files, (item) => {
          budget.activity.declaration = { path: item.path, ...item.location };
        }),
      );
    // Only releases that cannot change are cached: a working tree changes between runs.
    return files.source && cache ? await cachedSurface(files, cache, build, options.onWarning) : build();
  } catch (error) {
    // The model names files relative to the package; the user knows them relative to where they stand.
    if (error instanceof InputError && error.file) {
      const shown = files.source ? `${files.source}:${error.file}` : path.relative(cwd, path.join(files.root, error.file)).split(path.sep).join('/');
      throw new InputError(error.message, shown, error.line);
    }
    throw error;
  }
}

/**
 * A committed API report stands in for the release it describes: its surface and its name and version. As
 * `git:<ref>:<file>` it is read from that commit, so a pull request that regenerates the report cannot make
 * its own report the baseline.
 */
async function readReport(spec: string, cwd: string): Promise<Release> {
  const inGit = parseGitSpec(spec);
  const file = path.resolve(cwd, spec);
  const text = inGit
    ? await readGitFile(inGit.ref, inGit.subdir, cwd)
    : await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new InputError(error.code === 'ENOENT' ? 'path does not exist' : `cannot read: ${error.message}`, spec);
      });
  const report = parseApiReport(text, spec, inGit ? inGit.subdir : spec);
  if (!report) throw new InputError('not an api-semver API report (no surface block): regenerate it with api-semver report', spec);
  const packageJson = { ...(report.header.name ? { name: report.header.name } : {}), ...(report.header.version ? { version: report.header.version } : {}) };
  return { files: { root: inGit ? cwd : path.dirname(file), files: new Map(), packageJson, entries: [] }, surface: report.surface };
}

/** Reads a release spec and extracts its API surface: plain data that serialises to JSON. */
export async function readSurface(spec: string, options: DiffOptions = {}): Promise<ApiSurface> {
  return (await readRelease(spec, options.cwd ?? process.cwd(), options, new TimeBudget(options.timeout))).surface;
}

async function policyFor(next: Release, options: DiffOptions, cwd: string): Promise<{ policy: Policy; file?: string }> {
  if (options.policy) return { policy: options.policy };
  const source = {
    ...(options.config ? { config: options.config } : {}),
    folders: [next.files.root, cwd],
    ...(next.files.packageJson ? { packageJson: next.files.packageJson } : {}),
    packageJsonFile: declaredWhere(next.files, cwd),
    cwd,
  };
  return loadPolicy(source, catalog.map((r) => r.id));
}

const UNRELEASED: Release = { files: { root: '', files: new Map(), entries: [] }, surface: { entries: [], items: {} } };

/**
 * Reads both releases and diffs them. Without an old release (`check` with one argument) the baseline is
 * found from the new release's name and version; a package released nowhere is compared with nothing.
 */
async function compareReleases(oldSpec: string | undefined, newSpec: string, options: CheckOptions, lookForMistakes = true) {
  const cwd = options.cwd ?? process.cwd();
  const budget = new TimeBudget(options.timeout);
  const next = await readRelease(newSpec, cwd, options, budget);
  const { policy, file: policyFile } = await policyFor(next, options, cwd);
  let baseline: Baseline = { ...(oldSpec !== undefined ? { spec: oldSpec } : {}), reason: 'named as the old release' };
  if (oldSpec === undefined) {
    const newVersion = declaredVersion(options.newVersion, next.files, '--new-version', cwd);
    options.onProgress?.('looking for the baseline');
    budget.doing('looking for the baseline');
    baseline = await budget.race(defaultBaseline(next.files, newVersion, { ...options, cwd, line: options.baselineLine ?? policy.baselineLine }));
  }
  if (baseline.spec === undefined && next.surface.declarationless) {
    throw new NoDeclarations('the package ships no type declarations and was never released: there is no API to check');
  }
  const old = baseline.spec === undefined ? UNRELEASED : await readRelease(baseline.spec, cwd, options, budget);
  const packageName = witnessPackageName(old.files, next.files);
  const [oldSurface, newSurface] = alignDeclarationless(old.surface, next.surface);
  budget.doing(`comparing ${baseline.spec ?? 'nothing'} with ${newSpec}`);
  const { findings } = budget.run(() => analyze(oldSurface, newSurface, policy, catalog, options.verify ? { witnesses: packageName } : {}));
  if (options.verify) {
    options.onProgress?.('compiling witnesses');
    budget.doing(`compiling the witnesses of ${baseline.spec ?? 'nothing'} → ${newSpec} (consumer code for the major findings)`);
    budget.run(() => verifyRun(findings, packageName, old, next));
  }
  if (baseline.spec !== undefined) {
    for (const view of otherViews(old.files, next.files)) findings.push(...(await viewFindings(view, old, next, findings, packageName, policy, cwd, options, budget)));
    findings.sort(compareFindings);
  }
  const bump = requiredBump(findings);
  await addSourceLocations(findings, 'old', old.files);
  await addSourceLocations(findings, 'new', next.files);
  // Modification times of every declaration file: only worth reading when someone is told what they show.
  const stale = lookForMistakes ? await Promise.all([old, next].map((release) => staleDeclarations(release.files, (file) => shownFile(release.files, file, cwd)))) : [];
  const ignores = ignoreUse(policy, policyFile, findings);
  return { old, next, policy, bump, findings, cwd, baseline, stale: stale.filter((w): w is string => w !== undefined), ignores };
}

/** What the report says a reader should know besides the findings: how the API was found, probable mistakes. */
function remarks(old: Release, next: Release, warnings: string[]): Pick<DiffReport, 'notes' | 'warnings'> {
  const notes = [...(old.surface.notes ?? []).map((note) => `old: ${note}`), ...(next.surface.notes ?? []).map((note) => `new: ${note}`)];
  return { ...(notes.length ? { notes } : {}), ...(warnings.length ? { warnings } : {}) };
}

/** Probable mistakes go to stderr as they are found, and into the report, where CI shows them. */
function warned(warnings: string[], options: DiffOptions): string[] {
  for (const warning of warnings) options.onWarning?.(warning);
  return warnings;
}

/**
 * The findings only consumers of another resolution meet (`require` of a dual package's `.d.cts`, node10's
 * `types` field): each release analysed with that view's entry points, keeping what the ES module view did not
 * already report, noted with who it concerns, and with witnesses compiled against that view's files.
 */
async function viewFindings(
  view: View,
  old: Release,
  next: Release,
  known: Finding[],
  packageName: string,
  policy: Policy,
  cwd: string,
  options: DiffOptions,
  budget: TimeBudget,
): Promise<Finding[]> {
  const as = `as ${view.names.join(' and ')} resolution sees it`;
  const withEntries = async (release: Release, entries: EntryPoint[], which: string): Promise<Release> => {
    const files = { ...release.files, entries };
    // No entry point left for these consumers: the entry points are what was removed, not each export.
    if (!entries.length) return { files, surface: { entries: [], items: {} } };
    return { files, surface: await surfaceOf(files, `analysing ${release.files.source ?? `the ${which} release`} ${as}`, cwd, options, budget) };
  };
  const oldView = await withEntries(old, view.old, 'old');
  const nextView = await withEntries(next, view.new, 'new');
  budget.doing(`comparing the releases ${as}`);
  const { findings } = budget.run(() => analyze(oldView.surface, nextView.surface, policy, catalog, options.verify ? { witnesses: packageName } : {}));
  const seen = new Set(known.flatMap(findingKeys));
  const added = findings.filter((finding) => !findingKeys(finding).some((key) => seen.has(key)));
  for (const finding of added) finding.resolutions = [...view.names];
  if (options.verify) {
    budget.doing(`compiling the witnesses ${as}`);
    budget.run(() => verifyRun(added, packageName, oldView, nextView));
  }
  return added;
}

/**
 * What makes two findings the same change: the same path and message, or, since a CommonJS file often reaches
 * the same declarations another way (`export =` a namespace: `export=.Axios.get` for `Axios.get`), the same
 * rule, last name and declaration texts on both sides.
 */
function findingKeys(finding: Finding): string[] {
  const name = finding.path.slice(Math.max(finding.path.lastIndexOf('.'), finding.path.lastIndexOf(':')) + 1);
  const byPath = ['path', finding.rule, finding.bump, finding.path, finding.message].join('\0');
  if (finding.old?.signature === undefined && finding.new?.signature === undefined) return [byPath];
  return [byPath, ['text', finding.rule, finding.bump, name, finding.old?.signature ?? '', finding.new?.signature ?? ''].join('\0')];
}

/** Diffs two releases: the changes and the bump they need under the project's policy. */
export async function diff(oldSpec: string, newSpec: string, options: DiffOptions = {}): Promise<DiffReport> {
  return diffReleases(oldSpec, newSpec, options, true);
}

/** `warn`: say what is probably a mistake (not for a second look at releases already warned about). */
async function diffReleases(oldSpec: string, newSpec: string, options: DiffOptions, warn: boolean): Promise<DiffReport> {
  const { bump, findings, old, next, stale, ignores } = await compareReleases(oldSpec, newSpec, options, warn);
  const warnings = warn ? warned([...stale, ...unmatchedIgnores(ignores ? [ignores] : [])], options) : [];
  return { schemaVersion: 1, bump, findings, ...remarks(old, next, warnings) };
}

/**
 * Diffs two releases and checks that the new release's version number is enough for its changes. Without
 * an old release, the baseline is the newest published version (or version tag) below the new one.
 */
export async function check(oldSpec: string | undefined, newSpec: string, options: CheckOptions = {}): Promise<CheckReport> {
  return (await checkPackage(oldSpec, newSpec, options, false)).report;
}

/**
 * `check` of one package. With `shareIgnores` the policy's `ignore` entries that matched nothing are not warned
 * about but returned: a workspace decides that over all the packages that share a policy file.
 */
export async function checkPackage(
  oldSpec: string | undefined,
  newSpec: string,
  options: CheckOptions,
  shareIgnores: boolean,
): Promise<{ report: CheckReport; ignores?: IgnoreUse }> {
  const { old, next, policy, bump, findings, cwd, baseline, stale, ignores } = await compareReleases(oldSpec, newSpec, options);
  const newVersion = declaredVersion(options.newVersion, next.files, '--new-version', cwd);
  const changed = findings.some((f) => f.accepted === undefined);
  let versions: VersionCheck;
  if (baseline.spec === undefined) {
    versions = { old: 'unreleased', new: parseVersion(newVersion).version, required: 'patch', next: parseVersion(newVersion).version, ok: true, reason: baseline.reason };
  } else {
    const oldVersion = declaredVersion(options.oldVersion, old.files, '--old-version', cwd);
    if ((options.baselineLine ?? policy.baselineLine) && parseVersion(oldVersion).major !== parseVersion(newVersion).major) {
      throw new InputError(
        `baseline ${oldVersion} is not on the ${parseVersion(newVersion).major}.x line of ${newVersion} (baselineLine is on): compare against the newest ${parseVersion(newVersion).major}.x release`,
      );
    }
    versions = checkVersion(oldVersion, newVersion, bump, changed, policy);
  }
  const shown = { ...baseline, ...(baseline.spec !== undefined ? { version: versions.old } : {}) };
  const warnings = warned([...stale, ...(shareIgnores ? [] : unmatchedIgnores(ignores ? [ignores] : []))], options);
  const report = { schemaVersion: 1 as const, bump, baseline: shown, findings, versions, ...remarks(old, next, warnings) };
  const shared = shareIgnores && ignores ? { ignores } : {};
  const checked = (verdict: Verdict, changesets?: ChangesetCheck) => ({ report: { ...report, ...(changesets ? { changesets } : {}), verdict }, ...shared });
  if (!options.changesets) return checked({ ok: versions.ok, by: 'version', reason: versions.reason });
  // With changesets the version is bumped at release time: what counts is the bump they declare.
  const name = next.files.packageJson?.['name'];
  if (typeof name !== 'string') throw new InputError('no "name" to look up in the changesets', declaredWhere(next.files, cwd));
  const changesets = checkChangesets(await readChangesets(path.resolve(cwd, options.changesets), name, options.onWarning), versions.required, changed, name);
  return checked({ ok: changesets.ok, by: 'changesets', reason: changesets.reason }, changesets);
}

/** The smallest valid version for the new release, from the old release's version and the changes' bump. */
export async function next(oldSpec: string | undefined, newSpec: string, options: CheckOptions = {}): Promise<{ next: string; required: Bump; bump: Bump }> {
  const { old, next: release, policy, bump, cwd, baseline } = await compareReleases(oldSpec, newSpec, options, false);
  if (baseline.spec === undefined) {
    const version = declaredVersion(options.newVersion, release.files, '--new-version', cwd);
    return { next: parseVersion(version).version, required: 'patch', bump };
  }
  const oldVersion = declaredVersion(options.oldVersion, old.files, '--old-version', cwd);
  return { ...nextVersion(oldVersion, bump, policy), bump };
}

/** The API report of a release, as `api-semver report` writes it. */
export async function apiReport(spec: string, options: DiffOptions = {}): Promise<string> {
  const { files, surface } = await readRelease(spec, options.cwd ?? process.cwd(), options, new TimeBudget(options.timeout));
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

/** Compares a committed API report with the release it should describe. */
export async function checkReport(reportFile: string, spec: string, options: DiffOptions = {}): Promise<ReportCheck> {
  const cwd = options.cwd ?? process.cwd();
  const current = await apiReport(spec, options);
  const committed = await readFile(path.resolve(cwd, reportFile), 'utf8').catch(() => '');
  const upToDate = committed === current;
  const readable = (text: string) => text.slice(0, text.lastIndexOf('```json api-semver-surface'));
  const patch = upToDate ? '' : createTwoFilesPatch(`${reportFile} (committed)`, `${reportFile} (current)`, readable(committed), readable(current), '', '', { context: 2 });
  // A committed report of another schema version is simply out of date: --update-report must still rewrite it.
  const comparable = reportSchema(committed) === SURFACE_SCHEMA;
  const changes = comparable ? await diffReleases(reportFile, spec, options, false) : { schemaVersion: 1 as const, bump: 'patch' as const, findings: [] };
  return { upToDate, patch, changes, current };
}

function verifyRun(findings: Finding[], packageName: string, old: Release, next: Release): void {
  // An API report keeps the surface, not the declarations: there is nothing to compile a witness against.
  const missing = [old, next].find((release) => release.files.files.size === 0);
  if (!missing) return verifyWitnesses(findings, packageName, old.files, next.files);
  const reason = `the ${missing === old ? 'old' : 'new'} release was read from an API report or was never released: there are no declarations to compile against`;
  for (const finding of findings) if (finding.witness?.code) finding.witness = { ...finding.witness, status: 'unverified', reason };
}

function declaredWhere(files: PackageFiles, cwd: string): string {
  return shownFile(files, 'package.json', cwd);
}

/** A file of a release in a folder, as the user names it: relative to where they stand. */
function shownFile(files: PackageFiles, file: string, cwd: string): string {
  return path.relative(cwd, path.join(files.root, file)).split(path.sep).join('/');
}

function declaredVersion(given: string | undefined, files: PackageFiles, flag: string, cwd: string): string {
  const version = given ?? files.packageJson?.['version'];
  const where = given !== undefined ? flag : declaredWhere(files, cwd);
  if (typeof version !== 'string') throw new InputError(`no "version" to check: pass ${flag}`, where);
  try {
    parseVersion(version);
  } catch {
    throw new InputError(`"${version}" is not a valid semantic version`, where);
  }
  return version;
}
