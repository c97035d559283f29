import path from 'node:path';
import { loadPolicy, type Policy } from '../config/policy.js';
import { InputError } from '../load/input-error.js';
import { loadRelease, type PackageFiles } from '../load/package-files.js';
import { buildSurface } from '../model/build.js';
import type { ApiSurface } from '../model/surface.js';
import { catalog } from '../rules/catalog.js';
import { checkVersion, nextVersion, parseVersion, type VersionCheck } from '../versions/arithmetic.js';
import { analyze } from './analyze.js';
import type { Bump } from './bump.js';
import type { Finding } from './findings.js';

export interface DiffReport {
  schemaVersion: 1;
  bump: Bump;
  findings: Finding[];
  /** Set by `check`: the declared versions and whether the new one is enough. */
  versions?: VersionCheck;
}

export interface DiffOptions {
  cwd?: string;
  /** A policy file to use instead of the one found beside the new release or in cwd. */
  config?: string;
  /** A policy given directly (library use); wins over any file. */
  policy?: Policy;
}

export interface CheckOptions extends DiffOptions {
  /** Versions to use instead of the releases' package.json "version". */
  oldVersion?: string;
  newVersion?: string;
  /** LTS lines: the baseline must be on the new version's major line. */
  baselineLine?: boolean;
}

interface Release {
  files: PackageFiles;
  surface: ApiSurface;
}

async function readRelease(spec: string, cwd: string): Promise<Release> {
  const files = await loadRelease(spec, cwd);
  try {
    return { files, surface: buildSurface(files) };
  } catch (error) {
    // The model names files relative to the package; the user knows them relative to where they stand.
    if (error instanceof InputError && error.file) {
      const shown = path.relative(cwd, path.join(files.root, error.file)).split(path.sep).join('/');
      throw new InputError(error.message, shown, error.line);
    }
    throw error;
  }
}

/** Reads a release spec and extracts its API surface: plain data that serialises to JSON. */
export async function readSurface(spec: string, options: DiffOptions = {}): Promise<ApiSurface> {
  return (await readRelease(spec, options.cwd ?? process.cwd())).surface;
}

async function compareReleases(oldSpec: string, newSpec: string, options: DiffOptions) {
  const cwd = options.cwd ?? process.cwd();
  const old = await readRelease(oldSpec, cwd);
  const next = await readRelease(newSpec, cwd);
  const policy =
    options.policy ??
    (
      await loadPolicy(
        {
          ...(options.config ? { config: options.config } : {}),
          folders: [next.files.root, cwd],
          ...(next.files.packageJson ? { packageJson: next.files.packageJson } : {}),
          packageJsonFile: path.relative(cwd, path.join(next.files.root, 'package.json')).split(path.sep).join('/'),
          cwd,
        },
        catalog.map((r) => r.id),
      )
    ).policy;
  const { bump, findings } = analyze(old.surface, next.surface, policy);
  return { old, next, policy, bump, findings, cwd };
}

/** Diffs two releases: the changes and the bump they need under the project's policy. */
export async function diff(oldSpec: string, newSpec: string, options: DiffOptions = {}): Promise<DiffReport> {
  const { bump, findings } = await compareReleases(oldSpec, newSpec, options);
  return { schemaVersion: 1, bump, findings };
}

/** Diffs two releases and checks that the new release's version number is enough for its changes. */
export async function check(oldSpec: string, newSpec: string, options: CheckOptions = {}): Promise<DiffReport & { versions: VersionCheck }> {
  const { old, next, policy, bump, findings, cwd } = await compareReleases(oldSpec, newSpec, options);
  const oldVersion = declaredVersion(options.oldVersion, old.files, '--old-version', cwd);
  const newVersion = declaredVersion(options.newVersion, next.files, '--new-version', cwd);
  if ((options.baselineLine ?? policy.baselineLine) && parseVersion(oldVersion).major !== parseVersion(newVersion).major) {
    throw new InputError(
      `baseline ${oldVersion} is not on the ${parseVersion(newVersion).major}.x line of ${newVersion} (baselineLine is on): compare against the newest ${parseVersion(newVersion).major}.x release`,
    );
  }
  const changed = findings.some((f) => f.accepted === undefined);
  const versions = checkVersion(oldVersion, newVersion, bump, changed, policy);
  return { schemaVersion: 1, bump, findings, versions };
}

/** The smallest valid version for the new release, from the old release's version and the changes' bump. */
export async function next(oldSpec: string, newSpec: string, options: CheckOptions = {}): Promise<{ next: string; required: Bump; bump: Bump }> {
  const { old, policy, bump, cwd } = await compareReleases(oldSpec, newSpec, options);
  const oldVersion = declaredVersion(options.oldVersion, old.files, '--old-version', cwd);
  return { ...nextVersion(oldVersion, bump, policy), bump };
}

function declaredVersion(given: string | undefined, files: PackageFiles, flag: string, cwd: string): string {
  const version = given ?? files.packageJson?.['version'];
  const where = given !== undefined ? flag : path.relative(cwd, path.join(files.root, 'package.json')).split(path.sep).join('/');
  if (typeof version !== 'string') throw new InputError(`no "version" to check: pass ${flag}`, where);
  try {
    parseVersion(version);
  } catch {
    throw new InputError(`"${version}" is not a valid semantic version`, where);
  }
  return version;
}
