import type { Pair } from '../diff/pairs.js';
import type { Location } from '../model/surface.js';
import type { Bump } from './bump.js';

export interface Side extends Location {
  /** The declaration as it reads in that release, one line. */
  signature?: string;
}

export interface Finding {
  rule: string;
  bump: Bump;
  path: string;
  message: string;
  old?: Side;
  new?: Side;
  /** The tag (`beta`, `alpha`, a policy's own, or `untagged`) under which the policy capped this finding's bump. */
  stability?: string;
  /** The policy's reason for accepting this finding: listed, but not counted toward the bump. */
  accepted?: string;
  /** Set when the model could not decide and chose the conservative bump. */
  undecided?: true;
}

/** What each side of a pair looks like to a reader: the declaration text behind the change. */
export function sides(pair: Pair): { old?: Side; new?: Side } {
  const text = (side: 'old' | 'new'): string | undefined => {
    switch (pair.on) {
      case 'dependency':
        return pair[side];
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
      case 'type-param': {
        const param = pair[side];
        return param && `${param.name}${param.constraint ? ' extends …' : ''}${param.default ? ' = …' : ''}`;
      }
      case 'enum-member': {
        const member = pair[side];
        return member && `${member.name}${member.value !== undefined ? ` = ${member.value}` : ''}`;
      }
    }
  };
  const result: { old?: Side; new?: Side } = {};
  for (const side of ['old', 'new'] as const) {
    const location = pair.locations[side];
    const signature = text(side);
    if (location || (signature !== undefined && pair[side] !== undefined)) {
      result[side] = { ...(location ?? { file: '', line: 0 }), ...(signature ? { signature } : {}) };
    }
  }
  return result;
}
