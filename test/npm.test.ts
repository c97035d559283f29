import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { rejection } from './assertions.js';
import { FakeRegistry, integrityOf, tgz } from './fake-registry.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../src/core/input-error.js';
import { fetchNpmRelease, listVersions, npmOptions, parseNpmSpec } from '../src/load/npm.js';

// ------------------------------------------------------------------- set-up

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'api-semver-npm-'));
const registry = new FakeRegistry();
let caseNumber = 0;

/** A fresh cache dir for one test, under tmpRoot. */
function freshCache(): string {
  return path.join(tmpRoot, `cache-${caseNumber++}`);
}

beforeAll(async () => {
  registry.publish('greeter', ['1.0.0', '1.1.0', '1.2.0', '2.0.0-beta.1', '0.9.0'], {
    latest: '1.2.0',
    next: '2.0.0-beta.1',
  });
  registry.publish('@acme/widgets', ['3.1.4'], { latest: '3.1.4' });
  registry.publish('@private/secret', ['1.0.0'], { latest: '1.0.0' }, { token: 's3cret' });
  registry.publish('liar', ['1.0.0'], { latest: '1.0.0' }, { lie: true });
  registry.packages.set('evil', {
    versions: {
      '1.0.0': tgz([
        { path: 'package/index.d.ts', body: 'export {};' },
        { path: 'package/../pwned.d.ts', body: 'export {};' },
      ]),
      '2.0.0': tgz([{ path: 'package/index.d.ts', type: 'SymbolicLink', linkpath: '../../../pwned' }]),
    },
    distTags: { latest: '2.0.0' },
  });
  await registry.start();
});

afterAll(async () => {
  await registry.stop();
  rmSync(tmpRoot, { recursive: true, force: true });
});

// The user's own npm configuration must not leak into the tests.
beforeEach(() => {
  const userrc = path.join(tmpRoot, 'user.npmrc');
  writeFileSync(userrc, '');
  for (const key of Object.keys(process.env)) {
    if (/^(npm_config_(registry|userconfig)|https?_proxy|no_proxy|all_proxy)$/i.test(key)) vi.stubEnv(key, undefined);
  }
  vi.stubEnv('npm_config_userconfig', userrc);
  registry.requests = [];
});
afterEach(() => vi.unstubAllEnvs());


/** A project folder (package.json + .npmrc) under tmpRoot. */
function project(npmrc: string): string {
  const dir = path.join(tmpRoot, `project-${caseNumber++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"consumer","private":true}');
  writeFileSync(path.join(dir, '.npmrc'), npmrc);
  return dir;
}

// -------------------------------------------------------------------- specs

describe('parseNpmSpec', () => {
  it.each([
    ['npm:greeter@1.2.0', { name: 'greeter', range: '1.2.0' }],
    ['npm:greeter@^1.0.0', { name: 'greeter', range: '^1.0.0' }],
    ['npm:greeter@next', { name: 'greeter', range: 'next' }],
    ['npm:greeter', { name: 'greeter', range: 'latest' }],
    ['npm:@acme/widgets@>=3 <4', { name: '@acme/widgets', range: '>=3 <4' }],
    ['npm:@acme/widgets', { name: '@acme/widgets', range: 'latest' }],
    ['greeter@1.2.0', { name: 'greeter', range: '1.2.0' }],
    ['@acme/widgets@~3.1', { name: '@acme/widgets', range: '~3.1' }],
    ['JSONStream@1.3.5', { name: 'JSONStream', range: '1.3.5' }],
  ])('%s', (spec, expected) => {
    expect(parseNpmSpec(spec)).toEqual(expected);
  });

  it.each([
    'greeter', // a folder as much as a package
    '@acme/widgets',
    './greeter@1.0.0',
    '../greeter@1.0.0',
    '/abs/greeter@1.0.0',
    'dir\\greeter@1.0.0',
    'types/greeter@1.0.0.d.ts',
    'greeter@1.0.0.tgz',
    'greeter@1.0.0/index.d.ts',
    'greeter@github:user/repo',
    'greeter@file:../x',
    'greeter@',
    'my dir@1',
  ])('%s is not an npm spec', (spec) => {
    expect(parseNpmSpec(spec)).toBeUndefined();
  });

  it.each(['npm:greeter@github:user/repo', 'npm:greeter@file:../x', 'npm:Not Valid@1', 'npm:.hidden@1'])(
    '%s is a malformed npm spec',
    (spec) => {
      expect(() => parseNpmSpec(spec)).toThrow(InputError);
    },
  );
});

// ------------------------------------------------------------------ options

describe('npmOptions', () => {
  it('reads the user and project .npmrc, the environment, then explicit options', async () => {
    const userrc = path.join(tmpRoot, `user-${caseNumber++}.npmrc`);
    writeFileSync(
      userrc,
      [
        'registry=https://user.example/',
        '@acme:registry=https://acme.example/npm/',
        '//acme.example/npm/:_authToken=${ACME_TOKEN}',
        'strict-ssl=false',
        'fetch-retries=0',
        'cache=/ignored/npm-cache',
      ].join('\n'),
    );
    vi.stubEnv('npm_config_userconfig', userrc);
    vi.stubEnv('ACME_TOKEN', 'tok-123');
    const dir = project('registry=https://project.example/\n@other:registry=https://other.example/\n');
    const sub = path.join(dir, 'src', 'deep');
    mkdirSync(sub, { recursive: true });

    const fromFiles = await npmOptions({ cwd: sub, cache: '/c' });
    expect(fromFiles).toMatchObject({
      registry: 'https://project.example/',
      '@acme:registry': 'https://acme.example/npm/',
      '@other:registry': 'https://other.example/',
      '//acme.example/npm/:_authToken': 'tok-123',
      strictSSL: false,
      fetchRetries: 0,
      cache: '/c',
    });
    expect(fromFiles.offline).toBeUndefined();

    vi.stubEnv('NPM_CONFIG_REGISTRY', 'https://env.example/');
    expect((await npmOptions({ cwd: dir })).registry).toBe('https://env.example/');
    expect(
      await npmOptions({ cwd: dir, registry: 'https://explicit.example/', offline: true, npmrc: { '@acme:registry': 'https://x/' } }),
    ).toMatchObject({ registry: 'https://explicit.example/', offline: true, '@acme:registry': 'https://x/' });
  });

  it('caches under XDG_CACHE_HOME, else ~/.cache', async () => {
    const dir = project('');
    vi.stubEnv('XDG_CACHE_HOME', '/xdg');
    expect((await npmOptions({ cwd: dir })).cache).toBe(path.join('/xdg', 'api-semver', 'npm'));
    vi.stubEnv('XDG_CACHE_HOME', undefined);
    expect((await npmOptions({ cwd: dir })).cache).toBe(path.join(os.homedir(), '.cache', 'api-semver', 'npm'));
    expect((await npmOptions({ cwd: dir })).registry).toBe('https://registry.npmjs.org/');
  });
});

// ----------------------------------------------------------------- fetching

describe('fetchNpmRelease', () => {
  const opts = (): { registry: string; cache: string; cwd: string } => ({
    registry: registry.url,
    cache: freshCache(),
    cwd: tmpRoot,
  });

  it('fetches an exact version and reads its tarball in memory', async () => {
    const got = await fetchNpmRelease('greeter', '1.1.0', opts());
    expect(got.version).toBe('1.1.0');
    expect([...got.files.keys()]).toEqual(['index.d.ts', 'package.json']);
    expect(got.files.get('index.d.ts')).toBe("export declare const version: '1.1.0';\n");
    expect(got.integrity).toBe(integrityOf(registry.packages.get('greeter')!.versions['1.1.0']!));
  });

  it('resolves a range to the highest matching version', async () => {
    expect((await fetchNpmRelease('greeter', '^1.0.0', opts())).version).toBe('1.2.0');
    expect((await fetchNpmRelease('greeter', '<1', opts())).version).toBe('0.9.0');
  });

  it('resolves dist-tags', async () => {
    expect((await fetchNpmRelease('greeter', 'latest', opts())).version).toBe('1.2.0');
    expect((await fetchNpmRelease('greeter', 'next', opts())).version).toBe('2.0.0-beta.1');
  });

  it('fetches a scoped package', async () => {
    const got = await fetchNpmRelease('@acme/widgets', '3.x', opts());
    expect(got.version).toBe('3.1.4');
    expect(got.files.get('package.json')).toContain('"@acme/widgets"');
    expect(registry.requests).toContain('@acme/widgets');
  });

  it('reports an unknown package', async () => {
    const error = await rejection(fetchNpmRelease('nope', '1.0.0', opts()));
    expect(error.message).toBe(`package nope not found in ${registry.url}`);
    expect(error.file).toBe('npm:nope@1.0.0');
  });

  it('reports an unknown version, range or tag', async () => {
    for (const range of ['9.9.9', '^5', 'nightly']) {
      const error = await rejection(fetchNpmRelease('greeter', range, opts()));
      expect(error.message).toBe(`no version of greeter matches ${range}`);
      expect(error.file).toBe(`npm:greeter@${range}`);
    }
  });

  it('refuses specs that are not registry specs before asking anyone', async () => {
    const error = await rejection(fetchNpmRelease('greeter', 'github:user/repo', opts()));
    expect(error.message).toMatch(/not a version, range or dist-tag/);
    expect(registry.requests).toEqual([]);
  });

  it('fails offline with an empty cache', async () => {
    const error = await rejection(fetchNpmRelease('greeter', '1.0.0', { ...opts(), offline: true }));
    expect(error.message).toMatch(/^the version list of greeter \(to resolve 1\.0\.0\) is not in the npm cache .+, and --offline is set$/);
    expect(error.file).toBe('npm:greeter@1.0.0');
    expect(registry.requests).toEqual([]);
  });

  it('works offline from the cache after a fetch', async () => {
    const options = opts();
    await fetchNpmRelease('greeter', '^1.0.0', options);
    const online = registry.requests.length;
    expect(online).toBeGreaterThan(0);

    const got = await fetchNpmRelease('greeter', '^1.0.0', { ...options, offline: true });
    expect(got.version).toBe('1.2.0');
    expect(got.files.get('index.d.ts')).toContain("'1.2.0'");
    expect(registry.requests.length).toBe(online);
    // Only what was fetched is cached.
    const missing = await rejection(fetchNpmRelease('greeter', '1.0.0', { ...options, offline: true }));
    expect(missing.message).toMatch(/^the tarball of greeter@1\.0\.0 is not in the npm cache .+, and --offline is set$/);
  });

  it('picks the registry, scoped registries and auth tokens up from the project .npmrc', async () => {
    const dir = project(`registry=${registry.url}\n`);
    const got = await fetchNpmRelease('greeter', '1.0.0', { cwd: dir, cache: freshCache() });
    expect(got.version).toBe('1.0.0');

    const closed = await closedPort();
    vi.stubEnv('TEST_NPM_TOKEN', 's3cret');
    const host = registry.url.replace(/^http:/, '');
    const scoped = project(
      [
        `registry=http://127.0.0.1:${closed}/`,
        `@private:registry=${registry.url}`,
        `${host}:_authToken=\${TEST_NPM_TOKEN}`,
      ].join('\n'),
    );
    const secret = await fetchNpmRelease('@private/secret', '1.0.0', { cwd: scoped, cache: freshCache() });
    expect(secret.version).toBe('1.0.0');
  });

  it('reports a registry that refuses access', async () => {
    const error = await rejection(fetchNpmRelease('@private/secret', '1.0.0', opts()));
    expect(error.message).toMatch(/refused access/);
    expect(error.file).toBe('npm:@private/secret@1.0.0');
  });

  it('reports a network failure', async () => {
    const port = await closedPort();
    const error = await rejection(
      fetchNpmRelease('greeter', '1.0.0', {
        registry: `http://127.0.0.1:${port}/`,
        cache: freshCache(),
        cwd: tmpRoot,
        npmrc: { 'fetch-retries': '0' },
      }),
    );
    expect(error.message).toMatch(new RegExp(`^cannot reach http://127\\.0\\.0\\.1:${port}/`));
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses a tarball that does not match its integrity', async () => {
    const error = await rejection(fetchNpmRelease('liar', '1.0.0', { ...opts(), npmrc: { 'fetch-retries': '0' } }));
    expect(error.message).toBe('the tarball of liar@1.0.0 does not match its published integrity');
  });

  it.each([
    ['1.0.0', "entry 'package/../pwned.d.ts' escapes the package"],
    ['2.0.0', "link 'package/index.d.ts' → '../../../pwned' points outside the package"],
  ])('refuses a hostile tarball (evil@%s) and writes nothing outside the cache', async (version, message) => {
    const sandbox = mkdtempSync(path.join(tmpRoot, 'sandbox-'));
    const cache = path.join(sandbox, 'cache');
    const error = await rejection(fetchNpmRelease('evil', version, { registry: registry.url, cache, cwd: sandbox }));
    expect(error.message).toBe(message);
    expect(error.file).toBe(`npm:evil@${version}`);
    expect(readdirSync(sandbox)).toEqual(['cache']);
    // The cache holds cacache's own files, never an entry of the package.
    const cached = readdirSync(cache, { recursive: true, encoding: 'utf8' });
    expect(cached.filter((f) => /pwned|index\.d\.ts|package\.json/.test(f))).toEqual([]);
    for (const dir of [tmpRoot, path.dirname(tmpRoot), process.cwd()]) {
      expect(existsSync(path.join(dir, 'pwned.d.ts'))).toBe(false);
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    }
  });
});

describe('listVersions', () => {
  it('lists every published version, oldest first', async () => {
    expect(await listVersions('greeter', { registry: registry.url, cache: freshCache(), cwd: tmpRoot })).toEqual([
      '0.9.0',
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '2.0.0-beta.1',
    ]);
    expect(await listVersions('@acme/widgets', { registry: registry.url, cache: freshCache(), cwd: tmpRoot })).toEqual([
      '3.1.4',
    ]);
  });

  it('is undefined for a package the registry does not know', async () => {
    expect(await listVersions('nope', { registry: registry.url, cache: freshCache(), cwd: tmpRoot })).toBeUndefined();
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
