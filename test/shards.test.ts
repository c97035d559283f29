import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf, parseShard } from '../src/engine/shards.js';
import { workspacePackages } from '../src/load/workspaces.js';
import { FakeRegistry } from './fake-registry.js';
import { gitEnv, workspace, write } from './git-repos.js';
import { tempDir } from './temp-dir.js';

// A monorepo split over CI jobs (issue 15, item 3): `check --workspaces --shard i/n` in each job, `merge` in the last.
const bin = path.resolve(import.meta.dirname, '../bin/api-semver.js');
const timeout = 120_000;
const registry = new FakeRegistry();

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...gitEnv, NO_COLOR: '1', XDG_CACHE_HOME: tempDir({}), NPM_CONFIG_USERCONFIG: path.join(cwd, 'no-npmrc') } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const check = (root: string, ...args: string[]) => cli(root, ['check', '--workspaces', '--registry', registry.url, '--quiet', '--no-verify', ...args]);

// The workspace of git-repos.ts: three public packages (fresh-pkg never released, js-only without types, @demo/mylib
// broken on the branch), a private one, and a policy shared by all of them.
let root: string;
let unsharded: CliRun;
let shards: string[];

beforeAll(async () => {
  await registry.start();
  root = workspace();
  write(root, {
    'api-semver.config.json': JSON.stringify({
      ignore: [
        { rule: 'entry-point-added', path: '.', reason: 'fresh-pkg is new' },
        { rule: 'export-removed', path: 'gone', reason: 'an entry nothing matches any more' },
      ],
    }),
  });
  unsharded = await check(root, '--format', 'json');
  shards = [];
  for (const shard of ['2/2', '1/2']) {
    const run = await check(root, '--format', 'json', '--shard', shard);
    expect(run.stderr).toBe('');
    // Named as a merge job names the artifacts it downloaded: relative to where it runs.
    const file = `shard-${shard.replace('/', '-of-')}.json`;
    writeFileSync(path.join(root, file), run.stdout);
    shards.push(file);
  }
}, timeout);
afterAll(() => registry.stop());

describe('check --workspaces --shard and merge', () => {
  it('two shards of three packages merge into the unsharded report, byte for byte, with its exit code', async () => {
    expect(unsharded.code).toBe(1);
    const parts = shards.map((file) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { shard: unknown; workspaces: Array<{ name: string }>; warnings?: unknown });
    expect(parts.map((p) => [p.shard, p.workspaces.map((w) => w.name)])).toEqual([
      [{ index: 2, count: 2, packages: 3 }, ['js-only']],
      [{ index: 1, count: 2, packages: 3 }, ['fresh-pkg', '@demo/mylib']],
    ]);
    // A shard cannot know whether a shared policy entry matched in another shard's packages.
    expect(parts.every((p) => p.warnings === undefined)).toBe(true);
    const merged = await cli(root, ['merge', ...shards, '--format', 'json']);
    expect(merged.code).toBe(unsharded.code);
    expect(merged.stdout).toBe(unsharded.stdout);
    expect(merged.stderr).toBe(unsharded.stderr);
  }, timeout);

  it('renders the merged report in every format as the unsharded run does', async () => {
    for (const format of ['text', 'markdown', 'github', 'sarif']) {
      const [whole, merged] = await Promise.all([check(root, '--format', format), cli(root, ['merge', ...shards, '--format', format])]);
      expect(merged.code, format).toBe(whole.code);
      expect(merged.stdout, format).toBe(whole.stdout);
    }
  }, timeout);

  it('warns once about a shared policy entry no package matched, naming the entry and the file', async () => {
    const report = JSON.parse(unsharded.stdout) as { warnings: string[] };
    const warning = 'api-semver.config.json: ignore[1] (rule export-removed, path gone) matched no finding: remove it, or correct its rule or path';
    expect(report.warnings).toEqual([warning]);
    expect(unsharded.stderr).toBe(`api-semver: warning: ${warning}\n`);
    const markdown = await cli(root, ['merge', ...shards, '--format', 'markdown']);
    expect(markdown.stdout).toContain('⚠️ Warning: api-semver.config.json: ignore\\[1\\] (rule export-removed, path gone) matched no finding');
  }, timeout);

  it('refuses a shard named twice, a missing shard, and a report that is not a shard, with exit 2', async () => {
    const twice = await cli(root, ['merge', shards[1]!, shards[1]!]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^api-semver: shard-1-of-2\.json: shard 1\/2 again \(also shard-1-of-2\.json\): the shards overlap\n/);
    const missing = await cli(root, ['merge', shards[0]!]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^api-semver: shard 1\/2 missing: name the JSON report of every shard\n/);
    writeFileSync(path.join(root, 'whole.json'), unsharded.stdout);
    expect((await cli(root, ['merge', 'whole.json'])).stderr).toMatch(/^api-semver: whole\.json: not the report of a shard \(written without --shard\)/);
    writeFileSync(path.join(root, 'broken.json'), '{ "schemaVersion": 1,');
    expect((await cli(root, ['merge', 'broken.json', ...shards])).stderr).toMatch(/^api-semver: broken\.json: not valid JSON/);
  }, timeout);

  it('refuses shards that overlap by package, or ran with another version or other settings, naming the file', async () => {
    const edited = (name: string, edit: (report: Record<string, unknown>) => void) => {
      const report = JSON.parse(readFileSync(path.join(root, shards[0]!), 'utf8')) as Record<string, unknown>;
      edit(report);
      writeFileSync(path.join(root, name), JSON.stringify(report));
      return name;
    };
    const version = edited('older.json', (r) => (r['tool'] = { name: 'api-semver', version: '0.0.1' }));
    const older = await cli(root, ['merge', shards[1]!, version]);
    expect(older.code).toBe(2);
    expect(older.stderr).toMatch(/^api-semver: older\.json: written by api-semver 0\.0\.1, shard-1-of-2\.json by \d+\.\d+\.\d+\S*: every shard must run the same version\n/);
    const changesets = await check(root, '--format', 'json', '--shard', '2/2', '--changesets', '.changeset');
    writeFileSync(path.join(root, 'changesets.json'), changesets.stdout);
    const settings = await cli(root, ['merge', shards[1]!, 'changesets.json']);
    expect(settings.code).toBe(2);
    expect(settings.stderr).toMatch(/^api-semver: changesets\.json: run with other settings than shard-1-of-2\.json \(changesets: "\.changeset" against unset\)\n/);
    const overlap = edited('overlap.json', (r) => (r['workspaces'] = JSON.parse(readFileSync(path.join(root, shards[1]!), 'utf8')).workspaces));
    const overlapping = await cli(root, ['merge', shards[1]!, overlap]);
    expect(overlapping.code).toBe(2);
    expect(overlapping.stderr).toMatch(/^api-semver: overlap\.json: packages\/fresh is checked here and in shard-1-of-2\.json: the shards overlap\n/);
  }, timeout);

  it('refuses --shard outside 1..n and without --workspaces', async () => {
    expect((await check(root, '--shard', '3/2')).stderr).toBe('api-semver: --shard 3/2: expected i/n with 1 ≤ i ≤ n (e.g. 2/4)\n');
    const alone = await cli(root, ['check', '--shard', '1/2']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^api-semver: --package, --exclude and --shard select packages of --workspaces\n/);
  }, timeout);
});

describe('the assignment of packages to shards', () => {
  const manifest = (name: string) => JSON.stringify({ name, version: '1.0.0' });
  const tree = (globs: string[]) =>
    tempDir({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: globs }),
      'libs/z/package.json': manifest('z'),
      'libs/a-b/package.json': manifest('a-b'),
      'packages/a/package.json': manifest('pa'),
      'packages/b/package.json': manifest('pb'),
      'packages/c/package.json': manifest('pc'),
    });

  it('is round robin over the packages by folder, whatever the order of the workspace globs', async () => {
    const [one, other] = await Promise.all([workspacePackages(tree(['packages/*', 'libs/*'])), workspacePackages(tree(['libs/*', 'packages/*']))]);
    const assign = (packages: Array<{ dir: string }>, count: number) => Array.from({ length: count }, (_, i) => shardOf(packages, { index: i + 1, count }).map((p) => p.dir));
    expect(assign(one, 2)).toEqual([['libs/a-b', 'packages/a', 'packages/c'], ['libs/z', 'packages/b']]);
    expect(assign(other, 2)).toEqual(assign(one, 2));
    expect(assign([...one].reverse(), 3)).toEqual(assign(one, 3));
    // More shards than packages: the last ones are empty, and every package is still in exactly one.
    expect(assign(one, 7).flat().sort()).toEqual(one.map((p) => p.dir).sort());
  });

  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '-1/2']) expect(() => parseShard(bad)).toThrow(/expected i\/n/);
  });
});
