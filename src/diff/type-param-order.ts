import type { Signature, TypeExpr } from '../model/surface.js';

/**
 * The new signature with its own type parameters put in the old one's order, where the two differ only in that
 * order: fp-ts 2.0 declares `Profunctor.promap<E, A, D, B>` what 1.19 declared `<A, B, C, D>`, each used in the
 * same places. An implementation infers its type parameters from the signature it must fit, so to implementors
 * the order is nothing; callers who write type arguments out do see it, so only signatures consumers implement
 * and never call are put in order. Parameters are matched by where each is first used (parameters, then the
 * result); signatures whose type parameters carry constraints or defaults are left as they are.
 * `depth` is how many generic scopes enclose the signature: its own parameters are `@<depth>.<i>`.
 */
export function inOldOrder(old: Signature, next: Signature, depth: number): Signature {
  const count = old.typeParams.length;
  if (count < 2 || next.typeParams.length !== count || [...old.typeParams, ...next.typeParams].some((p) => p.constraint || p.default)) return next;
  const prefix = `@${depth}.`;
  const [oldUses, newUses] = [firstUses(old, prefix), firstUses(next, prefix)];
  if (!oldUses || !newUses || oldUses.length !== count || newUses.length !== count) return next;
  // The new parameter first used where the old one was takes the old one's place.
  const place = new Map(newUses.map((n, i) => [n, oldUses[i]!]));
  if ([...place].every(([from, to]) => from === to)) return next;
  const renamed = rename({ params: next.params, returns: next.returns }, (name) => (name.startsWith(prefix) ? (place.get(Number(name.slice(prefix.length))) ?? -1) : -1), prefix);
  const typeParams = next.typeParams.map((_, i) => next.typeParams[newUses[oldUses.indexOf(i)]!]!);
  return { ...next, typeParams, params: renamed.params, returns: renamed.returns };
}

/**
 * The indices of a signature's own type parameters in the order they are first used; undefined where a type is
 * kept as the checker's text, which names them as declared.
 */
function firstUses(signature: Signature, prefix: string): number[] | undefined {
  const seen: number[] = [];
  let text = false;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    if ((value as TypeExpr).k === 'text') text = true;
    const name = (value as TypeExpr).k === 'typeparam' ? (value as { name: string }).name : undefined;
    if (name?.startsWith(prefix)) {
      const index = Number(name.slice(prefix.length));
      if (!seen.includes(index)) seen.push(index);
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk([signature.params.map((p) => p.type), signature.returns]);
  return text ? undefined : seen;
}

/** A value with each of the signature's own type parameters renamed to the index `to` gives it. */
function rename<T>(value: T, to: (name: string) => number, prefix: string): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    if ((v as TypeExpr).k === 'typeparam') {
      const index = to((v as { name: string }).name);
      return index < 0 ? v : { k: 'typeparam', name: `${prefix}${index}` };
    }
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
  };
  return walk(value) as T;
}
