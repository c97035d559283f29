import type { ItemPair } from '../diff/pairs.js';
import type { EnumMember } from '../model/surface.js';
import { switchExhaustively } from '../witness/consumer.js';
import { Unbuildable } from '../witness/unbuildable.js';
import { defineRule } from './define.js';

/**
 * A new name for a value that an old name already has (in the new release) adds no value to the enum
 * type: consumers that handled every old name still handle every value.
 */
function aliasesOldName(item: ItemPair, added: EnumMember): boolean {
  if (added.value === undefined) return false;
  const oldNames = new Set((item.old.enumMembers ?? []).map((m) => m.name));
  return (item.new.enumMembers ?? []).some((m) => m !== added && m.value === added.value && oldNames.has(m.name));
}

export const enumMemberAdded = defineRule({
  id: 'enum-member-added',
  policySetting: 'additions',
  title: 'Enum member added',
  description: 'A member was added to an enum. This widens the enum type: minor where consumers only pass the enum in, major where they receive it (an exhaustive `switch` breaks) or where nothing references the enum. A new name for a value an old name already has (a marker such as `Last = Blue`) widens nothing: minor.',
  bump: 'major',
  on: 'enum-member',
  message: ({ path }) => `enum member ${path} was added`,
  check(pair, report) {
    if (pair.old || !pair.new) return;
    const widens = pair.enumPositions.includes('output') && !aliasesOldName(pair.item, pair.new);
    report({ bump: widens ? 'major' : 'minor' });
  },
  witness: (pair, w) => switchExhaustively(w, pair.item),
  possible(pair, w) {
    w.say(`void ${w.text.access(w.names.itemRef(pair.item.new.id), pair.new!.name)};`);
  },
});

export const enumMemberRemoved = defineRule({
  id: 'enum-member-removed',
  title: 'Enum member removed',
  description: 'An enum member is gone: every use of it breaks.',
  bump: 'major',
  on: 'enum-member',
  message: ({ path }) => `enum member ${path} was removed`,
  check(pair, report) {
    if (pair.old && !pair.new) report();
  },
  witness(pair, w) {
    w.say(`void ${w.text.access(w.names.itemRef(pair.item.old.id), pair.old!.name)};`);
  },
});

export const enumMemberValueChanged = defineRule({
  id: 'enum-member-value-changed',
  title: 'Enum member value changed',
  description: 'An enum member has a different value: serialized values and comparisons with literals change meaning.',
  bump: 'major',
  on: 'enum-member',
  message: ({ path, old, new: next }) => `${path} changed value from ${old} to ${next}`,
  check(pair, report) {
    if (pair.old && pair.new && pair.old.value !== pair.new.value) {
      report({ data: { old: pair.old.value ?? '(computed)', new: pair.new.value ?? '(computed)' } });
    }
  },
  witness(pair, w) {
    if (pair.old!.value === undefined) throw new Unbuildable('the old value is computed: there is no literal to compare with');
    w.say(`const r: ${pair.old!.value} = ${w.text.access(w.names.itemRef(pair.item.old.id), pair.old!.name)};`);
  },
});
