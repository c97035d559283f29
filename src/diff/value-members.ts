import type { ApiSurface, Member, TypeExpr } from '../model/surface.js';

// The members a value's type shows consumers, for types simple enough to take apart without the checker.

export function constituents(type: TypeExpr): TypeExpr[] {
  return type.k === 'intersection' ? type.types : [type];
}

/** The members of an intersection of object types and plain interfaces or classes, the first of a name winning as the checker's apparent type has it. */
export function flatMembers(parts: TypeExpr[], surface: ApiSurface): Member[] | undefined {
  const byName = new Map<string, Member>();
  for (const part of parts) {
    const members =
      part.k === 'object'
        ? part.members
        : part.k === 'ref' && !part.args?.length && !surface.items[part.id]?.typeParams.length
          ? surface.items[part.id]?.members
          : undefined;
    if (!members) return undefined;
    for (const member of members) if (!byName.has(member.name)) byName.set(member.name, member);
  }
  return [...byName.values()];
}
