import type { ApiItem, Member } from '../model/surface.js';
import { buildObject } from '../witness/consumer.js';
import { defineRule } from './define.js';

const hidden = (member: Member) => member.visibility !== 'public';

/**
 * The member that makes a class nominal: a private or protected one, or `#private`. Of the old class, any
 * (inherited ones included); of the new, one the class itself added (`before`): a base's new member is
 * reported at the base, and a public member made protected at the member (member-visibility-reduced).
 */
function nominalBy(item: ApiItem, before?: ApiItem): string | undefined {
  const existed = new Set(before?.members?.map((m) => m.name));
  const own = (m: Member) => !before || ((!m.declaredIn || m.declaredIn === item.id) && !existed.has(m.name));
  const member = item.members?.find((m) => hidden(m) && own(m));
  if (member) return `${member.visibility} ${member.name}`;
  return item.hashPrivate ? '#private' : undefined;
}

export const classMadeNominal = defineRule({
  id: 'class-made-nominal',
  title: 'Class made nominal',
  description:
    'A class that had only public members gained a `private`, `protected` or `#private` one: only its own instances and subclasses fit its type now, so object literals and `implements` clauses typed as it break (TS2741, TS2720). Major where consumers hand instances in (they may build them); minor where they only receive them. A class that was nominal already stays as it was.',
  bump: 'major',
  on: 'item',
  message: ({ path, member, who }) => `${path} gained ${member} and is now nominal: ${who}`,
  check(pair, report) {
    if (!pair.old.kinds.includes('class') || !pair.new.kinds.includes('class') || nominalBy(pair.old)) return;
    const member = nominalBy(pair.new, pair.old);
    if (!member) return;
    const built = pair.old.positions.includes('input');
    const who = built
      ? `object literals and \`implements\` clauses typed as ${pair.path} no longer compile`
      : `object literals and \`implements\` clauses typed as ${pair.path} no longer compile, but consumers only receive it`;
    report({ bump: built ? 'major' : 'minor', data: { member, who } });
  },
  witness: (pair, w) => buildObject(w, pair.old),
});
