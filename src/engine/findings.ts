import type { Pair } from '../diff/pairs.js';
import { spellTypeParam } from '../rules/type-param-spelling.js';
import type { Location } from '../core/location.js';
import type { WitnessError } from '../witness/verify.js';
import type { Bump } from '../core/bump.js';
import { SIDES, type Side } from '../core/side.js';

/** A finding's place in one release: where the declaration is, and how it reads there. */
export interface FindingLocation extends Location {
  /** The declaration as it reads in that release, one line. */
  signature?: string;
  /** Where the declaration was written, through the release's declaration map (`file`/`line` stay the `.d.ts`). */
  source?: Location;
}

/**
 * Consumer code behind a breaking finding. `verified`: it compiles against the old release and not against
 * the new one; `refuted`: it compiles against both, so the finding is wrong (a bug in its rule); `unverified`:
 * no witness could be built or checked, and `reason` says why.
 */
export interface WitnessResult {
  status: 'verified' | 'refuted' | 'unverified';
  /**
   * A positive witness, on minor findings: code the change makes possible. Verified means it compiles
   * against the new release and not against the old one; `error` is then the old release's.
   */
  possible?: true;
  /** A consumer module (it imports the package by name) that a maintainer can paste into a file. */
  code?: string;
  /** Verified: the first error the new release gives (the old one's for a positive witness), at its line and column in `code`. */
  error?: WitnessError;
  reason?: string;
}

export interface Finding {
  rule: string;
  bump: Bump;
  path: string;
  /** The rule's sentence for this occurrence, naming it by its path once; policy notes are fields, not part of it. */
  message: string;
  /** What the rule found out beyond the path (the old and new types as written, what was lost, …), by the rule's own keys. */
  data?: Record<string, string | string[]>;
  old?: FindingLocation;
  new?: FindingLocation;
  /** The tag (`beta`, `alpha`, a policy's own, or `untagged`) under which the policy capped this finding's bump. */
  stability?: string;
  /** The policy's reason for accepting this finding: listed, but not counted toward the bump. */
  accepted?: string;
  /** Set when the model could not decide and chose the conservative bump; `undecidedReason` says why. */
  undecided?: true;
  undecidedReason?: string;
  /**
   * Set when only consumers of these module resolutions meet the change: `require` (a dual package's `.d.cts`
   * through the `require` condition), `node10` (the `types`/`typings` field or typesVersions).
   */
  resolutions?: Array<'require' | 'node10'>;
  /** Major findings (and minor ones whose rule can show what became possible), when verification is on. */
  witness?: WitnessResult;
}

/** What each side of a pair looks like to a reader: the declaration text behind the change. */
export function sides(pair: Pair): { old?: FindingLocation; new?: FindingLocation } {
  const text = (side: Side): string | undefined => {
    switch (pair.on) {
      case 'dependency':
        return pair[side];
      case 'lib':
        return pair[side] && `/// <reference lib="${pair.lib}" />`;
      case 'entry':
        return pair[side]?.file;
      case 'export':
        return pair[side]?.item.text;
      case 'item':
        return pair[side].text;
      case 'member':
        return pair[side]?.text;
      case 'signature':
        return pair[side]?.text;
      case 'param':
        return pair.signature[side]?.text;
      case 'type-param':
        return pair[side] && (spellTypeParam(pair, side)?.text ?? pair[side].name);
      case 'enum-member': {
        const member = pair[side];
        return member && `${member.name}${member.value !== undefined ? ` = ${member.value}` : ''}`;
      }
    }
  };
  const result: { old?: FindingLocation; new?: FindingLocation } = {};
  for (const side of SIDES) {
    const location = pair.locations[side];
    const signature = text(side);
    if (location) result[side] = { ...location, ...(signature ? { signature } : {}) };
  }
  return result;
}
