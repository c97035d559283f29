import type { ApiItem, ApiSurface, EntrySurface, TypeExpr } from '../model/surface.js';
import { isIdentifier } from './type-text.js';
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
    if (entry.ambient && entry.subpath === 'global') return chain.join('.');
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
    return entry.ambient && entry.subpath === 'global' ? { chain } : { module: this.specifier(entry), chain };
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
   * A type the old release does not export is still met where an export exposes it: a parameter or the
   * result of a function, a property of an exported type. Consumers that construct it pass it there.
   */
  private reach(id: string): string | undefined {
    const named = (t: TypeExpr | undefined) => t?.k === 'ref' && t.id === id && !t.args?.length;
    const direct = (t: TypeExpr | undefined) => named(t) || (t?.k === 'union' && t.types.some(named) && t.types.every((m) => named(m) || isNullish(m)));
    for (const item of Object.values(this.surface.items).sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!item.exported || item.typeParams.length) continue;
      const ref = () => this.exportRef(item.path);
      const only = item.signatures?.length === 1 ? item.signatures[0]! : undefined;
      const index = only?.params.findIndex((p) => direct(p.type) && !p.rest) ?? -1;
      if (only && !only.typeParams.length && index >= 0) return `NonNullable<Parameters<typeof ${ref()}>[${index}]>`;
      if (only && !only.typeParams.length && direct(only.returns)) return `NonNullable<ReturnType<typeof ${ref()}>>`;
      const property = item.kinds.some((k) => k === 'interface' || k === 'class') && item.members?.find((m) => m.kind === 'property' && direct(m.type));
      if (property && isIdentifier(property.name)) return `NonNullable<${ref()}[${JSON.stringify(property.name)}]>`;
    }
    return undefined;
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

  /** What `import ... from` names for an entry point or an ambient module. */
  specifier(entry: EntrySurface): string {
    return entry.ambient ? entry.subpath : entrySpecifier(this.packageName, entry.subpath);
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

/** What a consumer imports for an entry point: the package name, or the name and the subpath (`pkg/utils`). */
export function entrySpecifier(packageName: string, subpath: string): string {
  return subpath === '.' ? packageName : `${packageName}/${subpath.slice(2)}`;
}

function isNullish(type: TypeExpr): boolean {
  return type.k === 'prim' && (type.name === 'undefined' || type.name === 'null');
}
