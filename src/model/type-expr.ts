import type { Member, Signature, TypeExpr } from './surface.js';

/**
 * A canonical string for a type: equal keys mean the same type in the same release's terms. Member and
 * signature texts and locations are left out, so that only what the type says counts.
 */
export function typeKey(type: TypeExpr): string {
  switch (type.k) {
    case 'prim':
      return type.name;
    case 'lit':
      return type.value;
    case 'union':
      return type.types.map(typeKey).join(' | ');
    case 'intersection':
      return type.types.map(typeKey).sort().join(' & ');
    case 'ref':
      return `ref:${type.id}${argsKey(type.args)}`;
    case 'external':
      return `${type.pkg}:${type.name}${argsKey(type.args)}`;
    case 'enum-member':
      return `ref:${type.id}.${type.member}`;
    case 'array':
      return `${type.readonly ? 'readonly ' : ''}(${typeKey(type.elem)})[]`;
    case 'tuple':
      return `${type.readonly ? 'readonly ' : ''}[${type.elems
        .map((e) => `${e.rest ? '...' : ''}${typeKey(e.type)}${e.optional ? '?' : ''}`)
        .join(', ')}]`;
    case 'object':
      return `{ ${type.members.map(memberKey).join('; ')} }`;
    case 'typeparam':
      return type.name;
    case 'predicate':
      return `${type.asserts ? 'asserts ' : ''}$${type.param} is ${typeKey(type.type)}`;
    case 'text':
      return `text:${type.text}`;
  }
}

function argsKey(args: TypeExpr[] | undefined): string {
  return args?.length ? `<${args.map(typeKey).join(', ')}>` : '';
}

export function memberKey(member: Member): string {
  const flags = `${member.visibility === 'public' ? '' : member.visibility + ' '}${member.readonly ? 'readonly ' : ''}${member.abstract ? 'abstract ' : ''}`;
  const body = member.type ? typeKey(member.type) : (member.signatures ?? []).map(signatureKey).join(' & ');
  return `${flags}${member.kind} ${member.name}${member.optional ? '?' : ''}: ${body}`;
}

export function signatureKey(signature: Signature): string {
  const typeParams = signature.typeParams
    .map((p, i) => `${i}${p.constraint ? ` extends ${typeKey(p.constraint)}` : ''}${p.default ? ` = ${typeKey(p.default)}` : ''}`)
    .join(', ');
  const params = signature.params
    .map((p) => `${p.rest ? '...' : ''}${p.optional ? '?' : ''}${typeKey(p.type)}`)
    .join(', ');
  return `<${typeParams}>(${params}) => ${typeKey(signature.returns)}`;
}

/** Flattens, dedupes and sorts a union, so member order and `true | false` versus `boolean` are not changes. */
export function normalizeUnion(types: TypeExpr[]): TypeExpr {
  const flat = types.flatMap((t) => (t.k === 'union' ? t.types : [t]));
  const byKey = new Map<string, TypeExpr>();
  for (const t of flat) byKey.set(typeKey(t), t);
  if (byKey.has('true') && byKey.has('false')) {
    byKey.delete('true');
    byKey.delete('false');
    byKey.set('boolean', { k: 'prim', name: 'boolean' });
  }
  const sorted = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  return sorted.length === 1 ? sorted[0]! : { k: 'union', types: sorted };
}
