// The ApiSurface is plain data (JSON round-trips) so that later stages never hold checker objects:
// a surface can be cached, committed as a report, or compared across two separate Programs.

import type { Location } from '../core/location.js';

export type Position = 'input' | 'output';
export type ReleaseTag = 'public' | 'beta' | 'alpha' | 'internal';

export interface Tags {
  release: ReleaseTag;
  deprecated: boolean;
  /** Every other TSDoc tag on the declaration or inherited from its owner (`experimental`, `public`, custom ones), sorted. */
  modifiers?: string[];
}

/**
 * A type in normal form. Named types of the package appear as `ref` by item id, so that the old and the
 * new release's versions of one type correspond by name instead of being compared structurally (classes
 * with private members would otherwise never match). Generic parameters are named by position (`#0` for
 * the declaring item's, `@d.i` for a signature's at nesting depth d), so renaming them is not a change.
 */
export type TypeExpr =
  | { k: 'prim'; name: string }
  | { k: 'lit'; value: string }
  | { k: 'union'; types: TypeExpr[] }
  | { k: 'intersection'; types: TypeExpr[] }
  | { k: 'ref'; id: string; args?: TypeExpr[] }
  | { k: 'external'; pkg: string; name: string; args?: TypeExpr[] }
  | { k: 'enum-member'; id: string; member: string }
  | { k: 'array'; elem: TypeExpr; readonly: boolean }
  | { k: 'tuple'; elems: TupleElem[]; readonly: boolean }
  | { k: 'object'; members: Member[] }
  | { k: 'typeparam'; name: string }
  | { k: 'predicate'; param: number; type: TypeExpr; asserts: boolean }
  | { k: 'text'; text: string };

export interface TupleElem {
  type: TypeExpr;
  optional: boolean;
  rest: boolean;
}

export interface Param {
  name: string;
  type: TypeExpr;
  optional: boolean;
  rest: boolean;
}

export interface TypeParam {
  name: string;
  /** `<const T>`: calls infer readonly literal types for it. */
  const?: true;
  /** A variance annotation (`in T`, `out T`, `in out T`), which the checker uses instead of measuring. */
  variance?: 'in' | 'out' | 'in out';
  constraint?: TypeExpr;
  default?: TypeExpr;
}

export interface Signature {
  /** Constructors only: a `protected` or `private` constructor. */
  visibility?: Visibility;
  /** `abstract new () => T`: an abstract class may stand for it, and nobody may `new` it. */
  abstract?: true;
  /**
   * Declared as a method (`m(x: T): R`), also where a property's type reaches it (`nope: Schema['notOneOf']`): the
   * checker relates such a signature's parameters bivariantly under strictFunctionTypes, as the target of an assignment.
   */
  method?: true;
  /** The declared type of a `this` parameter (not one of `params`: calls do not pass it). */
  thisType?: TypeExpr;
  typeParams: TypeParam[];
  params: Param[];
  returns: TypeExpr;
  text: string;
  location?: Location;
  tags?: Tags;
}

export type Visibility = 'public' | 'protected' | 'private';

export interface Member {
  /** Property name; `[string]`/`[number]`/`[symbol]` for index signatures, `()` and `new()` for call/construct signatures. */
  name: string;
  kind: 'property' | 'method' | 'index' | 'call' | 'construct';
  type?: TypeExpr;
  signatures?: Signature[];
  optional: boolean;
  readonly: boolean;
  visibility: Visibility;
  abstract: boolean;
  /** What its setter accepts, where that is not `type` (what its getter returns). */
  writeType?: TypeExpr;
  /** A property declared by `get`/`set` accessors: a subclass must override it as an accessor too. */
  accessor?: true;
  /** Id of the named type that declares the member, or `external:<pkg>` when it is inherited from another package. */
  declaredIn?: string;
  text: string;
  location?: Location;
  tags?: Tags;
}

export type DeclKind = 'class' | 'interface' | 'type' | 'enum' | 'const-enum' | 'function' | 'variable' | 'namespace';

/** A kind as declarations spell it: `const enum`. */
export function spellKind(kind: DeclKind): string {
  return kind === 'const-enum' ? 'const enum' : kind;
}

export interface EnumMember {
  name: string;
  value?: string;
  location?: Location;
  tags?: Tags;
}

export interface ApiItem {
  id: string;
  /** The path findings use: the first export path (`Name`, `./sub:Name`, `Ns.Name`), or the id for unexported types. */
  path: string;
  kinds: DeclKind[];
  exported: boolean;
  typeParams: TypeParam[];
  signatures?: Signature[];
  valueType?: TypeExpr;
  members?: Member[];
  statics?: Member[];
  constructors?: Signature[];
  abstract?: boolean;
  /** The class declares ECMAScript `#private` members itself (`#private;` in declarations), which `members` leaves out: they make it nominal. */
  hashPrivate?: true;
  /** `extends` of a class (one) or an interface (any number). */
  bases?: TypeExpr[];
  alias?: TypeExpr;
  enumMembers?: EnumMember[];
  /** Namespace exports: exported name → item id. */
  exports?: Record<string, ExportTarget>;
  positions: Position[];
  tags: Tags;
  text: string;
  location?: Location;
}

export interface ExportTarget {
  id: string;
  typeOnly: boolean;
}

export interface EntrySurface {
  /** `.` or `./sub` for entry points; a module name (`fs`) or `global` for ambient declarations. */
  subpath: string;
  file: string;
  /** Declarations the package adds to another module name or to the global scope. */
  ambient?: boolean;
  /**
   * Set when the entry's file is a global script (`@types/jest`): its declarations are globals, which
   * consumers name directly once the package is in their program, and it cannot be imported as a module.
   */
  script?: true;
  /** Set when only node10 resolution (`types`/`typings`/`typesVersions`) finds this entry's declarations. */
  resolution?: 'node10';
  exports: Record<string, ExportTarget>;
}

export interface ApiSurface {
  entries: EntrySurface[];
  items: Record<string, ApiItem>;
  /** Packages whose types the API exposes, with the version range package.json declares for them. */
  dependencies?: Record<string, string>;
  /** Parts of TypeScript's lib the declarations add to consumers' programs (`/// <reference lib>`): name → where it is referenced. */
  libs?: Record<string, Location>;
  /**
   * What a reader of the report should know about how the API was found: entry points only node10 resolution
   * finds, files left out because no consumer can import them. Sorted.
   */
  notes?: string[];
  /** Set when the release ships no type declarations at all: for TypeScript consumers it exports nothing. */
  declarationless?: true;
}

/**
 * The item of an id, if the surface has one. Ids are export names, and an export may be called `toString`
 * or `constructor`: a plain index would answer with Object.prototype's members (fp-ts 1.x exports both).
 */
export function itemOf(surface: ApiSurface, id: string): ApiItem | undefined {
  return Object.hasOwn(surface.items, id) ? surface.items[id] : undefined;
}
