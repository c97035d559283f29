import type { Member, Param, Signature, TypeExpr } from './surface.js';

/**
 * Keys by object: a surface is immutable once built, and the relation asks for the key of the same
 * (often large, shared) expression again and again; nested generic arguments would otherwise be printed
 * anew at every level that contains them.
 */
const keys = new WeakMap<TypeExpr, string>();

/**
 * A canonical string for a type: equal keys mean the same type in the same release's terms. Member and
 * signature texts and locations are left out, so that only what the type says counts.
 */
export function typeKey(type: TypeExpr): string {
  let key = leafKey(type) ?? keys.get(type);
  if (key === undefined) {
    key = shallowKey(type, typeKey);
    keys.set(type, key);
  }
  return key;
}

/** Leaves (primitives and literals) are their own keys, none starting with `$`: not worth an entry in any table. */
export function leafKey(type: TypeExpr): string | undefined {
  return type.k === 'prim' ? type.name : type.k === 'lit' ? type.value : undefined;
}

/**
 * A type's key with its parts written by `print`: with `typeKey` it is the full key; with a part's short
 * id (see StructuralIds in relation.ts) it is as discriminating, but no longer grows with the depth of
 * the type, as the keys of generic instantiations nested in one another do.
 */
export function shallowKey(type: TypeExpr, print: (type: TypeExpr) => string): string {
  const args = (list: TypeExpr[] | undefined) => (list?.length ? `<${list.map(print).join(', ')}>` : '');
  switch (type.k) {
    case 'prim':
      return type.name;
    case 'lit':
      return type.value;
    case 'union':
      return type.types.map(print).join(' | ');
    case 'intersection':
      return type.types.map(print).sort().join(' & ');
    case 'ref':
      return `ref:${type.id}${args(type.args)}`;
    case 'external':
      return `${type.pkg}:${type.name}${args(type.args)}`;
    case 'enum-member':
      return `ref:${type.id}.${type.member}`;
    case 'array':
      return `${type.readonly ? 'readonly ' : ''}(${print(type.elem)})[]`;
    case 'tuple':
      return `${type.readonly ? 'readonly ' : ''}[${type.elems.map((e) => `${e.rest ? '...' : ''}${print(e.type)}${e.optional ? '?' : ''}`).join(', ')}]`;
    case 'object':
      return `{ ${type.members.map((m) => memberKey(m, print)).join('; ')} }`;
    case 'typeparam':
      return type.name;
    case 'predicate':
      return `${type.asserts ? 'asserts ' : ''}$${type.param} is ${print(type.type)}`;
    case 'text':
      return `text:${type.text}`;
  }
}

export function memberKey(member: Member, part = typeKey): string {
  const flags = `${member.visibility === 'public' ? '' : member.visibility + ' '}${member.readonly ? 'readonly ' : ''}${member.abstract ? 'abstract ' : ''}`;
  const body = member.type ? part(member.type) : (member.signatures ?? []).map((s) => signatureKey(s, part)).join(' & ');
  return `${flags}${member.kind} ${member.name}${member.optional ? '?' : ''}: ${body}`;
}

/** The call signatures of an object type (a function type written inline, a callable interface). */
export function callSignatures(type: TypeExpr | undefined): Signature[] | undefined {
  return type?.k === 'object' ? type.members.find((m) => m.kind === 'call')?.signatures : undefined;
}

/** The checker's `any`, which passes both ways: what it meets fits, and it fits what it meets. */
export function isAny(type: TypeExpr | undefined): boolean {
  return type?.k === 'prim' && type.name === 'any';
}

/** Whether a type, or one inside it (its members, signatures and elements included), is one `test` looks for. */
export function someType(type: TypeExpr, test: (type: TypeExpr) => boolean): boolean {
  // Converted types share their parts: each is walked once (valibot 1.0's schemas nest shared parts so deeply
  // that walking them as trees took minutes).
  const seen = new WeakSet<object>();
  const walk = (value: unknown): boolean => {
    if (!value || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    return ('k' in value && test(value as TypeExpr)) || Object.values(value).some(walk);
  };
  return walk(type);
}

/**
 * What one of lib's homomorphic mapped types (`Partial`, `Required`, `Readonly`) maps: they keep its keys and
 * index signatures. Undefined for any other type.
 */
export function homomorphicSource(type: TypeExpr): TypeExpr | undefined {
  return type.k === 'external' && type.pkg === 'lib' && LIB_HOMOMORPHIC.has(type.name) && type.args?.length === 1 ? type.args[0] : undefined;
}

/** The names of lib's homomorphic mapped types: where `homomorphicSource` gives a source, the type is named one of these. */
export type HomomorphicName = 'Partial' | 'Required' | 'Readonly';

const LIB_HOMOMORPHIC = new Set<string>(['Partial', 'Required', 'Readonly'] satisfies HomomorphicName[]);

/** The checker's texts a type holds (conditional, mapped and other types the model keeps as printed). */
export function textsIn(type: TypeExpr): string[] {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if ((value as TypeExpr).k === 'text') texts.push((value as Extract<TypeExpr, { k: 'text' }>).text);
    else Object.values(value).forEach(collect);
  };
  collect(type);
  return texts;
}

/** How many arguments every call must pass: the parameters before the first optional or rest one. */
export function requiredParams(params: readonly Param[]): number {
  return params.filter((p) => !p.optional && !p.rest).length;
}

/**
 * How many parameters a call must fill: the required ones, and a rest parameter typed by a tuple with a
 * required element (hono's `(...handlers: [H<E2, P, I>, H<E3, P, I2, R>])`), which no call can leave out.
 */
export function filledParams(params: readonly Param[]): number {
  const last = params.at(-1);
  const tupleRequired = last?.rest && last.type.k === 'tuple' && last.type.elems.some((e) => !e.optional && !e.rest);
  return tupleRequired ? params.length : requiredParams(params);
}

export function signatureKey(signature: Signature, part = typeKey): string {
  const typeParams = signature.typeParams
    .map((p, i) => `${i}${p.constraint ? ` extends ${part(p.constraint)}` : ''}${p.default ? ` = ${part(p.default)}` : ''}`)
    .join(', ');
  const params = signature.params
    .map((p) => `${p.rest ? '...' : ''}${p.optional ? '?' : ''}${part(p.type)}`)
    .join(', ');
  return `<${typeParams}>(${params}) => ${part(signature.returns)}`;
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

/** The type of each argument a rest parameter takes, when it is an array (a tuple has one per position). */
export function restElement(type: TypeExpr): TypeExpr | undefined {
  return type.k === 'array' ? type.elem : undefined;
}
