import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rejection } from './assertions.js';
import { resolveEntryPoints } from '../src/load/entry-points.js';
import { InputError } from '../src/core/input-error.js';
import { loadRelease } from '../src/load/package-files.js';

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'api-semver-load-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

let caseNumber = 0;

/**
 * Writes a tree into a fresh folder and returns that folder; the package sits
 * in its `pkg/` subfolder so error messages show a relative `pkg/...` path.
 * Objects are written as JSON, strings verbatim.
 */
function makeCase(tree: Record<string, string | object>): string {
  const cwd = path.join(tmpRoot, `case-${caseNumber++}`);
  mkdirSync(path.join(cwd, 'pkg'), { recursive: true });
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(cwd, 'pkg', rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return cwd;
}

function declarations(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, `export declare const file: '${name}';\n`]));
}


interface EntryCase {
  name: string;
  pkg: Record<string, unknown>;
  files: string[];
  /** [subpath, file] in the expected order. */
  entries: Array<[string, string]>;
}

const entryCases: EntryCase[] = [
  // exports: shapes
  {
    name: 'exports string to a JS file with a sibling .d.ts',
    pkg: { exports: './index.js' },
    files: ['index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'exports string naming a declaration file',
    pkg: { exports: './types/main.d.ts' },
    files: ['types/main.d.ts', 'index.d.ts'],
    entries: [['.', 'types/main.d.ts']],
  },
  {
    name: 'exports array: the first alternative that resolves',
    pkg: { exports: ['./missing.js', './dist/index.js', './other.js'] },
    files: ['dist/index.d.ts', 'other.d.ts'],
    entries: [['.', 'dist/index.d.ts']],
  },
  {
    name: 'root conditions object: import (.mjs → .d.mts)',
    pkg: { exports: { import: './esm/index.mjs', require: './cjs/index.cjs' } },
    files: ['esm/index.d.mts', 'cjs/index.d.cts'],
    entries: [['.', 'esm/index.d.mts']],
  },
  {
    name: 'root conditions object: falls through a JS target without declarations (.cjs → .d.cts)',
    pkg: { exports: { import: './esm/index.mjs', require: './cjs/index.cjs' } },
    files: ['cjs/index.d.cts'],
    entries: [['.', 'cjs/index.d.cts']],
  },
  {
    name: 'nested conditions: an ES module importer\'s view wins even when require is listed first',
    pkg: {
      exports: {
        '.': {
          require: { types: './cjs/index.d.cts', default: './cjs/index.cjs' },
          import: { types: './esm/index.d.mts', default: './esm/index.mjs' },
        },
      },
    },
    files: ['esm/index.d.mts', 'cjs/index.d.cts'],
    entries: [['.', 'esm/index.d.mts']],
  },
  {
    name: 'nested conditions are walked in key order',
    pkg: { exports: { '.': { node: { import: { types: './node.d.mts' } }, default: './index.js' } } },
    files: ['node.d.mts', 'index.d.ts'],
    entries: [['.', 'node.d.mts']],
  },
  {
    name: 'a subpath only require serves still has types',
    pkg: { exports: { '.': './index.js', './legacy': { require: { types: './legacy.d.cts' } } } },
    files: ['index.d.ts', 'legacy.d.cts'],
    entries: [
      ['.', 'index.d.ts'],
      ['./legacy', 'legacy.d.cts'],
    ],
  },
  {
    name: 'types condition before default',
    pkg: { exports: { '.': { types: './types/index.d.ts', default: './dist/index.js' } } },
    files: ['types/index.d.ts', 'dist/index.d.ts'],
    entries: [['.', 'types/index.d.ts']],
  },
  {
    name: 'node condition is matched',
    pkg: { exports: { '.': { node: './node/index.js', default: './index.js' } } },
    files: ['node/index.d.ts', 'index.d.ts'],
    entries: [['.', 'node/index.d.ts']],
  },
  {
    name: 'conditions TypeScript does not use are skipped',
    pkg: { exports: { browser: './browser.js', development: './dev.js', typings: './t.d.ts', default: './index.js' } },
    files: ['browser.d.ts', 'dev.d.ts', 't.d.ts', 'index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'types@ range that this TypeScript satisfies wins',
    pkg: { exports: { '.': { 'types@>=5.0': './ts5/index.d.ts', types: './ts4/index.d.ts' } } },
    files: ['ts5/index.d.ts', 'ts4/index.d.ts'],
    entries: [['.', 'ts5/index.d.ts']],
  },
  {
    name: 'types@ range this TypeScript does not satisfy is skipped',
    pkg: { exports: { '.': { 'types@<4.0': './ts3/index.d.ts', types: './index.d.ts' } } },
    files: ['ts3/index.d.ts', 'index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'types@ with an unparsable range is skipped',
    pkg: { exports: { '.': { 'types@banana': './x.d.ts', default: './index.js' } } },
    files: ['x.d.ts', 'index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  // exports: subpath maps
  {
    name: 'subpaths are sorted with . first',
    pkg: { exports: { './b': './b.js', './a': './a.js', '.': './index.js' } },
    files: ['a.d.ts', 'b.d.ts', 'index.d.ts'],
    entries: [
      ['.', 'index.d.ts'],
      ['./a', 'a.d.ts'],
      ['./b', 'b.d.ts'],
    ],
  },
  {
    name: 'non-type assets and JS-only subpaths are skipped silently',
    pkg: {
      exports: {
        '.': './index.js',
        './package.json': './package.json',
        './styles.css': './styles.css',
        './data.json': './data.json',
        './cli': './cli.js',
      },
    },
    files: ['index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'an asset with an arbitrary-extension declaration (x.d.css.ts) has types',
    pkg: { exports: { '.': './index.js', './styles.css': './styles.css' } },
    files: ['index.d.ts', 'styles.d.css.ts'],
    entries: [
      ['.', 'index.d.ts'],
      ['./styles.css', 'styles.d.css.ts'],
    ],
  },
  {
    name: 'a null exact subpath excludes what a pattern would expose',
    pkg: { exports: { './*': './*.js', './internal': null } },
    files: ['a.d.ts', 'internal.d.ts'],
    entries: [['./a', 'a.d.ts']],
  },
  {
    name: 'null under a matching condition excludes the subpath',
    pkg: { exports: { '.': './index.js', './x': { types: null, default: './x.js' } } },
    files: ['index.d.ts', 'x.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'a subpath leading to different files per condition takes the first in key order',
    pkg: { exports: { './x': { default: './x.js', types: './types/x.d.ts' } } },
    files: ['x.d.ts', 'types/x.d.ts'],
    entries: [['./x', 'x.d.ts']],
  },
  // exports: patterns
  {
    name: 'wildcard ./* with a .js target expands to every match, subfolders included',
    pkg: { exports: { '.': './dist/index.js', './*': './dist/*.js' } },
    files: ['dist/index.d.ts', 'dist/a.d.ts', 'dist/sub/b.d.ts', 'types/c.d.ts'],
    entries: [
      ['.', 'dist/index.d.ts'],
      ['./a', 'dist/a.d.ts'],
      ['./index', 'dist/index.d.ts'],
      ['./sub/b', 'dist/sub/b.d.ts'],
    ],
  },
  {
    name: 'wildcard to a folder index',
    pkg: { exports: { '.': './index.js', './utils/*': './dist/utils/*/index.d.ts' } },
    files: ['index.d.ts', 'dist/utils/x/index.d.ts', 'dist/utils/y/index.d.ts', 'dist/utils/y/other.d.ts'],
    entries: [
      ['.', 'index.d.ts'],
      ['./utils/x', 'dist/utils/x/index.d.ts'],
      ['./utils/y', 'dist/utils/y/index.d.ts'],
    ],
  },
  {
    name: 'null pattern excludes the subpaths it matches',
    pkg: { exports: { './*': './dist/*.js', './internal/*': null } },
    files: ['dist/a.d.ts', 'dist/internal/secret.d.ts'],
    entries: [['./a', 'dist/a.d.ts']],
  },
  {
    name: 'wildcard with a trailer',
    pkg: { exports: { './features/*.js': './dist/features/*.js' } },
    files: ['dist/features/x.d.ts', 'dist/other.d.ts'],
    entries: [['./features/x.js', 'dist/features/x.d.ts']],
  },
  {
    name: 'wildcard under conditions resolves each subpath through the conditions',
    pkg: { exports: { './*': { types: './types/*.d.ts', default: './dist/*.js' } } },
    files: ['types/a.d.ts', 'dist/a.d.ts', 'dist/b.d.ts'],
    entries: [
      ['./a', 'types/a.d.ts'],
      ['./b', 'dist/b.d.ts'],
    ],
  },
  {
    name: 'an exact key beats a pattern',
    pkg: { exports: { './*': './dist/*.js', './a': './special/a.js' } },
    files: ['dist/a.d.ts', 'special/a.d.ts'],
    entries: [['./a', 'special/a.d.ts']],
  },
  {
    name: 'a catch-all pattern exposes files under their JS names',
    pkg: { exports: { './*': './*' } },
    files: ['dist/a.d.ts', 'dist/b.d.mts'],
    entries: [
      ['./dist/a.js', 'dist/a.d.ts'],
      ['./dist/b.mjs', 'dist/b.d.mts'],
    ],
  },
  {
    name: 'exports wins over types and typesVersions',
    pkg: { exports: './dist/index.js', types: './legacy.d.ts', typesVersions: { '*': { '*': ['ts/*'] } } },
    files: ['dist/index.d.ts', 'legacy.d.ts', 'ts/legacy.d.ts'],
    entries: [['.', 'dist/index.d.ts']],
  },
  // without exports
  {
    name: 'types field',
    pkg: { types: './lib/main.d.ts' },
    files: ['lib/main.d.ts', 'index.d.ts'],
    entries: [['.', 'lib/main.d.ts']],
  },
  {
    name: 'typings field',
    pkg: { typings: 'lib/main.d.ts' },
    files: ['lib/main.d.ts', 'index.d.ts'],
    entries: [['.', 'lib/main.d.ts']],
  },
  {
    name: 'typings is read before types, as TypeScript does',
    pkg: { types: './a.d.ts', typings: './b.d.ts' },
    files: ['a.d.ts', 'b.d.ts'],
    entries: [['.', 'b.d.ts']],
  },
  {
    name: 'types wins over main',
    pkg: { types: './a.d.ts', main: './b.js' },
    files: ['a.d.ts', 'b.d.ts'],
    entries: [['.', 'a.d.ts']],
  },
  {
    name: 'a types field naming a missing file falls back to index.d.ts',
    pkg: { types: './missing.d.ts', main: './lib/index.js' },
    files: ['index.d.ts', 'lib/index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'main with a sibling declaration',
    pkg: { main: './lib/index.js' },
    files: ['lib/index.d.ts', 'index.d.ts'],
    entries: [['.', 'lib/index.d.ts']],
  },
  {
    name: 'main .cjs → .d.cts',
    pkg: { main: './lib/index.cjs' },
    files: ['lib/index.d.cts'],
    entries: [['.', 'lib/index.d.cts']],
  },
  {
    name: 'main without extension',
    pkg: { main: 'lib/entry' },
    files: ['lib/entry.d.ts'],
    entries: [['.', 'lib/entry.d.ts']],
  },
  {
    name: 'main naming a folder',
    pkg: { main: './lib/' },
    files: ['lib/index.d.ts'],
    entries: [['.', 'lib/index.d.ts']],
  },
  {
    name: 'index.d.ts fallback',
    pkg: { name: 'plain' },
    files: ['index.d.ts', 'other.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
  {
    name: 'typesVersions "*" pattern maps the types file',
    pkg: { types: 'index.d.ts', typesVersions: { '*': { '*': ['ts4/*'] } } },
    files: ['index.d.ts', 'ts4/index.d.ts'],
    entries: [['.', 'ts4/index.d.ts']],
  },
  {
    name: 'typesVersions exact mapping',
    pkg: { types: './index.d.ts', typesVersions: { '>=4.0': { 'index.d.ts': ['types/v4.d.ts'] } } },
    files: ['index.d.ts', 'types/v4.d.ts'],
    entries: [['.', 'types/v4.d.ts']],
  },
  {
    name: 'typesVersions exact keys without exports give subpaths',
    pkg: { types: './index.d.ts', typesVersions: { '*': { utils: ['./types/utils.d.ts'], 'index.d.ts': ['./index.d.ts'] } } },
    files: ['index.d.ts', 'types/utils.d.ts'],
    entries: [
      ['.', 'index.d.ts'],
      ['./utils', 'types/utils.d.ts'],
    ],
  },
  {
    name: 'typesVersions: the first range this TypeScript satisfies wins',
    pkg: {
      types: 'index.d.ts',
      typesVersions: { '<4.0': { '*': ['ts3/*'] }, '>=4.0': { '*': ['ts4/*'] }, '*': { '*': ['any/*'] } },
    },
    files: ['index.d.ts', 'ts3/index.d.ts', 'ts4/index.d.ts', 'any/index.d.ts'],
    entries: [['.', 'ts4/index.d.ts']],
  },
  {
    name: 'typesVersions without types maps "index"',
    pkg: { typesVersions: { '*': { '*': ['dist/*'] } } },
    files: ['dist/index.d.ts'],
    entries: [['.', 'dist/index.d.ts']],
  },
  {
    name: 'typesVersions maps main through a prefixed pattern',
    pkg: { main: './lib/index.js', typesVersions: { '*': { 'lib/*': ['types/*'] } } },
    files: ['lib/index.d.ts', 'types/index.d.ts'],
    entries: [['.', 'types/index.d.ts']],
  },
  {
    name: 'typesVersions whose mapped file is absent keeps the unmapped file',
    pkg: { types: 'index.d.ts', typesVersions: { '*': { '*': ['ts4/*'] } } },
    files: ['index.d.ts'],
    entries: [['.', 'index.d.ts']],
  },
];

describe('loadRelease: entry points', () => {
  it.each(entryCases)('$name', async ({ pkg, files, entries }) => {
    const cwd = makeCase({ 'package.json': pkg, ...declarations(files) });
    const release = await loadRelease('pkg', cwd);
    expect(release.entries.map((e) => [e.subpath, e.file])).toEqual(entries);
    for (const entry of release.entries) expect(release.files.has(entry.file)).toBe(true);
  });
});

describe('resolveEntryPoints against a given TypeScript version', () => {
  const versioned = {
    exports: { '.': { 'types@<5.0': './ts4/index.d.ts', types: './index.d.ts' } },
  };
  const typesVersions = {
    types: 'index.d.ts',
    typesVersions: { '>=5.0': { '*': ['ts5/*'] } },
  };
  const files = ['index.d.ts', 'ts4/index.d.ts', 'ts5/index.d.ts', 'package.json'];

  it.each([
    { pkg: versioned, version: '4.9.5', file: 'ts4/index.d.ts' },
    { pkg: versioned, version: '5.4.2', file: 'index.d.ts' },
    { pkg: typesVersions, version: '4.9.5', file: 'index.d.ts' },
    { pkg: typesVersions, version: '5.0.0-beta', file: 'ts5/index.d.ts' },
  ])('TypeScript $version → $file', ({ pkg, version, file }) => {
    expect(resolveEntryPoints(pkg, files, { typescriptVersion: version })).toEqual([{ subpath: '.', file }]);
  });

  it('does not depend on the order of fileNames', () => {
    const pkg = { exports: { '.': './index.js', './*': './lib/*.js' } };
    const names = ['lib/z.d.ts', 'index.d.ts', 'lib/a.d.ts', 'lib/m/n.d.ts'];
    const forward = resolveEntryPoints(pkg, names);
    expect(resolveEntryPoints(pkg, [...names].reverse())).toEqual(forward);
    expect(forward.map((e) => e.subpath)).toEqual(['.', './a', './m/n', './z']);
  });
});

interface ErrorCase {
  name: string;
  tree: Record<string, string | object>;
  spec: string;
  file: string;
  message: string | RegExp;
  line?: number;
}

const errorCases: ErrorCase[] = [
  {
    name: 'path does not exist',
    tree: {},
    spec: 'pkg/nope',
    file: 'pkg/nope',
    message: 'path does not exist',
  },
  {
    name: 'a TypeScript source file is not a declaration file',
    tree: { 'index.ts': 'export const a = 1;\n' },
    spec: 'pkg/index.ts',
    file: 'pkg/index.ts',
    message: 'not a declaration file (.d.ts, .d.mts, .d.cts), a tarball or a package directory',
  },
  {
    name: 'a .tgz that is not a tarball',
    tree: { 'pkg-1.0.0.tgz': 'not really a tarball' },
    spec: 'pkg/pkg-1.0.0.tgz',
    file: 'pkg/pkg-1.0.0.tgz',
    message: 'not a gzip or tar archive',
  },
  {
    name: 'package.json that is not JSON (V8 states a position)',
    tree: { 'package.json': '{\n  "name": "x"\n  "types": "index.d.ts"\n}\n', ...declarations(['index.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: /^not valid JSON: /,
    line: 3,
  },
  {
    name: 'package.json with a trailing comma (V8 states no position)',
    tree: { 'package.json': '{\n  "name": "x",\n  "types": "index.d.ts",\n}\n', ...declarations(['index.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: /^not valid JSON: /,
    line: 4,
  },
  {
    // Node 20 leaves the position out of this message, so the line is found by our own scan.
    name: 'package.json with a trailing comma in an array (V8 states no position)',
    tree: { 'package.json': '{\n  "name": "x",\n  "files": ["a",]\n}\n', ...declarations(['index.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: /^not valid JSON: [^\n"]*$/,
    line: 3,
  },
  {
    name: 'package.json that is JSON but not an object',
    tree: { 'package.json': '["index.d.ts"]\n', ...declarations(['index.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: 'not valid package.json: the top level must be an object',
    line: 1,
  },
  {
    name: 'package.json is parsed even when a declaration file is named',
    tree: { 'package.json': '{ "name": }', ...declarations(['index.d.ts']) },
    spec: 'pkg/index.d.ts',
    file: 'pkg/package.json',
    message: /^not valid JSON: /,
    line: 1,
  },
  {
    name: 'package with no entry point that leads to types',
    tree: { 'package.json': { name: 'x' }, ...declarations(['lib/a.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: 'no entry point leads to type declarations (no exports/types/typings and no index.d.ts)',
  },
  {
    name: 'main without declarations and no index.d.ts',
    tree: { 'package.json': { main: './lib/index.js' }, ...declarations(['lib/a.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message:
      'no entry point leads to type declarations (no exports/types/typings, main → ./lib/index.js has no declaration file next to it, and no index.d.ts)',
  },
  {
    name: 'exports where no subpath leads to types',
    tree: { 'package.json': { exports: { '.': './index.js', './cli': './cli.js' } }, ...declarations(['lib.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message:
      'no entry point leads to type declarations (no subpath in exports leads to a .d.ts, .d.mts or .d.cts file, nor does node10 resolution through types/typings/typesVersions)',
  },
  {
    name: 'exports mixing subpaths and conditions',
    tree: { 'package.json': { exports: { '.': './index.js', import: './index.mjs' } }, ...declarations(['index.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: "exports mixes subpaths ('.') with conditions ('import')",
  },
  {
    name: 'types naming a file that does not exist, and no index.d.ts',
    tree: { 'package.json': { types: './dist/index.d.ts' }, ...declarations(['lib/a.d.ts']) },
    spec: 'pkg',
    file: 'pkg/package.json',
    message: 'types → ./dist/index.d.ts: file not found',
  },
  {
    name: 'empty directory',
    tree: {},
    spec: 'pkg',
    file: 'pkg',
    message: 'empty directory: no package.json and no declaration files',
  },
  {
    name: 'declarations only inside node_modules and dot-folders count as empty',
    tree: declarations(['node_modules/dep/index.d.ts', '.cache/index.d.ts']),
    spec: 'pkg',
    file: 'pkg',
    message: 'empty directory: no package.json and no declaration files',
  },
  {
    name: 'directory with declarations but no package.json and no index.d.ts',
    tree: declarations(['a.d.ts']),
    spec: 'pkg',
    file: 'pkg',
    message: 'no package.json and no index.d.ts: name the entry declaration file instead of the directory',
  },
];

describe('loadRelease: input errors', () => {
  it.each(errorCases)('$name', async ({ tree, spec, file, message, line }) => {
    const cwd = makeCase(tree);
    const error = await rejection(loadRelease(spec, cwd));
    expect(error.file).toBe(file);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it('names files by absolute path when the spec is absolute', async () => {
    const cwd = makeCase({ 'package.json': { types: './gone.d.ts' } });
    const error = await rejection(loadRelease(path.join(cwd, 'pkg')));
    expect(error.file).toBe(path.join(cwd, 'pkg', 'package.json').split(path.sep).join('/'));
  });

  it('InputError carries file and line', () => {
    const error = new InputError('bad', 'a/package.json', 3);
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.message, error.file, error.line]).toEqual(['InputError', 'bad', 'a/package.json', 3]);
  });
});

describe('loadRelease: files', () => {
  it('reads every declaration file below the folder, sorted, with posix paths', async () => {
    const cwd = makeCase({
      'package.json': { name: 'x', types: 'index.d.ts' },
      ...declarations(['index.d.ts', 'b/z.d.cts', 'b/a.d.mts', 'a/deep/er.d.ts', 'styles.d.css.ts']),
      'node_modules/dep/index.d.ts': 'skipped',
      '.git/x.d.ts': 'skipped',
      'src/index.ts': 'not a declaration',
      'dist/index.js': 'not a declaration',
      'a/package.json': '{"type": "module"}',
    });
    const release = await loadRelease('pkg', cwd);
    expect(release.root).toBe(path.join(cwd, 'pkg'));
    expect([...release.files.keys()]).toEqual([
      'a/deep/er.d.ts',
      'b/a.d.mts',
      'b/z.d.cts',
      'index.d.ts',
      'package.json',
      'styles.d.css.ts',
    ]);
    expect(release.files.get('index.d.ts')).toBe("export declare const file: 'index.d.ts';\n");
    expect(release.packageJson).toEqual({ name: 'x', types: 'index.d.ts' });
  });

  it('a named declaration file is the only entry point, whatever package.json says', async () => {
    const cwd = makeCase({
      'types/package.json': { exports: { '.': './other.js', './x': './x.js' } },
      ...declarations(['types/main.d.mts', 'types/other.d.ts', 'types/x.d.ts', 'types/sub/y.d.ts', 'outside.d.ts']),
    });
    const release = await loadRelease('pkg/types/main.d.mts', cwd);
    expect(release.root).toBe(path.join(cwd, 'pkg', 'types'));
    expect(release.entries).toEqual([{ subpath: '.', file: 'main.d.mts' }]);
    expect([...release.files.keys()]).toEqual(['main.d.mts', 'other.d.ts', 'package.json', 'sub/y.d.ts', 'x.d.ts']);
    expect(release.packageJson).toEqual({ exports: { '.': './other.js', './x': './x.js' } });
  });

  it('a folder of declarations without package.json uses index.d.ts', async () => {
    const cwd = makeCase(declarations(['index.d.ts', 'lib/a.d.ts']));
    const release = await loadRelease('pkg', cwd);
    expect(release.packageJson).toBeUndefined();
    expect(release.entries).toEqual([{ subpath: '.', file: 'index.d.ts' }]);
    expect([...release.files.keys()]).toEqual(['index.d.ts', 'lib/a.d.ts']);
  });

  it('accepts a package.json with a byte-order mark', async () => {
    const cwd = makeCase({ 'package.json': '\uFEFF{"types": "a.d.ts"}', ...declarations(['a.d.ts']) });
    const release = await loadRelease('pkg', cwd);
    expect(release.entries).toEqual([{ subpath: '.', file: 'a.d.ts' }]);
  });

  it('follows a symlinked folder once and survives a link back up the tree', async () => {
    const cwd = makeCase(declarations(['index.d.ts', 'real/a.d.ts']));
    try {
      symlinkSync(path.join(cwd, 'pkg', 'real'), path.join(cwd, 'pkg', 'alias'), 'dir');
      symlinkSync(path.join(cwd, 'pkg'), path.join(cwd, 'pkg', 'real', 'loop'), 'dir');
    } catch {
      return; // symlinks need privileges on some systems
    }
    const release = await loadRelease('pkg', cwd);
    expect([...release.files.keys()]).toEqual(['alias/a.d.ts', 'index.d.ts']);
  });
});
