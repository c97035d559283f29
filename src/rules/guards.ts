import type { SignaturePair } from '../diff/pairs.js';
import type { Relation } from '../model/relation.js';
import type { TypeExpr } from '../model/surface.js';
import { spellSignature, spelledChange } from '../model/spelling.js';
import { callThroughAlias, useFalseBranch } from '../witness/call-moves.js';
import { implement } from '../witness/consumer.js';
import { defineRule } from './define.js';

const isGuard = (type: TypeExpr): type is Extract<TypeExpr, { k: 'predicate' }> => type.k === 'predicate' && !type.asserts;
const isAssertion = (type: TypeExpr): type is Extract<TypeExpr, { k: 'predicate' }> => type.k === 'predicate' && type.asserts;
const isVoid = (type: TypeExpr) => type.k === 'prim' && type.name === 'void';

/**
 * Return-type changes that these rules judge instead of the return-type rules: a guard narrowed to
 * another guard of the same parameter, and `void` that became an assertion signature.
 */
export function judgedAsGuard(oldType: TypeExpr, newType: TypeExpr, relation: Relation): boolean {
  if (isGuard(oldType) && isGuard(newType)) return oldType.param === newType.param && relation === 'narrower';
  return isVoid(oldType) && isAssertion(newType);
}

export const typeGuardNarrowed = defineRule({
  id: 'type-guard-narrowed',
  title: 'Type guard narrowed',
  description:
    'A type predicate claims less (`x is A | B` → `x is A`): the true branch narrows to less, which callers accept, but the false branch now keeps what the guard no longer claims (`B`), so code there that relied on the old narrowing breaks: major where consumers call it and the guarded parameter may be a union (only unions narrow in the false branch: a primitive such as `unknown` does not), and where they implement the guard (their predicate claims too much, TS2677/TS2322); minor otherwise.',
  bump: 'major',
  on: 'signature',
  message: ({ path, old, new: next, who }) => `the type guard of ${path} narrowed${old !== undefined && next !== undefined ? `: ${old} → ${next}` : ''}${who}`,
  check(pair, report, { relator }) {
    const [before, after] = [pair.old?.returns, pair.new?.returns];
    if (!before || !after || !isGuard(before) || !isGuard(after) || before.param !== after.param) return;
    if (relator.relate(before.type, after.type) !== 'narrower') return;
    // Only a union (spelled out or behind an alias) loses members in the false branch; `unknown`, `string` and the like stay as they are.
    const falseBranch = pair.callers && pair.old!.params[before.param]?.type.k !== 'prim';
    const who = [...(falseBranch ? ['code in the false branch of calls'] : []), ...(pair.implementors ? ['implementations of the guard'] : [])];
    report({
      bump: who.length ? 'major' : 'minor',
      data: { ...spelledChange(spellSignature(pair.old!.text)?.returns, spellSignature(pair.new!.text)?.returns), who: who.length ? `: breaks ${who.join(' and ')}` : '' },
    });
  },
  witness: (pair, w) => w.anyOf(...(pair.callers ? [() => useFalseBranch(w, pair)] : []), ...(pair.implementors ? [() => implement(w, pair)] : [])),
});

export const assertionSignatureAdded = defineRule({
  id: 'assertion-signature-added',
  title: 'Function made an assertion signature',
  description:
    'A function or method that returned `void` became an assertion signature (`asserts x is T`): calls through a reference without an explicit type annotation (`const check = lib.check; check(x)`) are rejected (TS2775), major where consumers call it. Where they only implement it (a callback), a `void` function still fits an assertion signature: minor.',
  bump: 'major',
  on: 'signature',
  message: ({ path, type, who }) => `${path} is now an assertion signature${type !== undefined ? ` (${type})` : ''}${who}`,
  check(pair: SignaturePair, report) {
    const [before, after] = [pair.old?.returns, pair.new?.returns];
    if (!before || !after || !isVoid(before) || !isAssertion(after)) return;
    const type = spellSignature(pair.new!.text)?.returns;
    const who = pair.callers ? ': calls through a reference without a type annotation no longer compile' : '';
    report({ bump: pair.callers ? 'major' : 'minor', data: { ...(type !== undefined ? { type } : {}), who } });
  },
  witness: (pair, w) => callThroughAlias(w, pair),
});
