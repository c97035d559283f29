import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir.js';

// Throwaway git repositories for the CI-gate tests: a small library tagged v1.0.0 on main, and a feature branch
// that removes a subpath export, changes a return type and adds a required input property while package.json
// stays at 1.0.0, as in every repository that bumps versions at release time or with changesets.

export const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

const manifest = (version = '1.0.0') =>
  JSON.stringify({ name: '@demo/mylib', version, exports: { '.': { types: './index.d.ts' }, './extra': { types: './extra.d.ts' } } }, null, 2);
export const released = {
  'package.json': manifest(),
  'index.d.ts': '// v1.0.0\nexport interface Input {\n  name: string;\n}\nexport declare function run(input: Input): string;\n',
  'extra.d.ts': 'export declare const extra: number;\n',
};
export const branch = {
  'package.json': JSON.stringify({ name: '@demo/mylib', version: '1.0.0', exports: { '.': { types: './index.d.ts' } } }, null, 2),
  'index.d.ts': '// the feature branch\nexport interface Input {\n  name: string;\n  id: number;\n}\nexport declare function run(input: Input): number;\n',
};

/** main with tag v1.0.0, then a commit on a feature branch; the working tree is the branch. */
export function library(): string {
  const dir = tempDir({});
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Test');
  write(dir, released);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'v1.0.0');
  git(dir, 'tag', 'v1.0.0');
  git(dir, 'checkout', '-q', '-b', 'feature');
  rmSync(path.join(dir, 'extra.d.ts'));
  write(dir, branch);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature');
  return dir;
}

/** What actions/checkout makes by default: one commit deep, no tags. */
export function shallowClone(dir: string): string {
  const clone = path.join(tempDir({}), 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', '--branch', 'feature', `file://${dir}`, clone], { env: gitEnv });
  return clone;
}


/**
 * A workspace in git: `packages/mylib` is the library (tagged `@demo/mylib@1.0.0`, then broken on the branch),
 * `packages/js-only` has no types at all, `packages/fresh` was never released, `packages/internal` is private.
 */
export function workspace(): string {
  const dir = tempDir({});
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Test');
  const under = (folder: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
  write(dir, {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    ...under('packages/mylib', released),
    'packages/js-only/package.json': JSON.stringify({ name: 'js-only', version: '2.0.0', main: 'index.js' }),
    'packages/js-only/index.js': 'module.exports = 1;\n',
    'packages/fresh/package.json': JSON.stringify({ name: 'fresh-pkg', version: '0.1.0', types: 'index.d.ts' }),
    'packages/fresh/index.d.ts': 'export declare const fresh: true;\n',
    'packages/internal/package.json': JSON.stringify({ name: 'internal', private: true, version: '1.0.0' }),
  });
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'release');
  git(dir, 'tag', '@demo/mylib@1.0.0');
  rmSync(path.join(dir, 'packages/mylib/extra.d.ts'));
  write(dir, under('packages/mylib', branch));
  return dir;
}
