import type { Signature, TypeExpr } from '../model/surface.js';
import { displayType } from '../model/type-expr.js';
import { callThroughAlias, callWithThis } from '../witness/call-moves.js';
import { defineRule } from './define.js';
import { judge, signaturePositions } from './judge.js';
import { flip } from '../model/positions.js';

const isVoid = (type: TypeExpr | undefined) => type?.k === 'prim' && type.name === 'void';

/**
 * The `this` type for a message, as the declaration writes it (`this: Observable<T>`): the model names type
 * parameters by position, which means nothing to a reader.
 */
function thisText(type: TypeExpr, signature: Signature): string {
  const start = signature.text.search(/\(\s*this\s*:/);
  if (start < 0) return displayType(type);
  let depth = 0;
  for (let i = signature.text.indexOf(':', start) + 1; i < signature.text.length; i++) {
    const c = signature.text[i]!;
    if ('(<[{'.includes(c)) depth++;
    else if (')>]}'.includes(c) && depth > 0 && !(c === '>' && signature.text[i - 1] === '=')) depth--;
    else if ((c === ',' || c === ')') && depth === 0) return signature.text.slice(signature.text.indexOf(':', start) + 1, i).trim();
  }
  return displayType(type);
}

export const thisParamAdded = defineRule({
  id: 'this-param-added',
  title: '`this` parameter added',
  description:
    'A function or method gained a `this` parameter: calls without a `this` of that type (a plain call, a method taken off its object) no longer compile (TS2684), major where consumers call it. Where they only implement it (a callback), their function may ignore `this`: minor. `this: void` asks nothing of plain calls: not reported.',
  bump: 'major',
  on: 'signature',
  message: ({ path, type, who }) => `${path} now declares \`this: ${type}\`${who}`,
  check(pair, report) {
    const added = pair.old && !pair.old.thisType ? pair.new?.thisType : undefined;
    if (!added || isVoid(added)) return;
    const who = pair.callers ? ': calls without such a `this` (plain calls, methods taken off their object) no longer compile' : '';
    report({ bump: pair.callers ? 'major' : 'minor', data: { path: pair.path, type: thisText(added, pair.new!), who } });
  },
  witness: (pair, w) => callThroughAlias(w, pair),
});

export const thisParamRemoved = defineRule({
  id: 'this-param-removed',
  title: '`this` parameter removed',
  description:
    'A function or method no longer declares a `this` parameter: it may now be called without one (minor). Implementations that declare `this` still fit, since a signature without `this` does not constrain it.',
  bump: 'minor',
  on: 'signature',
  message: ({ path, type }) => `${path} no longer declares \`this: ${type}\``,
  check(pair, report) {
    const removed = pair.new && !pair.new.thisType ? pair.old?.thisType : undefined;
    if (removed) report({ data: { path: pair.path, type: thisText(removed, pair.old!) } });
  },
  possible: (pair, w) => callThroughAlias(w, pair, pair.new),
});

export const thisParamTypeChanged = defineRule({
  id: 'this-param-type-changed',
  title: '`this` parameter type changed',
  description:
    'The type of a `this` parameter changed. It is judged as a parameter: callers supply `this` (narrowed or replaced: major; widened: minor), implementors receive it (widened: major).',
  bump: 'major',
  on: 'signature',
  message: ({ path, old, new: next }) => `the \`this\` type of ${path} changed: ${old} → ${next}`,
  check(pair, report, { relator }) {
    const [before, after] = [pair.old?.thisType, pair.new?.thisType];
    if (!before || !after) return;
    const relation = relator.relate(before, after);
    const bump = judge(relation, flip(signaturePositions(pair.callers, pair.implementors)));
    if (bump) report({ bump, data: { path: pair.path, old: thisText(before, pair.old!), new: thisText(after, pair.new!) }, undecided: relation === 'undecided' });
  },
  witness: (pair, w) => callWithThis(w, pair),
});
