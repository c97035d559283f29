import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { inlineHelpers } from '../src/model/helper-aliases.js';

function module(text: string): ts.SourceFile {
  return ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const file = module(`
type NotAPrimitivePattern<p> = p & void;
type Both<A, B = string> = A | B;
type Twice<T> = NotAPrimitivePattern<T>[];
type Branching<T> = T extends string ? 1 : 2;
export type Exported<T> = T & {};
type Listed<T> = T & {};
export { Listed };
`);

// The checker's text of a conditional type names the helpers of its own module; the module's declarations say what they are.
describe('helper aliases written out in the checker text', () => {
  it('writes out an unexported helper of plain structure, parenthesised only where its place needs it', () => {
    expect(inlineHelpers('[p] extends [string] ? p : NotAPrimitivePattern<p>', file)).toBe('[p] extends [string] ? p : p & void');
    expect(inlineHelpers('NotAPrimitivePattern<p>[]', file)).toBe('(p & void)[]');
    expect(inlineHelpers('X extends 1 ? Both<number> : never', file)).toBe('X extends 1 ? number | string : never');
    expect(inlineHelpers('X extends 1 ? Both<A | B, C> : never', file)).toBe('X extends 1 ? (A | B) | C : never');
    // A helper naming a helper is written out too.
    expect(inlineHelpers('X extends 1 ? Twice<q> : never', file)).toBe('X extends 1 ? (q & void)[] : never');
  });

  it('keeps conditional helpers (they distribute over an argument), exported ones and names the text binds itself', () => {
    expect(inlineHelpers('X extends 1 ? Branching<q> : never', file)).toBe('X extends 1 ? Branching<q> : never');
    expect(inlineHelpers('X extends 1 ? Exported<q> | Listed<q> : never', file)).toBe('X extends 1 ? Exported<q> | Listed<q> : never');
    expect(inlineHelpers('X extends (infer NotAPrimitivePattern) ? NotAPrimitivePattern : never', file)).toBe('X extends (infer NotAPrimitivePattern) ? NotAPrimitivePattern : never');
  });

  it('writes each nested reference once, and keeps a text that would grow past the bound as printed', () => {
    // type-fest's texts nest references deeply; writing every level's arguments twice made them exponential.
    const nested = Array.from({ length: 40 }, () => 'Box<').join('') + 'NotAPrimitivePattern<p>' + '>'.repeat(40);
    expect(inlineHelpers(`X extends 1 ? ${nested} : never`, file)).toBe(`X extends 1 ? ${nested.replace('NotAPrimitivePattern<p>', 'p & void')} : never`);
    const doubling = module('type Twice<T> = [T, T];');
    const grown = Array.from({ length: 60 }, () => 'Twice<').join('') + 'q' + '>'.repeat(60);
    expect(inlineHelpers(`X extends 1 ? ${grown} : never`, doubling)).toBe(`X extends 1 ? ${grown} : never`);
  });

  it('returns a text that names no helper as it is, and never throws on hostile text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const named = /NotAPrimitivePattern|Both|Twice/.test(text);
        const written = inlineHelpers(text, file);
        if (!named) expect(written).toBe(text);
        expect(typeof written).toBe('string');
      }),
    );
    expect(inlineHelpers('NotAPrimitivePattern<p>', undefined)).toBe('NotAPrimitivePattern<p>');
  });
});
