import { inferAsBefore } from '../witness/call-moves.js';
import { defineRule } from './define.js';

/** A primitive constraint (`T extends string`) infers literal types with or without `const`. */
const literalAnyway = (constraint: { k: string; name?: string } | undefined) =>
  constraint?.k === 'prim' && !['unknown', 'any', 'object'].includes(constraint.name ?? '');

export const typeParamMadeConst = defineRule({
  id: 'type-param-made-const',
  title: 'Type parameter made const',
  description:
    'A type parameter of a function or method became `const`: calls now infer readonly literal types for it (`[1, 2]` is `readonly [1, 2]`, `{ a: 1 }` is `{ readonly a: 1 }`), so results that were mutable and widened are not any more, and writes to them fail (TS2540): major where consumers call it; minor where they only implement it. Not reported where the constraint is a primitive, which infers literals anyway.',
  bump: 'major',
  on: 'type-param',
  message: ({ path, who }) => `${path} is now a const type parameter${who}`,
  check(pair, report) {
    const parent = pair.parent;
    if (parent.on !== 'signature' || !pair.old || pair.old.const || !pair.new?.const || literalAnyway(pair.new.constraint)) return;
    const who = parent.callers ? ': calls infer readonly literal types, so writes to their results and assignments of them to wider mutable types no longer compile' : '';
    report({ bump: parent.callers ? 'major' : 'minor', data: { who } });
  },
  witness(pair, w) {
    const parent = pair.parent;
    if (parent.on !== 'signature') return;
    inferAsBefore(w, parent, parent.old!.typeParams.indexOf(pair.old!));
  },
});
