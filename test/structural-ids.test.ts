import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StructuralIds, substitute } from '../src/model/relation.js';
import type { Member, TypeExpr } from '../src/model/surface.js';
import { typeKey } from '../src/model/type-expr.js';

// The relation takes equal ids for equal types (its shortcut and its memo keys): an id shared by two
// different types would answer a question about one with the other's answer, a missed break at worst.

const leaf: fc.Arbitrary<TypeExpr> = fc.oneof(
  fc.constantFrom('string', 'number', 'boolean', 'unknown').map((name): TypeExpr => ({ k: 'prim', name })),
  fc.constantFrom('"a"', '"b"', '1', 'true').map((value): TypeExpr => ({ k: 'lit', value })),
  fc.constantFrom('#0', '#1', '@0.0').map((name): TypeExpr => ({ k: 'typeparam', name })),
  fc.constantFrom('A', 'B').map((text): TypeExpr => ({ k: 'text', text })),
);

const { type } = fc.letrec<{ type: TypeExpr; member: Member }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ id: fc.constantFrom('Box', 'Pair'), args: fc.array(tie('type'), { maxLength: 2 }) }).map(({ id, args }): TypeExpr => (args.length ? { k: 'ref', id, args } : { k: 'ref', id })),
    fc.array(tie('type'), { minLength: 2, maxLength: 3 }).map((types): TypeExpr => ({ k: 'union', types })),
    fc.array(tie('type'), { minLength: 2, maxLength: 3 }).map((types): TypeExpr => ({ k: 'intersection', types })),
    fc.record({ elem: tie('type'), readonly: fc.boolean() }).map(({ elem, readonly }): TypeExpr => ({ k: 'array', elem, readonly })),
    fc.array(tie('member'), { maxLength: 3 }).map((members): TypeExpr => ({ k: 'object', members })),
  ),
  member: fc
    .record({ name: fc.constantFrom('a', 'b', 'c'), type: tie('type'), optional: fc.boolean(), readonly: fc.boolean(), method: fc.boolean() })
    .map(({ name, type, optional, readonly, method }): Member => ({
      name,
      kind: method ? 'method' : 'property',
      ...(method ? { signatures: [{ typeParams: [], params: [{ name: 'x', type, optional, rest: false }], returns: type, text: '' }] } : { type }),
      optional,
      readonly,
      visibility: 'public',
      abstract: false,
      text: `${name}: …`,
    })),
}));

/**
 * Types as the relation meets them: written, or opened (a definition with its parameters bound). Drawn
 * from small pools, so that one definition is opened with several arguments and one argument meets
 * several definitions.
 */
const met = fc
  .record({ bodies: fc.array(type, { minLength: 1, maxLength: 2 }), args: fc.array(type, { minLength: 1, maxLength: 3 }) })
  .chain(({ bodies, args }) =>
    fc.array(
      fc.oneof(
        type.map((t) => ({ t })),
        fc.record({ body: fc.constantFrom(...bodies), a: fc.constantFrom(...args), b: fc.constantFrom(...args) }).map(({ body, a, b }) => {
          const bindings = new Map([['#0', a], ['#1', b]]);
          return { t: substitute(body, bindings), body, bindings };
        }),
      ),
      { minLength: 2, maxLength: 6 },
    ),
  );

function ids(list: Array<{ t: TypeExpr; body?: TypeExpr; bindings?: Map<string, TypeExpr> }>): string[] {
  const structural = new StructuralIds();
  for (const { t, body, bindings } of list) if (body && bindings && t !== body) structural.nameSubstitution(t, body, bindings);
  return list.map(({ t }) => structural.of(t));
}

describe('structural ids', () => {
  it('equal ids only for equal keys, whether a type was written or opened from a definition', () => {
    fc.assert(
      fc.property(met, (list) => {
        const named = ids(list);
        for (let i = 0; i < list.length; i++) {
          for (let j = 0; j < list.length; j++) {
            if (named[i] === named[j]) expect(typeKey(list[i]!.t)).toBe(typeKey(list[j]!.t));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equal keys give equal ids for written types, so the relation shortcut holds across releases', () => {
    fc.assert(
      fc.property(type, type, (a, b) => {
        const [ia, ib] = ids([{ t: a }, { t: b }]);
        expect(ia === ib).toBe(typeKey(a) === typeKey(b));
        // The same structure built twice (as the two releases' surfaces do) has one id.
        expect(ids([{ t: a }, { t: structuredClone(a) }]).every((id, _, all) => id === all[0])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
