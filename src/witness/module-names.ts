import path from 'node:path';
import type { ApiItem, ApiSurface, EntrySurface, Member, Signature, TypeExpr } from '../model/surface.js';
import { Unbuildable } from './unbuildable.js';

/**
 * How consumer code names the old release's exports: one import per entry point or ambient module, and
 * every export path (`Name`, `./sub:Ns.Name`, `fs:Name`, `global:Name`) as an expression on it. Only the
 * old release's own paths are used, so a witness never depends on what the new release added.
 */
export class ModuleNames {
  private readonly aliases = new Map<EntrySurface, string>();
  /** Longest subpath first, so that `./a/b:` wins over `./a:`; the root entry has no prefix. */
  private readonly entries: EntrySurface[];

  constructor(
    private readonly surface: ApiSurface,
    private readonly packageName: string,
  ) {
    this.entries = [...surface.entries].sort((a, b) => b.subpath.length - a.subpath.length);
  }

  /** The expression for an export path of the old release. */
  exportRef(path: string): string {
    const { entry, chain } = this.split(path);
    if (isGlobal(entry)) return chain.join('.');
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

  /** The expression naming an item of the old release, by the first path it is exported at. */
  itemRef(id: string): string {
    const item = this.surface.items[id];
    if (!item) throw new Unbuildable(`${id} is not part of the old release's API`);
    if (item.exported) return this.exportRef(item.path);
    const reach = this.reach(id);
    if (!reach) throw new Unbuildable(`${item.path} is not exported and no export exposes it directly: consumers reach it only through other types`);
    return reach;
  }

  /**
   * A type the old release does not export is still met where an export exposes it, at any depth: a parameter
   * or the result of a function, a property, a method's parameter or result, an array's element, an index
   * signature's value (`NonNullable<Parameters<typeof createPool>[0]>["options"]`). Consumers that construct it
   * pass it there. The routes are found once per release, shortest first.
   */
  private reach(id: string): string | undefined {
    let found = routesBySurface.get(this.surface);
    if (!found) routesBySurface.set(this.surface, (found = routes(this.surface)));
    const route = found.get(id);
    return route && route.form(this.exportRef(route.path));
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

  item(id: string): ApiItem | undefined {
    return this.surface.items[id];
  }

  /** The import declarations the names used so far need, in a stable order. */
  imports(): string[] {
    return [...this.aliases].map(([entry, alias]) => {
      const specifier = JSON.stringify(this.specifier(entry));
      // `export =` modules are imported the CommonJS way: a namespace import cannot call or construct them.
      return 'export=' in entry.exports ? `import ${alias} = require(${specifier});` : `import * as ${alias} from ${specifier};`;
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
    // `declare module "."` (or `"./"`) names the folder's index, as an import of the folder would.
    const joined = path.posix.join(path.posix.dirname(entry.file), entry.subpath).replace(/^\.?\/?$/, 'index').replace(/\/$/, '/index');
    const target = joined.replace(/(\/index)?(\.d)?(\.[cm]?[jt]s)?$/, '');
    const augmented = this.surface.entries.find((e) => !e.ambient && e.file.replace(/(\/index)?\.d\.[cm]?ts$/, '') === target);
    if (!augmented) throw new Unbuildable(`declare module ${JSON.stringify(entry.subpath)} in ${entry.file} augments a file no entry point leads to`);
    return entrySpecifier(this.packageName, augmented.subpath);
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

/** What a consumer imports for an entry point: the package name, or the name and the subpath (`pkg/utils`). */
export function entrySpecifier(packageName: string, subpath: string): string {
  return subpath === '.' ? packageName : `${packageName}/${subpath.slice(2)}`;
}

/** Where an unexported type is met: the export path it is reached from, and the type expression reaching it. */
interface Route {
  path: string;
  form: (ref: string) => string;
}

const routesBySurface = new WeakMap<ApiSurface, Map<string, Route>>();
const namesBySurface = new WeakMap<ApiSurface, Map<string, ApiItem[]>>();

/** How far from an export a route may go: deeper types are met only through the shallower ones. */
const MAX_DEPTH = 6;

/**
 * A route to every unexported, non-generic named type, breadth first from the exports (sorted by path, so
 * the first route found is the shortest and the choice is stable). Only non-generic exports and
 * single-signature, non-generic callables are walked: elsewhere the types mention parameters the route
 * cannot name.
 */
function routes(surface: ApiSurface): Map<string, Route> {
  const found = new Map<string, Route>();
  let level: Array<{ type: TypeExpr; route: Route }> = [];
  const signature = (signatures: readonly Signature[] | undefined, route: Route, callee: (ref: string) => string) => {
    const only = signatures?.length === 1 && !signatures[0]!.typeParams.length ? signatures[0] : undefined;
    if (!only) return;
    only.params.forEach((p, i) => !p.rest && level.push({ type: p.type, route: { path: route.path, form: (r) => `Parameters<${callee(r)}>[${i}]` } }));
    if (only.returns.k !== 'predicate') level.push({ type: only.returns, route: { path: route.path, form: (r) => `ReturnType<${callee(r)}>` } });
  };
  const members = (list: readonly Member[], route: Route) => {
    for (const member of list) {
      if (member.visibility !== 'public') continue;
      const at = (r: string) => `NonNullable<${route.form(r)}>`;
      if (member.kind === 'property' && member.type && !member.name.startsWith('[')) {
        level.push({ type: member.type, route: { path: route.path, form: (r) => `${at(r)}[${JSON.stringify(member.name)}]` } });
      } else if (member.kind === 'method' && !member.name.startsWith('[')) {
        signature(member.signatures, route, (r) => `${at(r)}[${JSON.stringify(member.name)}]`);
      } else if (member.kind === 'index' && member.type) {
        level.push({ type: member.type, route: { path: route.path, form: (r) => `${at(r)}[${member.name.slice(1, -1)}]` } });
      } else if (member.kind === 'call') {
        signature(member.signatures, route, at);
      }
    }
  };
  const visit = (type: TypeExpr, route: Route) => {
    const present = type.k === 'union' ? type.types.filter((t) => !isNullish(t)) : [type];
    if (present.length !== 1) return;
    const [t] = present as [TypeExpr];
    const at = (r: string) => `NonNullable<${route.form(r)}>`;
    if (t.k === 'ref' && !t.args?.length) {
      const item = surface.items[t.id];
      if (!item || item.exported || found.has(t.id) || item.typeParams.length) return;
      const reached = { path: route.path, form: at };
      found.set(t.id, reached);
      members(item.members ?? [], reached);
      if (item.alias) level.push({ type: item.alias, route: reached });
    } else if (t.k === 'array') {
      level.push({ type: t.elem, route: { path: route.path, form: (r) => `${at(r)}[number]` } });
    } else if (t.k === 'object') {
      members(t.members, { path: route.path, form: at });
    }
  };
  for (const item of Object.values(surface.items).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!item.exported || item.typeParams.length) continue;
    const route: Route = { path: item.path, form: (r) => r };
    if (item.kinds.includes('function')) signature(item.signatures, route, (r) => `typeof ${r}`);
    if (item.kinds.some((k) => k === 'interface' || k === 'class' || k === 'type')) members(item.members ?? [], route);
    if (item.kinds.includes('type') && item.alias) level.push({ type: item.alias, route });
    if (item.kinds.includes('variable') && item.valueType) level.push({ type: item.valueType, route: { path: item.path, form: (r) => `typeof ${r}` } });
  }
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const current = level;
    level = [];
    current.forEach(({ type, route }) => visit(type, route));
  }
  return found;
}

function isNullish(type: TypeExpr): boolean {
  return type.k === 'prim' && (type.name === 'undefined' || type.name === 'null');
}
