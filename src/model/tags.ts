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
  const base: Tags = { release: inherited?.release ?? 'public', deprecated: false };
  // Most comments carry no tag we read; parsing them all would dominate the extraction of large packages.
  if (!doc || !/@(deprecated|internal|alpha|beta|public|experimental)\b/.test(text.slice(doc.pos, doc.end))) return base;
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
  return { release, deprecated: parsed.deprecatedBlock !== undefined };
}

const order: Record<ReleaseTag, number> = { public: 3, beta: 2, alpha: 1, internal: 0 };

/** True when `next` is a less stable level than `prev` (public → beta, beta → alpha). */
export function lessStable(prev: ReleaseTag, next: ReleaseTag): boolean {
  return order[next] < order[prev];
}
