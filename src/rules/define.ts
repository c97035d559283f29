import type { Bump } from '../engine/bump.js';
import type { Pair, PairKind } from '../diff/pairs.js';
import type { Relator } from '../model/relation.js';
import type { Witness } from '../witness/witness.js';

export interface RuleContext {
  relator: Relator;
}

export interface Report {
  /** The bump this occurrence needs; the rule's default when omitted. */
  bump?: Bump;
  /** Values for the rule's message. */
  data?: Record<string, string>;
  /** The model could not decide; the finding is kept at the conservative bump and says so. */
  undecided?: boolean;
}

/**
 * Writes consumer code that compiles against the old release and, if the finding is right, not against the
 * new one. It may throw `Unbuildable` to say why this occurrence cannot be shown.
 */
export type WitnessBuilder<K extends PairKind> = (pair: Extract<Pair, { on: K }>, witness: Witness, data: Record<string, string>) => void;

export interface Rule<K extends PairKind = PairKind> {
  id: string;
  title: string;
  description: string;
  bump: Bump;
  /** Something new becomes usable: a policy may allow these in a patch release (`additions: "patch"`). */
  addition?: true;
  on: K | K[];
  message: (data: Record<string, string>) => string;
  check: (pair: Extract<Pair, { on: K }>, report: (r?: Report) => void, context: RuleContext) => void;
  /** How a breaking occurrence is shown with consumer code, or why no code can show it. */
  witness?: WitnessBuilder<K> | { impossible: string };
  /** Consumer code that only the new release accepts, for a minor occurrence: what it makes possible. Built against the new surface. */
  possible?: WitnessBuilder<K>;
}

/** The one way to declare a rule: metadata and check together, so docs and code cannot drift. */
export function defineRule<K extends PairKind>(rule: Rule<K>): Rule<K> {
  return rule;
}
