import semver from 'semver';
import { defineRule } from './define.js';

/** The major version a range allows at least; undefined for ranges that name no version (tags, URLs). */
function floorMajor(range: string): number | undefined {
  try {
    return semver.minVersion(range)?.major;
  } catch {
    return undefined;
  }
}

export const dependencyTypesMajorChanged = defineRule({
  id: 'dependency-types-major-changed',
  title: 'Dependency with exposed types changed major',
  description:
    "A package whose types appear in the public API (imported in the declarations) is now required at another major version: consumers' code is checked against those types, so they can break although this package's own declarations did not change.",
  bump: 'major',
  on: 'dependency',
  message: ({ path, old, new: next }) => `the types of ${path} are exposed and its range moved from ${old} to ${next}`,
  check(pair, report) {
    if (!pair.old || !pair.new || pair.old === pair.new) return;
    const before = floorMajor(pair.old);
    const after = floorMajor(pair.new);
    if (before === undefined || after === undefined || before !== after) report({ data: { old: pair.old, new: pair.new } });
  },
  witness: {
    impossible: "The package's own declarations are unchanged: what breaks depends on the dependency's next major, which this package does not ship, so no code can be compiled against it here.",
  },
});
