import { overloads, restElement } from '../diff/overloads.js';
import type { ParamPair, SignaturePair } from '../diff/pairs.js';
import type { Relation, Relator } from '../model/relation.js';
import type { Param, Signature, TypeExpr } from '../model/surface.js';
import { normalizeUnion, requiredParams } from '../model/type-expr.js';

/**
 * Whether a call that fit an old overload still fits some overload of the new release. Overloads that were
 * restructured are paired by position, so the pairing may call a change breaking although the same call now
 * resolves to another overload (found by witnesses that compiled against the new release). Only callers are
 * judged this way (implementors must implement every overload). A generic overload of the new release is
 * instantiated as the checker infers it (`instantiate`); an old generic overload is left alone: its callers'
 * type arguments are theirs, so the finding stands.
 */
export function callStillResolves(pair: SignaturePair, count: number, relator: Relator, result: boolean): boolean {
  const old = pair.old;
  if (!old || !pair.callers || pair.implementors || old.typeParams.length || pair.parent.on === 'param') return false;
  const candidates = overloads(pair, 'new');
  const owner = pair.parent.on === 'item' ? pair.parent.new : pair.parent.owner.new;
  // The converter names a signature's own type parameters one scope below its generic owner's.
  const depth = owner.typeParams.length ? 1 : 0;
  const fit = (candidate: Signature) => fitCall(candidate, old, count, relator, depth);
  if (!result) return candidates.some((candidate) => fit(candidate) === 'yes');
  // The checker takes the first overload that fits, so its result type is what the call gives: every
  // overload before it must certainly not fit, or the call might resolve there.
  for (const candidate of candidates) {
    const answer = fit(candidate);
    if (answer === 'maybe') return false;
    if (answer === 'yes') return fits(relator.relate(old.returns, instantiate(candidate, old, count, relator, depth)!.returns), 'narrower');
  }
  return false;
}

/** The call a parameter finding is about (up to that parameter, and every required one) still resolves. */
export function paramCallStillResolves(pair: ParamPair, relator: Relator, count = pair.index + 1): boolean {
  const old = pair.signature.old;
  if (!old) return false;
  return callStillResolves(pair.signature, Math.max(count, requiredParams(old.params)), relator, false);
}

/** Every call the old overload allowed (each number of arguments) still resolves, with a result of the old type. */
export function everyCallStillResolves(pair: SignaturePair, relator: Relator): boolean {
  const old = pair.old;
  if (!old || old.params.some((p) => p.rest)) return false;
  for (let count = requiredParams(old.params); count <= old.params.length; count++) {
    if (!callStillResolves(pair, count, relator, true)) return false;
  }
  return true;
}

/** Does a call passing the old overload's first `count` parameters fit this overload: yes, certainly not, or maybe? */
function fitCall(generic: Signature, old: Signature, count: number, relator: Relator, depth: number): 'yes' | 'no' | 'maybe' {
  const required = requiredParams(generic.params);
  const rest = generic.params.find((p) => p.rest);
  if (count < required || (!rest && count > generic.params.length)) return 'no';
  const candidate = instantiate(generic, old, count, relator, depth);
  if (!candidate) return 'maybe';
  let answer: 'yes' | 'no' | 'maybe' = 'yes';
  for (let i = 0; i < count; i++) {
    const passed = old.params[i];
    const param = candidate.params[i];
    const target = param && !param.rest ? acceptedBy(param) : rest && restElement(rest.type);
    if (!passed || passed.rest || !target) return 'maybe';
    // Even a parameter that rejects the old type may take some calls (a consumer passing a literal of a
    // narrower type): only the number of arguments rules an overload out for certain.
    if (!fits(relator.relate(passed.type, target), 'wider')) answer = 'maybe';
  }
  return answer;
}

/** What an argument may be: an optional parameter also takes `undefined` (the model keeps it out of the type). */
function acceptedBy(param: Param): TypeExpr {
  return param.optional ? normalizeUnion([param.type, { k: 'prim', name: 'undefined' }]) : param.type;
}

function fits(relation: Relation, direction: 'wider' | 'narrower'): boolean {
  return relation === 'equal' || relation === direction;
}

/**
 * The new overload as the checker instantiates it for a call passing the old overload's first `count`
 * arguments, or undefined where its inference is beyond this model. A type parameter that is a passed
 * parameter's whole type is inferred from that argument's old type; one no passed argument mentions gets its
 * default, else its constraint (the checker infers `unknown` and falls back to the constraint when that does
 * not satisfy it): `nanoid<Type extends string>(size?: number): Type` called as `nanoid()` returns `string`.
 * An inferred type must satisfy the constraint, or the call may not resolve here.
 */
function instantiate(candidate: Signature, old: Signature, count: number, relator: Relator, depth: number): Signature | undefined {
  if (!candidate.typeParams.length) return candidate;
  const bindings = new Map<string, TypeExpr>();
  for (const [i, param] of candidate.typeParams.entries()) {
    const name = `@${depth}.${i}`;
    const passed = candidate.params.slice(0, count).map((p, j) => ({ p, j })).filter(({ p }) => mentions(p.type, name));
    let inferred: TypeExpr | undefined;
    if (!passed.length) inferred = param.default ?? param.constraint ?? { k: 'prim', name: 'unknown' };
    else if (passed.length === 1 && isParam(passed[0]!.p.type, name) && !passed[0]!.p.rest) inferred = old.params[passed[0]!.j]?.type;
    if (!inferred) return undefined;
    inferred = bind(inferred, bindings);
    const constraint = param.constraint && bind(param.constraint, bindings);
    if (constraint && !fits(relator.relate(inferred, constraint), 'wider')) {
      if (passed.length || !param.default) return undefined;
      inferred = constraint;
    }
    bindings.set(name, inferred);
  }
  return {
    ...candidate,
    typeParams: [],
    params: candidate.params.map((p) => ({ ...p, type: bind(p.type, bindings) })),
    returns: bind(candidate.returns, bindings),
  };
}

function isParam(type: TypeExpr, name: string): boolean {
  return type.k === 'typeparam' && type.name === name;
}

function mentions(value: unknown, name: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ((value as TypeExpr).k === 'typeparam') return (value as { name: string }).name === name;
  return Object.values(value).some((inner) => mentions(inner, name));
}

/** The type with the signature's own parameters replaced (the relation's `substitute` replaces only an item's `#` ones). */
function bind<T>(value: T, bindings: ReadonlyMap<string, TypeExpr>): T {
  const node: unknown = value;
  if (node === null || typeof node !== 'object') return value;
  if ((node as TypeExpr).k === 'typeparam') return (bindings.get((node as { name: string }).name) ?? node) as T;
  if (Array.isArray(node)) return node.map((inner: unknown) => bind(inner, bindings)) as T;
  return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, bind(inner, bindings)])) as T;
}
