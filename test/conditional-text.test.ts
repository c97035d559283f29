import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateConditional, inferredAtConstraint, type ConditionalScope } from '../src/model/conditional-text.js';
import type { TypeExpr } from '../src/model/surface.js';
import { normalizeUnion } from '../src/model/type-expr.js';

// A conditional kept as text is evaluated only where the checker would settle it (relation.ts `#instantiate`): a
// wrong branch would hide a change, so every answer here is checked against the sets the literals stand for.

const text = (t: string): Extract<TypeExpr, { k: 'text' }> => ({ k: 'text', text: t });
const lit = (value: string): TypeExpr => ({ k: 'lit', value: JSON.stringify(value) });
const never: TypeExpr = { k: 'prim', name: 'never' };
const param = (name: string): TypeExpr => ({ k: 'typeparam', name });

/** The members of a union of literals (or of one literal, or of `never`). */
function members(type: TypeExpr): string[] {
  if (type.k === 'union') return type.types.flatMap(members);
  if (type.k === 'prim' && type.name === 'never') return [];
  if (type.k === 'prim' && type.name === 'undefined') return ['undefined'];
  if (type.k === 'lit') return [type.value];
  throw new Error(`not a literal union: ${JSON.stringify(type)}`);
}

/** yup 1.0's helpers, and assignability between unions of literals and `undefined`. */
const yup: Record<string, { params: string[]; body: string }> = {
  Preserve: { params: ['T', 'U'], body: 'T extends U ? U : never' },
  Defined: { params: ['T'], body: 'T extends undefined ? never : T' },
};
const scope: ConditionalScope = {
  open: (name, args) => {
    const helper = yup[name];
    return helper ? { text: text(helper.body), args: new Map(helper.params.map((p, i) => [p, args[i]!])) } : undefined;
  },
  // Anything but literal unions is no business of these tests: unproven, so the evaluation defers.
  assignable: (source, target) => {
    try {
      const allowed = new Set(members(target));
      return members(source).every((m) => allowed.has(m));
    } catch {
      return undefined;
    }
  },
};

const RESOLVE_FLAGS = text("Preserve<F, 's'> extends never ? Extract<F, 'd'> extends never ? T : D extends undefined ? T : Defined<T> : never");
const flags = (...values: string[]): TypeExpr => (values.length ? normalizeUnion(values.map(lit)) : never);

describe('evaluateConditional', () => {
  it("resolves yup 1.0's ResolveFlags at its default flags to TType, whatever TType and TDefault are", () => {
    const args = new Map([['T', param('^T')], ['F', flags('')], ['D', param('^D')]]);
    expect(evaluateConditional(RESOLVE_FLAGS, args, scope)).toEqual(param('^T'));
  });

  it('gives never for a stripped schema, and Defined<T> for one with a default', () => {
    expect(evaluateConditional(RESOLVE_FLAGS, new Map([['T', param('^T')], ['F', flags('s')], ['D', param('^D')]]), scope)).toEqual(never);
    const defaulted = new Map([['T', normalizeUnion([lit('a'), { k: 'prim', name: 'undefined' }])], ['F', flags('d')], ['D', lit('a')]]);
    expect(evaluateConditional(RESOLVE_FLAGS, defaulted, scope)).toEqual(lit('a'));
  });

  it('defers a condition on a type still generic, as the checker does', () => {
    const args = new Map([['T', param('^T')], ['F', flags('d')], ['D', param('^D')]]);
    expect(evaluateConditional(RESOLVE_FLAGS, args, scope)).toBeUndefined();
  });

  it('distributes Extract and Exclude over unions of literals as sets', () => {
    const letters = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 });
    fc.assert(
      fc.property(letters, letters, (left, right) => {
        const args = new Map([['X', flags(...left)], ['Y', flags(...right)]]);
        const extracted = evaluateConditional(text("Extract<X, Y> extends never ? 'none' : Extract<X, Y>"), args, scope);
        const excluded = evaluateConditional(text("Exclude<X, Y> extends never ? 'none' : Exclude<X, Y>"), args, scope);
        const both = left.filter((l) => right.includes(l));
        const only = left.filter((l) => !right.includes(l));
        expect(members(extracted!).sort()).toEqual((both.length ? both : ['none']).map((v) => JSON.stringify(v)).sort());
        expect(members(excluded!).sort()).toEqual((only.length ? only : ['none']).map((v) => JSON.stringify(v)).sort());
      }),
    );
  });

  it('distributes over boolean as true | false, and leaves conditions on named types to the checker', () => {
    const bool: TypeExpr = { k: 'prim', name: 'boolean' };
    const truthy: ConditionalScope = { ...scope, assignable: (source) => source.k === 'lit' && source.value === 'true' };
    expect(evaluateConditional(text("X extends true ? 'y' : 'n'"), new Map([['X', bool]]), truthy)).toEqual(flags('n', 'y'));
    const named = new Map<string, TypeExpr>([['X', { k: 'ref', id: 'Color' }]]);
    expect(evaluateConditional(text("X extends 'red' ? 'y' : 'n'"), named, scope)).toBeUndefined();
  });

  it('answers undefined, never throws, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('', 'X extends ', 'X extends Y ? ', '('), (tail, head) => {
        const result = evaluateConditional(text(head + tail), new Map([['X', lit('a')], ['Y', lit('a')]]), scope);
        if (result !== undefined) expect(typeof result.k).toBe('string');
      }),
    );
  });

  it('stops at aliases that open without end', () => {
    const loop: ConditionalScope = { ...scope, open: (_, args) => ({ text: text('X extends Y ? Loop<X, Y> : never'), args: new Map([['X', args[0]!], ['Y', args[1]!]]) }) };
    expect(evaluateConditional(text("'a' extends 'a' ? Loop<'a', 'a'> : never"), new Map([['Z', lit('a')]]), loop)).toBeUndefined();
  });
});

describe('inferredAtConstraint', () => {
  // neverthrow's InferOkTypes<R> over `R extends Result<T, unknown>`: at most `T`, as the checker relates it.
  const inferOk = text('R extends Result<infer T, unknown> ? T : never');
  const constraints = new Map<string, TypeExpr>([['^R', { k: 'ref', id: 'Result', args: [param('T0'), { k: 'prim', name: 'unknown' }] }]]);
  const constraintOf = (type: TypeExpr) => (type.k === 'typeparam' ? constraints.get(type.name) : undefined);
  const at = (body: string, r: TypeExpr = param('^R')) => inferredAtConstraint(text(body), new Map([['R', r]]), constraintOf);

  it("is the constraint's argument in the inferred place", () => {
    expect(inferredAtConstraint(inferOk, new Map([['R', param('^R')]]), constraintOf)).toEqual(param('T0'));
    expect(at('R extends Result<unknown, infer E> ? E : never')).toEqual({ k: 'prim', name: 'unknown' });
  });

  it('reads nothing else: another generic, a type beside the infer, a false branch, a parameter without constraint', () => {
    expect(at('R extends ResultAsync<infer T, unknown> ? T : never')).toBeUndefined();
    expect(at('R extends Result<infer T, string> ? T : never')).toBeUndefined();
    expect(at('R extends Result<infer T, unknown> ? T : R')).toBeUndefined();
    expect(at('R extends Result<infer T, unknown> ? T[] : never')).toBeUndefined();
    expect(at('R extends Result<infer T, unknown> ? T : never', param('^S'))).toBeUndefined();
  });
});
