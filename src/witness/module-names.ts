import path from 'node:path';
import type { ApiItem, ApiSurface, EntrySurface, Member, Signature, TypeExpr, TypeParam } from '../model/surface.js';
import { isAny, someType } from '../model/type-expr.js';
import { Unbuildable } from './unbuildable.js';
import { withDefaults } from './type-text.js';
import { compareStrings } from '../core/compare.js';
import { externalPackageOf } from './external-names.js';

/**
 * How consumer code names the old release's exports: one import per entry point or ambient module, and
 * every export path (`Name`, `./sub:Ns.Name`, `fs:Name`, `global:Name`) as an expression on it. Only the
 * old release's own paths are used, so a witness never depends on what the new release added.
 */
/**
 * A surface's entries, longest subpath first, sorted once per surface: every witness and each of its alternatives
 * names modules afresh, and a package of many entry points (date-fns: about 250) paid the sort each time.
 */
const sortedEntries = new WeakMap<ApiSurface, EntrySurface[]>();
function longestFirst(surface: ApiSurface): EntrySurface[] {
  let sorted = sortedEntries.get(surface);
  if (!sorted) sortedEntries.set(surface, (sorted = [...surface.entries].sort((a, b) => b.subpath.length - a.subpath.length)));
  return sorted;
}

export class ModuleNames {
  private readonly aliases = new Map<EntrySurface, string>();
  private readonly subject: string | undefined;
  /** Longest subpath first, so that `./a/b:` wins over `./a:`; the root entry has no prefix. */
  private readonly entries: EntrySurface[];
  /**
   * Set once a type was named through another export's path (an unexported type): the new release resolves that
   * path to its own type, which may have changed apart from it (see `Witness.settlement`).
   */
  approximated = false;

  /**
   * `subject` is the API path of the finding the witness shows: no route passes through the export it
   * belongs to, since the new release may have changed that very path (`ReturnType<typeof f>` of a changed
   * `f` is the new result, and the witness would compile whatever changed).
   */
  constructor(
    private readonly surface: ApiSurface,
    private readonly packageName: string,
    subject?: string,
    private readonly defaultImports = false,
  ) {
    this.subject = subject;
    this.entries = longestFirst(surface);
  }

  /**
   * The same names for another witness of the same finding, with no imports made yet. `defaultImports`: an `export =`
   * module is imported as its default (`import x from`, esModuleInterop), the other way consumers import it, which
   * meets only the `export =` value where a module that became ES exports gives `import x = require()` every name.
   */
  another(defaultImports = false): ModuleNames {
    return new ModuleNames(this.surface, this.packageName, this.subject, defaultImports);
  }

  /** The expression for an export path of the old release. */
  exportRef(path: string): string {
    const { entry, chain } = this.split(path);
    if (isGlobal(entry)) return chain.join('.');
    const namespace = this.augmentedNamespace(entry);
    if (namespace !== undefined) return this.exportRef([namespace, ...chain].join('.'));
    const alias = this.alias(entry);
    const [first, ...rest] = chain;
    const head = first === 'export=' ? alias : `${alias}.${first}`;
    return [head, ...rest].join('.');
  }

  /** Whether the old release exports this path (its first name, in its entry). */
  has(path: string): boolean {
    const { entry, chain } = this.split(path);
    return chain[0]! in entry.exports;
  }

  /** The module an export path belongs to (undefined for the global scope) and its names within it. */
  locate(path: string): { module?: string; chain: string[] } {
    const { entry, chain } = this.split(path);
    if (chain[0] === 'export=') throw new Unbuildable('an `export =` target cannot be augmented by its module name');
    return isGlobal(entry) ? { chain } : { module: this.specifier(entry), chain };
  }

  private split(path: string): { entry: EntrySurface; chain: string[] } {
    const entry = this.entries.find((e) => (e.subpath === '.' && !e.ambient ? false : path.startsWith(`${e.subpath}:`))) ?? this.root();
    const chain = (entry.subpath === '.' && !entry.ambient ? path : path.slice(entry.subpath.length + 1)).split('.');
    return { entry, chain };
  }

  /**
   * The expression naming an item of the old release, by the first path it is exported at. With `parts`, also a
   * type that holds the item as one part of an intersection, for a witness that only reads from a value of it.
   */
  itemRef(id: string, extended = true, parts = false): string {
    const item = this.surface.items[id];
    if (!item) throw new Unbuildable(`${id} is not part of the old release's API`);
    if (item.exported) return this.exportRef(item.path);
    const exposed = this.exposingRef(id, extended, parts);
    if (!exposed) throw new Unbuildable(`${item.path} is not exported and no export exposes it directly: consumers reach it only through other types`);
    this.approximated = true;
    return exposed;
  }

  /**
   * A type the old release does not export is still met where an export exposes it, at any depth: a parameter
   * or the result of a function, a property, a method's parameter or result, an array's element, an index
   * signature's value (`NonNullable<Parameters<typeof createPool>[0]>["options"]`). Consumers that construct it
   * pass it there. The routes are found once per release, shortest first.
   */
  private exposingRef(id: string, extended: boolean, parts: boolean): string | undefined {
    const route = this.routes().plain.get(id)?.find((r) => !this.through(r) && (extended || !r.extended) && (parts || !r.part));
    return route && route.form(this.exportRef(route.path), []);
  }

  /** Whether a route starts at the finding's subject or at what holds it. */
  private through(route: Route): boolean {
    const subject = this.subject;
    return subject !== undefined && !route.constructs && (subject === route.path || /^[.(<]/.test(subject.slice(route.path.length)) && subject.startsWith(route.path));
  }

  private routes(): Routes {
    let found = routesBySurface.get(this.surface);
    if (!found) routesBySurface.set(this.surface, (found = routes(this.surface)));
    return found;
  }

  /**
   * A named type with type arguments (`given`, written by `write`): an export or a type reached as `itemRef`
   * reaches it, with the arguments after it; an unexported generic one where an export meets it with arguments
   * the route can choose (`ReturnType<typeof $0.lazy<S>>` for `Lazy<S, ContextOf<S>>`), the others equal to
   * what the witness asks for, after the route's own arguments are put into them. `parts` as in `itemRef`.
   */
  typeRef(id: string, given: readonly TypeExpr[], write: (type: TypeExpr) => string, extended = true, parts = false): string {
    const item = this.surface.items[id];
    const args = given.map(write);
    if (!item || item.exported || !item.typeParams.length || !args.length) return `${this.itemRef(id, extended, parts)}${args.length ? `<${args.join(', ')}>` : ''}`;
    let constrained: string | undefined;
    for (const { route, args: met } of this.routes().generic.get(id) ?? []) {
      if (this.through(route) || (route.extended && !extended) || (route.part && !parts)) continue;
      const slots: Array<string | undefined> = Array.from({ length: route.slots });
      const fits = met.every((arg, i) => {
        const wanted = args[i];
        if (wanted === undefined || typeof arg !== 'number') return wanted !== undefined;
        // `any`, which the witness's own constraints write `unknown` (`Lazy<any, any>`), is passed as declared
        // where the export constrains the slot (`lazy<T extends AnySchema>`): `unknown` would not satisfy it.
        const put = isAny(given[i]) && route.constrained.has(arg) ? 'any' : wanted;
        if (slots[arg] !== undefined && slots[arg] !== put) return false;
        slots[arg] = put;
        return true;
      });
      // An argument the route fixes is what the witness asks for once the route's own arguments are put in, or
      // anything where it asks for a top type (`Lazy<any, any>` in yup 0.32's `ArraySchema` constraint, the
      // checker's `Lazy<any, unknown>` for `Lazy<any>`, are met as `lazy<any>`'s `Lazy<any, ContextOf<any>>`):
      // code written with the narrower type is still code a consumer could write against the old release.
      const fixed = (arg: TypeExpr, i: number) => {
        if (isTop(given[i]!)) return true;
        const put = putSlots(arg, met, (j) => given[j]!);
        return put !== undefined && (sameType(put, given[i]!) || (!mentionsThis(put) && write(put) === args[i]));
      };
      if (!fits || !met.every((arg, i) => typeof arg === 'number' || fixed(arg, i))) continue;
      const ref = route.form(this.exportRef(route.path), slots.map((s) => s ?? FREE));
      // The witness's arguments satisfy the constraints of the type it asks for, not necessarily those of the
      // export the route passes through (yup 0.32's `ArraySchema<any, T0>` wants `T0 extends AnyObject`, where
      // `BaseSchema<any, T0>` wants nothing): a route that puts them only where nothing is required comes first.
      this.approximated = true;
      if (slots.every((slot, i) => slot === undefined || !route.constrained.has(i))) return ref;
      constrained ??= ref;
    }
    if (constrained !== undefined) return constrained;
    throw new Unbuildable(`${item.path} is not exported and no export exposes it with type arguments a consumer can choose`);
  }

  /**
   * The type parameters of an unexported generic that the witness using its members cannot choose: where every
   * export meets it with some arguments fixed by the others (`lazy<T>(…): Lazy<T, ContextOf<T>>`), those are
   * bound, as types of the item's own parameters (`#1` is `ContextOf<#0>`), and only the rest are the witness's.
   * None where a route leaves every argument free, or none fits.
   */
  boundParams(id: string): ReadonlyMap<number, TypeExpr> {
    const item = this.surface.items[id];
    if (!item || item.exported || !item.typeParams.length) return new Map();
    let bound: Map<number, TypeExpr> | undefined;
    // Routes to the whole type decide; those to an intersection holding it only where there are none.
    const all = this.routes().generic.get(id) ?? [];
    const whole = all.filter((g) => !g.route.part);
    for (const { route, args: met } of whole.length ? whole : all) {
      if (this.through(route)) continue;
      const own = (j: number): TypeExpr => ({ k: 'typeparam', name: `#${j}` });
      const fixed = new Map<number, TypeExpr>();
      const free = met.every((arg, i) => {
        const first = typeof arg === 'number' ? met.indexOf(arg) : -1;
        if (first === i) return true;
        const put = first >= 0 ? own(first) : putSlots(arg as TypeExpr, met, own);
        if (put) fixed.set(i, put);
        return put !== undefined;
      });
      if (free && !fixed.size) return fixed;
      // `this` bound by a route is the owner the route passes through (yup 1.7's `transform(fn: TransformFunction<this>)`),
      // which the witness writing the item's members does not name: a route fixing a type it can write comes first.
      if (free && ![...fixed.values()].some(mentionsThis)) bound ??= fixed;
    }
    return bound ?? new Map();
  }

  /** The old release's named types and values declared under a name (an id is its qualified name, `~2` for a second declaration). */
  named(name: string): ApiItem[] {
    let index = namesBySurface.get(this.surface);
    if (!index) {
      index = new Map();
      for (const item of Object.values(this.surface.items)) {
        const declared = item.id.replace(/~\d+$/, '').split('.').pop()!;
        index.set(declared, [...(index.get(declared) ?? []), item]);
      }
      namesBySurface.set(this.surface, index);
    }
    return index.get(name) ?? [];
  }

  /** `import("pkg").Name` for a bare name of the checker's text that is one other package's type (see external-names). */
  externalRef(name: string): string | undefined {
    const pkg = externalPackageOf(this.surface, name);
    return pkg === undefined ? undefined : `import(${JSON.stringify(pkg)}).${name}`;
  }

  item(id: string): ApiItem | undefined {
    return this.surface.items[id];
  }

  /** The import declarations the names used so far need, in a stable order. */
  imports(): string[] {
    return [...this.aliases].map(([entry, alias]) => {
      const specifier = JSON.stringify(this.specifier(entry));
      // `export =` modules are imported the CommonJS way: a namespace import cannot call or construct them.
      if (!('export=' in entry.exports)) return `import * as ${alias} from ${specifier};`;
      return this.defaultImports ? `import ${alias} from ${specifier};` : `import ${alias} = require(${specifier});`;
    });
  }

  /**
   * What `import ... from` names for an entry point or an ambient module. A relative `declare module "../index"`
   * (how @types/lodash spreads its API over files) augments the package's own module: consumers import it by
   * the entry point whose file that is.
   */
  specifier(entry: EntrySurface): string {
    if (entry.script) throw new Unbuildable(`${entry.file} is a global script: consumers reference it, they cannot import it`);
    if (!entry.ambient) return entrySpecifier(this.packageName, entry.subpath);
    if (!entry.subpath.startsWith('.')) return entry.subpath;
    const augmented = this.entryOf(augmentedFile(entry));
    if (!augmented) throw new Unbuildable(`declare module ${JSON.stringify(entry.subpath)} in ${entry.file} augments a file no entry point leads to`);
    return entrySpecifier(this.packageName, augmented.subpath);
  }

  /**
   * The export path of the namespace that re-exports the file a relative `declare module "./HKT"` augments,
   * where no entry point leads to that file itself (fp-ts 1.19's `import * as hkt from './HKT'; export { hkt }`):
   * consumers meet the augmented module's names through it (`$0.hkt.Type`).
   */
  private augmentedNamespace(entry: EntrySurface): string | undefined {
    if (!entry.ambient || !entry.subpath.startsWith('.')) return undefined;
    const target = augmentedFile(entry);
    if (this.entryOf(target)) return undefined;
    const namespace = Object.values(this.surface.items)
      .filter((item) => item.exported && item.kinds.includes('namespace') && item.location?.file.replace(/\.d\.[cm]?ts$/, '') === target)
      .sort((a, b) => compareStrings(a.path, b.path))[0];
    return namespace?.path;
  }

  /** The entry point whose file is this package file (without extension; a folder's `index` by the folder). */
  private entryOf(file: string): EntrySurface | undefined {
    return this.surface.entries.find((e) => !e.ambient && e.file.replace(/(\/index)?\.d\.[cm]?ts$/, '') === file);
  }

  private root(): EntrySurface {
    const root = this.surface.entries.find((e) => e.subpath === '.' && !e.ambient);
    if (!root) throw new Unbuildable('the old release has no root entry point');
    return root;
  }

  private alias(entry: EntrySurface): string {
    let alias = this.aliases.get(entry);
    if (!alias) {
      alias = `$${this.aliases.size}`;
      this.aliases.set(entry, alias);
    }
    return alias;
  }
}

/**
 * Whether an entry's names are globals: `declare global` blocks, and global scripts (`@types/jest`), whose
 * declarations the witness's Program holds as a root, as a consumer's program holds them through `types`.
 */
function isGlobal(entry: EntrySurface): boolean {
  return entry.script === true || (entry.ambient === true && entry.subpath === 'global');
}

/** The package file (without extension) a relative `declare module` block augments; `"."` (or `"./"`) names the folder's index. */
function augmentedFile(entry: EntrySurface): string {
  const joined = path.posix.join(path.posix.dirname(entry.file), entry.subpath).replace(/^\.?\/?$/, 'index').replace(/\/$/, '/index');
  return joined.replace(/(\/index)?(\.d)?(\.[cm]?[jt]s)?$/, '');
}

/** What a consumer imports for an entry point: the package name, or the name and the subpath (`pkg/utils`). */
export function entrySpecifier(packageName: string, subpath: string): string {
  return subpath === '.' ? packageName : `${packageName}/${subpath.slice(2)}`;
}

/**
 * Where an unexported type is met: the export path it is reached from and the type expression reaching it.
 * A route through generic exports instantiates them (`$0.Box<S>`, `typeof $0.make<S>`): `slots` arguments,
 * which `form` puts in, and `bind` says which slot each generic parameter of the types met on the way is.
 */
interface Route {
  path: string;
  form: (ref: string, slots: readonly string[]) => string;
  slots: number;
  bind: ReadonlyMap<string, number>;
  /** The slots whose generic parameter has a constraint. */
  constrained: ReadonlySet<number>;
  /** How many generic scopes enclose the types met here in their declaration: a signature's own parameters are `@<depth>.<i>`. */
  depth: number;
  /**
   * Set where the route goes through what earlier routes did not: a base's members, an export's members with
   * the arguments it is met with, an overload, an erased generic signature, a rest parameter, a tuple element, a
   * promise's value, an intersection's part, a class's constructor or statics, defaulted arguments. Such a
   * route is the last resort of a type the witness could write out from the old declarations (see `typeRef`).
   */
  extended?: true;
  /**
   * Set where the route names a type that holds the item as one part of an intersection (execa's `Subprocess<T>`
   * for its unexported `ExecaCustomSubprocess<T>`): a value of it has the item's members and is assignable to
   * the item, not the reverse, so only a witness that reads from such a value takes it (`parts` of `typeRef`).
   */
  part?: true;
  /**
   * Set on the instances of an exported constructor value (`InstanceType<typeof $0.MixedSchema<S>>`): the only
   * name consumers have for that class, so a finding about it is shown there too.
   */
  constructs?: true;
}

/**
 * A place where an unexported generic type is met: its arguments there, each a slot of the route or a type
 * fixed by the route's slots (`ContextOf<%0>` in `Lazy<%0, ContextOf<%0>>`), whose generic parameters are
 * named `%<slot>`.
 */
interface GenericRoute {
  route: Route;
  args: Array<number | TypeExpr>;
}

interface Routes {
  plain: Map<string, Route[]>;
  generic: Map<string, GenericRoute[]>;
}

const routesBySurface = new WeakMap<ApiSurface, Routes>();
const namesBySurface = new WeakMap<ApiSurface, Map<string, ApiItem[]>>();

/**
 * A slot the route needs for nothing the type depends on. Where it is a generic export's trailing parameter with a
 * default it is left out, as consumers write the type, else it is `any`: the path may depend on it in the new
 * release (@tanstack/query-core 4's unexported `QueryBehavior<TQueryFnData, TError, TData>`, met as
 * `FetchQueryOptions<T0, T1, T2>["behavior"]`, whose fourth argument 5.0 passes on to it: with `any` there the old
 * type was met as `QueryBehavior<T0, T1, T2, any>` against the new release, which takes every `QueryOptions`'s).
 */
const FREE = '\u0000';

function written(slot: string): string {
  return slot === FREE ? 'any' : slot;
}

/** The type arguments of a generic export, its free trailing ones with defaults left out (see `FREE`). */
function typeArguments(slots: readonly string[], params: readonly TypeParam[]): string {
  let n = slots.length;
  while (n > 0 && slots[n - 1] === FREE && params[n - 1]?.default) n--;
  return n ? `<${slots.slice(0, n).map(written).join(', ')}>` : '';
}

/** How far from an export a route may go: deeper types are met only through the shallower ones. */
const MAX_DEPTH = 6;

/** How many times an export met with arguments has its members walked with them: each walk copies them all. */
const MAX_INSTANTIATIONS = 2;

/** How many places of each unexported type are kept: the shortest ones, enough to find one that fits. */
const MAX_ROUTES = 8;

/**
 * Routes to every unexported named type, breadth first from the exports (sorted by path, so the first
 * route found is the shortest and the choice is stable). Generic exports are instantiated with slots, and a
 * generic function through an instantiation expression where no other overload takes as many type arguments;
 * otherwise a call's types are met as `Parameters` and `ReturnType` meet them, in the last overload with its
 * generic parameters erased to their constraints. A named type is met with its bases' members, with its
 * parameters replaced by the arguments it is met with, and an unexported generic one is kept with its
 * arguments (its defaults for those left out), so a witness can later ask for it with arguments of its own.
 */
function routes(surface: ApiSurface): Routes {
  const plain = new Map<string, Route[]>();
  const generic = new Map<string, GenericRoute[]>();
  const opened = new Set<string>();
  /** How many times an exported generic type met with arguments has had its members walked (see MAX_INSTANTIATIONS). */
  const instantiated = new Map<string, number>();
  let level: Array<{ type: TypeExpr; route: Route }> = [];
  const step = (route: Route, form: (r: string, slots: readonly string[]) => string, bind = route.bind, slots = route.slots, constrained = route.constrained, depth = route.depth): Route => ({
    path: route.path,
    form,
    slots,
    bind,
    constrained,
    depth,
    ...(route.extended ? { extended: true } : {}),
  });
  const extended = (route: Route): Route => ({ ...route, extended: true });
  const constrainedSlots = (params: readonly TypeParam[], base: number, outer: ReadonlySet<number> = new Set()) =>
    new Set([...outer, ...params.flatMap((p, i) => (p.constraint ? [base + i] : []))]);
  const calls = (signatures: readonly Signature[] | undefined, route: Route, callee: (ref: string, slots: readonly string[]) => string, instantiable: boolean) => {
    (signatures ?? []).forEach((only, index, all) => {
      const k = only.typeParams.length;
      // `typeof f<S>` keeps the overloads that take k type arguments (and checks S against each one's constraints).
      const instantiate = k > 0 && instantiable && all.filter((s) => s.typeParams.length === k).length === 1;
      const via = all.length > 1 ? extended(route) : route;
      if (instantiate) signature(only, via, callee);
      // A method's last overload or erased signature would walk every method of every type: functions only.
      else if (index === all.length - 1 && (instantiable || (all.length === 1 && !k))) erased(only, via, callee);
    });
  };
  const signature = (only: Signature, route: Route, callee: (ref: string, slots: readonly string[]) => string) => {
    const k = only.typeParams.length;
    const base = route.slots;
    const bind = new Map(route.bind);
    only.typeParams.forEach((_, i) => bind.set(`@${route.depth}.${i}`, base + i));
    const at = k ? (r: string, s: readonly string[]) => `${callee(r, s)}<${s.slice(base, base + k).map(written).join(', ')}>` : callee;
    const constrained = constrainedSlots(only.typeParams, base, route.constrained);
    const inner = route.depth + (k ? 1 : 0);
    only.params.forEach((p, i) => {
      // A rest parameter's elements are met at its index and after (`Parameters<F>[1]` of `(a: A, ...b: B[])` is `B`).
      const type = p.rest ? (p.type.k === 'array' ? p.type.elem : undefined) : p.type;
      if (type) level.push({ type, route: step(p.rest ? extended(route) : route, (r, s) => `Parameters<${at(r, s)}>[${i}]`, bind, base + k, constrained, inner) });
    });
    if (only.returns.k !== 'predicate') level.push({ type: only.returns, route: step(route, (r, s) => `ReturnType<${at(r, s)}>`, bind, base + k, constrained, inner) });
  };
  /** `Parameters` and `ReturnType` of a generic signature see its parameters as their constraints (`unknown` without one). */
  const erased = (only: Signature, route: Route, callee: (ref: string, slots: readonly string[]) => string) => {
    if (!only.typeParams.length) return signature(only, route, callee);
    const own = new Map(only.typeParams.map((p, i): [string, TypeExpr] => [`@${route.depth}.${i}`, p.constraint ?? { k: 'prim', name: 'unknown' }]));
    if ([...own.values()].some((c) => mentionsTypeParam(c))) return;
    const put = mapTypeParams({ params: only.params, returns: only.returns }, (name) => own.get(name) ?? { k: 'typeparam', name });
    signature({ ...only, ...put, typeParams: [] }, { ...route, depth: route.depth + 1, extended: true }, callee);
  };
  const members = (list: readonly Member[], route: Route) => {
    for (const member of list) {
      if (member.visibility !== 'public') continue;
      const at = (r: string, s: readonly string[]) => `NonNullable<${route.form(r, s)}>`;
      if (member.kind === 'property' && member.type && !member.name.startsWith('[')) {
        level.push({ type: member.type, route: step(route, (r, s) => `${at(r, s)}[${JSON.stringify(member.name)}]`) });
      } else if (member.kind === 'method' && !member.name.startsWith('[')) {
        calls(member.signatures, route, (r, s) => `${at(r, s)}[${JSON.stringify(member.name)}]`, false);
      } else if (member.kind === 'index' && member.type) {
        level.push({ type: member.type, route: step(route, (r, s) => `${at(r, s)}[${member.name.slice(1, -1)}]`) });
      } else if (member.kind === 'call') {
        calls(member.signatures, route, at, false);
      }
    }
  };
  /**
   * The members of a named type and of its bases, each base's parameters replaced by the arguments its heritage
   * passes (tRPC 10's `DefaultErrorShape extends TRPCErrorShape<…, DefaultErrorData>` has `data: DefaultErrorData`),
   * and the type's own by `args` where given. A member the type declares itself hides the base's of that name.
   */
  const expand = (item: ApiItem, args: readonly TypeExpr[] | undefined, route: Route, seen = new Set<string>()) => {
    seen.add(item.id);
    const put = <T>(value: T): T => (args ? mapTypeParams(value, (name) => (/^#\d+$/.test(name) ? (args[Number(name.slice(1))] ?? { k: 'typeparam', name }) : { k: 'typeparam', name })) : value);
    const own = item.members ?? [];
    members(args ? own.map(put) : own, { ...route, depth: item.typeParams.length ? 1 : 0 });
    const declared = new Set(own.map((m) => m.name));
    // Members a base declared are already among the type's own where the model flattened them (a base of its package).
    if (own.some((m) => m.declaredIn !== undefined && m.declaredIn !== item.id)) return;
    for (const base of item.bases ?? []) {
      const from = base.k === 'ref' ? surface.items[base.id] : undefined;
      if (!from || base.k !== 'ref' || seen.has(from.id)) continue;
      const inherited = { ...from, members: (from.members ?? []).filter((m) => !declared.has(m.name)) };
      expand(inherited, withDefaults(from.typeParams, (base.args ?? []).map(put)), extended(route), seen);
    }
  };
  const meet = (item: ApiItem, t: Extract<TypeExpr, { k: 'ref' }>, at: Route) => {
    const route = (t.args ?? []).length < item.typeParams.length ? extended(at) : at;
    // What is met beyond a constructor's instances is reached through the subject's export like any other path.
    const reached = asPart(route, marked(route, step(route, (r, s) => `NonNullable<${route.form(r, s)}>`)));
    if (!item.typeParams.length) {
      const known = plain.get(item.id) ?? [];
      if (alike(known, route) >= MAX_ROUTES || known.some((r) => r.path === route.path && !r.extended === !route.extended)) return;
      // Slots the route needs for nothing the type depends on are filled with anything.
      plain.set(item.id, plainFirst([...known, asPart(route, marked(reached, step(reached, (r) => reached.form(r, Array.from({ length: route.slots }, () => FREE)), new Map(), 0)))], (r) => r));
      if (known.length) return;
      expand(item, undefined, step(reached, reached.form, new Map()));
      if (item.alias) level.push({ type: item.alias, route: step(reached, reached.form, new Map(), route.slots, route.constrained, 0) });
      return;
    }
    const args = withDefaults(item.typeParams, t.args ?? []).map((arg): number | TypeExpr | undefined => {
      if (arg.k === 'typeparam') return route.bind.get(arg.name);
      return slotted(arg, route.bind);
    });
    if (args.length < item.typeParams.length || args.some((a) => a === undefined)) return;
    const known = generic.get(item.id) ?? [];
    if (alike(known.map((g) => g.route), route) < MAX_ROUTES) generic.set(item.id, plainFirst([...known, { route: reached, args: args as Array<number | TypeExpr> }], (g) => g.route));
    if (opened.has(item.id)) return;
    opened.add(item.id);
    const bind = new Map<string, number>();
    args.forEach((a, i) => typeof a === 'number' && bind.set(`#${i}`, a));
    expand(item, undefined, step(reached, reached.form, bind));
    // A generic alias of an intersection (execa's `ExecaCustomSubprocess<T>`) has its parts where it is met.
    if (item.alias?.k === 'intersection') level.push({ type: item.alias, route: step(reached, reached.form, bind, route.slots, route.constrained, 1) });
  };
  const visit = (type: TypeExpr, route: Route) => {
    const present = type.k === 'union' ? type.types.filter((t) => !isNullish(t)) : [type];
    if (present.length !== 1) return;
    const [t] = present as [TypeExpr];
    const at = (r: string, s: readonly string[]) => `NonNullable<${route.form(r, s)}>`;
    if (t.k === 'ref') {
      const item = surface.items[t.id];
      if (item && !item.exported) meet(item, t, route);
      // An export met with arguments that hold a type it does not export (`Box<Hidden>`) has members of its own
      // there: walked for the first few. With other arguments it leads nowhere its own walk did not.
      else if (item && t.args?.some((a) => mentionsHidden(surface, a)) && (instantiated.get(item.id) ?? 0) < MAX_INSTANTIATIONS) {
        instantiated.set(item.id, (instantiated.get(item.id) ?? 0) + 1);
        expand(item, withDefaults(item.typeParams, t.args), extended(step(route, at)));
      }
    } else if (t.k === 'external' && t.pkg === 'lib' && t.args?.length === 1 && LIB_ELEMENTS[t.name]) {
      level.push({ type: t.args[0]!, route: extended(step(route, (r, s) => LIB_ELEMENTS[t.name]!(at(r, s)))) });
    } else if (t.k === 'array') {
      level.push({ type: t.elem, route: step(route, (r, s) => `${at(r, s)}[number]`) });
    } else if (t.k === 'tuple') {
      t.elems.forEach((e, i) => !e.rest && level.push({ type: e.type, route: extended(step(route, (r, s) => `${at(r, s)}[${i}]`)) }));
    } else if (t.k === 'object') {
      members(t.members, step(route, at));
    } else if (t.k === 'intersection') {
      // Each part's members are the intersection's: `(A & { hidden: H })["hidden"]`; an unexported named part is
      // met as the whole intersection, which holds it (`$0.ExecaScriptMethod<T>` for `ExecaScriptTemplate<T>`).
      for (const part of t.types) {
        const hidden = part.k === 'ref' ? surface.items[part.id] : undefined;
        if (part.k === 'object') members(part.members, extended(step(route, at)));
        else if (part.k === 'ref' && hidden && !hidden.exported) meet(hidden, part, { ...extended(route), part: true });
      }
    }
  };
  for (const item of Object.values(surface.items).sort((a, b) => compareStrings(a.path, b.path))) {
    if (!item.exported) continue;
    const n = item.typeParams.length;
    const bind = new Map(item.typeParams.map((_, i) => [`#${i}`, i]));
    const route: Route = {
      path: item.path,
      form: n ? (r, s) => `${r}${typeArguments(s.slice(0, n), item.typeParams)}` : (r) => r,
      slots: n,
      bind,
      constrained: constrainedSlots(item.typeParams, 0),
      depth: n ? 1 : 0,
    };
    if (item.kinds.includes('function') && !n) calls(item.signatures, route, (r) => `typeof ${r}`, true);
    if (item.kinds.some((k) => k === 'interface' || k === 'class' || k === 'type')) expand(item, undefined, route);
    if (item.kinds.includes('class')) {
      // A class's own constructor and statics are met on its value: `ConstructorParameters<typeof $0.C>[0]`.
      const value: Route = { ...route, form: (r) => `typeof ${r}`, slots: 0, bind: new Map(), constrained: new Set(), depth: 0, extended: true };
      const constructors = item.constructors?.filter((c) => (c.visibility ?? 'public') === 'public' && !c.typeParams.length);
      const last = constructors?.at(-1);
      if (last) last.params.forEach((p, i) => !p.rest && level.push({ type: p.type, route: step(value, (r) => `ConstructorParameters<typeof ${r}>[${i}]`) }));
      members(item.statics ?? [], value);
    }
    if (item.kinds.includes('type') && item.alias) level.push({ type: item.alias, route });
    if (item.kinds.includes('variable') && item.valueType && !n) level.push({ type: item.valueType, route: { ...route, form: (r) => `typeof ${r}` } });
    const constructed = item.kinds.includes('variable') && !n ? classOf(surface, item.valueType) : undefined;
    if (constructed) {
      // `const Mixed: typeof MixedSchema` exported as `MixedSchema` (yup 0.32): its instances, with any type arguments.
      const k = constructed.typeParams.length;
      const own = constructed.typeParams.map((_, i): TypeExpr => ({ k: 'typeparam', name: `#${i}` }));
      const instance: Route = { path: item.path, form: (r, s) => `InstanceType<typeof ${r}${k ? `<${s.slice(0, k).map(written).join(', ')}>` : ''}>`, slots: k, bind: new Map(own.map((_, i) => [`#${i}`, i])), constrained: constrainedSlots(constructed.typeParams, 0), depth: k ? 1 : 0, constructs: true };
      meet(constructed, { k: 'ref', id: constructed.id, args: own }, instance);
    }
  }
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const current = level;
    level = [];
    current.forEach(({ type, route }) => visit(type, route));
  }
  return { plain, generic };
}

/** Lib generics whose argument a type operator reaches: the value a promise resolves to, an array's element. */
const LIB_ELEMENTS: Readonly<Record<string, (type: string) => string>> = {
  Promise: (type) => `Awaited<${type}>`,
  PromiseLike: (type) => `Awaited<${type}>`,
  Array: (type) => `${type}[number]`,
  ReadonlyArray: (type) => `${type}[number]`,
};

/** How many of the routes found so far are extended as `route` is or plain as it is: each kind keeps its shortest ones. */
function alike(known: readonly Route[], route: Route): number {
  return known.filter((r) => !r.extended === !route.extended).length;
}

/** Routes of the kinds found before extended ones, each kind shortest first: where a plain route names a type, it still does. */
function plainFirst<T>(list: T[], route: (entry: T) => Route): T[] {
  return [...list.filter((e) => !route(e).extended), ...list.filter((e) => route(e).extended)];
}

/** `to`, still marked as the instances of a constructor where `from` was. */
function marked(from: Route, to: Route): Route {
  return from.constructs ? { ...to, constructs: true } : to;
}

/** `to`, still naming a type that holds the item as a part where `from` did. */
function asPart(from: Route, to: Route): Route {
  return from.part ? { ...to, part: true } : to;
}

/** The unexported class a value's type is the constructor of: the model writes it `typeof <id>` (`typeof MixedSchema`). */
function classOf(surface: ApiSurface, type: TypeExpr | undefined): ApiItem | undefined {
  const id = type?.k === 'text' ? /^typeof (\S+)$/.exec(type.text)?.[1] : undefined;
  const item = id === undefined ? undefined : surface.items[id];
  return item?.kinds.includes('class') && !item.exported ? item : undefined;
}

/** A type met on a route with its generic parameters as the route's slots (`%0`), or undefined where one is not a slot. */
function slotted(type: TypeExpr, bind: ReadonlyMap<string, number>): TypeExpr | undefined {
  let unbound = false;
  const put = mapTypeParams(type, (name) => {
    const slot = bind.get(name);
    if (slot === undefined) unbound = true;
    return { k: 'typeparam', name: `%${slot}` };
  });
  return unbound ? undefined : put;
}

/**
 * A fixed argument of a route with its slots replaced by the arguments given where the route passes them
 * (`at(i)` for the first position `i` that is that slot), or undefined where a slot is passed nowhere.
 */
function putSlots(type: TypeExpr, met: ReadonlyArray<number | TypeExpr>, at: (i: number) => TypeExpr): TypeExpr | undefined {
  let missing = false;
  const put = mapTypeParams(type, (name) => {
    const i = met.indexOf(Number(name.slice(1)));
    if (!name.startsWith('%') || i < 0) missing = true;
    return i < 0 ? { k: 'typeparam', name } : at(i);
  });
  return missing ? undefined : put;
}

/** A type (or a member or signature holding types) with each generic parameter replaced. */
export function mapTypeParams<T>(type: T, replace: (name: string) => TypeExpr): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    if ((value as TypeExpr).k === 'typeparam') return replace((value as { name: string }).name);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return walk(type) as T;
}

function mentionsThis(type: TypeExpr): boolean {
  return someType(type, (t) => t.k === 'prim' && t.name === 'this');
}

/** Whether a type names one the old release does not export. */
function mentionsHidden(surface: ApiSurface, type: TypeExpr): boolean {
  return someType(type, (t) => t.k === 'ref' && surface.items[t.id]?.exported === false);
}

/** Whether a type names a generic parameter (the one named `name`, where given). */
export function mentionsTypeParam(type: TypeExpr, name?: string): boolean {
  return someType(type, (t) => t.k === 'typeparam' && (name === undefined || t.name === name));
}

function isTop(type: TypeExpr): boolean {
  return type.k === 'prim' && (type.name === 'any' || type.name === 'unknown');
}

function sameType(a: TypeExpr, b: TypeExpr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isNullish(type: TypeExpr): boolean {
  return type.k === 'prim' && (type.name === 'undefined' || type.name === 'null');
}
