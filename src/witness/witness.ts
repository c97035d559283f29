import type { ApiItem, Signature, TypeExpr } from '../model/surface.js';
import type { ModuleNames } from './module-names.js';
import { TypeText } from './type-text.js';
import { Unbuildable } from './unbuildable.js';
import type { Side } from '../core/side.js';

/** How a conclusive witness's refutation shows the new type relates to the old (see `Witness.settles`). */
export type SettledRelation = 'equal' | 'wider';

export interface Settlement {
  relation: SettledRelation;
  corroborated: boolean;
}

/**
 * Whether a type holds nothing generic: no type parameter (positionally, or by one of `names` in the checker's text)
 * and no generic signature. The checker relates such types as it relates them wherever consumers meet them; over
 * generic parameters its relation can be laxer than at every instantiation (see `Witness.settles`).
 */
export function closedType(type: TypeExpr, names: readonly string[]): boolean {
  const seen = new WeakSet<object>();
  const open = (value: unknown): boolean => {
    if (!value || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    const node = value as { k?: string; text?: string; typeParams?: unknown[] };
    if (node.k === 'typeparam' || (Array.isArray(node.typeParams) && node.typeParams.length > 0)) return true;
    if (node.k === 'text') return (node.text!.match(/[\w$]+/g) ?? []).some((word) => names.includes(word));
    return Object.values(value).some(open);
  };
  return !open(type);
}

/**
 * The first line of a witness compiled without the entry points only node10 resolution finds: the reader sees
 * how it was compiled, and `compileWitnesses` gives it Programs of its own.
 */
export const EXPORTS_ONLY = '// compiled as node16, nodenext and bundler consumers resolve the package: through "exports" alone';

/**
 * One consumer module under construction. Values of old types are parameters of the exported `witness`
 * function, so they need no initialiser that could itself fail to compile; generic parameters of the
 * owner type and of the called signature become the function's own.
 */
export class Witness {
  readonly text: TypeText;
  private readonly itemGenerics: string[] = [];
  private readonly signatureGenerics: string[] = [];
  private readonly params: Array<{ name: string; type: string }> = [];
  /** Each move's statements: a block of their own when there are several, so their local names cannot clash. */
  private readonly groups: string[][] = [];
  private readonly declarations: string[] = [];
  private readonly values = new Map<string, string>();
  private entered: ApiItem | undefined;
  /** Set when the statements must run inside a subclass of this class: protected members. */
  private base: string | undefined;
  private exportsOnly = false;
  /** Other witnesses of the same finding, rendered (see `orElse`). */
  readonly alternatives: string[] = [];
  /** What this module's refutation settles, as its builder declared (see `settles`). */
  private claim: Settlement | undefined;

  /** `side` is the release whose API the witness is written against: the old one, or the new one for a positive witness. */
  constructor(
    readonly names: ModuleNames,
    readonly side: Side = 'old',
  ) {
    this.text = new TypeText(names);
  }

  /** A value of an old type, as a parameter of the witness; `key` makes repeated requests share one. */
  value(type: string, hint: string, key?: string): string {
    const existing = key && this.values.get(key);
    if (existing) return existing;
    // A value is named after what it stands for, numbered only on a clash.
    const name = this.params.some((p) => p.name === hint) ? `${hint}${this.params.length}` : hint;
    this.params.push({ name, type });
    if (key) this.values.set(key, name);
    return name;
  }

  /** Declares the generic parameters of the item whose members the witness uses (once); `this` is that item. */
  enterItem(item: ApiItem): void {
    if (this.entered === item) return;
    if (this.entered) throw new Unbuildable('the witness would need two generic owners');
    this.entered = item;
    this.itemGenerics.push(...this.text.open(item.typeParams, '#', this.names.boundParams(item.id)));
    // Seen from an intersection holding the item, `this` is the whole intersection, as the checker has it.
    this.text.thisType = this.itemType(item, true);
    this.text.owner = item;
  }

  /**
   * Runs one way of showing the finding; when it cannot be built, everything it added is taken back and
   * the reason returned, so the next way starts clean.
   */
  attempt(move: () => void): Unbuildable | undefined {
    const saved = this.snapshot();
    try {
      move();
      return undefined;
    } catch (error) {
      if (!(error instanceof Unbuildable)) throw error;
      this.restore(saved);
      return error;
    }
  }

  /**
   * Runs every way that can be built (at least one must): each is code a consumer may have written. Each
   * starts at the generic depth the witness had before any of them: a signature the first one called opened a
   * scope the others are not inside, and types they write (an implementation's overloads) are named as the
   * converter named them, at their own declaration's depth.
   */
  anyOf(...moves: Array<() => void>): void {
    // No move is no evidence: an empty witness compiles against every release and would refute any finding.
    if (moves.length === 0) throw new Unbuildable('consumers meet it in no position the model knows: no move to try');
    const [depth, owner] = [this.text.depth, this.entered];
    let deepest = depth;
    const failures = moves
      .map((move) => {
        // The owner type's scope stays open: a way that entered it first made it the witness's own.
        this.text.depth = depth + (this.entered !== owner && this.entered?.typeParams.length ? 1 : 0);
        const failure = this.attempt(move);
        deepest = Math.max(deepest, this.text.depth);
        return failure;
      })
      .filter((f) => f !== undefined);
    this.text.depth = deepest;
    if (failures.length === moves.length && failures[0]) throw failures[0];
  }

  private snapshot() {
    return {
      lengths: [this.itemGenerics, this.signatureGenerics, this.params, this.groups, this.declarations].map((a) => a.length),
      values: new Map(this.values),
      entered: this.entered,
      base: this.base,
      depth: this.text.depth,
      thisType: this.text.thisType,
      owner: this.text.owner,
      bound: this.text.bound,
      defaulted: this.text.defaulted,
      approximated: this.text.approximated,
      claim: this.claim,
    };
  }

  private restore(saved: ReturnType<Witness['snapshot']>): void {
    [this.itemGenerics, this.signatureGenerics, this.params, this.groups, this.declarations].forEach((a, i) => a.splice(saved.lengths[i]!));
    this.values.clear();
    saved.values.forEach((v, k) => this.values.set(k, v));
    this.entered = saved.entered;
    this.base = saved.base;
    this.text.depth = saved.depth;
    this.text.thisType = saved.thisType;
    this.text.owner = saved.owner;
    this.text.bound = saved.bound;
    this.text.defaulted = saved.defaulted;
    this.text.approximated = saved.approximated;
    this.claim = saved.claim;
  }

  /**
   * Declares that this module states the whole relation its finding is about, at the old generic parameters and
   * in every direction consumers use it, so that compiling against the new release too shows the new type relates
   * to the old one as `relation` (both ways: `equal`; every old value or type argument still admitted: `wider`).
   * `corroborated`: the checker's relation over generic parameters can be laxer than at the arguments consumers
   * write (see README, "How a change is judged"), so the claim also needs an alternative of this witness, compiled
   * at such arguments, that comes out refuted too.
   */
  settles(relation: SettledRelation, corroborated: boolean): void {
    this.claim = { relation, corroborated };
  }

  /**
   * The claim declared with `settles`, unless a type was written other than the old release declares it (an
   * `any` written `unknown`, a type named through another export's path): the relation shown is then one
   * between other types. Whether a claim that needs corroboration has an alternative to give it is for the
   * caller to say, of the alternatives it will compile (see `build` in engine/witnesses.ts).
   */
  settlement(): Settlement | undefined {
    return this.text.approximated || this.names.approximated ? undefined : this.claim;
  }

  /**
   * Writes another witness of the same finding as a module of its own, compiled where this one is refuted:
   * moves that would make this one fail against the old release where they cannot be written faithfully (an
   * alias's printed definition at concrete arguments) go there. One that cannot be built is left out.
   */
  orElse(move: (w: Witness) => void, names = this.names.another()): void {
    const other = new Witness(names, this.side);
    if (!other.attempt(() => move(other))) this.alternatives.push(other.render());
  }

  /**
   * Declares a called signature's own generic parameters, named as the converter named them there; those
   * from `defaultsFrom` on are not declared but stand for their defaults, as in a call that leaves them out.
   */
  enterSignature(signature: Signature, defaultsFrom = signature.typeParams.length): string[] {
    const defaults = signature.typeParams.slice(defaultsFrom).map((p, i): [number, TypeExpr] => {
      if (!p.default) throw new Unbuildable(`the type parameter ${p.name} has no default a call can leave it to`);
      return [defaultsFrom + i, p.default];
    });
    return this.enterSignatureAt(signature, new Map(defaults));
  }

  /** Enters a signature with the generic parameters of `bound` (by index) standing for those types, the others declared. */
  enterSignatureAt(signature: Signature, bound: ReadonlyMap<number, TypeExpr>): string[] {
    const declared = this.text.open(signature.typeParams, '@', bound);
    for (const declaration of declared) {
      const name = declaration.split(' ')[0]!;
      const same = this.signatureGenerics.find((d) => d.split(' ')[0] === name);
      // Two ways of one witness may enter the same signature at the same depth: its parameters are declared once.
      if (same === declaration) continue;
      if (same) throw new Unbuildable(`two uses in one witness need different generic parameters named ${name}`);
      this.signatureGenerics.push(declaration);
    }
    return declared.map((d) => d.split(' ')[0]!);
  }

  /**
   * The item as a type with its generic parameters as arguments (`$0.Box<T0>`), where consumers can name it;
   * with `parts`, possibly a type holding it in an intersection (see ModuleNames' `itemRef`).
   */
  itemType(item: ApiItem, parts = false): string {
    const own = item.typeParams.map((_, i): TypeExpr => this.text.bound.get(i) ?? { k: 'typeparam', name: `#${i}` });
    return this.names.typeRef(item.id, own, (t) => this.text.type(t), true, parts);
  }

  /** `<T0, T1>`: the item's generic parameters (the first `count`) as type arguments. */
  itemArgs(item: ApiItem, count = item.typeParams.length): string {
    return count ? `<${item.typeParams.slice(0, count).map((_, i) => `T${i}`).join(', ')}>` : '';
  }

  /** The statements run as a method of a subclass of `base` (which must be the entered item's type): `this` reaches protected members. */
  inSubclass(base: string): string {
    this.base = classBase(base);
    return 'this';
  }

  /** A name for a top-level declaration, unique in this witness. */
  fresh(prefix: string): string {
    return `${prefix}${this.declarations.length}`;
  }

  /** The witness imports the package as node16, nodenext and bundler consumers do: through `exports` alone. */
  resolveThroughExports(): void {
    this.exportsOnly = true;
  }

  say(...statements: string[]): void {
    this.groups.push(statements);
  }

  declare(...declarations: string[]): void {
    this.declarations.push(...declarations);
  }

  render(): string {
    const list = (generics: string[]) => (generics.length ? `<${generics.join(', ')}>` : '');
    const statements = this.groups.length > 1 ? this.groups.flatMap((g) => ['{', ...g.map((s) => `  ${s}`), '}']) : this.groups.flat();
    const body = statements.map((s) => `  ${s}`);
    const lines = [...(this.exportsOnly ? [EXPORTS_ONLY] : []), ...this.names.imports(), ...(this.declarations.length ? ['', ...this.declarations] : [])];
    const signature = `(${this.params.map((p) => `${p.name}: ${p.type}`).join(', ')}): void`;
    if (this.base) {
      lines.push('', `export abstract class Witness${list(this.itemGenerics)} extends ${this.base} {`);
      lines.push(`  witness${list(this.signatureGenerics)}${signature} {`, ...body.map((s) => `  ${s}`), '  }', '}');
    } else if (statements.length || this.params.length) {
      lines.push('', `export function witness${list([...this.itemGenerics, ...this.signatureGenerics])}${signature} {`, ...body, '}');
    }
    // A file without imports or exports is a script, where `declare global` cannot stand.
    if (!lines.some((l) => l.startsWith('import ') || l.startsWith('export '))) lines.push('', 'export {};');
    return `${lines.join('\n').replace(/^\n+/, '')}\n`;
  }
}

/**
 * A type as the base of a consumer's class. A class exported only as its constructor is named by its instances
 * (`NonNullable<InstanceType<typeof $0.MixedSchema<T0>>>`, yup 0.32), which `extends` cannot take (TS2693): it
 * takes the constructor with its type arguments, `$0.MixedSchema<T0>`.
 */
export function classBase(type: string): string {
  const inner = type.startsWith('NonNullable<') && type.endsWith('>') ? type.slice('NonNullable<'.length, -1) : type;
  const prefix = 'InstanceType<typeof ';
  const constructor = inner.startsWith(prefix) && inner.endsWith('>') ? inner.slice(prefix.length, -1) : undefined;
  return constructor !== undefined && balanced(constructor) ? constructor : type;
}

/** Whether every `<` in a type's text closes in order, so that stripping a wrapper took exactly that wrapper. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    depth += c === '<' ? 1 : c === '>' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}
