import type { Pair } from '../diff/pairs.js';
import { lessStable } from '../model/tags.js';
import type { Tags } from '../model/surface.js';
import { defineRule } from './define.js';

type Tagged = Extract<Pair, { on: 'item' | 'member' | 'enum-member' | 'signature' }>;

function tagsOf(pair: Tagged): [Tags | undefined, Tags | undefined] {
  return [pair.old?.tags, pair.new?.tags];
}

export const deprecatedAdded = defineRule({
  id: 'deprecated-added',
  title: 'Deprecated',
  description: '`@deprecated` was added to an export, member, overload or enum member: consumers get a warning, and the next major may remove it.',
  bump: 'minor',
  policySetting: 'deprecation',
  on: ['item', 'member', 'enum-member', 'signature'],
  message: ({ path }) => `${path} is now deprecated`,
  check(pair, report) {
    const [before, after] = tagsOf(pair);
    if (before && after && !before.deprecated && after.deprecated) report();
  },
});

export const stabilityReduced = defineRule({
  id: 'stability-reduced',
  title: 'Stability reduced',
  description: 'The release tag moved to a less stable level (public → `@beta` or `@alpha`, `@beta` → `@alpha`): consumers lose the guarantee they relied on.',
  bump: 'major',
  on: ['item', 'member', 'enum-member'],
  message: ({ path, old, new: next }) => `${path} moved from ${old} to ${next}`,
  check(pair, report) {
    const [before, after] = tagsOf(pair);
    if (before && after && lessStable(before.release, after.release)) {
      report({ data: { old: before.release, new: after.release } });
    }
  },
  witness: {
    impossible: 'A release tag is a promise, not a declaration: moving an item to @beta or @alpha changes no type, so no consumer code stops compiling.',
  },
});
