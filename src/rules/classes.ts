import { construct, useBase } from '../witness/consumer.js';
import { defineRule } from './define.js';

export const classMadeAbstract = defineRule({
  id: 'class-made-abstract',
  title: 'Class made abstract',
  description: 'An exported class became abstract: `new` on it no longer compiles.',
  bump: 'major',
  on: 'item',
  message: ({ path }) => `${path} is now abstract`,
  check(pair, report) {
    if (pair.old.constructors && pair.new.constructors && !pair.old.abstract && pair.new.abstract) report();
  },
  witness: (pair, w) => construct(w, pair),
});

export const classMadeConcrete = defineRule({
  id: 'class-made-concrete',
  title: 'Class made concrete',
  description: 'An abstract class is no longer abstract: consumers may now instantiate it.',
  bump: 'minor',
  on: 'item',
  message: ({ path }) => `${path} is no longer abstract`,
  check(pair, report) {
    if (pair.old.constructors && pair.new.constructors && pair.old.abstract && !pair.new.abstract) report();
  },
  possible: (pair, w) => construct(w, pair, 'new'),
});

export const classBaseChanged = defineRule({
  id: 'class-base-changed',
  title: 'Class base changed',
  description: 'The class no longer extends the same base: instances stop being instances of the old base (`instanceof`, nominal private members), whatever members remain.',
  bump: 'major',
  on: 'item',
  message: ({ path }) => `${path} no longer extends its old base`,
  check(pair, report, { relator }) {
    const before = pair.old.constructors && pair.old.bases?.[0];
    if (!before || !pair.new.constructors) return;
    const after = pair.new.bases?.[0];
    if (!after || relator.relate(before, after) !== 'equal') report();
  },
  witness: (pair, w) => useBase(w, pair),
});
