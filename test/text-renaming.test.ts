import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayRenameAlike, renameTypeNames } from '../src/model/text-renaming.js';

// A text's form stands for it in the relation (relation.ts `sameInstantiation`): equal forms with equal
// arguments are taken for one type, so a form shared by two different types would hide a change.

/** Texts over the parameter names in `names`, in type positions and as property keys, with a shadowing `infer`. */
function texts(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names);
  return fc.letrec<{ t: string }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small' },
      name,
      fc.constantFrom('string', 'PropertyKey', "'a'"),
      name.map((n) => `keyof ${n}`),
      fc.tuple(tie('t'), tie('t')).map(([a, b]) => `${a} | ${b}`),
      fc.tuple(tie('t'), name).map(([a, n]) => `{ ${n}: ${a}; }`),
      fc.tuple(tie('t'), tie('t'), name).map(([a, b, n]) => `${a} extends infer ${n} ? ${b} : never`),
      fc.tuple(name, tie('t')).map(([n, a]) => `{ [K in keyof ${n}]: ${a}; }`),
    ),
  })).t;
}

/** Renames every whole-word occurrence of the names, whatever it is: what a consistent rename of the declaration does. */
function renamed(text: string, rename: ReadonlyMap<string, string>): string {
  return text.replace(/[\w$]+/g, (word) => rename.get(word) ?? word);
}

describe('renameTypeNames', () => {
  it('gives one form to a text and its consistent renaming, the names in the same order', () => {
    const rename = new Map([['A', 'X'], ['B', 'Y']]);
    fc.assert(
      fc.property(texts(['A', 'B']), (text) => {
        const before = renameTypeNames(text, new Set(['A', 'B']));
        const after = renameTypeNames(renamed(text, rename), new Set(['X', 'Y']));
        // Property keys named like a parameter keep their names, so a rename may tell the forms apart, never join them.
        if (before.form !== after.form) return;
        expect(after.names).toEqual(before.names.map((n) => rename.get(n)));
        expect(mayRenameAlike(text, new Set(['A', 'B']), renamed(text, rename), new Set(['X', 'Y']))).toBe(true);
      }),
    );
  });

  it('keeps property keys, so objects keyed differently never share a form', () => {
    expect(renameTypeNames('{ A: A; }', new Set(['A'])).form).not.toBe(renameTypeNames('{ B: B; }', new Set(['B'])).form);
    expect(renameTypeNames('keyof BaseType', new Set(['BaseType'])).form).toBe(renameTypeNames('keyof ObjectType', new Set(['ObjectType'])).form);
  });

  it('tells apart texts that use their parameters in another order', () => {
    fc.assert(
      fc.property(texts(['A', 'B']), (text) => {
        const swapped = renamed(text, new Map([['A', 'B'], ['B', 'A']]));
        const [one, other] = [renameTypeNames(text, new Set(['A', 'B'])), renameTypeNames(swapped, new Set(['A', 'B']))];
        // The same form is then the same type only with the arguments swapped too: the names say so.
        if (one.form === other.form) expect(other.names).toEqual(one.names.map((n) => (n === 'A' ? 'B' : 'A')));
      }),
    );
  });
});
