import type { Bump } from '../versions/bump.js';
import type { PairKind } from '../diff/pairs.js';
import { catalog } from './catalog.js';
import type { Rule } from './define.js';

/**
 * Where each rule is documented: README's rule table as the package's page shows it, one row per rule with a
 * stable anchor (`#rule-<id>`).
 */
export const RULES_DOCS = 'https://www.npmjs.com/package/api-semver';

/** The anchor of a rule's row in README's rule table. */
export function ruleAnchor(id: string): string {
  return `rule-${id}`;
}

/** What a user may know of a rule: plain data, so the check and witness machinery stay internal. */
export interface RuleInfo {
  id: string;
  title: string;
  bump: Bump;
  description: string;
  /** The rule's documentation: its row of README's rule table (SARIF's `helpUri`). */
  docs: string;
  /**
   * Whether breaking findings come with consumer code: `builder`, `impossible` (see `witnessImpossible`), or
   * `missing`; absent for rules that never report a major bump.
   */
  witness?: 'builder' | 'impossible' | 'missing';
  /** Why no consumer code can show this rule's breaking findings. */
  witnessImpossible?: string;
  /** Minor findings carry code that only the new release accepts ("now possible"). */
  nowPossible?: true;
}

function coverage(rule: Rule<PairKind>): RuleInfo['witness'] {
  if (typeof rule.witness === 'function') return 'builder';
  if (rule.witness) return 'impossible';
  return rule.bump === 'major' ? 'missing' : undefined;
}

function ruleInfo(rule: Rule<PairKind>): RuleInfo {
  const witness = coverage(rule);
  return {
    id: rule.id,
    title: rule.title,
    bump: rule.bump,
    description: rule.description,
    docs: `${RULES_DOCS}#${ruleAnchor(rule.id)}`,
    ...(witness ? { witness } : {}),
    ...(typeof rule.witness === 'object' ? { witnessImpossible: rule.witness.impossible } : {}),
    ...(rule.possible ? { nowPossible: true as const } : {}),
  };
}

/** The catalog as data, sorted by id: the `rules` command, README's table and SARIF's rules are built from it. */
export const rules: readonly RuleInfo[] = catalog.map(ruleInfo);
