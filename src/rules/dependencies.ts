import semver from 'semver';
import { defineRule } from './define.js';

/**
 * A release line as npm's caret sees it: the major from 1 on, `0.y` below (in 0.x a minor is a break). A
 * range admits a line when some version of it satisfies the range.
 */
const lineRange = (line: string) => `${line}.x`;

function linesOf(version: semver.SemVer): string[] {
  return version.major > 0 ? [`${version.major}`, `${version.major + 1}`] : [`0.${version.minor}`, `0.${version.minor + 1}`, '1'];
}

/** Every line a comparator of either range names, and the next: between those, each line answers as the one before. */
function candidateLines(ranges: semver.Range[]): string[] {
  const named = ranges.flatMap((range) => range.set.flat().flatMap((comparator) => (comparator.value === '' ? [] : linesOf(comparator.semver))));
  return [...new Set(['0.0', '1', ...named])];
}

function parse(range: string): semver.Range | undefined {
  try {
    return new semver.Range(range);
  } catch {
    return undefined;
  }
}

/**
 * How a range change meets consumers: `major` when the new range admits a line the old one did not (they can be
 * installed types they never compiled against), `patch` when it admits fewer lines and no other (every install
 * it allows was one the old range allowed: a DefinitelyTyped `"*"` pinned to `"^1"`), undefined when it admits
 * the same lines. A range that names no version (a tag, a URL) is assumed to change lines.
 */
export function rangeChange(old: string, next: string): 'major' | 'patch' | undefined {
  const before = parse(old);
  const after = parse(next);
  if (!before || !after) return 'major';
  const lines = candidateLines([before, after]);
  const admitted = (range: semver.Range) => new Set(lines.filter((line) => semver.intersects(range, lineRange(line))));
  const [was, is] = [admitted(before), admitted(after)];
  if ([...is].some((line) => !was.has(line))) return 'major';
  return is.size < was.size ? 'patch' : undefined;
}

export const dependencyTypesMajorChanged = defineRule({
  id: 'dependency-types-major-changed',
  title: 'Dependency with exposed types changed major',
  description:
    "A package whose types appear in the public API (imported in the declarations) is now allowed at a major version the old range did not allow: consumers' code is checked against those types, so they can break although this package's own declarations did not change. A range narrowed to fewer majors is patch.",
  bump: 'major',
  on: 'dependency',
  message: ({ path, old, new: next }) => `the types of ${path} are exposed and its range moved from ${old} to ${next}`,
  check(pair, report) {
    if (!pair.old || !pair.new || pair.old === pair.new) return;
    const bump = rangeChange(pair.old, pair.new);
    if (bump) report({ bump, data: { old: pair.old, new: pair.new } });
  },
  witness: {
    impossible: "The package's own declarations are unchanged: what breaks depends on the dependency's next major, which this package does not ship, so no code can be compiled against it here.",
  },
});
