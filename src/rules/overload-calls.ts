import { overloads, restElement } from '../diff/overloads.js';
import type { ParamPair, SignaturePair } from '../diff/pairs.js';
import type { Relation, Relator } from '../model/relation.js';
import type { Param, Signature, TypeExpr } from '../model/surface.js';
import { normalizeUnion, requiredParams } from '../model/type-expr.js';

/**
 * Whether a call that fit an old overload still fits some overload of the new release. Overloads that were
 * restructured are paired by position, so the pairing may call a change breaking although the same call now
 * resolves to another overload (found by witnesses that compiled against the new release). Only callers are
 * judged this way (implementors must implement every overload), and generic overloads are left alone:
 * whether inference finds type arguments is the checker's question, so the finding stands.
 */
export function callStillResolves(pair: SignaturePair, count: number, relator: Relator, result: boolean): boolean {
  const old = pair.old;
  if (!old || !pair.callers || pair.implementors || old.typeParams.length) return false;
  const candidates = overloads(pair, 'new');
  if (!result) return candidates.some((candidate) => fit(candidate, old, count, relator) === 'yes');
  // The checker takes the first overload that fits, so its result type is what the call gives: every
  // overload before it must certainly not fit, or the call might resolve there.
  for (const candidate of candidates) {
    const answer = fit(candidate, old, count, relator);
    if (answer === 'maybe') return false;
    if (answer === 'yes') return fits(relator.relate(old.returns, candidate.returns), 'narrower');
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
function fit(candidate: Signature, old: Signature, count: number, relator: Relator): 'yes' | 'no' | 'maybe' {
  const required = requiredParams(candidate.params);
  const rest = candidate.params.find((p) => p.rest);
  if (count < required || (!rest && count > candidate.params.length)) return 'no';
  if (candidate.typeParams.length) return 'maybe';
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
