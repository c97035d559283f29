import { describe, expect, it } from 'vitest';
import { check, diff, readSurface } from '../src/index.js';
import { InputError } from '../src/core/input-error.js';
import { resolveEntryPoints } from '../src/load/entry-points.js';
import { tempDir } from './temp-dir.js';

// Entry points as TypeScript finds them under every resolution consumers use, and files no consumer can
// import left out with a note instead of refusing the whole release.

const exported = (name: string) => `export declare const ${name}: number;\n`;

describe('node10 fallback when exports leads to no declarations', () => {
  // Reduced from rxjs 7.0.0: exports without a `types` condition, `types` + `typesVersions` "*" → dist/types/*.
  const rxjs = {
    name: 'rx',
    version: '7.0.0',
    exports: {
      '.': { node: './dist/cjs/index.js', default: './dist/esm5/index.js' },
      './operators': { node: './dist/cjs/operators/index.js', default: './dist/esm5/operators/index.js' },
      './package.json': './package.json',
    },
    types: 'index.d.ts',
    typesVersions: { '>=4.2': { '*': ['dist/types/*'] } },
  };
  const files = { 'dist/types/index.d.ts': exported('of'), 'dist/types/operators/index.d.ts': exported('map') };

  it('finds each subpath through types/typesVersions and marks it', () => {
    expect(resolveEntryPoints(rxjs, Object.keys(files))).toEqual([
      { subpath: '.', file: 'dist/types/index.d.ts', resolution: 'node10' },
      { subpath: './operators', file: 'dist/types/operators/index.d.ts', resolution: 'node10' },
    ]);
  });

  it('a subpath exports leads to declarations keeps them; only the others fall back', () => {
    const mixed = { ...rxjs, exports: { ...rxjs.exports, '.': { types: './dist/types/index.d.ts', default: './dist/esm5/index.js' } } };
    expect(resolveEntryPoints(mixed, Object.keys(files))).toEqual([
      { subpath: '.', file: 'dist/types/index.d.ts' },
      { subpath: './operators', file: 'dist/types/operators/index.d.ts', resolution: 'node10' },
    ]);
  });

  it('the report says which resolution found an entry', async () => {
    const dir = tempDir({ 'package.json': JSON.stringify(rxjs), ...files });
    const report = await diff(dir, dir);
    expect(report.bump).toBe('patch');
    expect(report.notes).toEqual([
      'old: ./operators: types found only by node10 resolution (types/typings/typesVersions → dist/types/operators/index.d.ts); exports leads to none, so node16 and bundler consumers get no types there',
      'old: .: types found only by node10 resolution (types/typings/typesVersions → dist/types/index.d.ts); exports leads to none, so node16 and bundler consumers get no types there',
      'new: ./operators: types found only by node10 resolution (types/typings/typesVersions → dist/types/operators/index.d.ts); exports leads to none, so node16 and bundler consumers get no types there',
      'new: .: types found only by node10 resolution (types/typings/typesVersions → dist/types/index.d.ts); exports leads to none, so node16 and bundler consumers get no types there',
    ]);
  });
});

describe('files that do not parse', () => {
  // Reduced from graphql 17: every file is exported through `./*`, and one is invalid on purpose.
  const graphql = (extra: Record<string, string> = {}) =>
    tempDir({
      'package.json': JSON.stringify({ name: 'gq', version: '17.0.1', exports: { '.': { types: './index.d.ts' }, './*': { types: './*.d.ts' } } }),
      'index.d.ts': exported('version'),
      'error.d.ts': exported('code'),
      'NotSupportedTSVersion.d.ts': '"Package \'gq\' support only TS versions that are >=4.4.0".\n',
      ...extra,
    });

  it('a file only a wildcard subpath reaches is left out with a note naming it', async () => {
    const dir = graphql();
    const report = await diff(dir, dir);
    expect(report.bump).toBe('patch');
    expect(report.notes).toEqual([
      'old: NotSupportedTSVersion.d.ts:1: left out: Identifier expected. (only a wildcard subpath of exports leads to it; importing it fails the same way)',
      'new: NotSupportedTSVersion.d.ts:1: left out: Identifier expected. (only a wildcard subpath of exports leads to it; importing it fails the same way)',
    ]);
    const next = graphql({ 'extra.d.ts': exported('extra') });
    expect((await diff(dir, next)).findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['entry-point-added ./extra']);
  });

  it('check carries the same notes as diff', async () => {
    const dir = graphql();
    const next = graphql({ 'package.json': JSON.stringify({ name: 'gq', version: '17.0.2', exports: { '.': { types: './index.d.ts' }, './*': { types: './*.d.ts' } } }) });
    const report = await check(dir, next, { surfaceCache: false });
    expect(report.verdict.ok).toBe(true);
    expect(report.notes).toEqual((await diff(dir, next)).notes);
    expect(report.notes).toHaveLength(2);
  });

  it('the same file reached from an explicit entry point is refused with file and line', async () => {
    const dir = graphql({ 'index.d.ts': `${exported('version')}export * from './NotSupportedTSVersion';\n` });
    const error = await diff(dir, dir).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: expect.stringMatching(/NotSupportedTSVersion\.d\.ts$/), line: 1, message: 'Identifier expected.' });
  });

  it('a syntax error in an explicit entry point stays an error with file and line', async () => {
    const dir = graphql({ 'index.d.ts': `${exported('version')}export declare const broken: ;\n` });
    const error = await diff(dir, dir).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ file: expect.stringMatching(/index\.d\.ts$/), line: 2 });
  });
});

describe('declaration files exports names that the package lacks', () => {
  // Reduced from preact 10.29.8: one subpath's `types` names a file missing from the tarball.
  const preact = (extra: Record<string, string> = {}) =>
    tempDir({
      'package.json': JSON.stringify({
        name: 'pr',
        version: '10.29.8',
        exports: {
          '.': { types: './src/index.d.ts', default: './dist/index.js' },
          './compat/server.browser': { types: './compat/server.d.ts', default: './compat/server.browser.js' },
        },
      }),
      'src/index.d.ts': exported('h'),
      ...extra,
    });

  it('that subpath is left out with a note naming it; the others count', async () => {
    const report = await diff(preact(), preact({ 'src/index.d.ts': exported('h') + exported('render') }));
    expect(report.findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['export-added render']);
    const note = "exports './compat/server.browser' → ./compat/server.d.ts: file not found; left out (a consumer importing it gets no types there)";
    expect(report.notes).toEqual([`old: ${note}`, `new: ${note}`]);
  });

  it('the file shipped again is an entry point added', async () => {
    const report = await diff(preact(), preact({ 'compat/server.d.ts': exported('renderToString') }));
    expect(report.findings.map((f) => `${f.rule} ${f.bump} ${f.path}`)).toEqual(['entry-point-added minor ./compat/server.browser']);
  });

  it('a source project whose exports name declarations not built yet is emitted, not left out', async () => {
    const dir = tempDir({
      'package.json': JSON.stringify({ name: 'src', version: '1.0.0', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', declaration: true }, include: ['src'] }),
      'src/index.ts': 'export const answer: number = 42;\n',
      'src/env.d.ts': 'declare const BUILD: string;\n',
    });
    const surface = await readSurface(dir);
    expect(surface.notes).toBeUndefined();
    expect(Object.keys(surface.entries[0]!.exports)).toEqual(['answer']);
  });

  // Reduced from date-fns 4.2.0, published without any of the declaration files its exports name.
  it('when every subpath names a missing file the release has no declarations to consumers: every export removed', async () => {
    const exportsField = { '.': { import: { types: './index.d.ts', default: './index.js' } }, './add': { import: { types: './add.d.ts', default: './add.js' } } };
    const release = (version: string, files: Record<string, string>) => tempDir({ 'package.json': JSON.stringify({ name: 'df', version, type: 'module', exports: exportsField }), ...files });
    const typed = release('4.1.0', { 'index.d.ts': "export * from './add.js';\n", 'add.d.ts': exported('add') });
    const broken = release('4.2.0', { 'docs/config.d.ts': exported('config') });
    const report = await diff(typed, broken);
    expect(report.bump).toBe('major');
    expect(report.findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['export-removed ./add:add', 'export-removed add']);
    expect(report.notes).toEqual([
      "new: exports '.' → ./index.d.ts: file not found; left out (a consumer importing it gets no types there)",
      "new: exports './add' → ./add.d.ts: file not found; left out (a consumer importing it gets no types there)",
      'new: every declaration file exports names is missing: TypeScript consumers see no exports',
    ]);
  });
});
