import { TSDocConfiguration, TSDocParser, TextRange } from '@microsoft/tsdoc';
import { ts } from 'ts-morph';
import type { ReleaseTag, Tags } from './surface.js';

// One parser for the process: building the TSDoc configuration is costlier than parsing a comment.
const parser = new TSDocParser(new TSDocConfiguration());

/** What a declaration's own doc comment says; `release` when the comment names a release tag. */
interface OwnTags {
  names: string[];
  parsed?: { release?: ReleaseTag; deprecated: boolean };
}

// Per declaration node: members shared by several types, and declarations read both for their item and for
// `@internal`, would otherwise have their comment scanned again each time.
const ownTags = new WeakMap<ts.Node, OwnTags>();

/** Release tag and deprecation from the last `/** ... *\/` comment before a declaration; members inherit the owner's tag. */
export function readTags(node: ts.Node, inherited: Tags | undefined): Tags {
  const { names, parsed } = readOwnTags(node);
  const modifiers = [...new Set([...(inherited?.modifiers ?? []), ...names])].sort();
  const base: Tags = { release: inherited?.release ?? 'public', deprecated: false, ...(modifiers.length ? { modifiers } : {}) };
  if (!parsed) return base;
  return { ...base, release: parsed.release ?? base.release, deprecated: parsed.deprecated };
}

function readOwnTags(node: ts.Node): OwnTags {
  let own = ownTags.get(node);
  if (!own) {
    own = parseOwnTags(node);
    ownTags.set(node, own);
  }
  return own;
}

function parseOwnTags(node: ts.Node): OwnTags {
  const text = node.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(text, commented(node).getFullStart()) ?? [];
  const doc = [...ranges].reverse().find((r) => text.startsWith('/**', r.pos));
  const comment = doc ? text.slice(doc.pos, doc.end) : '';
  const names = tagNames(comment);
  // Most comments carry no tag we read; parsing them all would dominate the extraction of large packages.
  if (!doc || !/@(deprecated|internal|alpha|beta|public)\b/.test(comment)) return { names };
  const parsed = parser.parseRange(TextRange.fromStringRange(text, doc.pos, doc.end)).docComment;
  const set = parsed.modifierTagSet;
  const release: ReleaseTag | undefined = set.isInternal()
    ? 'internal'
    : set.isAlpha()
      ? 'alpha'
      : set.isBeta()
        ? 'beta'
        : set.isPublic()
          ? 'public'
          : undefined;
  return { names, parsed: { ...(release ? { release } : {}), deprecated: parsed.deprecatedBlock !== undefined } };
}

/**
 * Where a declaration's doc comment stands: a variable's stands before its statement
 * (`/** @internal *\/ export declare const unsetMarker`, @trpc/server 10), not before its name.
 */
function commented(node: ts.Node): ts.Node {
  const list = node.parent;
  if (ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(list) && list.declarations[0] === node && ts.isVariableStatement(list.parent)) {
    return list.parent;
  }
  return node;
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

/**
 * Member names the package's declarations read through an indexed access type (`TItem['_types']`). Such a
 * member is part of what public types mean, whatever its tag: valibot 0.42's `InferIssue<T>` is
 * `NonNullable<T['_types']>['issue']` over an `@internal` `_types`, and without it every public type built on
 * `InferIssue` is an error, which a witness naming it meets as "does not satisfy the constraint". Read from
 * the text, as a name in quotes indexing a type: a name a tuple or a computed key spells the same way keeps a
 * member too, which costs at most a "made internal" witness.
 */
export function namesReadByIndex(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/[\w$\])>]\s*\[\s*(['"])([^'"\\\n]+)\1\s*\]/g)) names.add(match[2]!);
  return names;
}
