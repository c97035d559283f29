import type { ExportView } from '../diff/pairs.js';
import { itemOf, spellKind, type TypeExpr } from '../model/surface.js';
import { homomorphicSource } from '../model/type-expr.js';
import type { Side } from '../core/side.js';
import { importEntry, useCapability, useExport } from '../witness/consumer.js';
import { defineRule } from './define.js';

export const entryPointRemoved = defineRule({
  id: 'entry-point-removed',
  title: 'Entry point removed',
  description: 'A subpath of the package (an `exports` key, or the package root) no longer leads to type declarations: every import of it breaks.',
  bump: 'major',
  on: 'entry',
  message: ({ path }) => `entry point ${path} was removed`,
  check(pair, report) {
    if (pair.old && !pair.new) report();
  },
  witness: (pair, w) => importEntry(w, pair.old!),
});

export const entryPointLegacyOnly = defineRule({
  id: 'entry-point-legacy-only',
  title: 'Entry point left to node10 resolution',
  description:
    'A subpath whose types every module resolution found is now found only by node10 resolution (`types`/`typings`/`typesVersions` beside an `exports` that leads to no declarations): consumers compiling with node16, nodenext or bundler resolution get no types there (TS2307, TS7016).',
  bump: 'major',
  on: 'entry',
  message: ({ path }) => `entry point ${path} now has types only under node10 resolution: node16 and bundler consumers lose them`,
  check(pair, report) {
    if (pair.old && pair.new && pair.old.resolution !== 'node10' && pair.new.resolution === 'node10') report();
  },
  witness(pair, w) {
    w.resolveThroughExports();
    importEntry(w, pair.old!);
  },
});

export const entryPointAdded = defineRule({
  id: 'entry-point-added',
  policySetting: 'additions',
  title: 'Entry point added',
  description: 'A new subpath leads to type declarations: something new is importable.',
  bump: 'minor',
  on: 'entry',
  message: ({ path }) => `entry point ${path} was added`,
  check(pair, report) {
    if (!pair.old && pair.new) report();
  },
  possible: (pair, w) => importEntry(w, pair.new!),
});

export const exportRemoved = defineRule({
  id: 'export-removed',
  title: 'Export removed',
  description: 'An exported name (of an entry point or a namespace) is gone; a rename is a removal plus an addition. Also reported when an item becomes `@internal`.',
  bump: 'major',
  on: 'export',
  message: ({ path, styles }) => `${path} is no longer exported${styles ? `: ${styles} no longer meet${styles.includes(' and ') ? '' : 's'} the exported value` : ''}`,
  check(pair, report) {
    if (!pair.old || pair.new) return;
    // The module's own value: say which import styles met it.
    const styles = pair.defaultOnOtherSide === undefined ? undefined : pair.defaultOnOtherSide ? '`import x = require()`' : '`import x = require()` and a default import';
    report(styles ? { data: { styles } } : {});
  },
  witness(pair, w) {
    useExport(w, pair.path, pair.old!.item, pair.old!.typeOnly);
  },
});

export const exportAdded = defineRule({
  id: 'export-added',
  policySetting: 'additions',
  title: 'Export added',
  description: 'A new exported name (of an entry point or a namespace).',
  bump: 'minor',
  on: 'export',
  message: ({ path }) => `${path} was added`,
  check(pair, report) {
    if (!pair.old && pair.new) report();
  },
  possible: (pair, w) => useExport(w, pair.path, pair.new!.item, pair.new!.typeOnly),
});

/**
 * What consumers can do with an export, whatever its shape. A kind change is judged by what it takes
 * away: the same members behind a different declaration kind can still break `new`, `extends`,
 * declaration merging or runtime use.
 */
export function capabilities(view: ExportView, open: (type: TypeExpr) => TypeExpr | undefined): Set<string> {
  const kinds = new Set(view.item.kinds);
  const value = !view.typeOnly;
  const caps = new Set<string>();
  const add = (cap: string, when: boolean) => when && caps.add(cap);
  add('value', value && ['class', 'enum', 'function', 'variable', 'namespace'].some((k) => kinds.has(k as never)));
  add('type', ['class', 'interface', 'type', 'enum', 'const-enum'].some((k) => kinds.has(k as never)));
  // A private constructor (fp-ts 1.19's `None`, a singleton) lets consumers neither `new` nor extend the class.
  const constructors = view.item.constructors ?? [];
  const opened = (...visibilities: string[]) => !constructors.length || constructors.some((c) => visibilities.includes(c.visibility ?? 'public'));
  add('new', value && kinds.has('class') && opened('public'));
  add('extends', value && kinds.has('class') && opened('public', 'protected'));
  add('merge', ['interface', 'class', 'function', 'enum', 'const-enum', 'namespace'].some((k) => kinds.has(k as never)));
  add('namespace', ['namespace', 'enum', 'const-enum'].some((k) => kinds.has(k as never)));
  add('enum-object', value && kinds.has('enum'));
  add('call', value && (kinds.has('function') || (kinds.has('variable') && isCallable(view))));
  // Object type aliases are assignable to index signatures (`Record<string, unknown>`); interfaces are not, unless
  // a part of the intersection declares a string index signature itself.
  const alias = view.item.alias;
  const parts = alias?.k === 'intersection' ? alias.types : [];
  add('implicit-index', kinds.has('type') && (!!view.item.members || (parts.length > 0 && (parts.every((t) => anonymousObject(t, open)) || parts.some((t) => stringIndexed(t, open))))));
  return caps;
}

/** lib's mapped types, which resolve to anonymous object types. */
const LIB_MAPPED = new Set(['Omit', 'Pick', 'Partial', 'Required', 'Readonly', 'Record']);

/**
 * A type with the implicit index signature of an object literal type: got 16.1's `InternalsType`, once an
 * object alias, is `Omit<…> & { searchParams: … }`, which `Record<string, unknown>` still takes.
 */
function anonymousObject(type: TypeExpr, open: (type: TypeExpr) => TypeExpr | undefined, depth = 0): boolean {
  if (type.k === 'object') return true;
  // A mapped type the model keeps as the checker's text (`{ [P in Exclude<keyof T, K>]: T[P]; }`).
  if (type.k === 'text') return /^\{ [-+]?(readonly )?\[\w+ in /.test(type.text);
  if (type.k === 'external') return type.pkg === 'lib' && LIB_MAPPED.has(type.name);
  // An alias of one of these (got's own `Except`, a `Pick`), followed a few steps: recursive aliases end.
  const body = type.k === 'ref' && depth < 4 ? open(type) : undefined;
  return body !== undefined && anonymousObject(body, open, depth + 1);
}

/**
 * A type with a string index signature of its own, which makes every intersection holding it assignable to
 * `{ [key: string]: unknown }` whatever the other parts are: axios 1.0's `AxiosResponseHeaders`, once an object
 * alias, is `Partial<Record<string, string> & {…}> & AxiosHeaders` (a class).
 */
function stringIndexed(type: TypeExpr, open: (type: TypeExpr) => TypeExpr | undefined, depth = 0): boolean {
  if (type.k === 'object') return type.members.some((m) => m.kind === 'index' && m.name === '[string]');
  if (type.k === 'intersection') return type.types.some((t) => stringIndexed(t, open, depth));
  if (type.k === 'external' && type.pkg === 'lib') {
    const [first] = type.args ?? [];
    if (type.name === 'Record') return first?.k === 'prim' && first.name === 'string';
    // The homomorphic mapped types keep the index signatures of what they map.
    const source = homomorphicSource(type);
    return source !== undefined && stringIndexed(source, open, depth);
  }
  const body = type.k === 'ref' && depth < 4 ? open(type) : undefined;
  return body !== undefined && stringIndexed(body, open, depth + 1);
}

function isCallable(view: ExportView): boolean {
  const type = view.item.valueType;
  return type?.k === 'object' && type.members.some((m) => m.kind === 'call');
}

function describe(view: ExportView): string {
  return `${view.typeOnly ? 'type-only ' : ''}${view.item.kinds.map(spellKind).join('+')}`;
}

export const exportKindChanged = defineRule({
  id: 'export-kind-changed',
  title: 'Export kind changed',
  description:
    'The declaration kind behind an export changed (class, interface, type alias, enum, const enum, function, variable, namespace, type-only export). Major when it takes a capability away (value, `new`, `extends`, declaration merging, namespace access, the enum object, calls, the implicit index signature of an object alias); minor when it only adds capabilities.',
  bump: 'major',
  on: 'export',
  message: ({ path, old, new: next, lost }) => `${path} changed from ${old} to ${next}${lost?.length ? ` (no longer: ${[lost].flat().join(', ')})` : ''}`,
  check(pair, report, { relator, surfaces }) {
    if (!pair.old || !pair.new) return;
    // An alias's body, not an interface's members: an interface has no implicit index signature.
    const aliasBody = (side: Side) => (type: TypeExpr) => (type.k === 'ref' && itemOf(surfaces[side], type.id)?.alias ? relator.open(type, side) : undefined);
    const before = capabilities(pair.old, aliasBody('old'));
    const after = capabilities(pair.new, aliasBody('new'));
    // Between two classes exported as values, `new` and `extends` follow the constructor's visibility, which the
    // member rules judge.
    const classes = [pair.old, pair.new].every((view) => view.item.kinds.includes('class') && !view.typeOnly);
    const judged = (c: string) => !(classes && (c === 'new' || c === 'extends'));
    const lost = [...before].filter((c) => !after.has(c) && judged(c));
    const gained = [...after].filter((c) => !before.has(c) && judged(c));
    if (lost.length === 0 && gained.length === 0) return;
    // A declaration merged in (a namespace added to a function) reports what it brings member by member.
    if (lost.length === 0 && pair.old.item.kinds.every((k) => pair.new!.item.kinds.includes(k)) && pair.old.typeOnly === pair.new.typeOnly) return;
    report({
      bump: lost.length ? 'major' : 'minor',
      data: { old: describe(pair.old), new: describe(pair.new), lost },
    });
  },
  witness(pair, w, { lost }) {
    // Each lost capability a consumer can use is used: one no code can reach (a merge into fp-ts 1.19's
    // namespace re-exported as `const`, a name no `namespace` declaration can take) leaves the others standing.
    // Merging an interface in declares the type itself, where the name became a value only (chalk 5's `Chalk`, once
    // an interface, now a constructor): beside the use as a type, the merge would make that use compile.
    const used = [lost ?? []].flat();
    const moves = used.includes('type') ? used.filter((capability) => capability !== 'merge') : used;
    w.anyOf(...moves.map((capability) => () => useCapability(w, pair.path, pair.old!.item, capability)));
  },
});
