import { overrideAsDeclared } from '../witness/class-moves.js';
import { defineRule } from './define.js';
import { extendable } from './extendable.js';

export const memberAccessorChanged = defineRule({
  id: 'member-accessor-changed',
  title: 'Property and accessor swapped',
  description:
    'A property of a class consumers can extend became a `get`/`set` accessor or the reverse. Subclasses override it in the old form, which the compiler rejects (TS2610 for a property overriding an accessor, TS2611 for an accessor overriding a property): major. Readers and writers see the same type, so on interfaces, object types and classes nobody can extend it is patch.',
  bump: 'major',
  on: 'member',
  message: ({ path, old, new: next, code }) => `${path} changed from ${old} to ${next}: subclasses that override it as ${old} no longer compile (${code})`,
  check(pair, report) {
    const { old, new: next } = pair;
    if (pair.ownerKind !== 'class' || !old || !next || old.kind !== 'property' || next.kind !== 'property') return;
    if (!old.accessor === !next.accessor || next.visibility === 'private' || old.visibility === 'private') return;
    // An abstract member may be implemented in either form.
    if (old.abstract || next.abstract || !extendable(pair.owner.old)) return;
    const form = (accessor: boolean | undefined) => (accessor ? 'an accessor' : 'a property');
    report({ data: { old: form(old.accessor), new: form(next.accessor), code: old.accessor ? 'TS2611' : 'TS2610' } });
  },
  witness: (pair, w) => overrideAsDeclared(w, pair),
});
