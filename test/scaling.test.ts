import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without declarations
import { syntheticDeclarations } from '../bench/synthetic.mjs';
import { analyze, readSurface } from '../src/index.js';
import { tempDir } from './temp-dir.js';

// The work guard: a count of type comparisons, not a time, so it means the same on every machine. Timings
// live in the benchmark (npm run bench).
describe('scaling guard', () => {
  it('a 10k-export package diffs within a bounded number of type comparisons', async () => {
    const root = tempDir({});
    for (const variant of [0, 1]) {
      mkdirSync(path.join(root, String(variant)));
      writeFileSync(path.join(root, String(variant), 'index.d.ts'), (syntheticDeclarations as (n: number, v: number) => string)(10_000, variant));
    }
    const [old, next] = [await readSurface(path.join(root, '0')), await readSurface(path.join(root, '1'))];
    expect(Object.keys(old.items).length).toBeGreaterThanOrEqual(10_000);
    const analysis = analyze(old, next);
    expect(analysis.bump).toBe('major');
    // Linear work: a few comparisons per export at most (measured: well under one).
    expect(analysis.comparisons).toBeLessThan(5 * Object.keys(old.items).length);
  }, 180_000);
});
