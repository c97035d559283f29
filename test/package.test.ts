import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp-dir.js';

// The tool as a user gets it: `npm pack` (what `npm publish` uploads), installed with `npm i -D` into a fresh
// project, then `npx api-semver`. Offline: npm may read only its cache, which `npm ci` of this repository filled
// with every dependency's tarball, and any request to the network would go through a proxy on a closed port (the
// registry stays the one `npm ci` used: the cache is looked up under its address). npm resolves version
// ranges from packuments, which `npm ci` never fetches, so the fresh project gets a lockfile made from this
// repository's (its production entries, the same versions a user would have been resolved to today): npm then
// needs nothing but the cached tarballs.
const repo = path.resolve(import.meta.dirname, '..');
const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const closed = 'http://127.0.0.1:9';
const offline: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
  npm_config_offline: 'true',
  npm_config_proxy: closed,
  npm_config_https_proxy: closed,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  NODE_ENV: 'production',
  NO_COLOR: '1',
};
const timeout = 300_000;
const bin = (tool: string) => path.join(repo, 'node_modules/.bin', process.platform === 'win32' ? `${tool}.cmd` : tool);

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}

/** The fresh project's lockfile: the tarball as its one dev dependency, with this repository's production tree. */
function consumerLock(tarball: string, manifest: { version: string; license: string; dependencies: object; bin: object; engines: object }): object {
  const own = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const devDependencies = { 'api-semver': `file:${tarball}` };
  const packages: Record<string, object> = {
    '': { name: 'consumer', version: '1.1.0', devDependencies },
    'node_modules/api-semver': { version: manifest.version, resolved: `file:${tarball}`, dev: true, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [key, entry] of Object.entries(own.packages)) if (key !== '' && !entry.dev) packages[key] = { ...entry, dev: true };
  return { name: 'consumer', version: '1.1.0', lockfileVersion: 3, requires: true, packages };
}

describe('the npm package', () => {
  // The package: bin and dist, no sources, tests or fixtures (the suite built dist; packing must not rebuild it
  // under the other test files, hence --ignore-scripts: `prepack` is what rebuilds it for a real publish).
  let tarball = '';
  let files: string[] = [];
  beforeAll(async () => {
    const packDir = tempDir({});
    const packed = JSON.parse((await exec(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repo, env: offline })).stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = path.join(packDir, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path);
  }, timeout);

  it('asks for a Node that every production dependency runs on', () => {
    const engines = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const own = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry & { engines?: { node?: string } }> };
    for (const [key, entry] of Object.entries(own.packages)) {
      if (key !== '' && !entry.dev && entry.engines?.node) expect(semver.subset(engines, entry.engines.node), `${key} needs node ${entry.engines.node}`).toBe(true);
    }
  });

  it(
    'packs the built tool, and installs in a fresh project as a dev dependency, offline, with a working npx api-semver and no dev dependencies of its own',
    async () => {
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/api-semver.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'schema/policy.schema.json']));
      expect(files.filter((f) => !/^(bin|dist|schema)\//.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);

      // A fresh library project: 1.1.0 adds a function to 1.0.0 (in baseline/), so its version is enough.
      const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
      const project = tempDir({
        'index.d.ts': 'export declare function greet(name: string): string;\nexport declare function shout(text: string): string;\n',
        'baseline/package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', types: 'index.d.ts' }),
        'baseline/index.d.ts': 'export declare function greet(name: string): string;\n',
      });
      const name = path.basename(tarball);
      copyFileSync(tarball, path.join(project, name));
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.1.0', types: 'index.d.ts', devDependencies: { 'api-semver': `file:${name}` } }, null, 2));
      writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(consumerLock(name, manifest), null, 2));

      await exec(npm, ['ci', '--include=dev'], { cwd: project, env: offline });
      for (const dev of Object.keys(manifest.devDependencies)) expect(existsSync(path.join(project, 'node_modules', dev)), dev).toBe(false);
      expect(existsSync(path.join(project, 'node_modules/api-semver/dist/index.d.ts'))).toBe(true);

      const version = await exec(npx, ['api-semver', '--version'], { cwd: project, env: offline });
      expect(version.stdout).toBe(`${manifest.version}\n`);
      const check = await exec(npx, ['api-semver', 'check', '--baseline', 'baseline', '--quiet'], { cwd: project, env: offline });
      expect(check.stdout).toMatch(/^Required bump: minor \(1 change\)\n/);
      expect(check.stdout).toContain('Version: 1.0.0 → 1.1.0: ok');

      // The library entry point, as `exports` declares it.
      const library = await exec(process.execPath, ['--input-type=module', '-e', "const m = await import('api-semver'); console.log(typeof m.diff, typeof m.check)"], { cwd: project, env: offline });
      expect(library.stdout).toBe('function function\n');
      // and from CommonJS: every Node that engines allows loads an ES module without top-level await with require().
      const required = await exec(process.execPath, ['-e', "const m = require('api-semver'); console.log(typeof m.diff)"], { cwd: project, env: offline });
      expect(required.stdout).toBe('function\n');
    },
    timeout,
  );

  // The checks the ecosystem runs on a package, on the packed tarball, with no network.
  it('passes publint, strict (package.json fields against the files packed)', async () => {
    const { stdout } = await exec(bin('publint'), ['run', tarball, '--strict', '--level', 'suggestion'], { cwd: repo, env: offline });
    expect(stdout).toContain('All good!');
  });

  it('has types every TypeScript resolution finds, as arethetypeswrong checks them', async () => {
    // No @types lookup (the package ships its types), so nothing is fetched. One rule is left out: attw models
    // TypeScript's `module: node16`, in which a CommonJS file may not require() an ES module; the package is ESM
    // only, and every Node its engines allow does load it with require() (the test above), as does TypeScript's
    // `module: node20`.
    const { stdout } = await exec(bin('attw'), [tarball, '--no-definitely-typed', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'json'], { cwd: repo, env: offline });
    // attw exits 1 on any other problem; the JSON lists the ignored one too.
    const { analysis, problems } = JSON.parse(stdout) as { analysis: { types: { kind: string }; entrypoints: Record<string, unknown> }; problems: Record<string, unknown[]> };
    expect(analysis.types.kind).toBe('included');
    expect(Object.keys(analysis.entrypoints)).toEqual(['.', './package.json']);
    expect(Object.keys(problems).filter((kind) => kind !== 'CJSResolvesToESM')).toEqual([]);
  });
});
