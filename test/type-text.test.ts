import { describe, expect, it } from 'vitest';
import type { TypeExpr, TypeParam } from '../src/model/surface.js';
import { ModuleNames } from '../src/witness/module-names.js';
import { TypeText } from '../src/witness/type-text.js';

/** `(...args: <rest>) => <returns>`, as the model keeps a function type. */
function fn(rest: TypeExpr, returns: TypeExpr): TypeExpr {
  const signature = { typeParams: [], params: [{ name: 'args', type: rest, optional: false, rest: true }], returns };
  return { k: 'object', members: [{ name: '()', kind: 'call', signatures: [signature], optional: false, readonly: false, visibility: 'public', abstract: false, text: '' }] };
}

const ANY: TypeExpr = { k: 'prim', name: 'any' };
const VOID: TypeExpr = { k: 'prim', name: 'void' };

function written(constraint: TypeExpr): { list: string; approximated: boolean } {
  const text = new TypeText(new ModuleNames({ entries: [], items: {} }, 'pkg'));
  const params: TypeParam[] = [{ name: 'T', constraint }];
  return { list: text.typeParamList(params, '#'), approximated: text.approximated };
}

// A settlement (engine/witnesses.ts) trusts a witness whose old types are written as the old release declares them:
// `T extends (...args: any) => void` written `(...args: unknown[]) => void` admits fewer type arguments (no `(x:
// string) => void`), so a new constraint admitting all of those proves nothing about the old one's.
describe('TypeText in the witness\'s own generic constraints', () => {
  it('counts a rest parameter typed any, written unknown[], as an approximation', () => {
    expect(written(fn(ANY, VOID))).toEqual({ list: '<T0 extends { (...args: unknown[]): void; }>', approximated: true });
  });

  it('writes a constraint without any as declared, with no approximation', () => {
    expect(written(fn({ k: 'array', elem: { k: 'prim', name: 'string' }, readonly: false }, VOID))).toEqual({ list: '<T0 extends { (...args: string[]): void; }>', approximated: false });
  });
});
