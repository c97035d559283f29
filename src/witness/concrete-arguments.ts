import type { ApiItem, TypeExpr } from '../model/surface.js';
import { isAny } from '../model/type-expr.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';

/**
 * Shapes of arguments on which utility types tend to branch: a union of objects with optional and readonly
 * members, a function, a union of literals. type-fest 6 changed `FindGlobalType<never>` (`never` → `unknown`)
 * and `Simplify<() => void>` (`{}` → the function) while the two definitions still relate over a generic `T`,
 * as the checker relates a deferred conditional type by its branches.
 */
const SHAPES = ['{ a?: 1 } | { readonly b: 2 }', '() => void', "'a' | 'b'"];

/**
 * Uses a generic alias at concrete arguments a consumer writes, `$0.Simplify<() => void>` against the old
 * definition declared in the witness under the same arguments (`Old0<() => void>`), both ways. Each argument in turn
 * takes `any`, `never`, its base (default, else constraint, else `unknown`) and the SHAPES intersected with
 * its constraint (so the old constraint holds), the others their base.
 */
export function useAliasAt(w: Witness, item: ApiItem): void {
  w.text.concretely(() => {
    w.enterItem(item);
    const old = w.fresh('Old');
    w.declare(`type ${old}${w.text.typeParamList(item.typeParams, '#')} = ${w.text.type(item.alias!)};`);
    for (const args of probes(w, item)) {
      const type = named(w, item, args);
      const value = w.value(type, 'named');
      const written = w.value(`${old}<${args.join(', ')}>`, 'written');
      w.say(`const r: ${old}<${args.join(', ')}> = ${value};`, `const s: ${type} = ${written};`);
    }
  });
}

/**
 * Omits a defaulted type argument at concrete arguments, against the old default spelled out there, both ways
 * (`$0.ValueOf<{ a?: 1 } | { readonly b: 2 }>` against `$0.ValueOf<…, keyof (…)>`): a default changed from
 * `keyof T` to type-fest 6's `KeysOfUnion<T>` differs only at a union, where the generic witness cannot tell.
 */
export function useDefaultAt(w: Witness, item: ApiItem, index: number): void {
  const old = item.typeParams[index]!.default!;
  w.text.concretely(() => {
    w.enterItem(item);
    const lists = new Map(probes(w, item).map((args) => args.slice(0, index)).map((args) => [args.join(', '), args]));
    for (const args of lists.values()) {
      // An `any` default accepts everything both ways: the old default is met as `unknown` (see `useDefault`).
      const spelled = [...args, isAny(old) ? 'unknown' : argument(w, item, args, old)];
      const [omitted, explicit] = [named(w, item, args), named(w, item, spelled)];
      const a = w.value(omitted, 'omitted');
      const b = w.value(explicit, 'spelled');
      w.say(`const r: ${explicit} = ${a};`, `const s: ${omitted} = ${b};`);
    }
  });
}

/** The argument lists to try, each written once. */
function probes(w: Witness, item: ApiItem): string[][] {
  const lists = new Map<string, string[]>();
  const add = (args: string[]) => lists.set(args.join(', '), args);
  const bases = fill(w, item, []);
  item.typeParams.forEach((param, i) => {
    const shapes = SHAPES.map((text): TypeExpr => (param.constraint ? { k: 'intersection', types: [param.constraint, { k: 'text', text }] } : { k: 'text', text }));
    for (const arg of [{ k: 'prim', name: 'any' } as const, { k: 'prim', name: 'never' } as const, ...shapes]) {
      try {
        add(fill(w, item, [...bases.slice(0, i), argument(w, item, bases.slice(0, i), arg)]));
      } catch (error) {
        // A constraint naming a later parameter has no argument yet: that probe is left out.
        if (!(error instanceof Unbuildable)) throw error;
      }
    }
  });
  add(bases);
  return [...lists.values()];
}

/** The given arguments followed by the base of each later parameter (its default, else its constraint, else `unknown`). */
function fill(w: Witness, item: ApiItem, given: readonly string[]): string[] {
  const args = [...given];
  for (const param of item.typeParams.slice(given.length)) args.push(argument(w, item, args, param.default ?? param.constraint ?? { k: 'prim', name: 'unknown' }));
  return args;
}

/** An argument written with the item's earlier parameters standing for the arguments before it. */
function argument(w: Witness, item: ApiItem, earlier: readonly string[], type: TypeExpr): string {
  return w.text.withArguments(item, earlier, () => w.text.type(type));
}

/** The item with these arguments, as consumers name it: through its export, or where an export meets it with them (execa's unexported `ResultAll`). */
function named(w: Witness, item: ApiItem, args: readonly string[]): string {
  return w.names.typeRef(item.id, args.map((text) => ({ k: 'text', text })), (t) => w.text.type(t));
}
