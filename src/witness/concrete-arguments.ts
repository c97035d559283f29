import type { ApiItem, TypeExpr, TypeParam } from '../model/surface.js';
import { callSignatures, isAny } from '../model/type-expr.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';
import { oldResult } from './old-results.js';
import { objectLiteral } from './object-literal.js';

/**
 * Shapes of arguments on which utility types tend to branch: a union of objects with optional and readonly
 * members, a function, a union of literals. type-fest 6 changed `FindGlobalType<never>` (`never` → `unknown`)
 * and `Simplify<() => void>` (`{}` → the function) while the two definitions still relate over a generic `T`,
 * as the checker relates a deferred conditional type by its branches.
 */
const SHAPES = ['{ a?: 1 } | { readonly b: 2 }', '() => void', "'a' | 'b'"];

/**
 * A function returning a thenable that is no promise, tried first where the parameter must be a function: utilities
 * of results branch on thenables, and lib's `Awaited` makes `never` of one whose `then` takes no callback, where a
 * hand-written unwrapper over `PromiseLike` kept it (@trpc/server 11's `inferAsyncReturnType`, `ThenArg` →
 * `Awaited`).
 */
const CALLABLE_THENABLE = '() => { then(): void }';

/** The SHAPES within a parameter's constraint. */
function shapes(param: TypeParam): TypeExpr[] {
  const texts = param.constraint && callSignatures(param.constraint)?.length ? [CALLABLE_THENABLE, ...SHAPES] : SHAPES;
  return texts.map((text) => within(param, text));
}

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
 * Uses a generic alias at the same concrete arguments as `useAliasAt`, against what the old release's checker
 * resolves it to there, both ways: where the old definition cannot be written out (type-fest 5.9's `IntRange`
 * calls the unexported, self-referring `PrivateIntRange`; the checker's text of others names helpers the witness
 * cannot reach), only the old release can say what `$0.IntRange<never, number>` was (`never`, `0` in 5.10). Each
 * argument list is one line holding a placeholder (`oldResult`) that `resolveOldResults` fills in before the witness
 * is compiled, or drops where the old result is no closed type.
 */
export function useAliasResolvedAt(w: Witness, item: ApiItem): void {
  w.text.concretely(() => {
    w.enterItem(item);
    for (const args of samples(w, item)) {
      const type = named(w, item, args);
      const old = oldResult(type);
      w.say(`{ const r: ${old} = null! as ${type}; const s: ${type} = null! as ${old}; }`);
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

/**
 * Names a generic type at the concrete arguments of `useAliasAt` with one type parameter left generic under its old
 * constraint there (`type Probe0<Probed extends $0.Paths<{ a?: 1 } | { readonly b: 2 }>> = $0.PickDeep<{ a?: 1 } |
 * { readonly b: 2 }, Probed>`). Over generic arguments the checker relates two instantiations of one conditional
 * alias by the variance it measured, which can call a tightened constraint looser (`Paths<T>` against `Paths<T, {
 * bracketNotation: true }>`); at these arguments both constraints resolve.
 */
export function nameAt(w: Witness, item: ApiItem, index: number): void {
  const constraint = item.typeParams[index]?.constraint;
  if (!constraint) throw new Unbuildable('the type parameter has no old constraint to meet at concrete arguments');
  w.text.concretely(() => {
    w.enterItem(item);
    const probed = (args: readonly string[]) => args.map((arg, i) => (i === index ? 'Probed' : arg));
    const lists = new Map(probes(w, item).map((args) => [probed(args).join(', '), args]));
    for (const args of lists.values()) {
      const bound = argument(w, item, args.slice(0, index), constraint);
      w.declare(`export type ${w.fresh('Probe')}<Probed extends ${bound}> = ${named(w, item, probed(args))};`);
    }
  });
}

/**
 * Writes a value of the alias as consumers write one, an object literal naming every old property (see
 * `objectLiteral`), at the arguments consumers write where nothing else is known: each parameter's default, else
 * its constraint. A fresh literal is held to the properties its target declares (TS2353), so a property the new
 * release dropped fails (@trpc/server 11's `WSSHandlerOptions` without `process?`), where assignments between the
 * two definitions pass; at generic arguments the checker defers a conditional part and takes no literal at all.
 */
export function writeAliasLiteral(w: Witness, item: ApiItem): void {
  w.text.concretely(() => {
    w.enterItem(item);
    const type = named(w, item, fill(w, item, []));
    const value = w.value(type, 'named');
    w.say(`const o: ${type} = ${objectLiteral(w, item.alias!, value)};`, 'void o;');
  });
}

/** The argument lists to try, each written once. */
function probes(w: Witness, item: ApiItem): string[][] {
  const lists = new Map<string, string[]>();
  const add = (args: string[]) => lists.set(args.join(', '), args);
  const bases = fill(w, item, []);
  item.typeParams.forEach((param, i) => {
    for (const arg of [{ k: 'prim', name: 'any' } as const, { k: 'prim', name: 'never' } as const, ...shapes(param)]) {
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

/**
 * Small literals for parameters bounded by a primitive, in turn (`IntRange<-3, 3>`): what the old release resolves
 * must be computed at each argument list, and `number` or `any` there sends type-fest's counting types to the
 * checker's depth limit (seconds each, for an error). Other parameters take their default, else their constraint.
 */
const LITERALS: Record<string, readonly string[]> = { number: ['-3', '3', '1'], string: ["'a.b'", "'.'", "'b'"] };

/** How many argument lists one witness resolves (and a branded one): the samples, `never` and the shapes of the first parameter come first. */
const MAX_SAMPLES = 5;

/**
 * A branded string (a literal intersected with an object type, as `Tagged` and hand-written brands spell it), which
 * the first parameter bounded by `string` also takes: template-literal inference reads an intersection otherwise than
 * its literal, and type-fest 6 rewrote its string utilities to unwrap brands (`Trim<'a.b' & { readonly brand: 1 }>`
 * was that type in 5.10, is `never` in 6.0 under TypeScript 6), a change no plain literal shows.
 */
const BRANDED = "'a.b' & { readonly brand: 1 }";

/**
 * The argument lists `useAliasResolvedAt` tries: each parameter at a sample (see LITERALS), then each not bounded
 * by a primitive in turn at `never`, and the first of them (the type a utility computes over; the others tend to
 * be options) at the SHAPES within its constraint, the others at their samples. Each list costs the checker an
 * evaluation in both releases (`IntRange<-3, never>` alone took 8 s, to an error; type-fest's `Get` 0.1 s to 1 s).
 */
function samples(w: Witness, item: ApiItem): string[][] {
  const counts = new Map<string, number>();
  const base = item.typeParams.map((param): TypeExpr => {
    const kind = param.constraint?.k === 'prim' ? param.constraint.name : '';
    const literals = LITERALS[kind];
    if (param.default || !literals) return param.default ?? param.constraint ?? { k: 'prim', name: 'unknown' };
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    return { k: 'text', text: literals[n % literals.length]! };
  });
  const lists = new Map<string, string[]>();
  const add = (types: readonly TypeExpr[]) => {
    try {
      const args: string[] = [];
      for (const type of types) args.push(argument(w, item, args, type));
      lists.set(args.join(', '), args);
    } catch (error) {
      // A constraint naming a later parameter has no argument yet: that list is left out.
      if (!(error instanceof Unbuildable)) throw error;
    }
  };
  add(base);
  const subject = item.typeParams.findIndex((param) => param.constraint?.k !== 'prim');
  item.typeParams.forEach((param, i) => {
    if (param.constraint?.k === 'prim') return;
    for (const arg of [{ k: 'prim', name: 'never' } as const, ...(i === subject ? shapes(param) : [])]) add(base.map((type, j) => (j === i ? arg : type)));
  });
  const sampled = [...lists.values()].slice(0, MAX_SAMPLES);
  // Lists more, after the others: a brand, and keys meeting index signatures, only add to what they show.
  const text = item.typeParams.findIndex((param) => param.constraint?.k === 'prim' && param.constraint.name === 'string' && !param.default);
  lists.clear();
  if (text >= 0) add(base.map((type, j) => (j === text ? { k: 'text', text: BRANDED } : type)));
  if (item.typeParams.length === 2 && item.typeParams.every((param) => param.constraint?.k !== 'prim')) {
    for (const pair of INDEX_KEY_PAIRS) add(pair.map((text, j): TypeExpr => within(item.typeParams[j]!, text)));
  }
  return [...sampled, ...lists.values()];
}

/**
 * An object with an index signature beside an object with a key that TypeScript matches with it otherwise than
 * by its spelling: a number key under a `string` index signature, a numeric string under a `number` one. Tried by
 * generics of two parameters neither bounded by a primitive (a type checked against another, as type-fest's
 * `Exact<ParameterType, InputType>`): 6.0.3 rewrote `Exact`'s helpers for index signatures, and
 * `Exact<Record<string, number>, { 0: number }>`, whose `0` was an excess key typed `never`, now reads `0` as the
 * index signature's `number`. Two lists, as few as two-parameter generics can afford (type-fest has dozens).
 */
const INDEX_KEY_PAIRS = [
  ['Record<string, number>', '{ 0: number }'],
  ['Record<number, number>', "{ '0': number }"],
] as const;

/** A text argument within the parameter's constraint, as the SHAPES are. */
function within(param: TypeParam, text: string): TypeExpr {
  return param.constraint ? { k: 'intersection', types: [param.constraint, { k: 'text', text }] } : { k: 'text', text };
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
