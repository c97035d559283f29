import { describe, expect, it } from 'vitest';
import { diff } from '../src/index.js';
import { InputError } from '../src/core/input-error.js';
import { tempDir } from './temp-dir.js';

// No input may reach a recursion limit: deep nesting of every construct gives a verdict (or, where the
// TypeScript parser itself cannot read the file, an InputError naming file and line), never a stack overflow.

const nest = (depth: number, open: string, close: string, leaf: string): string => open.repeat(depth) + leaf + close.repeat(depth);

/** Declarations nested `depth` deep whose innermost type is `leaf`. */
const constructs: Record<string, (depth: number, leaf: string) => string> = {
  'object types': (d, leaf) => `export type T = ${nest(d, '{ a: ', ' }', leaf)};\nexport declare function f(x: T): void;\n`,
  tuples: (d, leaf) => `export type T = ${nest(d, '[', ']', leaf)};\nexport declare function f(x: T): void;\n`,
  unions: (d, leaf) => `export type T = ${nest(d, '{ a: null | ', ' }', leaf)};\nexport declare function f(x: T): T;\n`,
  'conditional types': (d, leaf) =>
    `export type T<X> = ${Array.from({ length: d }, (_, i) => `X extends ${i} ? ${i} : `).join('')}${leaf};\nexport declare function f<X>(x: X): T<X>;\n`,
  'generic instantiations': (d, leaf) => `export interface Box<T> { v: T }\nexport declare const b: ${nest(d, 'Box<', '>', leaf)};\n`,
  namespaces: (d, leaf) =>
    `${Array.from({ length: d }, (_, i) => `export declare namespace N${i} {\n`).join('')}export const x: ${leaf};\n${'}\n'.repeat(d)}`,
};

function release(files: Record<string, string>, packageJson: object = { name: 'deep', version: '1.0.0', types: 'index.d.ts' }): string {
  return tempDir({ 'package.json': JSON.stringify(packageJson), ...files });
}

describe('deep nesting', () => {
  for (const [name, declare] of Object.entries(constructs)) {
    it(`${name} nested 400 deep: a change at the bottom is found, the same release is patch`, async () => {
      const old = release({ 'index.d.ts': declare(400, 'string') });
      const next = release({ 'index.d.ts': declare(400, 'number') });
      expect((await diff(old, old)).bump).toBe('patch');
      expect((await diff(old, next)).bump).toBe('major');
    });
  }

  it('a generic whose members return ever larger instantiations of itself is compared, not expanded without end', async () => {
    // Reduced from execa 10.1.1 → 10.2.0 (`ExecaMethod<MergeOptions<O, P>>`), got, yup, @trpc/server, @types/lodash 3 → 4.
    const chain = (tag: string) => `export interface Chain<O> { with<P>(options: P): Chain<O & P>; tag: ${tag} }\nexport declare const chain: Chain<{}>;\n`;
    const old = release({ 'index.d.ts': chain('string') });
    expect((await diff(old, old)).bump).toBe('patch');
    const report = await diff(old, release({ 'index.d.ts': chain('number') }));
    expect(report.findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['property-type-changed Chain.tag']);
  });

  it('exports conditions nested 60 deep resolve; nested 3,000 deep, package.json is refused by name, never a stack overflow', async () => {
    const nested = (depth: number) => {
      let target: unknown = './index.d.ts';
      for (let i = 0; i < depth; i++) target = { [i % 2 ? 'import' : 'default']: target };
      return release({ 'index.d.ts': 'export declare const x: number;\n' }, { name: 'deep', version: '1.0.0', exports: { '.': target } });
    };
    const shallow = nested(60);
    expect((await diff(shallow, shallow)).bump).toBe('patch');
    const deep = nested(3000);
    const error = await diff(deep, deep).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: expect.stringMatching(/package\.json$/) });
  });

  it('a file nested too deep for the TypeScript parser is refused with file and line when an entry reaches it, and ignored when none does', async () => {
    const deep = `export type T =\n  ${nest(2000, '[', ']', 'string')};\n`;
    const sibling = release({ 'index.d.ts': 'export declare const x: number;\n', 'deep.d.ts': deep });
    expect((await diff(sibling, sibling)).bump).toBe('patch');
    const reached = release({ 'index.d.ts': deep });
    const error = await diff(reached, reached).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: expect.stringMatching(/index\.d\.ts$/), line: 2 });
  });

  it("a file the parser reads but the compiler's binder cannot (function types nested 1,000 deep) is refused with file and line", async () => {
    const deep = `export type T =\n  ${nest(1000, '(x: ', ') => void', 'string')};\nexport declare function f(x: T): void;\n`;
    const reached = release({ 'index.d.ts': deep });
    const error = await diff(reached, reached).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: expect.stringMatching(/index\.d\.ts$/), line: 2 });
  });
});
