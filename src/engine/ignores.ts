import type { Policy } from '../config/policy.js';
import type { Finding } from './findings.js';
import { compareStrings } from '../core/compare.js';

/** Which `ignore` entries of one policy file accepted a finding in one run. */
export interface IgnoreUse {
  /** The policy file as the user names it (`api-semver.config.json`, `packages/a/package.json ("api-semver")`). */
  file: string;
  ignore: Array<{ rule: string; path: string; matched: boolean }>;
}

/** Undefined when the policy has no `ignore` entries. */
export function ignoreUse(policy: Policy, file: string | undefined, findings: Finding[]): IgnoreUse | undefined {
  if (policy.ignore.length === 0) return undefined;
  return {
    file: file ?? 'the policy',
    ignore: policy.ignore.map(({ rule, path }) => ({ rule, path, matched: findings.some((f) => f.rule === rule && f.path === path) })),
  };
}

/**
 * The uses of each policy file merged (an entry of a file several packages share is stale only when it matched in
 * none of them), sorted by file: one per policy file, its entries in the file's order.
 */
export function mergeIgnoreUses(uses: IgnoreUse[]): IgnoreUse[] {
  const byFile = new Map<string, IgnoreUse>();
  for (const use of uses) {
    const seen = byFile.get(use.file);
    byFile.set(use.file, seen ? { file: use.file, ignore: seen.ignore.map((entry, i) => ({ ...entry, matched: entry.matched || use.ignore[i]!.matched })) } : use);
  }
  return [...byFile.values()].sort((a, b) => compareStrings(a.file, b.file));
}

/** One warning per `ignore` entry that accepted nothing: it names the entry and its file, so stale entries do not pile up. */
export function unmatchedIgnores(uses: IgnoreUse[]): string[] {
  return mergeIgnoreUses(uses).flatMap(({ file, ignore }) =>
    ignore.flatMap((entry, i) =>
      entry.matched ? [] : [`${file}: ignore[${i}] (rule ${entry.rule}, path ${entry.path}) matched no finding: remove it, or correct its rule or path`],
    ),
  );
}
