import path from 'node:path';
import { InputError } from '../load/input-error.js';
import { workspacePackages } from '../load/workspaces.js';
import type { Bump } from './bump.js';
import { check, type CheckOptions } from './diff.js';

export interface WorkspaceRow {
  dir: string;
  name: string;
  bump?: Bump;
  old?: string;
  new?: string;
  next?: string;
  ok?: boolean;
  reason?: string;
  /** Set when the package could not be checked (bad input): the message, as the CLI would print it. */
  error?: string;
}

/** `check` for every public package of a workspace, each against its own default baseline. */
export async function checkWorkspaces(root: string, options: CheckOptions): Promise<WorkspaceRow[]> {
  const rows: WorkspaceRow[] = [];
  for (const pkg of await workspacePackages(root)) {
    options.onProgress?.(`checking ${pkg.name}`);
    try {
      const { bump, versions } = await check(undefined, path.join(root, pkg.dir), { ...options, cwd: root });
      rows.push({ dir: pkg.dir, name: pkg.name, bump, old: versions.old, new: versions.new, next: versions.next, ok: versions.ok, reason: versions.reason });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rows.push({ dir: pkg.dir, name: pkg.name, error: `${error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : ''}${error.message}` });
    }
  }
  return rows;
}
