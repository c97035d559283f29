import path from 'node:path';
import { InputError } from '../load/input-error.js';
import { loadRelease } from '../load/package-files.js';
import { buildSurface } from '../model/build.js';
import type { ApiSurface } from '../model/surface.js';
import { analyze } from './analyze.js';
import type { Bump } from './bump.js';
import type { Finding } from './findings.js';

export interface DiffReport {
  schemaVersion: 1;
  bump: Bump;
  findings: Finding[];
}

export interface DiffOptions {
  cwd?: string;
}

/** Reads a release spec and extracts its API surface; syntax errors name the file as the user gave it. */
export async function readSurface(spec: string, options: DiffOptions = {}): Promise<ApiSurface> {
  const cwd = options.cwd ?? process.cwd();
  const files = await loadRelease(spec, cwd);
  try {
    return buildSurface(files);
  } catch (error) {
    if (error instanceof InputError && error.file) {
      const shown = path.relative(cwd, path.join(files.root, error.file)).split(path.sep).join('/');
      throw new InputError(error.message, shown, error.line);
    }
    throw error;
  }
}

/** Diffs two releases: the library's main entry. */
export async function diff(oldSpec: string, newSpec: string, options: DiffOptions = {}): Promise<DiffReport> {
  const [old, next] = [await readSurface(oldSpec, options), await readSurface(newSpec, options)];
  const { bump, findings } = analyze(old, next);
  return { schemaVersion: 1, bump, findings };
}
