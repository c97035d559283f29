import { describe, expect, it } from 'vitest';
import { otherViews } from '../src/engine/resolution-views.js';
import { resolveEntryPoints, resolveViews } from '../src/load/entry-points.js';
import type { PackageFiles } from '../src/load/package-files.js';

// Consumers resolve a package in more than one way: an ES module importer (the main view), a require() of a dual
// package (its `require` condition), and moduleResolution node10 (the `types` field, never `exports`).
const dual = {
  exports: { '.': { import: { types: './index.d.mts' }, require: { types: './index.d.cts' } }, './util': { types: './util.d.ts' } },
  types: './legacy.d.ts',
};

function release(packageJson: Record<string, unknown>, files: Record<string, string>): PackageFiles {
  const names = Object.keys(files);
  return { root: '/', files: new Map(Object.entries(files)), packageJson, entries: resolveEntryPoints(packageJson, names) };
}

describe('resolution views', () => {
  it('finds where require() and node10 lead for each entry point', () => {
    const names = ['index.d.mts', 'index.d.cts', 'util.d.ts', 'legacy.d.ts'];
    const entries = resolveEntryPoints(dual, names);
    expect(entries).toEqual([
      { subpath: '.', file: 'index.d.mts' },
      { subpath: './util', file: 'util.d.ts' },
    ]);
    expect(resolveViews(dual, names, entries)).toEqual({
      require: { '.': 'index.d.cts', './util': 'util.d.ts' },
      node10: { '.': 'legacy.d.ts', './util': 'util.d.ts' },
    });
    // Without exports every importer reads the legacy fields, which the entry points already are.
    expect(resolveViews({ types: './legacy.d.ts' }, names, resolveEntryPoints({ types: './legacy.d.ts' }, names))).toEqual({});
  });

  it('needs no second analysis for byte-for-byte twins that import nothing relatively', () => {
    const text = 'export declare function greet(name: string): string;\n';
    const files = { 'index.d.mts': text, 'index.d.cts': text, 'util.d.ts': text, 'legacy.d.ts': text };
    expect(otherViews(release(dual, files), release(dual, files))).toEqual([]);
    // Files per module format that import their own siblings (`./greet.cjs`, `./greet.js`) are twins when those are.
    const perFormat = {
      ...files,
      'legacy.d.ts': "export { greet } from './greet.js';\n",
      'index.d.mts': "export { greet } from './greet.js';\n",
      'index.d.cts': "export { greet } from './greet.cjs';\n",
      'greet.d.ts': text,
      'greet.d.cts': text,
    };
    expect(otherViews(release(dual, perFormat), release(dual, perFormat))).toEqual([]);
    // A sibling that differs, or a specifier that leads nowhere, makes the view worth analysing.
    const differing = { ...perFormat, 'greet.d.cts': 'export declare function greet(name?: string): string;\n' };
    expect(otherViews(release(dual, differing), release(dual, differing)).map((view) => view.names)).toEqual([['require']]);
    const nowhere = { ...perFormat, 'index.d.cts': "export { greet } from './missing.cjs';\n" };
    expect(otherViews(release(dual, nowhere), release(dual, nowhere)).map((view) => view.names)).toEqual([['require']]);
  });

  it('compares only the entry points where a view differs in either release, once for views that agree', () => {
    const text = 'export declare function greet(name: string): string;\n';
    const cjs = 'export declare function greet(name: string, times: number): string;\n';
    // node10 reads the CommonJS file too: one analysis serves both. `./util` is the same file everywhere.
    const both = { ...dual, types: './index.d.cts' };
    const oldRelease = release(both, { 'index.d.mts': text, 'index.d.cts': text, 'util.d.ts': text });
    const newRelease = release(both, { 'index.d.mts': text, 'index.d.cts': cjs, 'util.d.ts': text });
    expect(otherViews(oldRelease, newRelease)).toEqual([
      { names: ['require', 'node10'], old: [{ subpath: '.', file: 'index.d.cts' }], new: [{ subpath: '.', file: 'index.d.cts' }] },
    ]);
    // The types field pointing elsewhere in one release only: node10 compares that file with the other release's.
    const moved = release(dual, { 'index.d.mts': text, 'index.d.cts': text, 'util.d.ts': text, 'legacy.d.ts': cjs });
    expect(otherViews(moved, release(dual, { 'index.d.mts': text, 'index.d.cts': text, 'util.d.ts': text, 'legacy.d.ts': text }))).toEqual([
      { names: ['node10'], old: [{ subpath: '.', file: 'legacy.d.ts' }], new: [{ subpath: '.', file: 'legacy.d.ts' }] },
    ]);
  });
});
