import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, diff, readSurface } from '../src/index.js';
import { checkWorkspaces } from '../src/engine/workspaces.js';
import { loadRelease } from '../src/load/package-files.js';
import { FakeRegistry, tgz } from './fake-registry.js';
import { tempDir } from './temp-dir.js';

// Every release spec end to end, with the registry on loopback and git repositories made by the test.
const repo = path.resolve(import.meta.dirname, '..');
const example = (version: 'v1' | 'v2') => path.join(repo, 'examples/greeter', version);
const filesOf = (dir: string) =>
  Object.fromEntries(['package.json', 'index.d.ts'].map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
const withVersion = (files: Record<string, string>, version: string) => ({
  ...files,
  'package.json': JSON.stringify({ ...JSON.parse(files['package.json']!), version }),
});

const registry = new FakeRegistry();
let npm: { registry: string; cache: string; npmrc: Record<string, string>; surfaceCache: string };

beforeAll(async () => {
  await registry.start();
  const v1 = filesOf(example('v1'));
  registry.publishFiles(
    'greeter',
    { '1.3.0': withVersion(v1, '1.3.0'), '1.4.0': v1, '2.0.0-beta.1': withVersion(filesOf(example('v2')), '2.0.0-beta.1') },
    { latest: '1.4.0', next: '2.0.0-beta.1' },
  );
  // An empty user configuration: the tests must not depend on the machine's .npmrc.
  npm = { registry: registry.url, cache: tempDir({}), npmrc: {}, surfaceCache: tempDir({}) };
});
afterAll(() => registry.stop());

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}

/** A repository whose tag v1.4.0 holds the old example and whose working tree holds the new one. */
function repository(tag = 'v1.4.0'): string {
  const dir = tempDir({});
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Test');
  cpSync(example('v1'), path.join(dir, 'lib'), { recursive: true });
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'v1');
  git(dir, 'tag', tag);
  cpSync(example('v2'), path.join(dir, 'lib'), { recursive: true });
  return dir;
}

describe('release specs', () => {
  it('npm:<name>@<version> and a bare name@range read from the registry', async () => {
    const report = await diff('npm:greeter@1.4.0', example('v2'), npm);
    expect(report.bump).toBe('major');
    expect(await diff('greeter@~1.4.0', example('v1'), npm)).toEqual({ schemaVersion: 1, bump: 'patch', findings: [] });
  });

  it('a tarball is read in memory', async () => {
    const dir = tempDir({});
    const file = path.join(dir, 'greeter-1.4.0.tgz');
    writeFileSync(file, tgz(Object.entries(filesOf(example('v1'))).map(([name, body]) => ({ path: `package/${name}`, body }))));
    expect((await diff(file, example('v2'))).bump).toBe('major');
  });

  it('git:<ref>:<subdir> reads a tag without touching the working tree', async () => {
    const dir = repository();
    const report = await diff('git:v1.4.0:lib', 'lib', { cwd: dir });
    expect(report.bump).toBe('major');
    expect(readFileSync(path.join(dir, 'lib/index.d.ts'), 'utf8')).toBe(readFileSync(path.join(example('v2'), 'index.d.ts'), 'utf8'));
    await expect(diff('git:v9.9.9:lib', 'lib', { cwd: dir })).rejects.toMatchObject({ file: 'git:v9.9.9', message: "unknown git ref 'v9.9.9'" });
  });

  it('a TypeScript source project without built declarations is compiled in memory', async () => {
    const dir = tempDir({
      'package.json': JSON.stringify({ name: 'src-project', version: '1.0.0', types: './dist/index.d.ts' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true, declaration: true } }),
      'src/index.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    });
    const surface = await readSurface(dir);
    expect(Object.keys(surface.entries[0]!.exports)).toEqual(['add']);
    writeFileSync(path.join(dir, 'src/index.ts'), 'export function add(a: number, b: number, c = 0): number {\n  return a + b + c;\n}\n');
    const after = await readSurface(dir);
    expect(after.items['add']!.signatures![0]!.params.map((p) => p.optional)).toEqual([false, false, true]);
  });
});

describe('types of dependencies', () => {
  const consumer = (deps: Record<string, string>) => ({
    'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', types: 'index.d.ts', dependencies: deps }),
    'index.d.ts': "import type { Options } from 'dep-types';\nexport declare function start(options: Options): void;\n",
  });
  const dep = { 'package.json': JSON.stringify({ name: 'dep-types', version: '2.1.0', types: 'index.d.ts' }), 'index.d.ts': 'export interface Options { a: string }\n' };

  it('are loaded from the release folder\'s node_modules (or a parent\'s) when installed', async () => {
    const root = tempDir({ ...Object.fromEntries(Object.entries(dep).map(([k, v]) => [`node_modules/dep-types/${k}`, v])) });
    mkdirSync(path.join(root, 'packages/consumer'), { recursive: true });
    for (const [name, text] of Object.entries(consumer({ 'dep-types': '^2.0.0' }))) writeFileSync(path.join(root, 'packages/consumer', name), text);
    const release = await loadRelease(path.join(root, 'packages/consumer'));
    expect(release.files.get('node_modules/dep-types/index.d.ts')).toBe(dep['index.d.ts']);
    const surface = await readSurface(path.join(root, 'packages/consumer'));
    expect(surface.items['start']!.signatures![0]!.params[0]!.type).toEqual({ k: 'external', pkg: 'dep-types', name: 'Options' });
    expect(surface.dependencies).toEqual({ 'dep-types': '^2.0.0' });
  });

  it('are fetched at the declared range with fetchDeps, and stay opaque without', async () => {
    registry.publishFiles('dep-types', { '2.1.0': dep }, { latest: '2.1.0' });
    const dir = tempDir(consumer({ 'dep-types': '^2.0.0' }));
    expect((await loadRelease(dir, dir, { ...npm, fetchDeps: true })).files.has('node_modules/dep-types/index.d.ts')).toBe(true);
    expect((await loadRelease(dir, dir, npm)).files.has('node_modules/dep-types/index.d.ts')).toBe(false);
  });
});

describe('surface cache', () => {
  it('keeps the surface of an immutable release, keyed by its content, and reads it back', async () => {
    const surfaceCache = tempDir({});
    const first = await readSurface('npm:greeter@1.4.0', { ...npm, surfaceCache });
    const entries = readdirSync(surfaceCache);
    expect(entries).toHaveLength(1);
    expect(await readSurface('npm:greeter@1.4.0', { ...npm, surfaceCache })).toEqual(first);
    await readSurface('npm:greeter@1.3.0', { ...npm, surfaceCache });
    expect(readdirSync(surfaceCache)).toHaveLength(2);
  });

  it('does not cache a working tree', async () => {
    const surfaceCache = tempDir({});
    await readSurface(example('v1'), { surfaceCache });
    expect(readdirSync(surfaceCache)).toEqual([]);
  });
});

describe('default baseline', () => {
  it('is the newest published version below the new one (no prereleases for a stable release)', async () => {
    const dir = tempDir({});
    cpSync(example('v2'), dir, { recursive: true });
    const report = await check(undefined, dir, npm);
    expect(report.versions).toMatchObject({ old: '1.4.0', new: '1.5.0', ok: false, next: '2.0.0' });
  });

  it('falls back to the newest version tag when the package is not on npm', async () => {
    const dir = repository('v1.4.0');
    const manifest = path.join(dir, 'lib/package.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), name: 'greeter-unpublished', version: '2.0.0' }));
    const report = await check(undefined, path.join(dir, 'lib'), { ...npm, cwd: dir });
    expect(report.versions).toMatchObject({ old: '1.4.0', new: '2.0.0', ok: true });
  });

  it('treats a package released nowhere as all additions, and not as an error', async () => {
    const dir = tempDir({ 'package.json': JSON.stringify({ name: 'brand-new', version: '0.1.0', types: 'index.d.ts' }), 'index.d.ts': 'export declare const a: number;\n' });
    const report = await check(undefined, dir, npm);
    expect(report.versions.ok).toBe(true);
    expect(report.versions.reason).toMatch(/brand-new was never released/);
    expect(report.findings.map((f) => f.rule)).toEqual(['entry-point-added']);
  });

  it('fails clearly offline with an empty cache', async () => {
    const dir = tempDir({});
    cpSync(example('v2'), dir, { recursive: true });
    await expect(check(undefined, dir, { ...npm, cache: tempDir({}), offline: true })).rejects.toThrow(/cache/);
  });
});

describe('from the command line', () => {
  it('check with no argument compares the current directory with its last release on the registry', async () => {
    const dir = tempDir({});
    cpSync(example('v2'), dir, { recursive: true });
    // Asynchronous on purpose: the registry answers from this very process.
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(repo, 'bin/api-semver.js'), 'check', '--registry', registry.url, '--format', 'json'],
        { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: tempDir({}), NPM_CONFIG_USERCONFIG: path.join(dir, 'no-npmrc') } },
        (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).versions).toMatchObject({ old: '1.4.0', new: '1.5.0', next: '2.0.0', ok: false });
  });
});

describe('workspaces', () => {
  it('checks every public package against its own baseline', async () => {
    const root = tempDir({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/internal/package.json': JSON.stringify({ name: 'internal', private: true, version: '1.0.0' }),
    });
    mkdirSync(path.join(root, 'packages/greeter'), { recursive: true });
    cpSync(example('v2'), path.join(root, 'packages/greeter'), { recursive: true });
    mkdirSync(path.join(root, 'packages/fresh'));
    writeFileSync(path.join(root, 'packages/fresh/package.json'), JSON.stringify({ name: 'fresh', version: '1.0.0', types: 'index.d.ts' }));
    writeFileSync(path.join(root, 'packages/fresh/index.d.ts'), 'export declare const b: string;\n');
    const { results } = await checkWorkspaces(root, npm);
    expect(results.map((r) => [r.name, r.report?.versions.old, r.report?.verdict.ok])).toEqual([
      ['fresh', 'unreleased', true],
      ['greeter', '1.4.0', false],
    ]);
  });
});
