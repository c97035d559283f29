import { assignAcrossArgument } from '../witness/generic-moves.js';
import { defineRule } from './define.js';

export const typeParamMadeInvariant = defineRule({
  id: 'type-param-made-invariant',
  title: 'Type parameter made invariant',
  description:
    'A type parameter is now annotated `in out`: the checker no longer relates instantiations with different arguments, so assignments consumers made between them (`Box<Cat>` to `Box<Animal>`) fail: major. The reverse (an `in out` annotation relaxed or removed) is minor. Other annotation changes are not reported: the checker requires `in` and `out` to agree with how the type uses the parameter, so they state what it measured anyway.',
  bump: 'major',
  on: 'type-param',
  message: ({ path, old, new: next }) => `the variance annotation of ${path} changed from ${old} to ${next}`,
  check(pair, report) {
    if (pair.parent.on !== 'item' || !pair.old || !pair.new) return;
    const [before, after] = [pair.old.variance, pair.new.variance];
    if ((before === 'in out') === (after === 'in out')) return;
    report({ bump: after === 'in out' ? 'major' : 'minor', data: { old: before ?? 'none', new: after ?? 'none' } });
  },
  witness: (pair, w) => assignAcrossArgument(w, pair, pair.old!.variance === 'in' ? 'contravariant' : 'covariant'),
});
