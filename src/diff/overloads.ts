import type { Signature } from '../model/surface.js';
import { callSignatures } from '../model/type-expr.js';
import type { SignaturePair } from './pairs.js';
import type { Side } from '../core/side.js';

/** Every overload, on one side, of the callable a signature pair belongs to: a call resolves among all of them. */
export function overloads(pair: SignaturePair, side: Side): Signature[] {
  const parent = pair.parent;
  if (parent.on === 'item') return (pair.construct ? parent[side].constructors : parent[side].signatures) ?? [];
  if (parent.on === 'member') return parent[side]?.signatures ?? callSignatures(parent[side]?.type) ?? [];
  return callSignatures(parent[side]?.type) ?? [];
}

