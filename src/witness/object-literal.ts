import type { Member, TypeExpr } from '../model/surface.js';
import { homomorphicSource } from '../model/type-expr.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';

/**
 * A value handed over as consumers often write it: an object literal naming every property of its old type
 * (`{ ...options, queryKey: options.queryKey!, … }`). The checker holds a fresh literal to the properties its
 * target declares (TS2353), so a key the new type no longer has, dropped by `Omit` (@tanstack/query-core 5's
 * `setQueryDefaults(queryKey, options: Partial<Omit<QueryObserverOptions, 'queryKey'>>)`) or by a rewrite
 * (rxjs 7's `subscribe(observer: Partial<Observer<T>>)` without `closed`), fails where the value itself still
 * passes. Each property is read from the value, `undefined` taken out: an optional one is still written.
 */
export function objectLiteral(w: Witness, type: TypeExpr, value: string): string {
  const names = propertyNames(w, type, new Set());
  if (!names?.length) throw new Unbuildable('the old type has no properties the model knows to write in an object literal');
  return `{ ...${value}, ${names.map((name) => `${w.text.key(name)}: ${w.text.access(value, name)}!`).join(', ')} }`;
}

/**
 * The properties every value of the type has, where the model knows them all: an object type, an interface
 * (its members include the inherited ones) or an alias of one, the names common to every member of a union,
 * those of every part of an intersection the model can list. A class is left out: a literal never has its private members.
 */
function propertyNames(w: Witness, type: TypeExpr, seen: Set<string>): string[] | undefined {
  switch (type.k) {
    case 'object':
      return named(type.members);
    case 'ref': {
      const item = w.names.item(type.id);
      if (!item || seen.has(item.id) || item.kinds.includes('class')) return undefined;
      seen.add(item.id);
      if (item.alias) return propertyNames(w, item.alias, seen);
      return item.kinds.includes('interface') ? named(item.members ?? []) : undefined;
    }
    case 'union': {
      const each = type.types.map((t) => propertyNames(w, t, new Set(seen)));
      if (each.some((names) => names === undefined)) return undefined;
      return each[0]!.filter((name) => each.every((names) => names!.includes(name)));
    }
    case 'intersection': {
      // Each part's properties are properties of the whole, and the spread supplies those of parts the model
      // cannot list (a conditional type kept as text, @trpc/server 10's `NodeHTTPCreateContextOption`).
      const each = type.types.map((t) => propertyNames(w, t, new Set(seen)));
      return each.every((names) => names === undefined) ? undefined : [...new Set(each.flatMap((names) => names ?? []))];
    }
    case 'external': {
      // lib's homomorphic mapped types keep the keys of what they map (hono 3's `Input.out`, a `Partial<{ … }>`).
      const source = homomorphicSource(type);
      return source && propertyNames(w, source, seen);
    }
    default:
      return undefined;
  }
}

function named(members: readonly Member[]): string[] {
  return members.filter((m) => (m.kind === 'property' || m.kind === 'method') && m.visibility === 'public').map((m) => m.name);
}
