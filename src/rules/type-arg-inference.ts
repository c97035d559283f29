import type { Relator } from '../model/relation.js';
import type { Signature, TypeExpr } from '../model/surface.js';
import { normalizeUnion } from '../model/type-expr.js';

/** What a type parameter was inferred from: argument types met as values (`co`) and as callback parameters (`contra`). */
interface Candidates {
  co: TypeExpr[];
  contra: TypeExpr[];
}

/** How deep inference follows types into one another: calls spell their generics a few levels down at most. */
const MAX_DEPTH = 8;

/**
 * Infers a new signature's type parameters from the types of the arguments an old call passed, the way the
 * checker's `inferTypes` does for the shapes written in declarations: a parameter written as a type
 * parameter takes the argument's type; a union keeps aside the members the argument has in common with it and
 * gives the rest to its one naked type parameter (`DateType | number | string` against `DateArg<T>`); the same
 * generic is inferred argument by argument; arrays, tuples, object members and callbacks (their parameters
 * contravariantly) are followed; aliases are opened. Old types come from the old release, the signature's
 * from the new one. Returns the candidates for each of the signature's type parameters, by name.
 */
export function inferTypeArgs(
  signature: Signature,
  argTypes: ReadonlyArray<{ type: TypeExpr; index: number }>,
  names: readonly string[],
  relator: Relator,
): Map<string, Candidates> {
  const found = new Map<string, Candidates>(names.map((name) => [name, { co: [], contra: [] }]));
  const inferrable = new Set(names);
  const infer = (source: TypeExpr, target: TypeExpr, contra: boolean, depth: number): void => {
    if (depth > MAX_DEPTH || !mentionsTypeParam(target)) return;
    if (target.k === 'typeparam') {
      const candidates = found.get(target.name);
      if (candidates) (contra ? candidates.contra : candidates.co).push(source);
      return;
    }
    if (target.k === 'ref') {
      if (source.k === 'ref' && source.id === target.id) {
        target.args?.forEach((arg, i) => source.args?.[i] && infer(source.args[i], arg, contra, depth + 1));
        return;
      }
      const opened = relator.open(target, 'new');
      if (opened) infer(source, opened, contra, depth + 1);
      return;
    }
    if (target.k === 'union') {
      const naked = target.types.filter((t) => t.k === 'typeparam' && inferrable.has(t.name));
      const others = target.types.filter((t) => !naked.includes(t));
      const sources = source.k === 'union' ? source.types : [source];
      const unmatched = sources.filter((s) => !others.some((o) => relator.relate(s, o) === 'equal'));
      for (const other of others) infer(source, other, contra, depth + 1);
      if (naked.length === 1 && unmatched.length) infer(normalizeUnion(unmatched), naked[0]!, contra, depth + 1);
      return;
    }
    if (source.k === 'union') {
      for (const member of source.types) infer(member, target, contra, depth + 1);
      return;
    }
    if (target.k === 'intersection') {
      for (const member of target.types) infer(source, member, contra, depth + 1);
      return;
    }
    const from = source.k === 'ref' ? relator.open(source, 'old') : source;
    if (!from) return;
    switch (target.k) {
      case 'array':
        if (from.k === 'array') infer(from.elem, target.elem, contra, depth + 1);
        else if (from.k === 'tuple') for (const e of from.elems) infer(e.type, e.rest ? target : target.elem, contra, depth + 1);
        return;
      case 'tuple':
        if (from.k === 'tuple') target.elems.forEach((e, i) => from.elems[i] && infer(from.elems[i].type, e.type, contra, depth + 1));
        return;
      case 'external':
        if (from.k === 'external' && from.name === target.name) target.args?.forEach((arg, i) => from.args?.[i] && infer(from.args[i], arg, contra, depth + 1));
        return;
      case 'predicate':
        if (from.k === 'predicate') infer(from.type, target.type, contra, depth + 1);
        return;
      case 'object':
        if (from.k !== 'object') return;
        for (const member of target.members) {
          const mine = from.members.find((m) => m.name === member.name && m.kind === member.kind);
          if (!mine) continue;
          if (member.type && mine.type) infer(mine.type, member.type, contra, depth + 1);
          const targets = member.signatures ?? [];
          const sources = mine.signatures ?? [];
          // As the checker does, the last signatures of each side are matched: overloads end with the general one.
          for (let i = 1; i <= Math.min(targets.length, sources.length); i++) {
            const s = sources.at(-i)!;
            const t = targets.at(-i)!;
            t.params.forEach((p, j) => s.params[j] && infer(s.params[j].type, p.type, !contra, depth + 1));
            infer(s.returns, t.returns, contra, depth + 1);
          }
        }
        return;
      default:
        return;
    }
  };
  for (const { type, index } of argTypes) {
    const param = signature.params[index] ?? signature.params.at(-1);
    if (!param) continue;
    const target = param.rest && index >= signature.params.length - 1 && param.type.k === 'array' ? param.type.elem : param.type;
    infer(type, target, false, 0);
  }
  return found;
}

/**
 * The one type the checker settles on among a parameter's candidates: the widest of those met as values (each
 * replaced by a later one it is assignable to), else the narrowest of those met as callback parameters.
 */
export function chooseCandidate(candidates: Candidates, relator: Relator): TypeExpr | undefined {
  const pick = (types: TypeExpr[], keepLater: (earlier: TypeExpr, later: TypeExpr) => boolean) =>
    types.reduce((chosen, next) => (keepLater(chosen, next) ? next : chosen));
  const within = (a: TypeExpr, b: TypeExpr) => ['equal', 'wider'].includes(relator.relate(a, b));
  if (candidates.co.length) return pick(candidates.co, (earlier, later) => within(earlier, later));
  if (candidates.contra.length) return pick(candidates.contra, (earlier, later) => within(later, earlier) && !within(earlier, later));
  return undefined;
}

const mentioning = new WeakMap<object, boolean>();

/** Whether a type mentions any type parameter: what mentions none has nothing to infer. Argument types are shared and walked often. */
function mentionsTypeParam(value: object): boolean {
  if ((value as TypeExpr).k === 'typeparam') return true;
  let mentions = mentioning.get(value);
  if (mentions === undefined) {
    mentions = Object.values(value as Record<string, unknown>).some((inner) => inner !== null && typeof inner === 'object' && mentionsTypeParam(inner));
    mentioning.set(value, mentions);
  }
  return mentions;
}
