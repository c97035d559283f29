import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, diff, InputError, loadPolicy, parsePolicy, readSurface, type DiffReport } from '../src/index.js';
import { catalog } from '../src/rules/catalog.js';
import { parseChangeset, readChangesets } from '../src/config/changesets.js';
import { loadRelease } from '../src/load/package-files.js';
import { readTarball } from '../src/load/tarball.js';
import { FakeRegistry, tarOf, tgz, type TarEntry } from './fake-registry.js';
import { tempDir } from './temp-dir.js';

// Each block reproduces one of the ways hostile or broken input used to get through (issue 16's "Why").
const repo = path.resolve(import.meta.dirname, '..');
const greeter = (version: 'v1' | 'v2') => readFileSync(path.join(repo, 'examples/greeter', version, 'index.d.ts'), 'utf8');
const manifest = (version: string) => JSON.stringify({ name: 'greeter', version, types: 'index.d.ts' });
const ids = catalog.map((rule) => rule.id);
const isRoot = process.getuid?.() === 0;

/** The error a promise rejects with (it must reject). */
async function rejection(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** Two tarballs of the example pair (immutable releases, so their surfaces are cached). */
function tarballPair(): { dir: string; old: string; new: string } {
  const dir = tempDir({});
  const write = (name: string, version: string, text: string) => {
    writeFileSync(path.join(dir, name), tgz([{ path: 'package/package.json', body: manifest(version) }, { path: 'package/index.d.ts', body: text }]));
    return path.join(dir, name);
  };
  return { dir, old: write('old.tgz', '1.4.0', greeter('v1')), new: write('new.tgz', '1.5.0', greeter('v2')) };
}

const verdict = (report: DiffReport) => ({ bump: report.bump, findings: report.findings.map((f) => `${f.bump} ${f.rule} ${f.path}`) });

describe('1. a poisoned surface cache never changes the verdict', () => {
  const pair = tarballPair();
  let cold: ReturnType<typeof verdict>;
  beforeAll(async () => {
    cold = verdict(await diff(pair.old, pair.new, { surfaceCache: false, policy: defaultPolicy }));
    expect(cold.bump).toBe('major');
  });

  const entryOf = (cache: string) => path.join(cache, readdirSync(cache).find((name) => name.endsWith('.json'))!);
  const poisons: Array<[string, (text: string) => string]> = [
    ['a well-formed but wrong surface in the old layout', () => '{"entries":[],"items":{}}'],
    ['an entry of another shape', () => '{"surface": 42}'],
    ['an empty file', () => ''],
    ['half an entry', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['a body that does not match its digest', (text) => text.replace(/"bump"|"Volume"/, '"Xolume"')],
    ['a wrong surface with its own digest', (text) => rewrap(text, '{"entries":[],"items":{}}')],
    ['another layout', (text) => text.replace('"schema":2', '"schema":1')],
    ['an entry of another release', (text) => text.replace(/"key":"[0-9a-f]{6}/, '"key":"000000')],
    ['a shape the diff cannot use, with its own digest', (text) => rewrap(text, '{"entries":{},"items":[]}')],
    ['an export leading to no item, with its own digest', (text) => rewrap(text, '{"entries":[{"subpath":".","file":"index.d.ts","exports":{"a":{"id":"gone","typeOnly":false}}}],"items":{}}')],
  ];

  it.each(poisons)('%s: discarded with a warning, rebuilt, same verdict', async (_name, poison) => {
    const surfaceCache = tempDir({});
    await diff(pair.old, pair.new, { surfaceCache, policy: defaultPolicy });
    for (const name of readdirSync(surfaceCache)) {
      const file = path.join(surfaceCache, name);
      writeFileSync(file, poison(readFileSync(file, 'utf8')));
    }
    const warnings: string[] = [];
    const warm = await diff(pair.old, pair.new, { surfaceCache, policy: defaultPolicy, onWarning: (m) => warnings.push(m) });
    expect(verdict(warm)).toEqual(cold);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => /surface cache entry .* is damaged or foreign: rebuilt/.test(w) && !w.includes('\n'))).toBe(true);
    // Rebuilt: the next run reads the entry without a word.
    const again: string[] = [];
    expect(verdict(await diff(pair.old, pair.new, { surfaceCache, policy: defaultPolicy, onWarning: (m) => again.push(m) }))).toEqual(cold);
    expect(again).toEqual([]);
    expect(readFileSync(entryOf(surfaceCache), 'utf8')).toMatch(/^\{"schema":2,"key":"[0-9a-f]{64}","digest":"[0-9a-f]{64}"\}\n/);
  });

  it('--fail-on major still fails with a poisoned cache (CLI)', async () => {
    const cacheHome = tempDir({});
    const env = { XDG_CACHE_HOME: cacheHome };
    expect((await cli(['diff', pair.old, pair.new, '--fail-on', 'major'], env)).code).toBe(1);
    const surfaces = path.join(cacheHome, 'api-semver', 'surfaces');
    for (const name of readdirSync(surfaces)) writeFileSync(path.join(surfaces, name), '{"entries":[],"items":{}}');
    const poisoned = await cli(['diff', pair.old, pair.new, '--fail-on', 'major'], env);
    expect(poisoned.code).toBe(1);
    expect(poisoned.stderr).toMatch(/^api-semver: warning: surface cache entry .* is damaged or foreign: rebuilt$/m);
  });
});

/** A cache entry with another body, under a header whose digest fits the new body. */
function rewrap(text: string, body: string): string {
  const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { digest: string };
  header.digest = createHash('sha256').update(body).digest('hex');
  return `${JSON.stringify(header)}\n${body}`;
}

describe('2. an unusable cache folder is skipped, and offline messages say what is missing', () => {
  const registry = new FakeRegistry();
  beforeAll(async () => {
    await registry.start();
    registry.publishFiles('greeter', { '1.4.0': { 'package.json': manifest('1.4.0'), 'index.d.ts': greeter('v1') } }, { latest: '1.4.0' });
  });
  afterAll(() => registry.stop());
  const npm = () => ({ registry: registry.url, npmrc: {}, cache: tempDir({}), surfaceCache: tempDir({}) });
  const aFile = () => {
    const file = path.join(tempDir({}), 'not-a-folder');
    writeFileSync(file, 'x');
    return file;
  };

  it('a surface cache that is not a directory: a warning, and the run goes on uncached', async () => {
    const warnings: string[] = [];
    const surface = await readSurface('npm:greeter@1.4.0', { ...npm(), surfaceCache: aFile(), onWarning: (m) => warnings.push(m) });
    expect(Object.keys(surface.items)).toContain('Greeter');
    expect(warnings).toEqual([expect.stringMatching(/^surface cache .*not-a-folder is not usable \(ENOTDIR\): running without it$/)]);
  });

  it('an npm cache that is not a directory: a warning, fetched without it (not blamed on the registry)', async () => {
    const warnings: string[] = [];
    const surface = await readSurface('npm:greeter@1.4.0', { ...npm(), cache: aFile(), onWarning: (m) => warnings.push(m) });
    expect(Object.keys(surface.items)).toContain('Greeter');
    expect(warnings).toEqual([expect.stringMatching(/^npm cache .*not-a-folder is not usable \(not a directory\): fetching without it$/)]);
  });

  it('offline: a cache that is not a directory is named as the problem', async () => {
    const cache = aFile();
    const error = await rejection(readSurface('npm:greeter@1.4.0', { ...npm(), cache, offline: true }));
    expect(error.file).toBe(cache);
    expect(error.message).toMatch(/the npm cache is not usable \(not a directory\)/);
  });

  it('offline: a populated cache is used, and what is missing is named', async () => {
    const options = npm();
    await readSurface('npm:greeter@1.4.0', options);
    const requests = registry.requests.length;
    expect(Object.keys((await readSurface('npm:greeter@1.4.0', { ...options, offline: true })).items)).toContain('Greeter');
    expect(registry.requests.length).toBe(requests);
    const missing = await rejection(readSurface('npm:other@1.0.0', { ...options, offline: true }));
    expect(missing.message).toMatch(/^the version list of other \(to resolve 1\.0\.0\) is not in the npm cache .+, and --offline is set$/);
  });

  // Permissions mean nothing to root, which is who runs many CI containers (and this suite's machine).
  it.skipIf(isRoot)('read-only caches: warnings, and a readable populated cache still answers offline', async () => {
    const options = npm();
    await readSurface('npm:greeter@1.4.0', options);
    chmodSync(options.surfaceCache, 0o555);
    chmodSync(options.cache, 0o555);
    const warnings: string[] = [];
    const surface = await readSurface('npm:greeter@1.4.0', { ...options, surfaceCache: tempDir({}), onWarning: (m) => warnings.push(m) });
    expect(Object.keys(surface.items)).toContain('Greeter');
    expect(Object.keys((await readSurface('npm:greeter@1.4.0', { ...options, offline: true })).items)).toContain('Greeter');
    chmodSync(options.surfaceCache, 0o755);
    chmodSync(options.cache, 0o755);
  });
});

describe('4. huge files are refused before they are read', () => {
  it('a small .tgz holding a 40 MiB .d.ts: exit 2 naming the file and the limit, no stack trace', async () => {
    const dir = tempDir({});
    const big = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const tar = tarOf([{ path: 'package/package.json', body: manifest('1.0.0') }, { path: 'package/index.d.ts', body: big }], { gzip: false });
    const file = path.join(dir, 'bomb.tgz');
    writeFileSync(file, gzipSync(tar, { level: constants.Z_BEST_SPEED }));
    expect(readFileSync(file).length).toBeLessThan(1024 * 1024);
    const result = await cli(['diff', file, file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^api-semver: .*bomb\.tgz: 'package\/index\.d\.ts': 41943040 bytes, more than the limit of 33554432 bytes for one file\n$/);
  });

  it('a 512 MiB .d.ts announced by its header is refused before a byte of it is read', async () => {
    const header = tarOf([{ path: 'package/index.d.ts', size: 512 * 1024 * 1024 }], { eof: false });
    const error = await rejection(readTarball(header, 'huge.tgz'));
    expect(error.message).toMatch(/'package\/index\.d\.ts': 536870912 bytes, more than the limit/);
  });

  it('a directory: the file named, from its size on disk', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0'), 'index.d.ts': 'export {};\n' });
    writeFileSync(path.join(dir, 'huge.d.ts'), '');
    truncateSync(path.join(dir, 'huge.d.ts'), 33 * 1024 * 1024);
    const error = await rejection(loadRelease(dir, dir));
    expect(error.file).toBe(path.join(dir, 'huge.d.ts'));
    expect(error.message).toMatch(/more than the limit of 33554432 bytes for one file/);
  });

  it('a git tree: the file named, from the size git announces', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0'), 'index.d.ts': 'export {};\n' });
    writeFileSync(path.join(dir, 'huge.d.ts'), Buffer.alloc(33 * 1024 * 1024, 0x20));
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'huge');
    const error = await rejection(loadRelease('git:HEAD', dir));
    expect(error.file).toBe('git:HEAD:huge.d.ts');
    expect(error.message).toMatch(/more than the limit of 33554432 bytes for one file/);
  });
});

describe('5. prototype keys in the policy are keys like any other', () => {
  const policyFile = (text: string) => {
    const dir = tempDir({ 'api-semver.config.json': text });
    return loadPolicy({ folders: [dir], cwd: dir }, ids);
  };

  it.each([
    ['{"__proto__": {"additions": "patch"}}', /^__proto__: unknown key/],
    ['{"constructor": {}}', /^constructor: unknown key/],
    ['{"toString": "x"}', /^toString: unknown key/],
    ['{"rules": {"__proto__": "off"}}', /^rules\.__proto__: unknown rule "__proto__"/],
    ['{"rules": {"constructor": "off"}}', /^rules\.constructor: unknown rule "constructor"/],
    ['{"rules": {"toString": "major"}}', /^rules\.toString: unknown rule "toString"/],
    ['{"stability": {"hasOwnProperty": true}}', /^stability\.hasOwnProperty: unknown key/],
    ['{"ignore": [{"rule": "export-removed", "path": "x", "reason": "y", "constructor": 1}]}', /^ignore\[0\]\.constructor: unknown key/],
  ])('%s is refused, naming the key', async (text, message) => {
    const error = await rejection(policyFile(text));
    expect(error.file).toBe('api-semver.config.json');
    expect(error.message).toMatch(message);
  });

  it.each(['[]', '3', 'null', '"policy"', ''])('a root that is not an object (%j) is the policy file\'s problem', async (text) => {
    const error = await rejection(policyFile(text));
    expect(error.file).toBe('api-semver.config.json');
    expect(error.message).toMatch(/top level.*must be an object/);
    expect(error.message).not.toMatch(/tsconfig/);
  });

  it.each([
    ['['.repeat(100_000), /^nested too deeply to read$/],
    ['{"rules":'.repeat(100_000), /^nested too deeply to read$/],
    [`${'['.repeat(40)}${']'.repeat(40)}`, /^nested more than 32 levels deep$/],
  ])('a policy nested without end is refused, not a stack overflow (%#)', async (text, message) => {
    const error = await rejection(policyFile(text));
    expect(error.file).toBe('api-semver.config.json');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['{"exports":'.repeat(100_000), 'nested too deeply to read'],
    [`{"exports":${'{"import":'.repeat(100_000)}"./index.d.ts"${'}'.repeat(100_001)}`, 'not valid package.json: nested more than 64 levels deep'],
  ])('so is a package.json (%#)', async (text, message) => {
    const dir = tempDir({ 'package.json': text, 'index.d.ts': 'export {};\n' });
    const error = await rejection(loadRelease(dir, dir));
    expect(error.file).toBe(path.join(dir, 'package.json'));
    expect(error.message).toBe(message);
  });

  it('a policy file that is a pipe is never waited on', async () => {
    const dir = tempDir({});
    execFileSync('mkfifo', [path.join(dir, 'api-semver.config.json')]);
    expect(await loadPolicy({ folders: [dir], cwd: dir }, ids)).toEqual({ policy: defaultPolicy });
    const error = await rejection(loadPolicy({ config: 'api-semver.config.json', folders: [], cwd: dir }, ids));
    expect(error.message).toBe('cannot read the config file: not a regular file');
  });

  it('the shipped JSON Schema describes every key of the policy, and is what validation walks', () => {
    const schema = JSON.parse(readFileSync(path.join(repo, 'schema/policy.schema.json'), 'utf8')) as { properties: Record<string, { properties?: object }> };
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', ...Object.keys(defaultPolicy)].sort());
    expect(Object.keys(schema.properties.stability!.properties!).sort()).toEqual(Object.keys(defaultPolicy.stability).sort());
    expect(parsePolicy({ $schema: './node_modules/api-semver/schema/policy.schema.json' }, 'x.json', ids)).toEqual(defaultPolicy);
    expect(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).files).toContain('schema');
  });

  it('a package named constructor (or __proto__) passes the changesets check', async () => {
    const dir = tempDir({ '.changeset/a.md': '---\n"constructor": minor\n"__proto__": major\n---\n' });
    expect(await readChangesets(path.join(dir, '.changeset'), 'constructor')).toEqual({ files: ['.changeset/a.md'], declared: 'minor' });
    expect(await readChangesets(path.join(dir, '.changeset'), '__proto__')).toEqual({ files: ['.changeset/a.md'], declared: 'major' });
    expect(await readChangesets(path.join(dir, '.changeset'), 'toString')).toEqual({ files: [] });
  });
});

describe('6. changeset front matter is read in linear time, and YAML trouble is one line', () => {
  it('a changeset above 1 MiB is refused, naming it and the limit', async () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `"pkg-${i}": patch`).join('\n');
    const dir = tempDir({ '.changeset/big.md': `---\n${keys}\n---\n` });
    const error = await rejection(readChangesets(path.join(dir, '.changeset'), 'pkg-1'));
    expect(error.file).toBe('.changeset/big.md');
    expect(error.message).toMatch(/more than a changeset may hold \(1048576\)/);
  });

  it('a changeset just under the limit, with tens of thousands of keys, is read', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `"pkg-${i}": patch`).join('\n');
    const dir = tempDir({ '.changeset/many.md': `---\n${keys}\n"pkg-7": major\n---\n` });
    await expect(readChangesets(path.join(dir, '.changeset'), 'pkg-7')).rejects.toMatchObject({ message: expect.stringMatching(/"pkg-7" is named twice/) });
  });

  it('an unknown YAML tag is a one-line error with its line, and nothing reaches Node\'s warnings', () => {
    const warnings: Error[] = [];
    const listener = (w: Error) => warnings.push(w);
    process.on('warning', listener);
    try {
      expect(() => parseChangeset('---\n"a": patch\n"greeter": !foo major\n---\n', '.changeset/x.md')).toThrow(
        expect.objectContaining({ file: '.changeset/x.md', line: 3, message: expect.stringMatching(/^not a valid changeset front matter: [^\n]*!foo[^\n]*$/) }),
      );
    } finally {
      process.off('warning', listener);
    }
    expect(warnings).toEqual([]);
  });

  it('through the CLI: stderr is that one line', async () => {
    const dir = tempDir({ '.changeset/x.md': '---\n"greeter": !foo major\n---\n' });
    const result = await cli(['check', path.join(repo, 'examples/greeter/v1'), path.join(repo, 'examples/greeter/v2'), '--changesets', '.changeset'], {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^api-semver: \.changeset\/x\.md:2: not a valid changeset front matter: [^\n]*\n$/);
  });
});

describe('7. only regular files are read from the changesets folder', () => {
  it('a folder, a dangling link and a FIFO named *.md are each named in a warning; nothing hangs', async () => {
    const dir = tempDir({ '.changeset/real.md': '---\n"greeter": minor\n---\n' });
    const folder = path.join(dir, '.changeset');
    mkdirSync(path.join(folder, 'folder.md'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(folder, 'dangling.md'));
    execFileSync('mkfifo', [path.join(folder, 'fifo.md')]);
    const warnings: string[] = [];
    expect(await readChangesets(folder, 'greeter', (m) => warnings.push(m))).toEqual({ files: ['.changeset/real.md'], declared: 'minor' });
    expect(warnings).toEqual([
      expect.stringMatching(/^\.changeset\/dangling\.md skipped: it cannot be read \(ENOENT\)$/),
      '.changeset/fifo.md skipped: not a regular file',
      expect.stringMatching(/^\.changeset\/folder\.md skipped: (not a regular file|it cannot be read \(EISDIR\))$/),
    ]);
  });
});

describe('8. a package directory is contained like a tarball', () => {
  it('a declaration file linked out of the package is refused, naming the link', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0') });
    symlinkSync('/etc/passwd', path.join(dir, 'index.d.ts'));
    const error = await rejection(loadRelease(dir, dir));
    expect(error.file).toBe(path.join(dir, 'index.d.ts'));
    expect(error.message).toBe('symbolic link leads outside the package (to /etc/passwd); a release is read from its own folder only');
  });

  it('a folder linked to / is refused instead of walking the file system', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0'), 'index.d.ts': 'export {};\n' });
    symlinkSync('/', path.join(dir, 'root'));
    const error = await rejection(loadRelease(dir, dir));
    expect(error.message).toMatch(/^symbolic link leads outside the package \(to \/\)/);
  });

  it('a link out of the package that is not read (a README) is no concern', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0'), 'index.d.ts': 'export {};\n' });
    symlinkSync('/etc/passwd', path.join(dir, 'README.md'));
    expect((await loadRelease(dir, dir)).files.has('index.d.ts')).toBe(true);
  });

  it('links inside the package are followed, in a directory and in a tarball', async () => {
    const dir = tempDir({ 'package.json': manifest('1.0.0'), 'dist/types/index.d.ts': 'export declare const a: 1;\n' });
    symlinkSync('dist/types/index.d.ts', path.join(dir, 'index.d.ts'));
    symlinkSync('dist/types', path.join(dir, 'types'));
    // A folder reached twice is read once (the first path in name order), so a link cycle ends.
    const fromDir = await loadRelease(dir, dir);
    expect(fromDir.files.get('index.d.ts')).toBe('export declare const a: 1;\n');
    expect([...fromDir.files.keys()]).toEqual(['dist/types/index.d.ts', 'index.d.ts', 'package.json']);

    const files = await readTarball(
      tgz([
        { path: 'package/package.json', body: manifest('1.0.0') },
        { path: 'package/dist/types/index.d.ts', body: 'export declare const a: 1;\n' },
        { path: 'package/index.d.ts', type: 'SymbolicLink', linkpath: 'dist/types/index.d.ts' },
        { path: 'package/types', type: 'SymbolicLink', linkpath: 'dist/types' },
        { path: 'package/hard.d.ts', type: 'Link', linkpath: 'package/dist/types/index.d.ts' },
      ]),
      'linked.tgz',
    );
    expect(files.get('index.d.ts')).toBe('export declare const a: 1;\n');
    expect(files.get('types/index.d.ts')).toBe('export declare const a: 1;\n');
    expect(files.get('hard.d.ts')).toBe('export declare const a: 1;\n');
  });
  it('a drive letter below the package folder is refused like an absolute path', async () => {
    const error = await rejection(readTarball(tgz([{ path: 'package/C:/a.d.ts', body: 'export {};' }]), 'drive.tgz'));
    expect(error.message).toBe("entry 'package/C:/a.d.ts' escapes the package");
  });

  it('folder links in a tarball cannot multiply its files without bound: copies count as entries', async () => {
    const links: TarEntry[] = Array.from({ length: 5 }, (_, i) => ({ path: `package/l${i}`, type: 'SymbolicLink', linkpath: 'lib' }));
    const data = tgz([{ path: 'package/lib/a.d.ts', body: 'export {};' }, { path: 'package/lib/b.d.ts', body: 'export {};' }, ...links]);
    expect((await readTarball(data, 'links.tgz')).size).toBe(12);
    const error = await rejection(readTarball(data, 'links.tgz', { maxEntries: 10 }));
    expect(error.message).toBe('more than 10 files once its links are followed');
  });
});

describe('9. --fetch-deps and odd dependency names', () => {
  const registry = new FakeRegistry();
  beforeAll(() => registry.start());
  afterAll(() => registry.stop());
  const options = () => ({ registry: registry.url, npmrc: {}, cache: tempDir({}), fetchDeps: true });
  const importing = (dependencies: Record<string, unknown>, from: string) =>
    tempDir({
      'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', types: 'index.d.ts', dependencies }),
      'index.d.ts': `import type { X } from '${from}';\nexport declare const x: X;\n`,
    });

  it('a dependency range that is not a string is named, with the package.json', async () => {
    const dir = importing({ dep: 1 }, 'dep');
    const error = await rejection(loadRelease(dir, dir, options()));
    expect(error.file).toBe(path.join(dir, 'package.json'));
    expect(error.message).toBe('the range of dependency "dep" must be a string, not 1');
  });

  it('an import named constructor finds no inherited range and stays opaque', async () => {
    const dir = importing({}, 'constructor');
    const release = await loadRelease(dir, dir, options());
    expect([...release.files.keys()].some((name) => name.startsWith('node_modules/'))).toBe(false);
  });
});

describe('internal errors', () => {
  it('bad input is never reported as an internal error; usage names --debug only for bugs', async () => {
    const result = await cli(['diff', 'examples/greeter/v1', 'no/such/dir', '--debug']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('api-semver: no/such/dir: path does not exist\n');
  });
});

const run = promisify(execFile);

async function cli(args: string[], env: Record<string, string> = {}, cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repo, 'bin/api-semver.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}
