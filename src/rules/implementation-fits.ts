import type { Side } from '../core/side.js';
import { overloads } from '../diff/overloads.js';
import type { SignaturePair } from '../diff/pairs.js';
import type { Relator } from '../model/relation.js';
import type { Param, Signature, TypeExpr } from '../model/surface.js';
import { callSignatures, isAny, requiredParams, restElement } from '../model/type-expr.js';
import { acceptedBy, fits, scopeDepth } from './overload-calls.js';

const NEVER: TypeExpr = { k: 'prim', name: 'never' };
const UNKNOWN: TypeExpr = { k: 'prim', name: 'unknown' };
/** What every erased type parameter becomes in the first try (see asAny): one rigid type, the same on both sides. */
const ERASED: TypeExpr = { k: 'typeparam', name: '^erased' };

/**
 * Whether an implementation consumers wrote against the old release (a callable with every old overload, as an
 * interface method, a subclass method or a callback) still fits the new overload, the way the checker relates
 * signatures: every new overload must be matched by some old one. Where either side has several overloads the
 * checker erases their type parameters to `any` first, so a constraint on them (lodash 4's `assign<TSource>`,
 * no longer `extends {}`) is nothing to implementors; one generic signature against another is related with
 * inference, which is followed only where both have the same type parameters (else the answer is `false` and the
 * rules judge as before). `any` is the checker's `any`: whatever it meets fits. The answer leans to `false` where
 * the model is unsure (a type kept as text, `any` inside a callback's parameters), so the finding stands for the
 * witnesses to settle.
 */
export function implementationStillFits(pair: SignaturePair, relator: Relator): boolean {
  const target = pair.new;
  const olds = overloads(pair, 'old');
  if (!target || !olds.length) return false;
  const erased = olds.length > 1 || overloads(pair, 'new').length > 1;
  // An implementation that had no type parameters meets the new ones as they are, rigid: the checker infers
  // nothing for a target's type parameters.
  if (!erased && olds[0]!.typeParams.length && !sameTypeParams(olds[0]!, target, relator)) return false;
  // Methods keep their parameters bivariant under strictFunctionTypes; call signatures and function types do not.
  // A property typed by a method (yup 1's `nope: Schema['notOneOf']`) is too, which the model follows only where
  // neither side is overloaded: yup 1's `equals: Schema['oneOf']` gained an overload whose `message` is required,
  // and an override written with 0.32's optional `message` and its `MessageParams` spelled out fails (TS2416).
  const bivariant = (pair.parent.on === 'member' && pair.parent.new?.kind === 'method') || (!!target.method && !erased);
  const none = new Set<string>();
  const sides = erased ? { old: ownNames(olds, scopeDepth(pair, 'old')), new: ownNames([target], scopeDepth(pair, 'new')) } : { old: none, new: none };
  const rigid = erased ? new Map<string, TypeExpr>() : rigidParams(target, scopeDepth(pair, 'new'));
  return olds.some((source) => signatureFits(source, target, relator, sides, bivariant, rigid));
}

/**
 * One signature against another: the checker infers the implementation's type parameters from the new signature's,
 * which with the same list (number and constraints) pairs them one to one, as the model names them (by position).
 */
function sameTypeParams(source: Signature, target: Signature, relator: Relator): boolean {
  if (source.typeParams.length !== target.typeParams.length) return false;
  return source.typeParams.every((p, i) => {
    const other = target.typeParams[i]!.constraint;
    return p.constraint && other ? relator.relate(p.constraint, other) === 'equal' : !p.constraint && !other;
  });
}

/**
 * The new signature's own type parameters, as the package hands them to an implementation that has none: a
 * parameter typed by one (`opts<T extends OptionValues>(values: T)`) passes a value of its constraint at most.
 */
function rigidParams(target: Signature, depth: number): Map<string, TypeExpr> {
  return new Map(target.typeParams.map((p, i) => [`@${depth}.${i}`, p.constraint ?? UNKNOWN]));
}

/** The names the converter gives the signatures' own type parameters, erased with `any`. */
function ownNames(signatures: readonly Signature[], depth: number): Set<string> {
  const count = Math.max(0, ...signatures.map((s) => s.typeParams.length));
  return new Set(Array.from({ length: count }, (_, i) => `@${depth}.${i}`));
}

/**
 * The checker's `any` (and an erased type parameter) passes both ways. The model has no such type, so a comparison
 * is tried twice: with every erased type parameter one and the same rigid type (structures that differ only in them
 * are then equal: `Wrapper<TResult>` against `Wrapper<TResult>`), and with `any` and the erased parameters as the top
 * type where a value is accepted and the bottom type where one is handed over (`any` against `string`). Both are
 * stricter than the checker only inside callbacks, where positions flip.
 */
function asAny<T>(value: T, names: ReadonlySet<string>, to: TypeExpr | undefined): T {
  const node: unknown = value;
  if (node === null || typeof node !== 'object') return value;
  const type = node as TypeExpr;
  const erased = (t: TypeExpr) => (t.k === 'typeparam' && names.has(t.name)) || (!!to && isAny(t));
  // `any` absorbs the unions and intersections it is part of (`T & TSource` erased is `any`).
  if (erased(type) || ((type.k === 'union' || type.k === 'intersection') && type.types.some(erased))) return (to ?? ERASED) as T;
  if (Array.isArray(node)) return node.map((inner: unknown) => asAny(inner, names, to)) as T;
  return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, asAny(inner, names, to)])) as T;
}

type Names = Record<Side, ReadonlySet<string>>;

/** Whether `from` (new release) is assignable to `to` (old release) (`handed`) or the reverse, erased either way. */
function assignable(relator: Relator, names: Names, oldType: TypeExpr, newType: TypeExpr, handed: boolean): boolean {
  if (handed ? takesAnyFunction(oldType, newType, relator, 'new') : takesAnyFunction(newType, oldType, relator, 'old')) return true;
  const direction = handed ? 'narrower' : 'wider';
  const [oldTop, newTop] = handed ? [UNKNOWN, NEVER] : [NEVER, UNKNOWN];
  return (
    fits(relator.relate(asAny(oldType, names.old, undefined), asAny(newType, names.new, undefined)), direction) ||
    fits(relator.relate(asAny(oldType, names.old, oldTop), asAny(newType, names.new, newTop)), direction)
  );
}

/**
 * lib's `Function` takes every function: the relator keeps lib types opaque, and lodash 3's catch-all
 * `flow(...funcs: Function[])` must still take the typed callbacks of 4's overloads.
 */
function takesAnyFunction(accepting: TypeExpr, value: TypeExpr, relator: Relator, side: Side): boolean {
  if (accepting.k !== 'external' || accepting.pkg !== 'lib' || accepting.name !== 'Function') return false;
  return !!callSignatures(value.k === 'object' ? value : relator.open(value, side))?.length;
}

function signatureFits(source: Signature, target: Signature, relator: Relator, names: Names, bivariant: boolean, rigid: ReadonlyMap<string, TypeExpr>): boolean {
  const targetRest = target.params.some((p) => p.rest);
  if (requiredParams(source.params) > target.params.length && !targetRest) return false;
  for (const [i, passed] of target.params.entries()) {
    const taken = source.params[i] ?? (source.params.at(-1)?.rest ? source.params.at(-1) : undefined);
    if (!taken) continue;
    const [from, to] = argumentTypes(passed, taken);
    if (!from || !to) return false;
    // The package passes `from` where the implementation takes `to`. A bare type parameter of the new signature
    // passes as its constraint; only that way: its constraint is not a type the implementation may hand back.
    const passedAs = from.k === 'typeparam' ? (rigid.get(from.name) ?? from) : from;
    if (!assignable(relator, names, to, passedAs, true) && !(bivariant && assignable(relator, names, to, from, false))) return false;
  }
  if (target.returns.k === 'prim' && target.returns.name === 'void') return true;
  return assignable(relator, names, source.returns, target.returns, false);
}

/** What the package passes at a parameter and what the implementation takes there, rest parameters spread. */
function argumentTypes(passed: Param, taken: Param): [TypeExpr | undefined, TypeExpr | undefined] {
  if (passed.rest === taken.rest) return [acceptedBy(passed), acceptedBy(taken)];
  return passed.rest ? [restElement(passed.type), acceptedBy(taken)] : [acceptedBy(passed), restElement(taken.type)];
}

/** An implementation of the old overloads still fits every new overload, or consumers do not implement the callable. */
export function everyOverloadImplemented(pair: SignaturePair, relator: Relator): boolean {
  return !pair.implementors || overloads(pair, 'new').every((target) => implementationStillFits({ ...pair, new: target }, relator));
}

/** Consumers implement the signature and an implementation of the old overloads no longer fits the new one. */
export function implementationsBreak(pair: SignaturePair, relator: Relator): boolean {
  return pair.implementors && !implementationStillFits(pair, relator);
}
