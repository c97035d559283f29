import type {
  ApiItem,
  ApiSurface,
  EntrySurface,
  EnumMember,
  ExportTarget,
  Member,
  Param,
  Position,
  Signature,
  Tags,
  TypeExpr,
  TypeParam,
} from '../model/surface.js';
import { itemOf } from '../model/surface.js';
import { flip, memberPosition, signaturePositions } from '../model/positions.js';
import { signatureKey } from '../model/type-expr.js';
import { inOldOrder } from './type-param-order.js';
import { constituents, flatMembers } from './value-members.js';
import type { Location } from '../core/location.js';
import type { CorrespondingIds } from './export-ids.js';

interface PairBase {
  path: string;
  /** The old release's tags of what contains the change: the policy caps breaking changes to unstable API. */
  stability: Tags;
  locations: { old?: Location; new?: Location };
}

export interface ExportView {
  item: ApiItem;
  typeOnly: boolean;
}

export interface EntryPair extends PairBase {
  on: 'entry';
  old?: EntrySurface;
  new?: EntrySurface;
}
export interface ExportPair extends PairBase {
  on: 'export';
  old?: ExportView;
  new?: ExportView;
  /** `export=` on one side only: whether the other side has a default export, which a default import meets instead. */
  defaultOnOtherSide?: boolean;
}
export interface ItemPair extends PairBase {
  on: 'item';
  old: ApiItem;
  new: ApiItem;
}
export interface MemberPair extends PairBase {
  on: 'member';
  owner: ItemPair;
  /** Where consumers meet the owner; for classes always at least output (`new` hands instances out). */
  ownerPositions: Position[];
  ownerKind: 'class' | 'interface' | 'static';
  old?: Member;
  new?: Member;
  /** The member of the same name on the other side of static/instance: this one moved there. */
  staticCounterpart?: Member;
  /** A function-typed property compared signature by signature instead of as one type. */
  comparedBySignature?: boolean;
}
export interface SignaturePair extends PairBase {
  on: 'signature';
  old?: Signature;
  new?: Signature;
  /** What the signature belongs to: a function or class, a method or call/construct member, or a callback parameter. */
  parent: ItemPair | MemberPair | ParamPair;
  /** Consumers call it (it is handed to them) and/or implement it (they hand it to the package). */
  callers: boolean;
  implementors: boolean;
  /** A constructor: its return type is the class itself, reported at the class. */
  construct: boolean;
}
export interface ParamPair extends PairBase {
  on: 'param';
  signature: SignaturePair;
  index: number;
  old?: Param;
  new?: Param;
  /** A callback compared signature by signature instead of as one type. */
  comparedBySignature?: boolean;
}
export interface TypeParamPair extends PairBase {
  on: 'type-param';
  /** The generic: a named type or a signature. */
  parent: ItemPair | SignaturePair;
  old?: TypeParam;
  new?: TypeParam;
}
export interface EnumMemberPair extends PairBase {
  on: 'enum-member';
  item: ItemPair;
  enumPositions: Position[];
  old?: EnumMember;
  new?: EnumMember;
}

export interface DependencyPair extends PairBase {
  on: 'dependency';
  /** The version range each release declares for a package whose types its API exposes. */
  old?: string;
  new?: string;
}

export interface LibPair extends PairBase {
  on: 'lib';
  /** The lib's name, as `/// <reference lib="…" />` writes it. */
  lib: string;
  /** Where it is referenced, on each side that does. */
  old?: Location;
  new?: Location;
}

export type Pair = DependencyPair | LibPair | EntryPair | ExportPair | ItemPair | MemberPair | SignaturePair | ParamPair | TypeParamPair | EnumMemberPair;
export type PairKind = Pair['on'];

const UNTAGGED: Tags = { release: 'public', deprecated: false };

/** Pairs old and new by API path, leaving `undefined` on the side where something is missing. */
export function pairSurfaces(old: ApiSurface, next: ApiSurface, corresponding: CorrespondingIds = new Map()): Pair[] {
  const pairs: Pair[] = [];
  const oldEntries = new Map(old.entries.map((e) => [e.subpath, e]));
  const newEntries = new Map(next.entries.map((e) => [e.subpath, e]));
  const expanded = new Set<string>();
  for (const subpath of union(oldEntries.keys(), newEntries.keys())) {
    const o = oldEntries.get(subpath);
    const n = newEntries.get(subpath);
    // Ambient blocks are not import paths of their own: what they declare is added or removed name by name.
    if (o?.ambient || n?.ambient) {
      pairExports(o?.exports ?? {}, n?.exports ?? {}, `${subpath}:`, old, next, pairs, expanded);
      continue;
    }
    // Both present: an entry point pair of its own only where the resolutions that find it changed.
    if (!o || !n || o.resolution !== n.resolution) {
      pairs.push({
        on: 'entry',
        path: subpath,
        stability: UNTAGGED,
        locations: { ...(o ? { old: { file: o.file, line: 1 } } : {}), ...(n ? { new: { file: n.file, line: 1 } } : {}) },
        ...(o ? { old: o } : {}),
        ...(n ? { new: n } : {}),
      });
      if (!o || !n) continue;
    }
    pairExports(o.exports, n.exports, subpath === '.' ? '' : `${subpath}:`, old, next, pairs, expanded);
  }
  for (const name of union(Object.keys(old.dependencies ?? {}), Object.keys(next.dependencies ?? {}))) {
    const o = old.dependencies?.[name];
    const n = next.dependencies?.[name];
    // The surface keeps no line of package.json: the finding points at the file that declares the range.
    const declared = { file: 'package.json', line: 1 };
    pairs.push({ on: 'dependency', path: name, stability: UNTAGGED, locations: location(o !== undefined ? declared : undefined, n !== undefined ? declared : undefined), ...(o ? { old: o } : {}), ...(n ? { new: n } : {}) });
  }
  for (const lib of union(Object.keys(old.libs ?? {}), Object.keys(next.libs ?? {}))) {
    const o = old.libs?.[lib];
    const n = next.libs?.[lib];
    const sides = { ...(o ? { old: o } : {}), ...(n ? { new: n } : {}) };
    pairs.push({ on: 'lib', path: `lib:${lib}`, lib, stability: UNTAGGED, locations: sides, ...sides });
  }
  for (const id of Object.keys(old.items)) {
    const o = old.items[id]!;
    const n = itemOf(next, id);
    if (n) pairItem(o, n, { old, new: next }, pairs);
    for (const other of corresponding.get(id) ?? []) pairItem(o, next.items[other]!, { old, new: next }, pairs);
  }
  return pairs;
}

function pairExports(
  oldExports: Record<string, ExportTarget>,
  newExports: Record<string, ExportTarget>,
  prefix: string,
  old: ApiSurface,
  next: ApiSurface,
  pairs: Pair[],
  expanded: Set<string>,
): void {
  for (const name of union(Object.keys(oldExports), Object.keys(newExports))) {
    const o = oldExports[name];
    const n = newExports[name];
    const oldItem = o && old.items[o.id];
    const newItem = n && next.items[n.id];
    pairs.push({
      on: 'export',
      path: prefix + name,
      stability: oldItem?.tags ?? UNTAGGED,
      locations: location(oldItem?.location, newItem?.location),
      ...(oldItem ? { old: { item: oldItem, typeOnly: o.typeOnly } } : {}),
      ...(newItem ? { new: { item: newItem, typeOnly: n.typeOnly } } : {}),
      ...(name === 'export=' && !o !== !n ? { defaultOnOtherSide: 'default' in (o ? newExports : oldExports) } : {}),
    });
    // A namespace merged into an export shows its members as added one by one; a namespace that is gone
    // altogether is one kind change, not a removal per member.
    // Namespaces can reach themselves (`export import Self = Ns`): each is expanded once, at its first path.
    if (newItem?.exports && oldItem?.id === newItem.id && !expanded.has(newItem.id)) {
      expanded.add(newItem.id);
      pairExports(oldItem?.exports ?? {}, newItem?.exports ?? {}, `${prefix}${name}.`, old, next, pairs, expanded);
    }
  }
}

type Surfaces = { old: ApiSurface; new: ApiSurface };

function pairItem(o: ApiItem, n: ApiItem, surfaces: Surfaces, pairs: Pair[]): void {
  const path = o.path;
  const stability = o.tags;
  const item: ItemPair = { on: 'item', path, old: o, new: n, stability, locations: location(o.location, n.location) };
  pairs.push(item);
  pairTypeParams(item, o.typeParams, n.typeParams, path, stability, pairs);
  const isClass = o.kinds.includes('class') && n.kinds.includes('class');
  const positions = isClass ? union<Position>(o.positions, ['output']) : o.positions;
  if (o.signatures && n.signatures) {
    pairSignatures(item, o.signatures, n.signatures, { path, stability, ...roles(positions) }, pairs);
  }
  if (o.constructors && n.constructors) {
    pairSignatures(item, o.constructors, n.constructors, { path: `${path}.constructor`, stability, callers: true, implementors: false, construct: true }, pairs);
  }
  if (o.members && n.members) {
    pairMembers(item, o.members, n.members, isClass ? 'class' : 'interface', positions, surfaces, pairs, o.statics ?? [], n.statics ?? []);
  }
  const valueMembers = o.valueType && n.valueType && unrelatedValueMembers(o.valueType, n.valueType, surfaces);
  if (valueMembers) {
    // Read on the value itself, as a class's statics are: consumers receive the value, they never construct it.
    pairMembers(item, valueMembers.old, valueMembers.new, 'static', ['output'], surfaces, pairs, [], [], true);
  }
  if (o.statics && n.statics) {
    pairMembers(item, o.statics, n.statics, 'static', ['output'], surfaces, pairs, o.members ?? [], n.members ?? []);
  }
  if (o.enumMembers && n.enumMembers) {
    const oldMembers = new Map(o.enumMembers.map((m) => [m.name, m]));
    const newMembers = new Map(n.enumMembers.map((m) => [m.name, m]));
    for (const name of union(oldMembers.keys(), newMembers.keys())) {
      const om = oldMembers.get(name);
      const nm = newMembers.get(name);
      pairs.push({
        on: 'enum-member',
        path: `${path}.${name}`,
        item,
        enumPositions: o.positions,
        stability: om?.tags ?? stability,
        locations: location(om?.location, nm?.location),
        ...(om ? { old: om } : {}),
        ...(nm ? { new: nm } : {}),
      });
    }
  }
}

function pairMembers(
  owner: ItemPair,
  oldMembers: Member[],
  newMembers: Member[],
  ownerKind: MemberPair['ownerKind'],
  ownerPositions: Position[],
  surfaces: Surfaces,
  pairs: Pair[],
  oldOtherSide: Member[],
  newOtherSide: Member[],
  /** Members of a value's type: each is the value's own, wherever its type declares it. */
  ownMembers = false,
): void {
  const ownerId = owner.old.id;
  const olds = new Map(oldMembers.map((m) => [m.name, m]));
  const news = new Map(newMembers.map((m) => [m.name, m]));
  for (const name of union(olds.keys(), news.keys())) {
    const o = olds.get(name);
    const n = news.get(name);
    if ((o?.visibility ?? 'private') === 'private' && (n?.visibility ?? 'private') === 'private') continue;
    if (!ownMembers && (reportedAtBase(o, n, ownerId, surfaces) || arrivesThroughSharedBase(o, n, owner, ownerKind, surfaces))) continue;
    const path = memberPath(owner.path, name, (o ?? n)!.kind);
    const staticCounterpart = !n && o ? newOtherSide.find((m) => m.name === name) : !o && n ? oldOtherSide.find((m) => m.name === name) : undefined;
    const stability = o?.tags ?? owner.stability;
    const pair: MemberPair = {
      on: 'member',
      path,
      owner,
      ownerKind,
      ownerPositions,
      stability,
      // A member of a type written inline (a variable's `{ stderr: Chalk }`) is located by its owner.
      locations: location(o?.location ?? (o && owner.locations.old), n?.location ?? (n && owner.locations.new)),
      ...(o ? { old: o } : {}),
      ...(n ? { new: n } : {}),
      ...(staticCounterpart ? { staticCounterpart } : {}),
    };
    pairs.push(pair);
    const kind = (o ?? n)!.kind;
    if (kind === 'call' || kind === 'construct') {
      const calledPath = kind === 'call' ? `${owner.path}()` : `new ${owner.path}()`;
      const implementors = ownerKind === 'interface' && ownerPositions.includes('input');
      pairSignatures(pair, o?.signatures ?? [], n?.signatures ?? [], { path: calledPath, stability, callers: true, implementors }, pairs);
    } else if (o?.signatures && n?.signatures) {
      // Consumers implement a type they construct; class methods are implemented by the class itself.
      const implementors = ownerKind === 'interface' ? ownerPositions.includes('input') : o.abstract;
      pairSignatures(pair, o.signatures, n.signatures, { path, stability, callers: true, implementors }, pairs);
    } else if (o?.type && n?.type) {
      pair.comparedBySignature = pairCallbackSignatures(pair, o.type, n.type, path, stability, memberPosition(o, ownerPositions), pairs);
    }
  }
}

/**
 * A member inherited from another named type of the package is that type's business: it is reported where
 * it is declared, unless the owner gained or lost it through a change of its own heritage.
 */
function reportedAtBase(o: Member | undefined, n: Member | undefined, ownerId: string, surfaces: Surfaces): boolean {
  if (o && n) return !!o.declaredIn && o.declaredIn === n.declaredIn && o.declaredIn !== ownerId;
  const member = (o ?? n)!;
  const base = member.declaredIn;
  if (!base || base === ownerId) return false;
  if (base.startsWith('external:')) return !o;
  const otherSide = itemOf(surfaces[o ? 'new' : 'old'], base);
  return otherSide !== undefined && !otherSide.members?.some((m) => m.name === member.name);
}

/**
 * A member one side has and the other lacks that the owner inherits through a direct base present in both
 * releases is that base's change: the base's own pair reports it (or passes it on to its own base), once, however
 * many types extend it. Only an owner whose own heritage brought or lost the member reports it.
 */
function arrivesThroughSharedBase(o: Member | undefined, n: Member | undefined, owner: ItemPair, ownerKind: MemberPair['ownerKind'], surfaces: Surfaces): boolean {
  if (o && n) return false;
  const member = (o ?? n)!;
  const side = o ? 'old' : 'new';
  const other = o ? 'new' : 'old';
  return (owner[side].bases ?? []).some((base) => {
    if (base.k !== 'ref' || base.id === owner[side].id || !surfaces[other].items[base.id]) return false;
    const carried = ownerKind === 'static' ? surfaces[side].items[base.id]?.statics : surfaces[side].items[base.id]?.members;
    return carried?.some((m) => m.name === member.name && m.declaredIn === member.declaredIn) ?? false;
  });
}

/**
 * An exported value whose type became one that shares no named type with the old one (chalk's `export =`
 * value and its ES default) would be one opaque type change: its members are compared one by one instead,
 * as a named type's are. Only types made of object types and references to non-generic interfaces and
 * classes are taken apart; a type that keeps a named type is explained at that type.
 */
function unrelatedValueMembers(oldType: TypeExpr, newType: TypeExpr, surfaces: Surfaces): { old: Member[]; new: Member[] } | undefined {
  const oldParts = constituents(oldType);
  const newParts = constituents(newType);
  if (!oldParts.some((t) => t.k === 'object') && !newParts.some((t) => t.k === 'object') && oldParts.length === 1 && newParts.length === 1) return undefined;
  // Inline object types on both sides stay one type change (a `typeof Class.create` value is one, and its changes
  // are reported at the class): only a value whose named types changed is taken apart.
  if (![...oldParts, ...newParts].some((t) => t.k === 'ref')) return undefined;
  const newRefs = new Set(newParts.flatMap((t) => (t.k === 'ref' ? [t.id] : [])));
  if (oldParts.some((t) => t.k === 'ref' && newRefs.has(t.id))) return undefined;
  const old = flatMembers(oldParts, surfaces.old);
  const next = flatMembers(newParts, surfaces.new);
  return old && next ? { old, new: next } : undefined;
}

/** The call signatures of a function type written inline, the shape callbacks have. */
function functionSignatures(type: TypeExpr): Signature[] | undefined {
  if (type.k !== 'object' || type.members.length !== 1 || type.members[0]!.kind !== 'call') return undefined;
  return type.members[0]!.signatures;
}

/**
 * Callbacks are compared signature by signature, so a change is reported at the parameter of the callback
 * that changed (`on(listener)(event)`), judged in the callback's own position: a function consumers pass
 * in is one they implement.
 */
function pairCallbackSignatures(
  parent: MemberPair | ParamPair,
  oldType: TypeExpr,
  newType: TypeExpr,
  path: string,
  stability: Tags,
  positions: Position[],
  pairs: Pair[],
): boolean {
  const olds = functionSignatures(oldType);
  const news = functionSignatures(newType);
  if (!olds || !news) return false;
  pairSignatures(parent, olds, news, { path, stability, ...roles(positions) }, pairs);
  return true;
}

function memberPath(owner: string, name: string, kind: Member['kind']): string {
  if (kind === 'call') return `${owner}()`;
  if (kind === 'construct') return `new ${owner}()`;
  if (kind === 'index') return `${owner}${name}`;
  return `${owner}.${name}`;
}

/** Where a group of signatures sits and who meets it, shared by every pair made from the group. */
interface SignatureGroup {
  path: string;
  stability: Tags;
  callers: boolean;
  implementors: boolean;
  construct?: boolean;
}

/** Signatures in these positions are called by consumers (output) and/or implemented by them (input). */
function roles(positions: Position[]): Pick<SignatureGroup, 'callers' | 'implementors'> {
  return { callers: positions.includes('output'), implementors: positions.includes('input') };
}

/**
 * Overloads have no names: identical ones pair first, then the rest in order; what is left over on one side
 * was added or removed.
 */
function pairSignatures(
  parent: SignaturePair['parent'],
  olds: Signature[],
  news: Signature[],
  { path, stability, callers, implementors, construct = false }: SignatureGroup,
  pairs: Pair[],
): void {
  const remainingNew = [...news];
  const unmatchedOld: Signature[] = [];
  const matched: Array<[Signature | undefined, Signature | undefined]> = [];
  for (const o of olds) {
    const i = remainingNew.findIndex((n) => signatureKey(n) === signatureKey(o));
    if (i >= 0) matched.push([o, remainingNew.splice(i, 1)[0]!]);
    else unmatchedOld.push(o);
  }
  const count = Math.max(unmatchedOld.length, remainingNew.length);
  const leftovers: Array<[Signature | undefined, Signature | undefined]> = [];
  for (let i = 0; i < count; i++) leftovers.push([unmatchedOld[i], remainingNew[i]]);
  for (const [o, given] of [...matched, ...leftovers]) {
    const n = o && given && implementors && !callers ? inOldOrder(o, given, scopeDepth(parent)) : given;
    const pair: SignaturePair = {
      on: 'signature',
      path,
      parent,
      callers,
      implementors,
      construct,
      stability: o?.tags ?? stability,
      // A method's signatures are located by the member that declares them: every finding needs a place.
      locations: location(o?.location ?? (o && parent.locations.old), n?.location ?? (n && parent.locations.new)),
      ...(o ? { old: o } : {}),
      ...(n ? { new: n } : {}),
    };
    pairs.push(pair);
    if (!o || !n) continue;
    pairTypeParams(pair, o.typeParams, n.typeParams, path, pair.stability, pairs);
    const length = Math.max(o.params.length, n.params.length);
    for (let index = 0; index < length; index++) {
      const op = o.params[index];
      const np = n.params[index];
      const paramPair: ParamPair = {
        on: 'param',
        path: `${path}(${(op ?? np)!.name})`,
        signature: pair,
        index,
        stability: pair.stability,
        locations: pair.locations,
        ...(op ? { old: op } : {}),
        ...(np ? { new: np } : {}),
      };
      pairs.push(paramPair);
      if (op && np && op.rest === np.rest) {
        const positions = flip(signaturePositions(callers, implementors));
        paramPair.comparedBySignature = pairCallbackSignatures(paramPair, op.type, np.type, paramPair.path, pair.stability, positions, pairs);
      }
    }
  }
}

/** How many generic scopes enclose a signature of this parent, as the converter counted them when naming type parameters. */
function scopeDepth(parent: SignaturePair['parent']): number {
  if (parent.on === 'item') return parent.old.typeParams.length ? 1 : 0;
  if (parent.on === 'member') return parent.owner.old.typeParams.length ? 1 : 0;
  const outer = parent.signature;
  return scopeDepth(outer.parent) + (outer.old?.typeParams.length ? 1 : 0);
}

function pairTypeParams(parent: TypeParamPair['parent'], olds: TypeParam[], news: TypeParam[], path: string, stability: Tags, pairs: Pair[]): void {
  const length = Math.max(olds.length, news.length);
  for (let i = 0; i < length; i++) {
    const o = olds[i];
    const n = news[i];
    pairs.push({
      on: 'type-param',
      path: `${path}<${(o ?? n)!.name}>`,
      parent,
      stability,
      // Type parameters are written on their declaration's line.
      locations: { ...(o && parent.locations.old ? { old: parent.locations.old } : {}), ...(n && parent.locations.new ? { new: parent.locations.new } : {}) },
      ...(o ? { old: o } : {}),
      ...(n ? { new: n } : {}),
    });
  }
}

function location(o: Location | undefined, n: Location | undefined): PairBase['locations'] {
  return { ...(o ? { old: o } : {}), ...(n ? { new: n } : {}) };
}

function union<T extends string>(a: Iterable<T>, b: Iterable<T>): T[] {
  return [...new Set([...a, ...b])].sort();
}
