import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseGitSpec, readGitFile } from '../load/git.js';
import { InputError } from '../core/input-error.js';
import { cacheRoot } from '../load/npm.js';
import { loadRelease, type PackageFiles } from '../load/package-files.js';
import { parseApiReport } from '../model/api-report.js';
import { buildSurface } from '../model/build.js';
import type { ApiSurface } from '../model/surface.js';
import { parseVersion } from '../versions/arithmetic.js';
import type { Run } from './run.js';
import { cachedSurface } from './surface-cache.js';

/** A release read once for a whole command: its files and the API surface built from them. */
export interface Release {
  /** As the user named it (`npm:x@1.0.0`, `.`, `api/x.api.md`), for messages. */
  spec: string;
  files: PackageFiles;
  surface: ApiSurface;
}

/** The old side of a package that was never released: no files, no API, and "nothing" in messages. */
export const UNRELEASED: Release = { spec: 'nothing', files: { root: '', files: new Map(), entries: [] }, surface: { entries: [], items: {} } };

/** Reads a release spec (an `.api.md` report stands in for the release it describes) and builds its surface. */
export async function readRelease(spec: string, run: Run): Promise<Release> {
  const { cwd, options, budget } = run;
  if (spec.endsWith('.api.md')) return readApiReport(spec, cwd);
  budget.doing(`reading ${spec}`);
  const files = await budget.race(loadRelease(spec, cwd, { ...options, bounded: (task) => budget.run(task) }));
  options.onProgress?.(`analysing ${files.source ?? (path.relative(cwd, files.root) || '.')}`);
  return { spec, files, surface: await surfaceOf(files, `analysing ${files.source ?? spec}`, run) };
}

/** The API surface of a release's files (from the surface cache where the release cannot change). */
export async function surfaceOf(files: PackageFiles, doing: string, run: Run): Promise<ApiSurface> {
  const { cwd, options, budget } = run;
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
    if (error instanceof InputError && error.file) throw new InputError(error.message, files.source ? `${files.source}:${error.file}` : shownFile(files, error.file, cwd), error.line);
    throw error;
  }
}

/**
 * A committed API report stands in for the release it describes: its surface and its name and version. As
 * `git:<ref>:<file>` it is read from that commit, so a pull request that regenerates the report cannot make
 * its own report the baseline.
 */
async function readApiReport(spec: string, cwd: string): Promise<Release> {
  const inGit = parseGitSpec(spec);
  if (inGit) return apiReportRelease(await readGitFile(inGit.ref, inGit.subdir, cwd), spec, { root: cwd, shownAs: inGit.subdir });
  const file = path.resolve(cwd, spec);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === 'ENOENT' ? 'path does not exist' : `cannot read: ${error.message}`, spec);
  });
  return apiReportRelease(text, spec, { root: path.dirname(file), shownAs: spec });
}

/** The release an API report's text describes; `shownAs`: the report's file as `api-semver report -o` would name it. */
export function apiReportRelease(text: string, spec: string, where: { root: string; shownAs: string }): Release {
  const report = parseApiReport(text, spec, where.shownAs);
  if (!report) throw new InputError('not an api-semver API report (no surface block): regenerate it with api-semver report', spec);
  const packageJson = { ...(report.header.name ? { name: report.header.name } : {}), ...(report.header.version ? { version: report.header.version } : {}) };
  return { spec, files: { root: where.root, files: new Map(), packageJson, entries: [] }, surface: report.surface };
}

/** A file of a release in a folder, as the user names it: relative to where they stand. */
export function shownFile(files: PackageFiles, file: string, cwd: string): string {
  return path.relative(cwd, path.join(files.root, file)).split(path.sep).join('/');
}

/** The release's package.json, as the user names it. */
export function declaredWhere(files: PackageFiles, cwd: string): string {
  return shownFile(files, 'package.json', cwd);
}

/** The version a release declares, or the one given with `flag` instead: a valid semantic version. */
export function declaredVersion(given: string | undefined, files: PackageFiles, flag: string, cwd: string): string {
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
