import type { SignaturePair } from '../diff/pairs.js';
import { requiredParams } from '../model/type-expr.js';
import { call, callArguments, owner } from './consumer.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';

// Calls that depend on how the callee is reached: through an unannotated alias, as code that passes
// functions and methods around does.

/**
 * Calls the old signature through a `const` without annotation: a plain call, with no `this` (a method
 * taken off its object, as `const { m } = obj` does), where assertion signatures are not allowed (TS2775).
 * `signature` is the old one, or the new one for a positive witness.
 */
export function callThroughAlias(w: Witness, pair: SignaturePair, signature = pair.old!): void {
  const parent = pair.parent;
  if (parent.on === 'item' && !pair.construct) {
    w.enterSignature(signature);
    const args = callArguments(w, signature.params, requiredParams(signature.params));
    return w.say(`const f = ${w.names.itemRef(parent.old.id)};`, `f(${args.join(', ')});`);
  }
  if (parent.on === 'member' && parent[w.side]?.kind === 'method') {
    const self = owner(w, parent);
    w.enterSignature(signature);
    const args = callArguments(w, signature.params, requiredParams(signature.params));
    return w.say(`const f = ${w.text.access(self, parent[w.side]!.name)};`, `f(${args.join(', ')});`);
  }
  if (parent.on === 'param') return call(w, pair);
  throw new Unbuildable(`${pair.path} is not a function or method consumers can take a reference to`);
}
