import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './assertions.js';
import { isShallowRepository, latestVersionTag, parseGitSpec, readGitFile, readGitRelease } from '../src/load/git.js';
import { InputError } from '../src/core/input-error.js';

// A throwaway repository with a history of releases; built once, only read by the tests (except the
// dirty-tree test, which leaves changes behind on purpose after the reads it checks).
let repo: string;
let outside: string;
const commits: Record<string, string> = {};
// Several pipe chunks long, so the cat-file parser has to join a blob from pieces.
const big = Array.from({ length: 100_000 }, (_, i) => `export declare const c${i}: ${i};\n`).join('');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), text);
  }
}

function commit(message: string): string {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD').trim();
}


beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'api-semver-git-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'api-semver-nogit-'));
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');

  write({
    'package.json': '{ "name": "name", "types": "index.d.ts" }\n',
    'index.d.ts': 'export declare const version: 1;\n',
    'README.md': '# readme\n',
    'src/index.ts': 'export const version = 1;\n',
    'tsconfig.json': '{}\n',
    'tsconfig.build.json': '{ "extends": "./tsconfig.json" }\n',
    'node_modules/dep/index.d.ts': 'export {};\n',
    '.hidden/x.d.ts': 'export {};\n',
    'packages/sub/package.json': '{ "name": "sub" }\n',
    'packages/sub/lib/api.d.mts': 'export declare function sub(): void;\n',
    'packages/sub/lib/api.js': 'export function sub() {}\n',
    'packages/subway/other.d.ts': 'export {};\n',
  });
  symlinkSync('index.d.ts', path.join(repo, 'alias.d.ts'));
  commits.v1 = commit('v1');
  git('tag', 'v1.0.0');

  write({ 'index.d.ts': 'export declare const version: 2;\n' });
  commits.v11 = commit('v1.1');
  // Annotated, so the ref has to be peeled to its commit.
  git('tag', '-a', '-m', 'release 1.1.0', 'v1.1.0');

  write({ 'index.d.ts': 'export declare const version: 3;\n' });
  commits.beta = commit('beta');
  git('tag', 'v2.0.0-beta.1');
  git('tag', 'name@1.2.0');
  git('tag', 'not-a-version');

  git('checkout', '-q', '-b', 'feature');
  write({ 'index.d.ts': 'export declare const version: 4;\n', 'big.d.ts': big, 'über/ö.d.ts': 'export {};\n' });
  commits.feature = commit('feature');
  git('checkout', '-q', 'main');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('parseGitSpec', () => {
  it('reads git:<ref> and git:<ref>:<subdir>', () => {
    expect(parseGitSpec('git:v1.0.0')).toEqual({ ref: 'v1.0.0', subdir: '' });
    expect(parseGitSpec('git:HEAD~1:packages/sub/')).toEqual({ ref: 'HEAD~1', subdir: 'packages/sub' });
    expect(parseGitSpec('git:main:./packages//sub')).toEqual({ ref: 'main', subdir: 'packages/sub' });
    expect(parseGitSpec('git:main:.')).toEqual({ ref: 'main', subdir: '' });
  });

  it('leaves other specs alone', () => {
    expect(parseGitSpec('examples/greeter/v1')).toBeUndefined();
    expect(parseGitSpec('index.d.ts')).toBeUndefined();
  });

  it('refuses an empty ref and a subdir leaving the repository', () => {
    expect(() => parseGitSpec('git:')).toThrow(InputError);
    expect(() => parseGitSpec('git:v1:../x')).toThrow(/leaves the repository/);
  });
});

describe('readGitRelease', () => {
  it('reads a tag: declarations, sources, package.json and tsconfigs, nothing else', async () => {
    const files = await readGitRelease('v1.0.0', '', repo);
    expect([...files.keys()]).toEqual([
      'alias.d.ts',
      'index.d.ts',
      'package.json',
      'packages/sub/lib/api.d.mts',
      'packages/sub/package.json',
      'packages/subway/other.d.ts',
      'src/index.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
    expect(files.get('index.d.ts')).toBe('export declare const version: 1;\n');
    // A symlink reads as the file it points to, as on disk.
    expect(files.get('alias.d.ts')).toBe('export declare const version: 1;\n');
  });

  it('peels an annotated tag, and reads a commit and a branch', async () => {
    expect((await readGitRelease('v1.1.0', '', repo)).get('index.d.ts')).toBe('export declare const version: 2;\n');
    expect((await readGitRelease(commits.v1!, '', repo)).get('index.d.ts')).toBe('export declare const version: 1;\n');
    expect((await readGitRelease(commits.v1!.slice(0, 10), '', repo)).get('index.d.ts')).toContain('version: 1');
    expect((await readGitRelease('feature', '', repo)).get('index.d.ts')).toBe('export declare const version: 4;\n');
    expect((await readGitRelease('main', '', repo)).get('index.d.ts')).toBe('export declare const version: 3;\n');
    expect((await readGitRelease('HEAD~1', '', repo)).get('index.d.ts')).toBe('export declare const version: 2;\n');
  });

  it('reads blobs larger than a pipe buffer, and non-ASCII paths, intact', async () => {
    const files = await readGitRelease('feature', '', repo);
    expect(files.get('big.d.ts')).toBe(big);
    expect(files.get('über/ö.d.ts')).toBe('export {};\n');
    expect(files.get('index.d.ts')).toBe('export declare const version: 4;\n');
  });

  it('reads a subdir, with paths relative to it, from any folder of the repository', async () => {
    const files = await readGitRelease('v1.0.0', 'packages/sub', path.join(repo, 'src'));
    expect([...files]).toEqual([
      ['lib/api.d.mts', 'export declare function sub(): void;\n'],
      ['package.json', '{ "name": "sub" }\n'],
    ]);
  });

  it('refuses a subdir that is not in the ref', async () => {
    const error = await rejection(readGitRelease('v1.0.0', 'packages/missing', repo));
    expect(error.message).toBe("no folder 'packages/missing' in v1.0.0");
    expect(error.file).toBe('git:v1.0.0:packages/missing');
    // A file is not a folder.
    await rejection(readGitRelease('v1.0.0', 'index.d.ts', repo));
  });

  it('leaves the working tree and the index untouched', async () => {
    write({ 'index.d.ts': 'export declare const dirty: true;\n', 'untracked.d.ts': 'export {};\n' });
    write({ 'src/staged.ts': 'export const staged = 1;\n' });
    git('add', 'src/staged.ts');
    const status = git('status', '--porcelain');
    const index = createHash('sha256').update(readFileSync(path.join(repo, '.git/index'))).digest('hex');

    const files = await readGitRelease('v1.0.0', '', repo);
    expect(files.get('index.d.ts')).toBe('export declare const version: 1;\n');
    expect(files.has('untracked.d.ts')).toBe(false);
    expect(files.has('src/staged.ts')).toBe(false);

    expect(createHash('sha256').update(readFileSync(path.join(repo, '.git/index'))).digest('hex')).toBe(index);
    expect(readFileSync(path.join(repo, 'index.d.ts'), 'utf8')).toBe('export declare const dirty: true;\n');
    expect(git('status', '--porcelain')).toBe(status);
    expect(status).toContain(' M index.d.ts');
    expect(status).toContain('A  src/staged.ts');
    expect(git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  });

  it('reports an unknown ref', async () => {
    const error = await rejection(readGitRelease('v9.9.9', '', repo));
    expect(error.message).toBe("unknown git ref 'v9.9.9'");
    expect(error.file).toBe('git:v9.9.9');
    expect((await rejection(readGitRelease('--help', '', repo))).message).toBe("unknown git ref '--help'");
  });

  it('reports a folder outside any repository', async () => {
    const error = await rejection(readGitRelease('v1.0.0', '', outside));
    expect(error.message).toMatch(/^not inside a git repository: /);
    expect(error.file).toBe('git:v1.0.0');
  });
});

describe('readGitFile and isShallowRepository', () => {
  it('reads one file of a commit by its path from the repository root, and says when it is not there', async () => {
    expect(await readGitFile('v1.0.0', 'packages/sub/package.json', repo)).toBe('{ "name": "sub" }\n');
    expect(await readGitFile('v1.0.0', './README.md', path.join(repo, 'packages'))).toBe('# readme\n');
    const error = await rejection(readGitFile('v1.0.0', 'api/none.api.md', repo));
    expect([error.message, error.file]).toEqual(["no file 'api/none.api.md' in v1.0.0", 'git:v1.0.0:api/none.api.md']);
    await rejection(readGitFile('v1.0.0', '../x', repo));
  });

  it('tells a complete repository from a shallow clone', async () => {
    expect(await isShallowRepository(repo)).toBe(false);
    const clone = path.join(outside, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${repo}`, clone]);
    expect(await isShallowRepository(clone)).toBe(true);
    expect((await rejection(readGitRelease('v1.0.0', '', clone))).message).toMatch(/^unknown git ref 'v1\.0\.0': this is a shallow clone/);
  });
});

describe('latestVersionTag', () => {
  it('finds the newest stable version tag', async () => {
    expect(await latestVersionTag(repo)).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
  });

  it('finds the newest version below another', async () => {
    expect(await latestVersionTag(repo, undefined, '1.1.0')).toEqual({ tag: 'v1.0.0', version: '1.0.0' });
    expect(await latestVersionTag(repo, undefined, '2.0.0')).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
    expect(await latestVersionTag(repo, undefined, '1.0.0')).toBeUndefined();
  });

  it('counts prereleases only below a prerelease', async () => {
    expect(await latestVersionTag(repo, undefined, '2.0.0-beta.2')).toEqual({
      tag: 'v2.0.0-beta.1',
      version: '2.0.0-beta.1',
    });
    expect(await latestVersionTag(repo, undefined, '2.0.0-beta.1')).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
  });

  it('counts <name>@<version> tags of the named package', async () => {
    expect(await latestVersionTag(repo, 'name')).toEqual({ tag: 'name@1.2.0', version: '1.2.0' });
    expect(await latestVersionTag(repo, 'name', '1.2.0')).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
    expect(await latestVersionTag(repo, 'other')).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
  });

  it('with orEqual, counts the tag of the version itself (an unbumped branch is compared with its release)', async () => {
    expect(await latestVersionTag(repo, undefined, '1.1.0', true)).toEqual({ tag: 'v1.1.0', version: '1.1.0' });
    expect(await latestVersionTag(repo, 'name', '1.2.0', true)).toEqual({ tag: 'name@1.2.0', version: '1.2.0' });
    expect(await latestVersionTag(repo, undefined, '2.0.0-beta.1', true)).toEqual({ tag: 'v2.0.0-beta.1', version: '2.0.0-beta.1' });
    expect(await latestVersionTag(repo, undefined, '1.0.5', true)).toEqual({ tag: 'v1.0.0', version: '1.0.0' });
  });

  it('refuses a bad version and a folder outside any repository', async () => {
    await rejection(latestVersionTag(repo, undefined, 'next'));
    expect((await rejection(latestVersionTag(outside))).message).toMatch(/^not inside a git repository/);
  });
});
