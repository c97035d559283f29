import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { create } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { readTarball } from '../src/load/tarball.js';
import { rejection } from './assertions.js';
import { tarOf } from './fake-registry.js';

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'api-semver-tarball-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

const SOURCE = 'fixture.tgz';

async function packDir(dir: string, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = create({ gzip, cwd: dir, prefix: 'package', portable: true }, readdirSync(dir).sort());
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Everything under dir, as relative paths. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}


describe('readTarball', () => {
  it('reads declarations, package.json files and tsconfigs of a real npm tarball, stripping package/', async () => {
    const dir = path.join(tmpRoot, 'real');
    const deep = `lib/${'very-long-folder-name/'.repeat(8)}deep.d.ts`;
    const files: Record<string, string> = {
      'package.json': '{"name":"x","version":"1.0.0"}',
      'index.d.ts': 'export declare const a: 1;',
      'index.js': 'module.exports = 1',
      'esm/index.d.mts': 'export declare const m: 1;',
      'cjs/index.d.cts': 'export declare const c: 1;',
      'esm/package.json': '{"type":"module"}',
      'styles.d.css.ts': 'declare const s: string; export default s;',
      'tsconfig.build.json': '{}',
      'README.md': '# x',
      [deep]: 'export declare const deep: true; // ünïcode',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    symlinkSync('index.d.ts', path.join(dir, 'alias.d.ts'));

    const read = await readTarball(await packDir(dir, true), SOURCE);
    expect([...read.keys()]).toEqual(
      [
        'alias.d.ts',
        'cjs/index.d.cts',
        deep,
        'esm/index.d.mts',
        'esm/package.json',
        'index.d.ts',
        'package.json',
        'styles.d.css.ts',
        'tsconfig.build.json',
      ].sort(),
    );
    expect(read.get(deep)).toBe(files[deep]);
    expect(read.get('package.json')).toBe(files['package.json']);
    expect(read.get('alias.d.ts')).toBe(files['index.d.ts']);
  });

  it('accepts an uncompressed tar and any first segment', async () => {
    const tar = tarOf(
      [
        { path: 'node/', type: 'Directory' },
        { path: 'node/package.json', body: '{}' },
        { path: 'node/types/index.d.ts', body: 'export {};' },
        { path: 'top-level-file.d.ts', body: 'dropped: no package folder' },
      ],
      { gzip: false },
    );
    const read = await readTarball(tar, SOURCE);
    expect(Object.fromEntries(read)).toEqual({ 'package.json': '{}', 'types/index.d.ts': 'export {};' });
  });

  it('follows links that stay inside the package, as the unpacked folder would', async () => {
    const read = await readTarball(
      tarOf([
        { path: 'package/index.d.ts', body: 'export {};' },
        { path: 'package/a/b.d.ts', type: 'SymbolicLink', linkpath: '../index.d.ts' },
        { path: 'package/c.d.ts', type: 'Link', linkpath: 'package/index.d.ts' },
      ]),
      SOURCE,
    );
    expect([...read.keys()]).toEqual(['a/b.d.ts', 'c.d.ts', 'index.d.ts']);
    expect(read.get('a/b.d.ts')).toBe('export {};');
  });

  describe('refuses hostile archives', () => {
    const evil = `evil-${process.pid}-${Date.now()}`;
    const cases: Array<{ name: string; data: () => Buffer; message: string | RegExp; limits?: object }> = [
      {
        name: 'path traversal',
        data: () => tarOf([{ path: `package/../${evil}.d.ts`, body: 'x' }]),
        message: `entry 'package/../${evil}.d.ts' escapes the package`,
      },
      {
        name: 'a deeper traversal',
        data: () => tarOf([{ path: `package/lib/../../../${evil}.d.ts`, body: 'x' }]),
        message: /escapes the package/,
      },
      {
        name: 'an absolute path',
        data: () => tarOf([{ path: `/tmp/${evil}.d.ts`, body: 'x' }]),
        message: `entry '/tmp/${evil}.d.ts' escapes the package`,
      },
      {
        name: 'a symlink pointing outside',
        data: () =>
          tarOf([
            { path: 'package/index.d.ts', body: 'export {};' },
            { path: 'package/lib/link.d.ts', type: 'SymbolicLink', linkpath: `../../${evil}` },
          ]),
        message: `link 'package/lib/link.d.ts' → '../../${evil}' points outside the package`,
      },
      {
        name: 'an absolute symlink',
        data: () => tarOf([{ path: 'package/passwd.d.ts', type: 'SymbolicLink', linkpath: '/etc/passwd' }]),
        message: `link 'package/passwd.d.ts' → '/etc/passwd' points outside the package`,
      },
      {
        name: 'a hardlink outside',
        data: () => tarOf([{ path: 'package/hard.d.ts', type: 'Link', linkpath: `package/../../${evil}` }]),
        message: /link 'package\/hard\.d\.ts' → '.*' points outside the package/,
      },
      {
        name: 'an absolute hardlink',
        data: () => tarOf([{ path: 'package/hard.d.ts', type: 'Link', linkpath: '/etc/passwd' }]),
        message: `link 'package/hard.d.ts' → '/etc/passwd' points outside the package`,
      },
      {
        name: 'too many entries',
        data: () => tarOf(Array.from({ length: 5 }, (_, i) => ({ path: `package/f${i}.d.ts`, body: 'x' }))),
        limits: { maxEntries: 3 },
        message: 'more than 3 entries',
      },
      {
        name: 'too large',
        data: () => tarOf([{ path: 'package/big.d.ts', body: 'x'.repeat(2000) }]),
        limits: { maxBytes: 1000 },
        message: 'unpacks to more than 1000 bytes',
      },
      {
        name: 'a declared size beyond the limit (checked before the body is read)',
        data: () => tarOf([{ path: 'package/huge.d.ts', size: 2 ** 33, body: '' }], { eof: false }),
        message: `unpacks to more than ${512 * 1024 * 1024} bytes`,
      },
      {
        name: 'a gzip bomb after the end of the archive',
        data: () =>
          gzipSync(Buffer.concat([gunzipSync(tarOf([{ path: 'package/a.d.ts', body: 'x' }])), Buffer.alloc(8 << 20)])),
        limits: { maxBytes: 1000, maxEntries: 2 },
        message: 'unpacks to more than 1000 bytes',
      },
      { name: 'not gzip', data: () => Buffer.from('hello, this is not an archive\n'.repeat(40)), message: 'not a gzip or tar archive' },
      { name: 'empty input', data: () => Buffer.alloc(0), message: 'not a gzip or tar archive' },
      {
        name: 'gzip that is not tar',
        data: () => gzipSync(Buffer.from('plain text '.repeat(100))),
        message: /^not a gzip or tar archive/,
      },
      {
        name: 'truncated gzip',
        data: () => {
          const gz = tarOf([{ path: 'package/index.d.ts', body: 'export declare const x: number;\n'.repeat(200) }]);
          return gz.subarray(0, gz.length - 30);
        },
        message: /^truncated archive/,
      },
      {
        name: 'a tar truncated inside an entry',
        data: () => {
          const tar = tarOf([{ path: 'package/index.d.ts', body: 'x'.repeat(3000) }], { gzip: false });
          return tar.subarray(0, 512 + 1500);
        },
        message: /^truncated archive/,
      },
      {
        name: 'a tar cut at an entry boundary',
        data: () =>
          tarOf(
            [
              { path: 'package/a.d.ts', body: 'a' },
              { path: 'package/b.d.ts', body: 'b' },
            ],
            { gzip: false, eof: false },
          ).subarray(0, 1024),
        message: /^truncated archive/,
      },
      {
        name: 'a corrupt header after valid entries',
        data: () => {
          const tar = tarOf(
            [
              { path: 'package/a.d.ts', body: 'a' },
              { path: 'package/b.d.ts', body: 'b' },
            ],
            { gzip: false },
          );
          tar.write('garbage', 1024 + 10);
          return tar;
        },
        message: /^corrupt archive/,
      },
    ];

    it.each(cases)('$name', async ({ data, message, limits }) => {
      const sandbox = mkdtempSync(path.join(tmpRoot, 'sandbox-'));
      const before = listTree(tmpRoot);
      const error = await rejection(readTarball(data(), 'npm:evil@1.0.0', limits));
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
      expect(error.file).toBe('npm:evil@1.0.0');
      // Nothing is ever written: not beside the sandbox, not in its parent, not in the cwd.
      expect(listTree(tmpRoot)).toEqual(before);
      expect(readdirSync(sandbox)).toEqual([]);
      for (const dir of [os.tmpdir(), path.dirname(tmpRoot), process.cwd(), path.dirname(process.cwd())]) {
        expect(existsSync(path.join(dir, `${evil}.d.ts`)), dir).toBe(false);
        expect(existsSync(path.join(dir, evil)), dir).toBe(false);
      }
    });
  });

  it('reports an empty archive as such', async () => {
    const error = await rejection(readTarball(tarOf([]), SOURCE));
    expect(error.message).toBe('empty archive: it holds no entries');
  });
});
