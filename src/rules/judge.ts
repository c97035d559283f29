import type { Bump } from '../core/bump.js';
import type { Relation } from '../model/relation.js';
import type { Position } from '../model/surface.js';

/**
 * The variance model in one place: inputs may widen, outputs may narrow, a type met both ways may not
 * change. Unrelated and undecided types are major wherever they are met.
 */
export function judge(relation: Relation, positions: readonly Position[]): Bump | undefined {
  if (relation === 'equal') return undefined;
  const input = positions.includes('input');
  const output = positions.includes('output');
  if (relation === 'wider') return output ? 'major' : 'minor';
  if (relation === 'narrower') return input ? 'major' : 'minor';
  return 'major';
}
