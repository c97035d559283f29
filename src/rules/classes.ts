import { itemOf, type ApiItem, type ApiSurface, type TypeExpr } from '../model/surface.js';
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

/**
 * The bases a class's instances are instances of: its base, that base's base, and so on. A base replaced by a
 * subclass of it (ky 2's `HTTPError extends KyError`, where `KyError extends Error`, for `extends Error`) keeps
 * the old one. Generic bases are not followed: their own bases name parameters the chain would have to fill in.
 */
function ancestry(item: ApiItem, surface: ApiSurface): TypeExpr[] {
  const chain: TypeExpr[] = [];
  const seen = new Set<string>();
  for (let base = item.bases?.[0]; base; ) {
    chain.push(base);
    const next = base.k === 'ref' && !seen.has(base.id) ? itemOf(surface, base.id) : undefined;
    if (base.k === 'ref') seen.add(base.id);
    base = next && next.typeParams.length === 0 ? next.bases?.[0] : undefined;
  }
  return chain;
}

export const classBaseChanged = defineRule({
  id: 'class-base-changed',
  title: 'Class base changed',
  description: 'The class no longer extends the same base: instances stop being instances of the old base (`instanceof`, nominal private members), whatever members remain.',
  bump: 'major',
  on: 'item',
  message: ({ path }) => `${path} no longer extends its old base`,
  check(pair, report, { relator, surfaces }) {
    const before = pair.old.constructors && pair.old.bases?.[0];
    if (!before || !pair.new.constructors) return;
    if (!ancestry(pair.new, surfaces.new).some((base) => relator.relate(before, base) === 'equal')) report();
  },
  witness: (pair, w) => useBase(w, pair),
});
