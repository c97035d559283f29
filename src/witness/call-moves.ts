import type { SignaturePair } from '../diff/pairs.js';
import type { Signature } from '../model/surface.js';
import { filledParams } from '../model/type-expr.js';
import { call, callArguments, owner } from './consumer.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';

// Calls that depend on how the callee is reached or how its result is used: through an unannotated
// alias, as code that passes functions and methods around does, or in the false branch of a type guard.

/** The exported function or the method on a value of its owner type that the pair is about, or undefined for a callback. */
function calleeOf(w: Witness, pair: SignaturePair): string | undefined {
  const parent = pair.parent;
  if (parent.on === 'item' && !pair.construct) return w.names.itemRef(parent.old.id);
  if (parent.on === 'member' && parent[w.side]?.kind === 'method') return w.text.access(owner(w, parent), parent[w.side]!.name);
  if (parent.on === 'param') return undefined;
  throw new Unbuildable(`${pair.path} is not a function or method consumers can take a reference to`);
}

/** Values of the signature's parameter types for every required parameter, its generic parameters declared by the witness. */
function argumentsOf(w: Witness, signature: Signature, count = 0): string[] {
  w.enterSignature(signature);
  return callArguments(w, signature.params, Math.max(count, filledParams(signature.params)));
}

/**
 * Calls the old signature through a `const` without annotation: a plain call, with no `this` (a method
 * taken off its object, as `const { m } = obj` does), where assertion signatures are not allowed (TS2775).
 * `signature` is the old one, or the new one for a positive witness.
 */
export function callThroughAlias(w: Witness, pair: SignaturePair, signature = pair.old!): void {
  const callee = calleeOf(w, pair);
  if (callee === undefined) return call(w, pair);
  const args = argumentsOf(w, signature);
  w.say(`const f = ${callee};`, `f(${args.join(', ')});`);
}

/**
 * Calls an old type guard and uses its argument in the false branch, where the checker removed what the
 * guard claimed: `if (!isA(x)) { const r: Exclude<P, A> = x; }`.
 */
export function useFalseBranch(w: Witness, pair: SignaturePair): void {
  const signature = pair.old!;
  const guard = signature.returns;
  const callee = calleeOf(w, pair);
  if (guard.k !== 'predicate' || guard.param < 0 || callee === undefined) throw new Unbuildable('the guard narrows `this`, or belongs to a callback');
  const args = argumentsOf(w, signature, guard.param + 1);
  const subject = args[guard.param]!;
  if (subject.startsWith('...')) throw new Unbuildable('the guard narrows a rest argument');
  const declared = w.text.type(signature.params[guard.param]!.type);
  w.say(`if (!${callee}(${args.join(', ')})) {`, `  const r: Exclude<${declared}, ${w.text.type(guard.type)}> = ${subject};`, '  void r;', '}');
}

/**
 * Compares what a call infers for a generic parameter with what it inferred before: the result of
 * `f([1])` must still be assignable from the result of `f<number[]>([1])`, which holds while the argument
 * infers `number[]` and fails once a `const` type parameter infers the literal `readonly [1]` (or a
 * rest parameter `readonly [1]` instead of `[number]`).
 */
export function inferAsBefore(w: Witness, pair: SignaturePair, index: number): void {
  const signature = pair.old!;
  const callee = calleeOf(w, pair);
  if (callee === undefined || signature.typeParams.length !== 1) throw new Unbuildable('only a generic function or method of one type parameter is called with it spelled out');
  const at = signature.params.findIndex((p) => p.type.k === 'typeparam' && p.type.name.endsWith(`.${index}`));
  if (at < 0) throw new Unbuildable('no parameter has the type parameter as its type: there is no argument that infers it alone');
  const constraint = signature.typeParams[index]!.constraint;
  // A rest parameter of type T infers a tuple of the arguments: `f(1)` gives `[number]` where it gave `readonly [1]`.
  const [literal, widened] = signature.params[at]!.rest
    ? ['1', '[number]']
    : !constraint || constraint.k === 'array' || constraint.k === 'tuple'
      ? ['[1]', 'number[]']
      : ['{ witness: 1 }', '{ witness: number }'];
  w.enterSignature(signature);
  const args = callArguments(w, signature.params, Math.max(at + 1, filledParams(signature.params)), { given: new Map([[at, literal]]) });
  w.say(`const inferred = ${callee}(${args.join(', ')});`, `const spelled: typeof inferred = ${callee}<${widened}>(${args.join(', ')});`, 'void spelled;');
}

/** Calls the old signature with an explicit `this` of its old `this` type, as `f.call(context, ...)` does. */
export function callWithThis(w: Witness, pair: SignaturePair): void {
  const signature = pair.old!;
  const callee = calleeOf(w, pair);
  if (callee === undefined || !signature.thisType) throw new Unbuildable(`${pair.path} has no \`this\` parameter consumers pass explicitly`);
  const context = w.value(w.text.type(signature.thisType), 'context');
  const args = argumentsOf(w, signature);
  w.say(`${callee}.call(${[context, ...args].join(', ')});`);
}
