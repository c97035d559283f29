import type { ItemPair, Pair, PairKind, SignaturePair } from '../diff/pairs.js';
import { flip, memberPosition, signaturePositions } from '../model/positions.js';
import { inOwnScope, substitute, type Relation, type Relator } from '../model/relation.js';
import type { Member, Position, Signature, TypeExpr } from '../model/surface.js';
import { spellItem, spellMemberType, spellSignature, spelledChange } from '../model/spelling.js';
import { isAny, normalizeUnion, requiredParams } from '../model/type-expr.js';
import { callWithThenables, overrideInSubclass, passParam, readVariable, useAlias, useMember, useSignature, writeMemberLiteral, writeThrough } from '../witness/consumer.js';
import { defineRule, type Rule, type WitnessBuilder } from './define.js';
import { judge } from './judge.js';
import { judgedAsGuard } from './guards.js';
import { implementationsBreak } from './implementation-fits.js';
import { anyMadeUnknown, callStillResolves, paramCallStillResolves, scopeDepth } from './overload-calls.js';
import type { Side } from '../core/side.js';

interface TypeChangeSpec<K extends PairKind> {
  /** The id of each of the three rules, written out so that every id can be found in the source. */
  ids: { [C in Change]: `${string}-${C}` };
  on: K;
  what: string;
  /** How a message names the subject, before its path: `the type of parameter`. */
  named: string;
  /** The type of one side as its declaration spells it, for the message. */
  spelled: (pair: Extract<Pair, { on: K }>, side: Side) => string | undefined;
  /** The old and new type, when this pair has one on both sides and no other rule owns the change. */
  types: (pair: Extract<Pair, { on: K }>, relator: Relator) => [TypeExpr, TypeExpr] | undefined;
  positions: (pair: Extract<Pair, { on: K }>, relator: Relator) => Position[];
  /** Position-dependent wording for the docs: what widening and narrowing cost. */
  doc: { widened: string; narrowed: string };
  /** The change does not reach consumers after all: the call they made resolves to another overload. */
  resolvesElsewhere?: (pair: Extract<Pair, { on: K }>, relator: Relator) => boolean;
  /** Consumer code that meets the subject the way its positions say. */
  witness: WitnessBuilder<K>;
  /** Overrides the plain relation where the subject has its own convention (a `void` return). */
  adjust?: (oldType: TypeExpr, newType: TypeExpr, relation: Relation) => Relation;
}

const kinds = [
  ['widened', 'wider', 'accepts every old value and more'],
  ['narrowed', 'narrower', 'accepts only some of the old values'],
  ['changed', 'unrelated', 'was replaced by an unrelated type'],
] as const;

type Change = (typeof kinds)[number][0];

/**
 * Widened, narrowed and changed are one question (how the new type relates to the old) judged by one
 * model (the position where consumers meet the type), so the three rules of each subject come from here.
 */
function typeChangeRules<K extends PairKind>(spec: TypeChangeSpec<K>): Rule<K>[] {
  return kinds.map(([change, relation, meaning]) => {
    const rule: Rule<K> = defineRule<K>({
      id: spec.ids[change],
      title: `Type of ${spec.what} ${change}`,
      description:
        `The type of ${spec.what} ${meaning}. ` +
        (change === 'widened' ? spec.doc.widened : change === 'narrowed' ? spec.doc.narrowed : 'Major wherever consumers meet it.'),
      bump: change === 'changed' ? 'major' : change === 'widened' ? 'minor' : 'major',
      on: spec.on,
      message: ({ path, old, new: next }) => `${spec.named} ${path} ${change}${old !== undefined && next !== undefined ? `: ${old} → ${next}` : ''}`,
      check(pair, report, { relator }) {
        const types = spec.types(pair, relator);
        if (!types) return;
        const [oldType, newType] = types;
        const adjust = (found: Relation) => (spec.adjust ? spec.adjust(oldType, newType, found) : found);
        const raw = adjust(relator.relate(oldType, newType));
        if (raw === 'equal') return;
        // Positions can ask whether implementations still fit (whole signatures related): only for a change.
        let positions: Position[] | undefined;
        const positionsHere = () => (positions ??= spec.positions(pair, relator));
        // Where every relation the answer may still be is major here, the bump is decided: reported as a change.
        const actual = raw === 'undecided' && relator.possible(oldType, newType).every((r) => judge(adjust(r), positionsHere()) === 'major') ? 'unrelated' : raw;
        const matches = actual === relation || (relation === 'unrelated' && actual === 'undecided');
        if (!matches) return;
        const judged = judge(actual, positionsHere());
        const bump = judged === 'major' && actual === 'wider' && onlyMadeAny(oldType, newType) ? 'minor' : judged;
        if (!bump || (bump === 'major' && spec.resolvesElsewhere?.(pair, relator))) return;
        report({ bump, data: spelledChange(spec.spelled(pair, 'old'), spec.spelled(pair, 'new')), ...(actual === 'undecided' ? { undecided: relator.undecidedReason(...types) } : {}) });
      },
      witness: spec.witness,
      // Related both ways by the checker: no consumer can observe the change, which stays listed as a patch.
      settle: (pair, settled) => (settled === 'equal' ? { rule, report: { bump: 'patch', data: spelledChange(spec.spelled(pair, 'old'), spec.spelled(pair, 'new')) } } : undefined),
    });
    return rule;
  });
}

/**
 * The new type is the old one with parts replaced by `any`, which the checker lets pass both ways: every use of
 * the old type still compiles, wherever consumers meet it (yup 1's `validateAt(): Promise<any>`, once
 * `Promise<TOutput>`). It widens what they may write, so it stays a finding, minor.
 */
function onlyMadeAny(oldType: unknown, newType: unknown): boolean {
  const type = newType as TypeExpr;
  if (isAny(type)) return true;
  if (oldType === null || newType === null || typeof oldType !== 'object' || typeof newType !== 'object') return oldType === newType;
  const [before, after] = [oldType as Record<string, unknown>, newType as Record<string, unknown>];
  const keys = Object.keys(before);
  return Array.isArray(before) === Array.isArray(after) && keys.length === Object.keys(after).length && keys.every((key) => onlyMadeAny(before[key], after[key]));
}

const isVoid = (type: TypeExpr) => type.k === 'prim' && type.name === 'void';

/**
 * A member type of a generic that gained defaulted type parameters, as consumers who wrote the old number of
 * type arguments meet it: with the defaults (`InfiniteData<TData, TPageParam = unknown>`'s `TPageParam[]` is
 * `unknown[]` for them). Only the new parameters are replaced; the old ones still pair by position.
 */
function withNewDefaults(owner: ItemPair | undefined, type: TypeExpr): TypeExpr {
  const bindings = new Map<string, TypeExpr>();
  owner?.new.typeParams.forEach((p, i) => {
    if (i >= owner.old.typeParams.length && p.default) bindings.set(`#${i}`, p.default);
  });
  return substitute(type, bindings);
}

/** The named type whose member a signature is, or whose member's callback parameter it is (at any depth). */
function memberOwner(parent: SignaturePair['parent']): ItemPair | undefined {
  if (parent.on === 'member') return parent.owner;
  return parent.on === 'param' ? memberOwner(parent.signature.parent) : undefined;
}

/**
 * A member's old and new type as consumers holding a value of the owner meet them: the owner's arguments are the
 * ones they wrote against the old release, so each is a type they chose within its old constraint (yup 0.32's
 * `StringSchema<TType, TContext, TOut extends TType>`: 1.0's `getDefault(): TDefault` in that third place returns
 * a `TOut`, which is a `TType`, as 0.32's `getDefault(): TCast` did: narrowed, not changed).
 */
function underOldConstraints(owner: ItemPair | undefined, relator: Relator, types: [TypeExpr, TypeExpr]): [TypeExpr, TypeExpr] {
  const bindings = new Map<string, TypeExpr>();
  owner?.old.typeParams.forEach((p, i) => {
    if (p.constraint) bindings.set(`#${i}`, relator.rigid(`${owner.old.id}#${i}`, substitute(p.constraint, bindings)));
  });
  return [substitute(types[0], bindings), substitute(types[1], bindings)];
}

/**
 * The result as a caller meets it who uses it unannotated (an `any` result was used so): a type parameter of the
 * signature's own that no parameter mentions is inferred from nothing, so it is its default, else `unknown`.
 */
function resultUnannotated(signature: Signature, depth: number): TypeExpr {
  const returns = signature.returns;
  if (returns.k !== 'typeparam') return returns;
  const index = signature.typeParams.findIndex((_, i) => returns.name === `@${depth}.${i}`);
  if (index < 0 || mentions(signature.params, returns.name)) return returns;
  const param = signature.typeParams[index]!;
  return param.default ?? param.constraint ?? { k: 'prim', name: 'unknown' };
}

/** Whether a type parameter occurs anywhere in `value`. */
function mentions(value: unknown, name: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ((value as TypeExpr).k === 'typeparam') return (value as { name: string }).name === name;
  return Object.values(value).some((inner) => mentions(inner, name));
}

function withoutUndefined(type: TypeExpr): TypeExpr {
  if (type.k !== 'union') return type;
  const rest = type.types.filter((t) => !(t.k === 'prim' && t.name === 'undefined'));
  return rest.length === type.types.length ? type : rest.length === 1 ? rest[0]! : { ...type, types: rest };
}

export const paramTypeRules = typeChangeRules({
  ids: { widened: 'param-type-widened', narrowed: 'param-type-narrowed', changed: 'param-type-changed' },
  on: 'param',
  what: 'a parameter',
  named: 'the type of parameter',
  spelled: (pair, side) => spellSignature(pair.signature[side]!.text)?.params[pair.index],
  types: (pair) => {
    if (!pair.old || !pair.new || pair.old.rest !== pair.new.rest || pair.comparedBySignature) return undefined;
    // An optional parameter takes `undefined` however it is spelled: `x?: T` and `x?: T | undefined` are one type.
    const both = pair.old.optional && pair.new.optional;
    const next = withNewDefaults(memberOwner(pair.signature.parent), pair.new.type);
    return both ? [withoutUndefined(pair.old.type), withoutUndefined(next)] : [pair.old.type, next];
  },
  positions: (pair, relator) => flip(signaturePositions(pair.signature.callers, implementationsBreak(pair.signature, relator))),
  doc: {
    widened: 'Minor where consumers call the function; major where they implement it (a callback the package calls) and their implementation no longer fits (a method\'s parameters are bivariant; an overload of it may still take the argument).',
    narrowed: 'Major where consumers call the function; minor where they implement it.',
  },
  // Callers alone decide where implementors are unaffected (a callback's own callers are its outer call's).
  resolvesElsewhere: (pair, relator) => paramCallStillResolves(pair, relator, pair.index + 1, !implementationsBreak(pair.signature, relator)),
  witness: (pair, w) => passParam(w, pair),
});

export const returnTypeRules = typeChangeRules({
  ids: { widened: 'return-type-widened', narrowed: 'return-type-narrowed', changed: 'return-type-changed' },
  on: 'signature',
  what: 'a return value',
  named: 'the return type of',
  spelled: (pair, side) => spellSignature(pair[side]!.text)?.returns,
  types: (pair, relator) => {
    if (!pair.old || !pair.new || pair.construct) return undefined;
    const owner = memberOwner(pair.parent);
    const returns = isAny(pair.old.returns) ? resultUnannotated(pair.new, scopeDepth(pair, 'new')) : pair.new.returns;
    return underOldConstraints(owner, relator, [pair.old.returns, withNewDefaults(owner, returns)]);
  },
  positions: (pair, relator) => signaturePositions(pair.callers, implementationsBreak(pair, relator)),
  doc: {
    widened: 'Major where consumers call the function (a type guard weakened to boolean is a widening); minor where they implement it.',
    narrowed: 'Minor where consumers call the function (`void` → a concrete type included); major where they implement it and their implementation no longer fits (an overload of it returning `any` or an erased type parameter still does).',
  },
  // Callers that ignored a `void` result are unaffected by a concrete one (README, "Decisions where semver-ts is
  // silent"). Guards narrowed and assertion signatures added are guards.ts's to judge.
  adjust: (oldType, newType, relation) =>
    judgedAsGuard(oldType, newType, relation) ? 'equal' : isVoid(oldType) && !isVoid(newType) ? 'narrower' : anyMadeUnknown(oldType, newType) ? 'wider' : relation,
  resolvesElsewhere: (pair, relator) =>
    !!pair.old && callStillResolves(pair, requiredParams(pair.old.params), relator, true, { callersOnly: !implementationsBreak(pair, relator) }),
  witness: (pair, w) => {
    useSignature(w, pair, { result: true });
    if (pair.callers && pair.old?.typeParams.length) w.orElse((other) => callWithThenables(other, pair));
  },
});

export const propertyTypeRules = typeChangeRules({
  ids: { widened: 'property-type-widened', narrowed: 'property-type-narrowed', changed: 'property-type-changed' },
  on: 'member',
  what: 'a property',
  named: 'the type of property',
  spelled: (pair, side) => spellMemberType(pair[side]!.text),
  types: (pair) =>
    pair.old?.type && pair.new?.type && !pair.comparedBySignature && pair.old.kind === pair.new.kind && pair.old.visibility !== 'private' && pair.new.visibility !== 'private'
      ? [readType(pair.old, pair.new), withNewDefaults(pair.owner, pair.new.type)]
      : undefined,
  positions: (pair, relator) => {
    // An optional property reads as `T | undefined` already: spelling `undefined` out (p-queue 10's `timeout?: number
    // | undefined`) changes only what writers may supply.
    if (pair.old!.optional && pair.new!.optional && relator.relate(withUndefined(pair.old!.type!), withUndefined(pair.new!.type!)) === 'equal') return ['input'];
    const positions = memberPosition(pair.old!, pair.ownerPositions);
    // Writing through an object consumers receive meets the setter: where that still takes every old value, they only read.
    const written = (m: Member) => m.writeType ?? m.type!;
    const writesFit = (pair.old!.writeType || pair.new!.writeType) && ['equal', 'wider'].includes(relator.relate(written(pair.old!), written(pair.new!)));
    return writesFit && !pair.ownerPositions.includes('input') ? [...pair.ownerPositions] : positions;
  },
  doc: {
    widened: 'Judged by position: minor on types consumers only pass in, major where they read it (and on mutable properties of objects they receive).',
    narrowed: 'Judged by position: minor where consumers only read it, major where they construct or write it.',
  },
  witness(pair, w) {
    const positions = memberPosition(pair.old!, pair.ownerPositions);
    const read = positions.includes('output');
    w.anyOf(() => useMember(w, pair, { read, write: positions.includes('input') }), ...(read ? [() => writeThrough(w, pair)] : []));
    if (pair.ownerKind === 'class') w.orElse((other) => overrideInSubclass(other, pair));
    if (positions.includes('input')) w.orElse((other) => writeMemberLiteral(other, pair));
  },
});

/**
 * The old property's type as readers met it, where the new one is no longer optional but spells `undefined`
 * out: `timeout?: number` gave them `number | undefined` already, so `timeout: number | undefined` (p-queue 10)
 * widened nothing for them, and the optionality is property-made-required's to judge.
 */
function readType(old: Member, next: Member): TypeExpr {
  const spelled = next.type?.k === 'union' && next.type.types.some((t) => t.k === 'prim' && t.name === 'undefined');
  return old.optional && !next.optional && spelled ? withUndefined(old.type!) : old.type!;
}

/** What a reader of an optional property of this type gets. */
function withUndefined(type: TypeExpr): TypeExpr {
  return normalizeUnion([type, { k: 'prim', name: 'undefined' }]);
}

export const variableTypeRules = typeChangeRules({
  ids: { widened: 'variable-type-widened', narrowed: 'variable-type-narrowed', changed: 'variable-type-changed' },
  on: 'item',
  what: 'an exported variable',
  named: 'the type of variable',
  spelled: (pair, side) => spellItem(pair[side].text)?.type,
  types: (pair) => (pair.old.valueType && pair.new.valueType ? [pair.old.valueType, pair.new.valueType] : undefined),
  positions: () => ['output'],
  doc: { widened: 'Major: consumers read the value.', narrowed: 'Minor: every new value is still an old one.' },
  witness: (pair, w) => readVariable(w, pair),
});

export const typeAliasRules = typeChangeRules({
  ids: { widened: 'type-alias-widened', narrowed: 'type-alias-narrowed', changed: 'type-alias-changed' },
  on: 'item',
  what: 'a type alias',
  named: 'type alias',
  spelled: (pair, side) => spellItem(pair[side].text)?.type,
  // Each body read in its own scope: a text naming the alias's parameters names them by position, so renaming
  // them (fp-ts 2.0's `Kind4<URI, S, R, E, A>`, 1.19's `<URI, X, U, L, A>`) is no change. A parameter added with
  // a default is that default for consumers who write the old arguments (type-fest 6's `TypedArray<Buffer =
  // ArrayBufferLike>`, whose `Int8Array<Buffer>` is 5.10's `Int8Array`): its own addition is type-param-added's.
  types: (pair) =>
    pair.old.alias && pair.new.alias ? [inOwnScope(pair.old.alias, pair.old), withNewDefaults(pair, inOwnScope(pair.new.alias, pair.new))] : undefined,
  positions: (pair) => pair.old.positions,
  doc: {
    widened: 'Minor where the alias is only an input; major where consumers receive it or it is unreferenced.',
    narrowed: 'Minor where the alias is only an output; major where consumers supply it or it is unreferenced.',
  },
  witness: (pair, w) => useAlias(w, pair),
});
