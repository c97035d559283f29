import { TSDocConfiguration, TSDocParser, TextRange } from '@microsoft/tsdoc';
import { ts } from 'ts-morph';
import type { ReleaseTag, Tags } from './surface.js';

// One parser for the process: building the TSDoc configuration is costlier than parsing a comment.
const parser = new TSDocParser(new TSDocConfiguration());

/** Release tag and deprecation from the last `/** ... *\/` comment before a declaration; members inherit the owner's tag. */
export function readTags(node: ts.Node, inherited: Tags | undefined): Tags {
  const text = node.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const doc = [...ranges].reverse().find((r) => text.startsWith('/**', r.pos));
  const comment = doc ? text.slice(doc.pos, doc.end) : '';
  const modifiers = [...new Set([...(inherited?.modifiers ?? []), ...tagNames(comment)])].sort();
  const base: Tags = { release: inherited?.release ?? 'public', deprecated: false, ...(modifiers.length ? { modifiers } : {}) };
  // Most comments carry no tag we read; parsing them all would dominate the extraction of large packages.
  if (!doc || !/@(deprecated|internal|alpha|beta|public)\b/.test(comment)) return base;
  const parsed = parser.parseRange(TextRange.fromStringRange(text, doc.pos, doc.end)).docComment;
  const set = parsed.modifierTagSet;
  const release: ReleaseTag = set.isInternal()
    ? 'internal'
    : set.isAlpha()
      ? 'alpha'
      : set.isBeta()
        ? 'beta'
        : set.isPublic()
          ? 'public'
          : base.release;
  return { ...base, release, deprecated: parsed.deprecatedBlock !== undefined };
}

/** Tags that document rather than classify; a policy's unstable tags are looked up among the others. */
const documentation = new Set([
  'param', 'typeParam', 'template', 'returns', 'return', 'example', 'remarks', 'see', 'throws', 'link', 'linkcode',
  'linkplain', 'deprecated', 'defaultValue', 'default', 'privateRemarks', 'inheritDoc', 'label', 'since', 'type',
  'alpha', 'beta', 'internal',
]);

function tagNames(comment: string): string[] {
  return [...comment.matchAll(/(?:^|[\s*{])@([A-Za-z][\w-]*)/g)].map((m) => m[1]!).filter((name) => !documentation.has(name));
}

const order: Record<ReleaseTag, number> = { public: 3, beta: 2, alpha: 1, internal: 0 };

/** True when `next` is a less stable level than `prev` (public → beta, beta → alpha). */
export function lessStable(prev: ReleaseTag, next: ReleaseTag): boolean {
  return order[next] < order[prev];
}
