import type {
  ApiItem,
  ApiSurface,
  EntrySurface,
  EnumMember,
  ExportTarget,
  Location,
  Member,
  Param,
  Position,
  ReleaseTag,
  Signature,
  TypeParam,
} from '../model/surface.js';
import { signatureKey } from '../model/type-expr.js';

interface PairBase {
  path: string;
  /** The old release's stability of what contains the change: breaking changes to `@beta`/`@alpha` API are capped. */
  stability: ReleaseTag;
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
  /** The same name on the other side of static/instance, when the member moved there. */
  moved?: Member;
}
export interface SignaturePair extends PairBase {
  on: 'signature';
  old?: Signature;
  new?: Signature;
  /** Consumers call it (it is handed to them) and/or implement it (they hand it to the package). */
  callers: boolean;
  implementors: boolean;
}
export interface ParamPair extends PairBase {
  on: 'param';
  signature: SignaturePair;
  index: number;
  old?: Param;
  new?: Param;
}
export interface TypeParamPair extends PairBase {
  on: 'type-param';
  /** True for a generic function's own parameters, which callers usually leave to inference. */
  inferred: boolean;
  old?: TypeParam;
  new?: TypeParam;
}
export interface EnumMemberPair extends PairBase {
  on: 'enum-member';
  enumPositions: Position[];
  old?: EnumMember;
  new?: EnumMember;
}

export type Pair = EntryPair | ExportPair | ItemPair | MemberPair | SignaturePair | ParamPair | TypeParamPair | EnumMemberPair;
export type PairKind = Pair['on'];

/** Pairs old and new by API path, leaving `undefined` on the side where something is missing. */
export function pairSurfaces(old: ApiSurface, next: ApiSurface): Pair[] {
  const pairs: Pair[] = [];
  const oldEntries = new Map(old.entries.map((e) => [e.subpath, e]));
  const newEntries = new Map(next.entries.map((e) => [e.subpath, e]));
  for (const subpath of union(oldEntries.keys(), newEntries.keys())) {
    const o = oldEntries.get(subpath);
    const n = newEntries.get(subpath);
    if (!o || !n) {
      pairs.push({
        on: 'entry',
        path: subpath,
        stability: 'public',
        locations: { ...(o ? { old: { file: o.file, line: 1 } } : {}), ...(n ? { new: { file: n.file, line: 1 } } : {}) },
        ...(o ? { old: o } : {}),
        ...(n ? { new: n } : {}),
      });
      continue;
    }
    pairExports(o.exports, n.exports, subpath === '.' ? '' : `${subpath}:`, old, next, pairs);
  }
  for (const id of Object.keys(old.items)) {
    const o = old.items[id]!;
    const n = next.items[id];
    if (n) pairItem(o, n, pairs);
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
): void {
  for (const name of union(Object.keys(oldExports), Object.keys(newExports))) {
    const o = oldExports[name];
    const n = newExports[name];
    const oldItem = o && old.items[o.id];
    const newItem = n && next.items[n.id];
    pairs.push({
      on: 'export',
      path: prefix + name,
      stability: oldItem?.tags.release ?? 'public',
      locations: location(oldItem?.location, newItem?.location),
      ...(oldItem ? { old: { item: oldItem, typeOnly: o!.typeOnly } } : {}),
      ...(newItem ? { new: { item: newItem, typeOnly: n!.typeOnly } } : {}),
    });
    if (oldItem?.exports && newItem?.exports && oldItem.id === newItem.id) {
      pairExports(oldItem.exports, newItem.exports, `${prefix}${name}.`, old, next, pairs);
    }
  }
}

function pairItem(o: ApiItem, n: ApiItem, pairs: Pair[]): void {
  const path = o.path;
  const stability = o.tags.release;
  const item: ItemPair = { on: 'item', path, old: o, new: n, stability, locations: location(o.location, n.location) };
  pairs.push(item);
  pairTypeParams(o.typeParams, n.typeParams, path, stability, false, pairs);
  const isClass = o.kinds.includes('class') && n.kinds.includes('class');
  const positions = isClass ? union(o.positions, ['output']) as Position[] : o.positions;
  if (o.signatures && n.signatures) {
    pairSignatures(o.signatures, n.signatures, path, stability, positions.includes('output'), positions.includes('input'), pairs);
  }
  if (o.constructors && n.constructors) {
    pairSignatures(o.constructors, n.constructors, `${path}.constructor`, stability, true, false, pairs);
  }
  if (o.members && n.members) {
    pairMembers(item, o.members, n.members, isClass ? 'class' : 'interface', positions, pairs, o.statics ?? [], n.statics ?? []);
  }
  if (o.statics && n.statics) pairMembers(item, o.statics, n.statics, 'static', ['output'], pairs, o.members ?? [], n.members ?? []);
  if (o.enumMembers && n.enumMembers) {
    const oldMembers = new Map(o.enumMembers.map((m) => [m.name, m]));
    const newMembers = new Map(n.enumMembers.map((m) => [m.name, m]));
    for (const name of union(oldMembers.keys(), newMembers.keys())) {
      const om = oldMembers.get(name);
      const nm = newMembers.get(name);
      pairs.push({
        on: 'enum-member',
        path: `${path}.${name}`,
        enumPositions: o.positions,
        stability: om?.tags?.release ?? stability,
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
  pairs: Pair[],
  oldOtherSide: Member[],
  newOtherSide: Member[],
): void {
  const ownerId = owner.old.id;
  const byName = (members: Member[]) => new Map(members.filter((m) => m.visibility !== 'private').map((m) => [m.name, m]));
  const olds = byName(oldMembers);
  const news = byName(newMembers);
  for (const name of union(olds.keys(), news.keys())) {
    const o = olds.get(name);
    const n = news.get(name);
    // A member inherited on both sides from the same named type is reported at that type, once.
    if (o && n && o.declaredIn && o.declaredIn === n.declaredIn && o.declaredIn !== ownerId) continue;
    if (!o && n?.declaredIn?.startsWith('external:')) continue;
    const path = memberPath(owner.path, name);
    const moved = !n && o ? newOtherSide.find((m) => m.name === name) : !o && n ? oldOtherSide.find((m) => m.name === name) : undefined;
    const stability = o?.tags?.release ?? owner.stability;
    const pair: MemberPair = {
      on: 'member',
      path,
      owner,
      ownerKind,
      ownerPositions,
      stability,
      locations: location(o?.location, n?.location),
      ...(o ? { old: o } : {}),
      ...(n ? { new: n } : {}),
      ...(moved ? { moved } : {}),
    };
    pairs.push(pair);
    if (o?.signatures && n?.signatures) {
      const signaturePositions = o.kind === 'method' || o.kind === 'call' ? ownerPositions : ['output'];
      // Consumers implement a type they construct; class methods are implemented by the class itself.
      const implementors = ownerKind === 'interface' ? signaturePositions.includes('input') : o.abstract;
      const calledPath = o.kind === 'call' ? `${owner.path}()` : o.kind === 'construct' ? `new ${owner.path}()` : path;
      pairSignatures(o.signatures, n.signatures, calledPath, stability, true, implementors, pairs);
    }
  }
}

function memberPath(owner: string, name: string): string {
  if (name === '()') return `${owner}()`;
  if (name === 'new()') return `new ${owner}()`;
  if (name.startsWith('[')) return `${owner}${name}`;
  return `${owner}.${name}`;
}

/**
 * Overloads have no names: identical ones pair first, then the rest in order; what is left over on one side
 * was added or removed.
 */
function pairSignatures(
  olds: Signature[],
  news: Signature[],
  path: string,
  stability: ReleaseTag,
  callers: boolean,
  implementors: boolean,
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
  for (const [o, n] of [...matched, ...leftovers]) {
    const pair: SignaturePair = {
      on: 'signature',
      path,
      callers,
      implementors,
      stability: o?.tags?.release ?? stability,
      locations: location(o?.location, n?.location),
      ...(o ? { old: o } : {}),
      ...(n ? { new: n } : {}),
    };
    pairs.push(pair);
    if (!o || !n) continue;
    pairTypeParams(o.typeParams, n.typeParams, path, pair.stability, true, pairs);
    const length = Math.max(o.params.length, n.params.length);
    for (let index = 0; index < length; index++) {
      const op = o.params[index];
      const np = n.params[index];
      pairs.push({
        on: 'param',
        path: `${path}(${(op ?? np)!.name})`,
        signature: pair,
        index,
        stability: pair.stability,
        locations: pair.locations,
        ...(op ? { old: op } : {}),
        ...(np ? { new: np } : {}),
      });
    }
  }
}

function pairTypeParams(olds: TypeParam[], news: TypeParam[], path: string, stability: ReleaseTag, inferred: boolean, pairs: Pair[]): void {
  const length = Math.max(olds.length, news.length);
  for (let i = 0; i < length; i++) {
    const o = olds[i];
    const n = news[i];
    pairs.push({
      on: 'type-param',
      path: `${path}<${(o ?? n)!.name}>`,
      inferred,
      stability,
      locations: {},
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
