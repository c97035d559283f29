import { execFile } from 'node:child_process';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, diff, next } from '../src/index.js';
import { renderGithub } from '../src/reporters/github.js';
import { renderMarkdown } from '../src/reporters/markdown.js';
import { renderSarif } from '../src/reporters/sarif.js';
import { renderWorkspacesGithub, renderWorkspacesMarkdown, renderWorkspacesSarif } from '../src/reporters/workspaces.js';
import { checkWorkspaces } from '../src/engine/workspaces.js';
import { renderText } from '../src/reporters/text.js';
import { catalog } from '../src/rules/catalog.js';
import { FakeRegistry } from './fake-registry.js';
import { git, gitEnv, library, shallowClone, workspace, write } from './git-repos.js';
import { tempDir } from './temp-dir.js';

// The CI gate as a new user meets it (issue 14), on the library of git-repos.ts: tagged v1.0.0 on main, with an
// unbumped feature branch that breaks the API.
const bin = path.resolve(import.meta.dirname, '../bin/api-semver.js');
const timeout = 120_000;

const registry = new FakeRegistry();
let npm: { registry: string; cache: string; npmrc: Record<string, string>; surfaceCache: string };

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as CI runs it, against the loopback registry (asynchronous: the registry answers from this process). */
function cli(cwd: string, args: string[], registryUrl: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, '--registry', registryUrl, '--quiet', '--no-verify'],
      { cwd, env: { ...gitEnv, NO_COLOR: '1', XDG_CACHE_HOME: tempDir({}), NPM_CONFIG_USERCONFIG: path.join(cwd, 'no-npmrc') } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await registry.start();
  // nanoid's situation: the working tree is exactly the published 5.0.0, and 4.0.2 came before it.
  registry.publishFiles(
    'tiny-ids',
    {
      '4.0.2': { 'package.json': JSON.stringify({ name: 'tiny-ids', version: '4.0.2', types: 'index.d.ts' }), 'index.d.ts': 'export declare function id(size: number): string;\n' },
      '5.0.0': { 'package.json': JSON.stringify({ name: 'tiny-ids', version: '5.0.0', types: 'index.d.ts' }), 'index.d.ts': 'export declare function id(size?: number): string;\nexport declare const alphabet: string;\n' },
    },
    { latest: '5.0.0' },
  );
  npm = { registry: registry.url, cache: tempDir({}), npmrc: {}, surfaceCache: tempDir({}) };
});
afterAll(() => registry.stop());

describe('situation 1: an unbumped branch is compared with the release its version names', () => {
  it('check compares with tag v1.0.0, fails, and says which baseline and why in every format', async () => {
    const dir = library();
    const report = await check(undefined, dir, { ...npm, cwd: dir });
    expect(report.baseline).toEqual({ spec: 'git:v1.0.0', version: '1.0.0', reason: expect.stringMatching(/1\.0\.0, the version package\.json declares, is tagged v1\.0\.0/) });
    expect(report.bump).toBe('major');
    expect(report.versions).toMatchObject({ old: '1.0.0', new: '1.0.0', next: '2.0.0', ok: false });
    expect(report.verdict).toMatchObject({ ok: false, by: 'version' });
    expect(renderText(report, { color: false })).toMatch(/^Baseline: git:v1\.0\.0 \(1\.0\.0, the version package\.json declares, is tagged v1\.0\.0/m);
    const markdown = renderMarkdown(report).split('\n');
    expect(markdown[1]).toBe('Requires **major** (declared 1.0.0, needs 2.0.0) ❌');
    expect(markdown[3]).toMatch(/^Baseline: git:v1\.0\.0 \(1\.0\.0, the version package\.json declares/);
  }, timeout);

  it('next prints the version after the tag', async () => {
    const dir = library();
    expect((await next(undefined, dir, { ...npm, cwd: dir })).next).toBe('2.0.0');
  }, timeout);

  it('--changesets with a patch changeset for breaking changes fails and says so', async () => {
    const dir = library();
    write(dir, { '.changeset/brave-fox.md': '---\n"@demo/mylib": patch\n---\n\nA small fix.\n' });
    const report = await check(undefined, dir, { ...npm, cwd: dir, changesets: '.changeset' });
    expect(report.changesets).toMatchObject({ declared: 'patch', required: 'major', ok: false });
    expect(report.verdict).toMatchObject({ ok: false, by: 'changesets' });
    expect(renderText(report, { color: false })).toMatch(/^Changesets: not enough \(\.changeset\/brave-fox\.md declare patch, but the changes need major/m);
  }, timeout);

  it('a package nobody released, in a complete repository, is new: every export is an addition', async () => {
    const dir = tempDir({});
    git(dir, 'init', '-q', '-b', 'main');
    write(dir, { 'package.json': JSON.stringify({ name: 'brand-new-lib', version: '0.1.0', types: 'index.d.ts' }), 'index.d.ts': 'export declare const a: number;\n' });
    const report = await check(undefined, dir, { ...npm, cwd: dir });
    expect(report.baseline.spec).toBeUndefined();
    expect(report.baseline.reason).toMatch(/brand-new-lib was never released \(the registry does not know the name/);
    expect(report.verdict.ok).toBe(true);
  }, timeout);
});

describe('situation 2: a version already on npm is its own baseline', () => {
  it('a working tree identical to the published 5.0.0 is compared with 5.0.0, not 4.0.2, and passes with changesets', async () => {
    const dir = tempDir({
      'package.json': JSON.stringify({ name: 'tiny-ids', version: '5.0.0', types: 'index.d.ts' }),
      'index.d.ts': 'export declare function id(size?: number): string;\nexport declare const alphabet: string;\n',
      '.changeset/README.md': '# changesets\n',
    });
    const report = await check(undefined, dir, { ...npm, cwd: dir, changesets: '.changeset' });
    expect(report.baseline).toMatchObject({ spec: 'npm:tiny-ids@5.0.0', version: '5.0.0' });
    expect(report.findings).toEqual([]);
    expect(report.verdict).toMatchObject({ ok: true, by: 'changesets' });
  }, timeout);
});

describe('situation 3: a shallow CI checkout never passes silently', () => {
  it('check without --baseline exits 2 with the fix; a git: ref it lacks says the clone is shallow', async () => {
    const clone = shallowClone(library());
    const run = await cli(clone, ['check'], registry.url);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^api-semver: cannot find the baseline: @demo\/mylib is not on npm and this is a shallow clone without the version tags \(.*fetch-depth: 0.*git fetch --unshallow --tags.*--baseline/m);
    const named = await cli(clone, ['check', '--baseline', 'git:v1.0.0'], registry.url);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/^api-semver: git:v1\.0\.0: unknown git ref 'v1\.0\.0': this is a shallow clone, so older commits and tags are missing \(fetch the history with `fetch-depth: 0`/m);
  }, timeout);

  it('after fetching the history the same clone finds the tag', async () => {
    const clone = shallowClone(library());
    git(clone, 'fetch', '-q', '--unshallow', '--tags');
    const report = await check(undefined, clone, { ...npm, cwd: clone });
    expect(report.baseline.spec).toBe('git:v1.0.0');
    expect(report.verdict.ok).toBe(false);
  }, timeout);
});

describe('situation 4: github annotations carry the verdict', () => {
  it('a failing check starts with one ::error saying why; a passing one has no error at all', async () => {
    const dir = library();
    const failing = await cli(dir, ['check', '--format', 'github'], registry.url);
    expect(failing.code).toBe(1);
    const lines = failing.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('::error title=api-semver%3A version not enough (major changes)::version 1.0.0 is reused for a different API; use 2.0.0 or later');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBeGreaterThan(1); // the major findings that make it fail
    const passing = await cli(dir, ['check', '--format', 'github', '--new-version', '2.0.0'], registry.url);
    expect(passing.code).toBe(0);
    expect(passing.stdout).not.toMatch(/^::error/m);
    expect(passing.stdout).toMatch(/^::warning file=index\.d\.ts,line=\d+,title=return-type-widened|^::warning file=index\.d\.ts/m);
  }, timeout);

  it('SARIF: a failing check adds a note with the verdict on package.json; a passing one has no error result', async () => {
    const dir = library();
    const report = await check(undefined, dir, { ...npm, cwd: dir });
    const runOf = (text: string) => (JSON.parse(text) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } } }> }> }> }).runs[0]!;
    const failing = runOf(renderSarif(report, catalog, { toolVersion: '0.0.0' }));
    expect(failing.results[0]).toMatchObject({ ruleId: 'api-semver-check', level: 'note', locations: [{ physicalLocation: { artifactLocation: { uri: 'package.json' } } }] });
    const passing = await check(undefined, dir, { ...npm, cwd: dir, newVersion: '2.0.0' });
    const results = runOf(renderSarif(passing, catalog, { toolVersion: '0.0.0' })).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.level !== 'error' && r.ruleId !== 'api-semver-check')).toBe(true);
    expect(results.every((r) => r.locations[0]?.physicalLocation !== undefined)).toBe(true);
    expect(renderGithub(passing)).not.toMatch(/^::error/m);
  }, timeout);
});

describe('situation 5: with changesets the comment, the text and the exit code agree', () => {
  it('a major changeset on an unbumped version passes everywhere, and no format says the version is reused', async () => {
    const dir = library();
    write(dir, { '.changeset/bold-owl.md': '---\n"@demo/mylib": major\n---\n\nBreaking.\n' });
    const run = await cli(dir, ['check', '--changesets', '.changeset', '--format', 'markdown'], registry.url);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe('Requires **major** (changesets declare major, needs major) ✅');
    expect(run.stdout).not.toMatch(/reused|❌/);
    expect(run.stdout).toMatch(/^Changesets: \.changeset\/bold-owl\.md declare major, enough for major$/m);
    const json = JSON.parse((await cli(dir, ['check', '--changesets', '.changeset', '--format', 'json'], registry.url)).stdout) as { verdict: unknown };
    expect(json.verdict).toEqual({ ok: true, by: 'changesets', reason: '.changeset/bold-owl.md declare major, enough for major' });
  }, timeout);
});

describe('situation 7: workspaces like single packages', () => {
  it('each package against its own release, with changesets; a JavaScript-only package is skipped with a note', async () => {
    const root = workspace();
    write(root, { '.changeset/small.md': '---\n"@demo/mylib": patch\n---\n\nSmall.\n' });
    const { results } = await checkWorkspaces(root, { ...npm, changesets: '.changeset' });
    expect(results.map((r) => [r.name, r.skipped ? 'skipped' : r.error ? 'error' : r.report?.verdict.ok])).toEqual([
      ['fresh-pkg', false], // a new package needs a changeset too, to be released at all
      ['js-only', 'skipped'],
      ['@demo/mylib', false],
    ]);
    expect(results[0]!.report!.verdict.reason).toMatch(/^no changeset declares a bump for fresh-pkg/);
    const mylib = results[2]!.report!;
    expect(mylib.baseline.spec).toBe('git:@demo/mylib@1.0.0:packages/mylib');
    expect(mylib.verdict.by).toBe('changesets');
    expect(results[1]!.skipped).toMatch(/^no types to check/);
  }, timeout);

  it('honours markdown (a section per package, with findings), github (annotations of every package) and sarif (a run per package)', async () => {
    const root = workspace();
    const { results } = await checkWorkspaces(root, npm);
    const markdown = renderWorkspacesMarkdown(results);
    expect(markdown.split('\n')[1]).toBe('API check of 3 packages: 1 failing ❌');
    expect(markdown).toContain('| `@demo/mylib` | 1.0.0 | 1.0.0 | major | 2.0.0 | not enough |');
    expect(markdown).toMatch(/## `@demo\/mylib` \(packages\/mylib\)\n\nRequires \*\*major\*\* \(declared 1\.0\.0, needs 2\.0\.0\) ❌[\s\S]*### major/);
    expect(markdown).toMatch(/## `js-only` \(packages\/js-only\)\n\nskipped: no types to check/);
    const github = renderWorkspacesGithub(results);
    expect(github).toMatch(/^::error title=api-semver%3A version not enough \(major changes\)::version 1\.0\.0 is reused/m);
    expect(github).toMatch(/^::\w+ file=packages\/mylib\/index\.d\.ts,line=\d+/m);
    expect(github).toMatch(/^::warning file=packages\/fresh\/index\.d\.ts,line=1,title=entry-point-added/m);
    expect(github).toMatch(/^::notice title=api-semver%3A js-only skipped::skipped: no types to check/m);
    const sarif = JSON.parse(renderWorkspacesSarif(results, catalog, { toolVersion: '0.0.0' })) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(sarif.runs).toHaveLength(2);
    const uris = sarif.runs.flatMap((run) => run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris.every((uri) => uri.startsWith('packages/'))).toBe(true);
  }, timeout);

  it('--package and --exclude select packages; the CLI exits with the worst result', async () => {
    const root = workspace();
    expect((await checkWorkspaces(root, { ...npm, packages: ['fresh-pkg'] })).results.map((r) => r.name)).toEqual(['fresh-pkg']);
    expect((await checkWorkspaces(root, { ...npm, exclude: ['packages/js-*', '@demo/*'] })).results.map((r) => r.name)).toEqual(['fresh-pkg']);
    await expect(checkWorkspaces(root, { ...npm, packages: ['nope'] })).rejects.toThrow(/--package nope: no public package/);
    const run = await cli(root, ['check', '--workspaces', '--format', 'github', '--exclude', 'fresh-pkg'], registry.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=api-semver%3A version not enough/m);
    expect(run.stdout).not.toContain('packages/fresh');
  }, timeout);
});

describe('situation 8: every finding has a place', () => {
  it('parameters of class and interface methods, type parameters, index signatures and enum members have a file and a line on both sides', async () => {
    const old = tempDir({
      'index.d.ts': [
        '// the old side of findings that used to have no place',
        'export declare class Client {',
        '  get(init: string): void;',
        '}',
        'export interface Handler {',
        '  handle(event: string): void;',
        '  [key: string]: unknown;',
        '}',
        'export declare function pick<T>(x: T): T;',
        'export declare enum Color {',
        '  Red = 1,',
        '  Blue = 2',
        '}',
        '',
      ].join('\n'),
    });
    const next = tempDir({
      'index.d.ts': [
        '// the new side: the same lines, changed',
        'export declare class Client {',
        '  get(init: number): void;',
        '}',
        'export interface Handler {',
        '  handle(event: number): void;',
        '  [key: string]: string;',
        '}',
        'export declare function pick<T extends string>(x: T): T;',
        'export declare enum Color {',
        '  Red = 1,',
        '  Blue = 3',
        '}',
        '',
      ].join('\n'),
    });
    const report = await diff(path.join(old, 'index.d.ts'), path.join(next, 'index.d.ts'));
    const places = Object.fromEntries(report.findings.map((f) => [f.path, [f.old?.line, f.new?.line, f.old?.file, f.new?.file]]));
    expect(places).toEqual({
      'Client.get(init)': [3, 3, 'index.d.ts', 'index.d.ts'],
      'Handler.handle(event)': [6, 6, 'index.d.ts', 'index.d.ts'],
      'Handler[string]': [7, 7, 'index.d.ts', 'index.d.ts'],
      'pick<T>': [9, 9, 'index.d.ts', 'index.d.ts'],
      'Color.Blue': [12, 12, 'index.d.ts', 'index.d.ts'],
    });
    const sarif = JSON.parse(renderSarif(report, catalog, { toolVersion: '0.0.0' })) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation?: unknown }> }> }> };
    expect(sarif.runs[0]!.results.every((r) => r.locations[0]!.physicalLocation !== undefined)).toBe(true);
  }, timeout);
});

describe('situation 9: annotations on the source lines, through declaration maps', () => {
  /** A package built by tsc with declaration maps: dist/index.d.ts(.map) from src/index.ts. */
  function built(source: string): string {
    const dir = tempDir({
      'package.json': JSON.stringify({ name: 'mapped', version: '1.1.0', types: 'dist/index.d.ts' }),
      'src/index.ts': source,
    });
    const program = ts.createProgram([path.join(dir, 'src/index.ts')], {
      declaration: true,
      declarationMap: true,
      emitDeclarationOnly: true,
      outDir: path.join(dir, 'dist'),
      rootDir: path.join(dir, 'src'),
      strict: true,
    });
    program.emit();
    return dir;
  }

  it('github, SARIF, text and markdown point at src/index.ts; JSON keeps the .d.ts location beside the source', async () => {
    const header = '// A library written in TypeScript.\n\n/** What greet needs. */\n';
    const old = built(`${header}export interface Options {\n  name: string;\n}\n\n/** Greets. */\nexport function greet(options: Options): string {\n  return options.name;\n}\n`);
    const next = built(`${header}export interface Options {\n  name: string;\n}\n\n/** Greets. */\nexport function greet(options: Options): number {\n  return options.name.length;\n}\n`);
    const report = await diff(old, next);
    const finding = report.findings.find((f) => f.path === 'greet')!;
    expect(finding.new).toMatchObject({ file: 'dist/index.d.ts', source: { file: 'src/index.ts', line: 9 } });
    expect(finding.new!.line).not.toBe(9);
    expect(renderGithub(report, { pathPrefix: 'packages/mapped' })).toMatch(/^::error file=packages\/mapped\/src\/index\.ts,line=9,title=return-type-changed/m);
    const sarif = JSON.parse(renderSarif(report, catalog, { toolVersion: '0.0.0' })) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/index.ts' }, region: { startLine: 9 } });
    expect(renderText(report, { color: false })).toContain('(src/index.ts:9)');
    expect(renderMarkdown(report)).toContain('`greet` · `return-type-changed` · `src/index.ts:9`');
  }, timeout);
});

describe('situation 10: errors that stop the run are annotations', () => {
  it('exit 2 with --format github prints an ::error with the message', async () => {
    const clone = shallowClone(library());
    const run = await cli(clone, ['check', '--format', 'github'], registry.url);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error title=api-semver could not run::cannot find the baseline: @demo\/mylib is not on npm and this is a shallow clone/m);
    const eq = await cli(clone, ['check', '--format=github', '--baseline', 'git:v9'], registry.url);
    expect(eq.stdout).toMatch(/^::error title=api-semver could not run::git:v9: unknown git ref 'v9'/m);
  }, timeout);
});
