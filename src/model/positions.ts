import type { ApiItem, EntrySurface, Member, Position, Signature, TypeExpr } from './surface.js';

const BOTH: Position[] = ['input', 'output'];

/**
 * Fills `positions` on every item: where consumers meet the type. Values the package exports are outputs;
 * parameters flip the position of what they contain; a mutable property of an object consumers receive can
 * be written back, so it is met both ways. A named type takes the union of the positions it is reached
 * from, and an exported type that nothing reaches counts as both (consumers can build and receive it).
 */
export function computePositions(entries: EntrySurface[], items: Record<string, ApiItem>): void {
  const walk = new PositionWalk(items);
  const exported = exportedItems(entries, items);
  for (const item of exported) walk.seed(item);
  for (const item of exported) if (item.positions.length === 0) walk.add(item.id, BOTH);
}

function exportedItems(entries: EntrySurface[], items: Record<string, ApiItem>): ApiItem[] {
  const seen = new Set<string>();
  const result: ApiItem[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const item = items[id]!;
    result.push(item);
    for (const target of Object.values(item.exports ?? {})) visit(target.id);
  };
  for (const entry of entries) for (const target of Object.values(entry.exports)) visit(target.id);
  return result;
}

class PositionWalk {
  constructor(private readonly items: Record<string, ApiItem>) {}

  seed(item: ApiItem): void {
    if (item.kinds.some((k) => k === 'function' || k === 'variable' || k === 'class')) this.add(item.id, ['output']);
    for (const signature of item.constructors ?? []) this.signature(signature, ['output']);
    this.members(item.statics ?? [], ['output']);
  }

  add(id: string, positions: Position[]): void {
    const item = this.items[id];
    if (!item) return;
    const added = positions.filter((p) => !item.positions.includes(p));
    if (added.length === 0) return;
    item.positions = BOTH.filter((p) => item.positions.includes(p) || added.includes(p));
    for (const signature of item.signatures ?? []) this.signature(signature, added);
    if (item.valueType) this.type(item.valueType, added);
    if (item.alias) this.type(item.alias, added);
    for (const base of item.bases ?? []) this.type(base, added);
    this.members(item.members ?? [], added);
    for (const param of item.typeParams) {
      if (param.constraint) this.type(param.constraint, added);
      if (param.default) this.type(param.default, added);
    }
  }

  private type(type: TypeExpr, positions: Position[]): void {
    switch (type.k) {
      case 'ref':
        this.add(type.id, positions);
        for (const arg of type.args ?? []) this.type(arg, positions);
        return;
      case 'enum-member':
        this.add(type.id, positions);
        return;
      case 'external':
        for (const arg of type.args ?? []) this.type(arg, positions);
        return;
      case 'union':
      case 'intersection':
        for (const t of type.types) this.type(t, positions);
        return;
      case 'array':
        this.type(type.elem, positions);
        return;
      case 'tuple':
        for (const e of type.elems) this.type(e.type, positions);
        return;
      case 'object':
        this.members(type.members, positions);
        return;
      case 'predicate':
        this.type(type.type, positions);
        return;
      default:
        return;
    }
  }

  private members(members: Member[], positions: Position[]): void {
    for (const member of members) {
      if (member.visibility === 'private') continue;
      if (member.type) this.type(member.type, memberPosition(member, positions));
      for (const signature of member.signatures ?? []) this.signature(signature, positions);
    }
  }

  private signature(signature: Signature, positions: Position[]): void {
    const flipped = flip(positions);
    for (const param of signature.params) this.type(param.type, flipped);
    for (const param of signature.typeParams) if (param.constraint) this.type(param.constraint, flipped);
    this.type(signature.returns, positions);
  }
}

/** Positions seen from the values of a signature: callers receive its results, implementors receive its arguments. */
export function signaturePositions(callers: boolean, implementors: boolean): Position[] {
  return [...(implementors ? (['input'] as const) : []), ...(callers ? (['output'] as const) : [])];
}

export function flip(positions: readonly Position[]): Position[] {
  return BOTH.filter((p) => positions.includes(p === 'input' ? 'output' : 'input'));
}

/**
 * A property consumers can write on an object they receive is met both ways; on an object they only pass in it
 * stays an input (README, "Decisions where semver-ts is silent").
 */
export function memberPosition(member: Member, owner: readonly Position[]): Position[] {
  return !member.readonly && owner.includes('output') ? BOTH : [...owner];
}
