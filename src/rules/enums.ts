import { defineRule } from './define.js';

export const enumMemberAdded = defineRule({
  id: 'enum-member-added',
  addition: true,
  title: 'Enum member added',
  description: 'A member was added to an enum. This widens the enum type: minor where consumers only pass the enum in, major where they receive it (an exhaustive `switch` breaks) or where nothing references the enum.',
  bump: 'major',
  on: 'enum-member',
  message: ({ path }) => `enum member ${path} was added`,
  check(pair, report) {
    if (!pair.old && pair.new) report({ bump: pair.enumPositions.includes('output') ? 'major' : 'minor', data: { path: pair.path } });
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
    if (pair.old && !pair.new) report({ data: { path: pair.path } });
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
      report({ data: { path: pair.path, old: pair.old.value ?? '(computed)', new: pair.new.value ?? '(computed)' } });
    }
  },
});
