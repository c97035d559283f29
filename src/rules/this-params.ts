import type { Signature, TypeExpr } from '../model/surface.js';
import { spellSignature, spelledChange } from '../model/spelling.js';
import { callThroughAlias, callWithThis } from '../witness/call-moves.js';
import { defineRule, type FindingData } from './define.js';
import { judge } from './judge.js';
import { flip, signaturePositions } from '../model/positions.js';

const isVoid = (type: TypeExpr | undefined) => type?.k === 'prim' && type.name === 'void';

/** The `this` type as the declaration writes it (`Observable<T>`), for the message. */
function thisText(signature: Signature): FindingData {
  const type = spellSignature(signature.text)?.thisType;
  return type !== undefined ? { type } : {};
}

const declares = (type: string | string[] | undefined) => (type !== undefined ? `\`this: ${type}\`` : 'a `this` parameter');

export const thisParamAdded = defineRule({
  id: 'this-param-added',
  title: '`this` parameter added',
  description:
    'A function or method gained a `this` parameter: calls without a `this` of that type (a plain call, a method taken off its object) no longer compile (TS2684), major where consumers call it. Where they only implement it (a callback), their function may ignore `this`: minor. `this: void` asks nothing of plain calls: not reported.',
  bump: 'major',
  on: 'signature',
  message: ({ path, type, who }) => `${path} now declares ${declares(type)}${who}`,
  check(pair, report) {
    const added = pair.old && !pair.old.thisType ? pair.new?.thisType : undefined;
    if (!added || isVoid(added)) return;
    const who = pair.callers ? ': calls without such a `this` (plain calls, methods taken off their object) no longer compile' : '';
    report({ bump: pair.callers ? 'major' : 'minor', data: { ...thisText(pair.new!), who } });
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
  message: ({ path, type }) => `${path} no longer declares ${declares(type)}`,
  check(pair, report) {
    const removed = pair.new && !pair.new.thisType ? pair.old?.thisType : undefined;
    if (removed) report({ data: thisText(pair.old!) });
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
  message: ({ path, old, new: next }) => `the \`this\` type of ${path} changed${old !== undefined && next !== undefined ? `: ${old} → ${next}` : ''}`,
  check(pair, report, { relator }) {
    const [before, after] = [pair.old?.thisType, pair.new?.thisType];
    if (!before || !after) return;
    const relation = relator.relate(before, after);
    const bump = judge(relation, flip(signaturePositions(pair.callers, pair.implementors)));
    if (!bump) return;
    report({ bump, data: spelledChange(spellSignature(pair.old!.text)?.thisType, spellSignature(pair.new!.text)?.thisType), ...(relation === 'undecided' ? { undecided: relator.undecidedReason(before, after) } : {}) });
  },
  witness: (pair, w) => callWithThis(w, pair),
});
