import type { ApiSurface, Member, Signature, TypeExpr } from './surface.js';
import { normalizeUnion, typeKey } from './type-expr.js';

/**
 * How the new release's type relates to the old one's: `wider` accepts every old value and more,
 * `narrower` only some of them. `undecided` means the model could not tell (a type kept as text, or the
 * step budget ran out): rules treat it as the worst case and say so.
 */
export type Relation = 'equal' | 'wider' | 'narrower' | 'unrelated' | 'undecided';

type Side = 'old' | 'new';

/** Bounds the work for one question, so deep recursive type machinery cannot hang the tool. */
const STEP_BUDGET = 20_000;

/**
 * Assignability between the two releases, with named types corresponding by id: `ref C` on the old side
 * and `ref C` on the new side are the same type here, whatever happened inside C (that is reported at C).
 * This is what the checker cannot do across two Programs, and why classes with private members (nominal
 * in the checker) still compare.
 */
export class Relator {
  private readonly assumed = new Set<string>();
  private steps = 0;
  private exhausted = false;
  private opaque = false;
  /** How many pairs of types were compared in all: the scaling guard counts this. */
  comparisons = 0;

  constructor(private readonly surfaces: Record<Side, ApiSurface>) {}

  relate(oldType: TypeExpr, newType: TypeExpr): Relation {
    if (typeKey(oldType) === typeKey(newType)) return 'equal';
    this.steps = 0;
    this.exhausted = false;
    this.opaque = false;
    const narrower = this.sub(newType, 'new', oldType, 'old');
    const wider = this.sub(oldType, 'old', newType, 'new');
    if (this.exhausted) return 'undecided';
    if (narrower && wider) return 'equal';
    if (wider) return 'wider';
    if (narrower) return 'narrower';
    return this.opaque ? 'undecided' : 'unrelated';
  }

  /** Is every value of `s` (on its side) a value of `t` (on its side)? */
  private sub(s: TypeExpr, sSide: Side, t: TypeExpr, tSide: Side): boolean {
    this.comparisons++;
    if (++this.steps > STEP_BUDGET) {
      this.exhausted = true;
      return false;
    }
    const sKey = typeKey(s);
    const tKey = typeKey(t);
    if (sKey === tKey) return true;
    const pairKey = `${sSide}:${sKey}\u0000${tSide}:${tKey}`;
    // Coinduction: a recursive type is related to another if assuming so leads to no contradiction.
    if (this.assumed.has(pairKey)) return true;
    this.assumed.add(pairKey);
    try {
      return this.subUncached(s, sSide, t, tSide);
    } finally {
      this.assumed.delete(pairKey);
    }
  }

  private subUncached(s: TypeExpr, sSide: Side, t: TypeExpr, tSide: Side): boolean {
    if (t.k === 'prim' && (t.name === 'any' || t.name === 'unknown')) return true;
    if (s.k === 'prim' && (s.name === 'never' || s.name === 'any')) return s.name === 'never';
    if (s.k === 'union') return s.types.every((m) => this.sub(m, sSide, t, tSide));
    if (s.k === 'text' || t.k === 'text') {
      this.opaque = true;
      return false;
    }
    if (t.k === 'intersection') return t.types.every((m) => this.sub(s, sSide, m, tSide));
    if (s.k === 'intersection') {
      if (s.types.some((m) => this.sub(m, sSide, t, tSide))) return true;
      const merged = this.mergeObjects(s.types, sSide);
      return merged !== undefined && this.sub(merged, sSide, t, tSide);
    }
    if (t.k === 'union') {
      if (t.types.some((m) => this.sub(s, sSide, m, tSide))) return true;
      const expanded = this.expand(s, sSide);
      return expanded !== undefined && expanded.k === 'union' && this.sub(expanded, sSide, t, tSide);
    }
    if (s.k === 'ref' && t.k === 'ref' && s.id === t.id) {
      // The same generic with other arguments: how they relate depends on where the type uses its parameter
      // (a callback parameter makes it contravariant), so both are opened up under one definition, the
      // source's, leaving changes to the definition itself to be reported at the type.
      const source = this.expand(s, sSide);
      const target = this.expand(t, sSide);
      if (source && target) return this.sub(source, sSide, target, tSide);
      return (s.args ?? []).every((arg, i) => {
        const other = t.args?.[i];
        return other !== undefined && this.sub(arg, sSide, other, tSide);
      });
    }
    if (s.k === 'ref' || s.k === 'enum-member') {
      const expanded = this.expand(s, sSide);
      if (expanded && this.sub(expanded, sSide, t, tSide)) return true;
      if (s.k === 'enum-member') return t.k === 'prim' && this.enumMemberPrimitive(s, sSide) === t.name;
      return false;
    }
    if (t.k === 'ref') {
      const expanded = this.expand(t, tSide);
      return expanded !== undefined && this.sub(s, sSide, expanded, tSide);
    }
    if (s.k === 'predicate' && t.k === 'prim' && t.name === 'boolean') return !s.asserts;
    switch (t.k) {
      case 'prim':
        return primitiveContains(t.name, s);
      case 'lit':
        return s.k === 'lit' && s.value === t.value;
      case 'enum-member':
        return false;
      case 'external':
        return (
          s.k === 'external' &&
          s.pkg === t.pkg &&
          s.name === t.name &&
          (s.args ?? []).length === (t.args ?? []).length &&
          (s.args ?? []).every((arg, i) => this.sub(arg, sSide, t.args![i]!, tSide))
        );
      case 'array':
        if (s.k === 'array') return (t.readonly || !s.readonly) && this.sub(s.elem, sSide, t.elem, tSide);
        if (s.k === 'tuple') return (t.readonly || !s.readonly) && s.elems.every((e) => this.sub(e.type, sSide, t.elem, tSide));
        return false;
      case 'tuple':
        return s.k === 'tuple' && this.tupleSub(s, sSide, t, tSide);
      case 'object':
        return this.objectSub(s, sSide, t, tSide);
      case 'typeparam':
        return false;
      case 'predicate':
        return s.k === 'predicate' && s.param === t.param && s.asserts === t.asserts && this.sub(s.type, sSide, t.type, tSide);
      default:
        return false;
    }
  }

  private tupleSub(s: Extract<TypeExpr, { k: 'tuple' }>, sSide: Side, t: Extract<TypeExpr, { k: 'tuple' }>, tSide: Side): boolean {
    if (s.readonly && !t.readonly) return false;
    if (s.elems.length > t.elems.length && !t.elems.some((e) => e.rest)) return false;
    return t.elems.every((te, i) => {
      const se = s.elems[i];
      if (!se) return te.optional || te.rest;
      if (se.optional && !te.optional) return false;
      return this.sub(se.type, sSide, te.type, tSide);
    });
  }

  private objectSub(s: TypeExpr, sSide: Side, t: Extract<TypeExpr, { k: 'object' }>, tSide: Side): boolean {
    const source = s.k === 'object' ? s : this.expand(s, sSide);
    if (!source || source.k !== 'object') return false;
    for (const tm of t.members) {
      const sm = source.members.find((m) => m.name === tm.name);
      // A private member makes a class nominal: only the same declaration satisfies it.
      if (tm.visibility === 'private') {
        if (!sm || sm.visibility !== 'private' || sm.declaredIn !== tm.declaredIn) return false;
        continue;
      }
      if (!sm) {
        if (tm.optional) continue;
        if (tm.kind === 'index') {
          // An object without an index signature is assignable when its known properties fit the index type.
          const ok = source.members.every((m) => m.kind !== 'property' || !m.type || this.sub(m.type, sSide, tm.type!, tSide));
          if (ok) continue;
        }
        return false;
      }
      if (sm.optional && !tm.optional) return false;
      if (!this.memberSub(sm, sSide, tm, tSide)) return false;
    }
    return true;
  }

  private memberSub(sm: Member, sSide: Side, tm: Member, tSide: Side): boolean {
    if (sm.type && tm.type) return this.sub(sm.type, sSide, tm.type, tSide);
    const sSigs = this.callSignatures(sm, sSide);
    const tSigs = this.callSignatures(tm, tSide);
    if (!sSigs || !tSigs) return false;
    return tSigs.every((ts) => sSigs.some((ss) => this.signatureSub(ss, sSide, ts, tSide)));
  }

  private callSignatures(member: Member, side: Side): Signature[] | undefined {
    if (member.signatures) return member.signatures;
    const type = member.type && (member.type.k === 'object' ? member.type : this.expand(member.type, side));
    return type?.k === 'object' ? type.members.find((m) => m.kind === 'call')?.signatures : undefined;
  }

  /** Can a function of signature `s` be used where `t` is expected? Parameters are compared contravariantly. */
  signatureSub(s: Signature, sSide: Side, t: Signature, tSide: Side): boolean {
    if (s.typeParams.length !== t.typeParams.length) return false;
    const required = s.params.filter((p) => !p.optional && !p.rest).length;
    const tHasRest = t.params.some((p) => p.rest);
    if (required > t.params.length && !tHasRest) return false;
    for (let i = 0; i < t.params.length; i++) {
      const tp = t.params[i]!;
      const sp = s.params[i] ?? (s.params.at(-1)?.rest ? s.params.at(-1) : undefined);
      if (!sp) {
        if (tp.optional || tp.rest) continue;
        return false;
      }
      if (!this.sub(paramValue(tp), tSide, paramValue(sp), sSide)) return false;
    }
    if (t.returns.k === 'prim' && t.returns.name === 'void') return true;
    return this.sub(s.returns, sSide, t.returns, tSide);
  }

  /** Named types opened up: interfaces and classes to their members, aliases to their bodies, enums to their members. */
  private expand(type: TypeExpr, side: Side): TypeExpr | undefined {
    if (type.k === 'enum-member') return undefined;
    if (type.k !== 'ref') return undefined;
    const item = this.surfaces[side].items[type.id];
    if (!item) return undefined;
    const bindings = new Map<string, TypeExpr>();
    item.typeParams.forEach((p, i) => {
      const value = type.args?.[i] ?? p.default;
      if (value) bindings.set(`#${i}`, value);
    });
    if (item.alias) return substitute(item.alias, bindings);
    if (item.enumMembers) {
      return normalizeUnion(item.enumMembers.map((m) => ({ k: 'enum-member', id: item.id, member: m.name })));
    }
    if (item.members) return substitute({ k: 'object', members: item.members.filter((m) => m.visibility !== 'protected') }, bindings);
    return undefined;
  }

  private mergeObjects(types: TypeExpr[], side: Side): TypeExpr | undefined {
    const members: Member[] = [];
    for (const type of types) {
      const object = type.k === 'object' ? type : this.expand(type, side);
      if (!object || object.k !== 'object') return undefined;
      members.push(...object.members.filter((m) => !members.some((existing) => existing.name === m.name)));
    }
    return { k: 'object', members };
  }

  private enumMemberPrimitive(type: Extract<TypeExpr, { k: 'enum-member' }>, side: Side): string | undefined {
    const value = this.surfaces[side].items[type.id]?.enumMembers?.find((m) => m.name === type.member)?.value;
    if (value === undefined) return undefined;
    return value.startsWith('"') ? 'string' : 'number';
  }
}

/** A rest parameter `...xs: T[]` takes values of T one by one. */
function paramValue(param: { type: TypeExpr; rest: boolean }): TypeExpr {
  return param.rest && param.type.k === 'array' ? param.type.elem : param.type;
}

function primitiveContains(name: string, s: TypeExpr): boolean {
  if (s.k === 'prim') return s.name === name || (name === 'void' && s.name === 'undefined');
  if (s.k === 'lit') {
    if (name === 'string') return s.value.startsWith('"');
    if (name === 'boolean') return s.value === 'true' || s.value === 'false';
    if (name === 'bigint') return s.value.endsWith('n');
    if (name === 'number') return /^-?[\d.]/.test(s.value) && !s.value.endsWith('n');
    return false;
  }
  if (name === 'object') return ['object', 'array', 'tuple', 'ref', 'external'].includes(s.k);
  return false;
}

/**
 * Replaces a generic item's positional parameters (`#0`, `#1`) with the arguments of a reference. The
 * arguments themselves are not walked again: they may mention the caller's own `#0`.
 */
export function substitute(type: TypeExpr, bindings: Map<string, TypeExpr>): TypeExpr {
  if (bindings.size === 0) return type;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    if ((value as TypeExpr).k === 'typeparam') {
      const bound = bindings.get((value as { name: string }).name);
      if (bound) return bound;
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
  };
  return walk(type) as TypeExpr;
}
