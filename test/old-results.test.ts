import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRelease } from '../src/load/package-files.js';
import { oldResult, resolveOldResults } from '../src/witness/old-results.js';
import { compileWitnesses } from '../src/witness/verify.js';
import { tempDir } from './temp-dir.js';

// What the old release resolves a type to, written into a witness as a type that names nothing (closed-text.ts).

const fixture = (name: string, side: 'old' | 'new') => loadRelease(path.join(import.meta.dirname, '..', 'fixtures', name, side));
const CHANGED = 'type-alias-changed--number-key-under-string-index-signature';
const KEPT = 'type-alias-unchanged--number-key-under-string-index-signature';

/** A witness using `type` at its old result both ways, as `useAliasResolvedAt` writes one. */
const use = (type: string, pkg = 'the-package') => `import * as $0 from "${pkg}";\n{ const r: ${oldResult(type)} = null! as ${type}; const s: ${type} = null! as ${oldResult(type)}; }\n`;

const EXACT = '$0.Exact<Record<string, number>, { 0: number }>';

describe('old results', () => {
  it('writes an object type whose print names private helpers as its structure (type-fest 6.0.2 Exact)', async () => {
    const [old, next] = await Promise.all([fixture(CHANGED, 'old'), fixture(CHANGED, 'new')]);
    const [filled] = resolveOldResults([use(EXACT)], 'the-package', old, next);
    expect(filled).toEqual({ code: expect.stringContaining('const r: ({ [x: string]: number; "0": never; }) = null! as $0.Exact<') });
    const [compiled] = compileWitnesses([filled!.code], 'the-package', old, next);
    expect(compiled!.old).toBeUndefined();
    expect(compiled!.new?.message).toContain(`Property '"0"' is missing`);
  });

  it('finds the structure the same where rewritten helpers resolve to it', async () => {
    const [old, next] = await Promise.all([fixture(KEPT, 'old'), fixture(KEPT, 'new')]);
    const [filled] = resolveOldResults([use(EXACT)], 'the-package', old, next);
    expect(filled).toMatchObject({ agrees: true });
  });

  it('writes an optional property without the undefined its optionality adds, and no callable or generic structure', async () => {
    const index = [
      'interface Base { b: string }',
      'export type Loose<T> = Partial<T> & Base;',
      'interface Call<T> { (x: T): T; a: T }',
      'export type Callable<T> = Call<T> & { b: T };',
      'interface Generic<T> { map<U>(f: (x: T) => U): U }',
      'export type Mapper<T> = Generic<T> & { b: T };',
      'export {};',
    ].join('\n');
    const release = await loadRelease(tempDir({ 'package.json': '{"name":"shapes","types":"index.d.ts"}', 'index.d.ts': index }));
    const codes = ['$0.Loose<{ a: 1 }>', '$0.Callable<number>', '$0.Mapper<number>'].map((type) => use(type, 'shapes'));
    const [loose, callable, mapper] = resolveOldResults(codes, 'shapes', release, release);
    expect(loose!.code).toContain('({ "a"?: (1); "b": string; })');
    expect([callable, mapper]).toEqual([undefined, undefined]);
  });

  it('writes any property name as a key that means the same property', async () => {
    // Names a literal must quote or escape: the structure assigns both ways to the type it was resolved from.
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((n) => !n.startsWith('__') && !n.startsWith('#'));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), async (names) => {
        const keys = names.map((n) => JSON.stringify(n)).join(' | ');
        const index = `export type Keyed = Record<${keys}, 1> & { z0: 0 };\n`;
        const release = await loadRelease(tempDir({ 'package.json': '{"name":"shapes","types":"index.d.ts"}', 'index.d.ts': index }));
        const [filled] = resolveOldResults([use('$0.Keyed', 'shapes')], 'shapes', release, release);
        expect(filled).toMatchObject({ agrees: true });
        expect(filled!.code).not.toContain('Record<');
        const [compiled] = compileWitnesses([filled!.code], 'shapes', release, release);
        expect([compiled!.old, compiled!.new]).toEqual([undefined, undefined]);
      }),
      { numRuns: 8 },
    );
  });
});
