import type { Bump } from '../core/bump.js';
import type { Pair, PairKind } from '../diff/pairs.js';
import type { Relator } from '../model/relation.js';
import type { ApiSurface } from '../model/surface.js';
import type { SettledRelation, Witness } from '../witness/witness.js';

export interface RuleContext {
  relator: Relator;
  /** Both releases, as the pairs were made from them: for what a pair's items lead to (a base's own base). */
  surfaces: { old: ApiSurface; new: ApiSurface };
}

/** What a rule found out about one occurrence, beyond its path: the finding carries it, its message and witness read it. */
export type FindingData = Record<string, string | string[]>;

export interface Report {
  /** The bump this occurrence needs; the rule's default when omitted. */
  bump?: Bump;
  data?: FindingData;
  /** Why the model could not decide: the finding is kept at the conservative bump and says why. */
  undecided?: string;
}

/**
 * Writes consumer code that compiles against the old release and, if the finding is right, not against the
 * new one. It may throw `Unbuildable` to say why this occurrence cannot be shown.
 */
export type WitnessBuilder<K extends PairKind> = (pair: Extract<Pair, { on: K }>, witness: Witness, data: FindingData) => void;

export interface Rule<K extends PairKind = PairKind> {
  id: string;
  title: string;
  description: string;
  bump: Bump;
  /**
   * The policy setting that decides this rule's minor findings, "minor" or "patch": `additions` where something
   * new becomes usable (`additions: "patch"` allows it in a patch release), `deprecation` for a new `@deprecated`.
   * A `rules` entry for the rule wins over it.
   */
  policySetting?: 'additions' | 'deprecation';
  on: K | K[];
  /** One sentence that names the occurrence by its path once; the engine passes the path beside the reported data. */
  message: (data: FindingData & { path: string }) => string;
  check: (pair: Extract<Pair, { on: K }>, report: (r?: Report) => void, context: RuleContext) => void;
  /** How a breaking occurrence is shown with consumer code, or why no code can show it. */
  witness?: WitnessBuilder<K> | { impossible: string };
  /** Consumer code that only the new release accepts, for a minor occurrence: what it makes possible. Built against the new surface. */
  possible?: WitnessBuilder<K>;
  /**
   * What an undecided occurrence is where its witness, of a form its builder marked conclusive (`Witness.settles`),
   * compiles against the new release too: the checker has shown that the new type relates to the old one as
   * `relation`. The rule (this one or another) reports it so; undefined leaves the finding as it is.
   */
  settle?: (pair: Extract<Pair, { on: K }>, relation: SettledRelation, context: RuleContext) => { rule: Rule<K>; report: Report } | undefined;
}

/** The one way to declare a rule: metadata and check together, so docs and code cannot drift. */
export function defineRule<K extends PairKind>(rule: Rule<K>): Rule<K> {
  return rule;
}
