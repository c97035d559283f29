import { overloads } from '../diff/overloads.js';
import type { ParamPair, SignaturePair, TypeParamPair } from '../diff/pairs.js';
import type { Relation, Relator } from '../model/relation.js';
import type { Param, Signature, TypeExpr } from '../model/surface.js';
import { callSignatures, isAny, normalizeUnion, requiredParams, restElement, signatureKey } from '../model/type-expr.js';
import { chooseCandidate, inferTypeArgs } from './type-arg-inference.js';
import type { Side } from '../core/side.js';

/**
 * Whether a call that fit an old overload still fits some overload of the new release. Overloads that were
 * restructured are paired by position, so the pairing may call a change breaking although the same call now
 * resolves to another overload (found by witnesses that compiled against the new release). Only callers are
 * judged this way (implementors must implement every overload). The old overload's type parameters are what
 * its callers chose, held rigid (`relator.rigid`); every call is tried twice when it has some: with its type
 * arguments inferred, which the new overload infers again from the old argument types (`instantiate`), and
 * with them written out, which the new overload must take in that number and order, each within its constraint.
 */
/** Which calls to try: by callers only (implementors judged apart), with type arguments inferred or written out (both when unset). */
interface CallWays {
  callersOnly?: boolean;
  explicit?: boolean;
}

export function callStillResolves(pair: SignaturePair, count: number, relator: Relator, result: boolean, ways: CallWays = {}): boolean {
  const old = pair.old;
  const parent = pair.parent;
  // A callback consumers pass in reaches the package only through that call: if the call passing their old
  // callback still resolves (`@types/ws`'s `on('close', listener)` now takes it as the catch-all
  // `(event: string | symbol, listener: (...args: any[]) => void)`), its change is nothing to them.
  if (parent.on === 'param') return parent.signature.callers && !parent.signature.implementors && paramCallStillResolves(parent, relator);
  if (!old || !pair.callers || (pair.implementors && !ways.callersOnly)) return false;
  const candidates = overloads(pair, 'new');
  const depth = scopeDepth(pair, 'new');
  const call = rigidCall(old, scopeDepth(pair, 'old'), relator);
  const tried = ways.explicit === undefined ? [false, ...(call.typeArgs.length ? [true] : [])] : [ways.explicit];
  return tried.every((explicit) => {
    const fit = (candidate: Signature) => fitCall(candidate, call, count, relator, depth, explicit);
    if (!result) return candidates.some((candidate) => fit(candidate).answer === 'yes');
    // The checker takes the first overload that fits, so its result type is what the call gives: an overload
    // before it that might fit must give a result of the old type too (rxjs 7's `subscribe(observer?:
    // Partial<Observer<T>>)`, which the model cannot rule out for a callback, returns the same `Subscription`).
    for (const candidate of candidates) {
      const { answer, instance } = fit(candidate);
      const resultFits = instance !== undefined && !anyMadeUnknown(call.returns, instance.returns) && fits(relator.relate(call.returns, instance.returns), 'narrower');
      if (answer === 'yes') return resultFits;
      if (answer === 'maybe' && !resultFits) return false;
    }
    return false;
  });
}

/** The converter names a signature's own type parameters one scope below its generic owner's. */
export function scopeDepth(pair: SignaturePair, side: Side): number {
  const parent = pair.parent;
  const owner = parent.on === 'item' ? parent[side] : parent.on === 'member' ? parent.owner[side] : undefined;
  return owner?.typeParams.length ? 1 : 0;
}

/** A call of the old overload as its callers wrote it: its parameters and result with its own type parameters held rigid. */
interface RigidCall {
  params: Param[];
  returns: TypeExpr;
  typeArgs: TypeExpr[];
}

function rigidCall(old: Signature, depth: number, relator: Relator): RigidCall {
  if (!old.typeParams.length) return { params: old.params, returns: old.returns, typeArgs: [] };
  const key = signatureKey(old);
  const bindings = new Map(old.typeParams.map((_, i) => [`@${depth}.${i}`, relator.rigid(`${i}|${key}`, undefined)]));
  old.typeParams.forEach((p, i) => p.constraint && relator.rigid(`${i}|${key}`, bind(p.constraint, bindings)));
  return { params: bind(old.params, bindings), returns: bind(old.returns, bindings), typeArgs: [...bindings.values()] };
}

/** The call a parameter finding is about (up to that parameter, and every required one) still resolves. */
export function paramCallStillResolves(pair: ParamPair, relator: Relator, count = pair.index + 1, callersOnly = false): boolean {
  const old = pair.signature.old;
  if (!old) return false;
  return callStillResolves(pair.signature, Math.max(count, requiredParams(old.params)), relator, false, { callersOnly });
}

/** Every call the old overload allowed (each number of arguments) still resolves, with a result of the old type (callers only). */
export function everyCallStillResolves(pair: SignaturePair, relator: Relator): boolean {
  return everyArity(pair, (count) => callStillResolves(pair, count, relator, true, { callersOnly: true }));
}

function everyArity(pair: SignaturePair, holds: (count: number) => boolean): boolean {
  const old = pair.old;
  if (!old) return false;
  // A rest parameter is passed no element, one or two: a third meets the overload the second did.
  const most = old.params.some((p) => p.rest) ? old.params.length + 1 : old.params.length;
  for (let count = requiredParams(old.params); count <= most; count++) {
    if (!holds(count)) return false;
  }
  return true;
}

/**
 * A signature's type parameter changed, yet every call with the type arguments written out still resolves to
 * some overload with the old result: `uniq<TSort>()` removed from one overload is taken by another that has one
 * type parameter. Calls passing a number of arguments the new signature no longer takes are the parameter
 * rules' to report (`param-removed`, `param-made-required`), not this one's. This is the callers' side only:
 * the rules that ask judge implementors apart.
 */
export function typeArgsStillFit(pair: TypeParamPair, relator: Relator): boolean {
  const signature = pair.parent;
  if (signature.on !== 'signature' || !signature.new) return false;
  const { params } = signature.new;
  const arityGone = (count: number) => count < requiredParams(params) || (!params.some((p) => p.rest) && count > params.length);
  return everyArity(signature, (count) => arityGone(count) || callStillResolves(signature, count, relator, true, { callersOnly: true, explicit: true }));
}

type Fit = { answer: 'yes' | 'no' | 'maybe'; instance?: Signature };

/** Does a call passing the old overload's first `count` parameters fit this overload: yes, certainly not, or maybe? */
function fitCall(generic: Signature, call: RigidCall, count: number, relator: Relator, depth: number, explicit: boolean): Fit {
  const required = requiredParams(generic.params);
  const rest = generic.params.find((p) => p.rest);
  if (count < required || (!rest && count > generic.params.length)) return { answer: 'no' };
  const candidate = explicit ? withTypeArgs(generic, call.typeArgs, relator, depth) : instantiate(generic, call, count, relator, depth);
  if (candidate === 'no') return { answer: 'no' };
  // Callers may spread an array into the old rest parameter (`f(a, ...args)`), which only a rest parameter takes.
  let answer: Fit['answer'] = call.params.at(-1)?.rest && count >= call.params.length && !rest ? 'maybe' : 'yes';
  for (let i = 0; i < count; i++) {
    const passed = passedAt(call.params, i);
    const param = candidate.params[i];
    const target = param && !param.rest ? acceptedBy(param) : rest && restElement(candidate.params.at(-1)!.type);
    if (!passed || passed.rest || !target) return { answer: 'maybe' };
    // Even a parameter that rejects the old type may take some calls (a consumer passing a literal of a
    // narrower type): only the number of arguments rules an overload out for certain.
    if (!fits(relator.relate(passed.type, target), 'wider') && !takesAnyCallback(target)) answer = 'maybe';
  }
  return { answer, instance: candidate };
}

/**
 * The overload called with explicit type arguments: the checker skips an overload that takes another number of
 * them (defaults fill the rest) or whose constraints one of them does not satisfy.
 */
function withTypeArgs(candidate: Signature, typeArgs: readonly TypeExpr[], relator: Relator, depth: number): Signature | 'no' {
  const params = candidate.typeParams;
  if (typeArgs.length > params.length || typeArgs.length < params.filter((p) => !p.default).length) return 'no';
  const bindings = new Map<string, TypeExpr>();
  for (const [i, param] of params.entries()) {
    const value = typeArgs[i] ?? bind(param.default!, bindings);
    const constraint = param.constraint && bind(param.constraint, bindings);
    if (constraint && !fits(relator.relate(value, constraint), 'wider')) return 'no';
    bindings.set(`@${depth}.${i}`, value);
  }
  return bound(candidate, bindings);
}

function bound(candidate: Signature, bindings: ReadonlyMap<string, TypeExpr>): Signature {
  return {
    ...candidate,
    typeParams: [],
    params: candidate.params.map((p) => ({ ...p, type: bind(p.type, bindings) })),
    returns: bind(candidate.returns, bindings),
  };
}

/**
 * A callback that takes any arguments, `(...args: any[]) => void`: every function fits it (the relation keeps
 * `any` apart from other types, to see it change; the checker lets it stand for every parameter type).
 */
function takesAnyCallback(target: TypeExpr): boolean {
  const signatures = callSignatures(target);
  return !!signatures?.length && signatures.every((s) => {
    const [only, ...others] = s.params;
    const anyArgs = !others.length && (!only || (only.rest && only.type.k === 'array' && isAny(only.type.elem)));
    return anyArgs && !s.typeParams.length && (isAny(s.returns) || (s.returns.k === 'prim' && s.returns.name === 'void'));
  });
}

/** The parameter an argument at `index` is passed to: one element of an array rest parameter at or before it. */
function passedAt(params: readonly Param[], index: number): Param | undefined {
  const param = params[index] ?? params.at(-1);
  if (!param?.rest) return param && params[index];
  const element = restElement(param.type);
  return element && { ...param, rest: false, optional: false, type: element };
}

/** What an argument may be: an optional parameter also takes `undefined` (the model keeps it out of the type). */
export function acceptedBy(param: Param): TypeExpr {
  return param.optional ? normalizeUnion([param.type, { k: 'prim', name: 'undefined' }]) : param.type;
}

/**
 * An `any` result that is now `unknown` (a result type parameter nothing infers, lodash 4's `invoke<TResult>`): the
 * relation holds the two equal, both accepting every value, but callers who used the result as anything break.
 */
export function anyMadeUnknown(oldResult: TypeExpr, newResult: TypeExpr): boolean {
  return isAny(oldResult) && newResult.k === 'prim' && newResult.name === 'unknown';
}

export function fits(relation: Relation, direction: 'wider' | 'narrower'): boolean {
  return relation === 'equal' || relation === direction;
}

/**
 * The new overload as the checker instantiates it for a call passing the old overload's first `count`
 * arguments (see `inferTypeArgs`). A type parameter nothing was inferred for gets its default, else `unknown`;
 * one whose inferred type does not satisfy its constraint gets the constraint, as in the checker
 * (`nanoid<Type extends string>(size?: number): Type` called as `nanoid()` returns `string`). Whether the
 * arguments then fit is for the caller to see.
 */
function instantiate(candidate: Signature, call: RigidCall, count: number, relator: Relator, depth: number): Signature {
  if (!candidate.typeParams.length) return candidate;
  const names = candidate.typeParams.map((_, i) => `@${depth}.${i}`);
  const args = Array.from({ length: count }, (_, index) => passedAt(call.params, index)).flatMap((p, index) => (p && !p.rest ? [{ type: p.type, index }] : []));
  const found = inferTypeArgs(candidate, args, names, relator);
  const bindings = new Map<string, TypeExpr>();
  for (const [i, param] of candidate.typeParams.entries()) {
    let inferred = chooseCandidate(found.get(names[i]!)!, relator) ?? (param.default ? bind(param.default, bindings) : { k: 'prim', name: 'unknown' });
    const constraint = param.constraint && bind(param.constraint, bindings);
    if (constraint && !fits(relator.relate(inferred, constraint), 'wider')) inferred = constraint;
    bindings.set(names[i]!, inferred);
  }
  return bound(candidate, bindings);
}

/** The type with the signature's own parameters replaced (the relation's `substitute` replaces only an item's `#` ones). */
function bind<T>(value: T, bindings: ReadonlyMap<string, TypeExpr>): T {
  const node: unknown = value;
  if (node === null || typeof node !== 'object') return value;
  if ((node as TypeExpr).k === 'typeparam') return (bindings.get((node as { name: string }).name) ?? node) as T;
  if (Array.isArray(node)) return node.map((inner: unknown) => bind(inner, bindings)) as T;
  return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, bind(inner, bindings)])) as T;
}
