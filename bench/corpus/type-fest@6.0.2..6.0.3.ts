// type-fest 6.0.2 → 6.0.3, a patch release the tool calls major on one undecided finding: `Exact`, whose private
// helpers `ExactObject` and `ExactProperties` were rewritten for index signatures. The rewrite changed what `Exact`
// accepts: a number key meets a `string` index signature (and a numeric string a `number` one) as TypeScript matches
// them, where 6.0.2 took such a key for an excess key and typed it `never`. Code written against 6.0.2 that relied
// on the rejection (a type test) or on the `never` stops compiling against 6.0.3 (TS2578, TS2322): a real break.
import type { Exact } from 'type-fest';

type Scores = Record<string, { points: number }>;
function onlyScores<T extends Exact<Scores, T>>(scores: T): T {
  return scores;
}
const byIndex = { 0: { points: 1 } };
// @ts-expect-error 6.0.2 rejects a number key as an excess key of a `string` index signature.
onlyScores(byIndex);

type ByIndex = Exact<Scores, { 0: { points: 1 } }>;
export function first(scores: ByIndex): never {
  return scores[0];
}
