import { ts } from 'ts-morph';
import type { ApiItem, Member, Param, Signature, TypeExpr, TypeParam } from '../model/surface.js';
import { substitute } from '../model/relation.js';
import { isAny, someType, textsIn, typeKey } from '../model/type-expr.js';
import { boundNames, rewriteChildren } from '../model/printing.js';
import { KEYWORD_TYPES } from '../model/conditional-text.js';
import { withPicks } from './mapped-text.js';
import type { ModuleNames } from './module-names.js';
import { TooCostly, Unbuildable } from './unbuildable.js';

/**
 * Writes an old-release type as TypeScript a consumer could have written: the package's named types through
 * their exports, lib types by name, other packages through `import()`. Generic parameters keep the
 * model's positional names (`#0` → `T0`, `@1.0` → `S1_0`), so a witness declares them under those names.
 */
export class TypeText {
  /** What `this` means in the witness: the owner type whose members it uses. */
  thisType: string | undefined;
  /** The item whose members the witness uses: members it inherits may mention its bases' parameters by name. */
  owner: ApiItem | undefined;
  /** Generic scopes enclosing what is being written, as the converter counted them when naming parameters. */
  depth = 0;
  /** How `any` is written: `unknown` inside the witness's own generic constraints (see `declarations`). */
  private anyAs: 'any' | 'unknown' = 'any';
  /** Set once an old type was written as another (an `any` as `unknown` or a constraint): see `Witness.settlement`. */
  approximated = false;
  /** The unexported aliases whose definitions are being written out, innermost last (see `inline`). */
  private readonly frames: Array<{ id: string; args: readonly string[]; names: string[]; floor: number; tag: number }> = [];
  private inlined = 0;
  /** Conditional types written out so far from the checker's text, and how many may be (see `qualify`). */
  private conditionals = 0;
  private maxConditionals = MAX_CONDITIONALS;
  /** The names the checker's text being qualified binds itself (see `qualify`). */
  private bindings: ReadonlySet<string> = new Set();
  /**
   * The declared names of the generic parameters in scope, by the depth that declared them, as model names
   * (`TType` → `#0`, `E` → `@1.0`): the checker's text of a type names them as the declaration did.
   */
  private readonly declared = new Map<number, Map<string, string>>();
  /**
   * The owner's generic parameters that the route naming it fixes (`#1` is `ContextOf<#0>` for yup 0.32's
   * `Lazy`, met only as `lazy<T>`'s result): the witness does not declare them, it writes what they are bound to.
   */
  bound: ReadonlyMap<number, TypeExpr> = new Map();
  /** A called signature's generic parameters that the call leaves to their defaults (`@1.4`): the witness writes the default. */
  defaulted: ReadonlyMap<string, TypeExpr> = new Map();

  constructor(private readonly names: ModuleNames) {}

  type(type: TypeExpr): string {
    switch (type.k) {
      case 'prim':
        if (type.name === 'any') {
          if (type === CONSTRAINED_ANY) return 'any';
          this.approximated ||= this.anyAs === 'unknown';
          return this.anyAs;
        }
        if (type.name !== 'this') return type.name;
        // Seen from a value of the owner type, `this` is that type.
        if (this.thisType === undefined) throw new Unbuildable('the type mentions `this` outside a class or interface the witness uses');
        return this.thisType;
      case 'lit':
        return type.value;
      case 'union':
        return type.types.map((t) => this.operand(t)).join(' | ') || 'never';
      case 'intersection':
        return type.types.map((t) => this.operand(t)).join(' & ') || 'unknown';
      case 'ref':
        return this.ref(type.id, type.args);
      case 'external':
        return `${type.pkg === 'lib' ? '' : `import(${JSON.stringify(type.pkg)}).`}${type.name}${this.args(type.args)}`;
      case 'enum-member':
        return `${this.names.itemRef(type.id)}.${type.member}`;
      case 'array':
        return `${type.readonly ? 'readonly ' : ''}${this.operand(type.elem)}[]`;
      case 'tuple':
        return `${type.readonly ? 'readonly ' : ''}[${type.elems.map((e) => (e.rest ? `...${this.type(e.type)}` : `${this.type(e.type)}${e.optional ? '?' : ''}`)).join(', ')}]`;
      case 'object': {
        // An abstract construct signature has no member syntax: only the function-type form can say it.
        const [only] = type.members;
        if (type.members.length === 1 && only!.kind === 'construct' && only!.signatures?.length === 1 && only!.signatures[0]!.abstract) {
          return `(abstract new ${this.functionType(only!.signatures[0]!)})`;
        }
        return `{ ${type.members.map((m) => this.member(m)).join(' ')} }`;
      }
      case 'typeparam':
        return this.paramName(type.name);
      case 'predicate':
        throw new Unbuildable('a type predicate stands only in a return position');
      case 'text':
        return `(${this.qualify(type.text)})`;
    }
  }

  /**
   * Writes types that the witness uses only at concrete arguments (`Old<any>`, never `Old<T0>` against
   * `Named<T0>`): the checker resolves their conditional types there instead of relating them over generic
   * parameters, which is what made more than MAX_CONDITIONALS too costly, so they get a larger bound.
   */
  concretely<T>(write: () => T): T {
    const [count, limit] = [this.conditionals, this.maxConditionals];
    [this.conditionals, this.maxConditionals] = [0, MAX_CONCRETE_CONDITIONALS];
    try {
      return write();
    } finally {
      [this.conditionals, this.maxConditionals] = [count, limit];
    }
  }

  /** A signature as a function type, `<S0_0>(p0: A) => R`. */
  functionType(signature: Signature): string {
    return this.inScope(signature, (typeParams) => `${typeParams}(${this.params(signature.params)}) => ${this.returns(signature)}`);
  }

  /** The old overloads of a callable as one type: each must still be accepted where it is handed over. */
  callableType(signatures: readonly Signature[], construct = false): string {
    if (signatures.length === 1 && !construct) return `(${this.functionType(signatures[0]!)})`;
    return `{ ${signatures.map((s) => this.callMember(construct ? 'new ' : '', s)).join(' ')} }`;
  }

  /** A signature as a member of an object type or class: `name<S1_0>(p: A): R` and then `end` (`;` or a body). */
  callMember(prefix: string, signature: Signature, end = ';'): string {
    return this.inScope(signature, (typeParams) => `${prefix}${typeParams}(${this.params(signature.params)}): ${this.returns(signature)}${end}`);
  }

  /** Declares a signature's own generic parameters while `body` writes its types. */
  inScope<T>(signature: Signature, body: (typeParams: string) => T): T {
    if (!signature.typeParams.length) return body('');
    const prefix = `@${this.depth}.`;
    const level = this.depth;
    const outer = this.declared.get(level);
    // As in `open`: constraints may name sibling parameters.
    this.declare(level, signature.typeParams, prefix);
    this.depth++;
    try {
      return body(this.typeParamList(signature.typeParams, prefix));
    } finally {
      this.depth--;
      if (outer) this.declared.set(level, outer);
      else this.declared.delete(level);
    }
  }

  /** Writes with a signature's own generic parameters standing for the types of `bound` (by index), one scope deeper as in `inScope`. */
  atArguments<T>(bound: readonly TypeExpr[], body: () => T): T {
    const saved = this.defaulted;
    const prefix = `@${this.depth}.`;
    this.defaulted = new Map([...saved, ...bound.map((t, i): [string, TypeExpr] => [prefix + i, t])]);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
      this.defaulted = saved;
    }
  }

  /**
   * Declares generic parameters for the rest of the witness (an owner type's `#`, or a called signature's
   * `@d.`) and returns their declarations; later types are written one scope deeper, as the converter named them.
   */
  open(params: readonly TypeParam[], kind: '#' | '@', bound: ReadonlyMap<number, TypeExpr> = new Map()): string[] {
    if (!params.length) return [];
    const prefix = kind === '#' ? '#' : `@${this.depth}.`;
    if (kind === '#') this.bound = bound;
    else if (bound.size) this.defaulted = new Map([...this.defaulted, ...[...bound].map(([i, t]): [string, TypeExpr] => [prefix + i, t])]);
    // Constraints are written in the parameters' own scope, as the converter read them: the checker's text in
    // one names its siblings as declared (valibot's `TMessage extends ErrorMessage<UnionIssue<InferIssue<TOptions[number]>>>`,
    // lodash's `TKey2 extends keyof T[TKey1]`).
    this.declare(this.depth, params, prefix);
    this.depth++;
    return this.declarations(params, prefix, bound);
  }

  /** `<T0 extends C, T1>` for a generic item (`#`) or signature (`@d.`) parameter list. */
  typeParamList(params: readonly TypeParam[], prefix: string): string {
    return params.length ? `<${this.declarations(params, prefix).join(', ')}>` : '';
  }

  /**
   * The witness's own generic parameters under the old constraints, with `unknown` for `any` in them: such a
   * type still satisfies the old constraint (`any` relates both ways), and a parameter bounded by
   * `Action<unknown>` meets a constraint tightened to `Action<string>` where `Action<any>` would slip through.
   */
  private declarations(params: readonly TypeParam[], prefix: string, bound: ReadonlyMap<number, TypeExpr> = new Map()): string[] {
    const constraint = (type: TypeExpr, own: string) => {
      if (conditionalOver(type, params.map((p) => p.name).filter((name) => name !== own))) {
        // A call whose type argument is bounded by a conditional type over another of its own type parameters
        // sends the checker exponential (ts-pattern 5.8's `P.select<input, const patternOrKey extends unknown extends
        // input ? UnknownPattern : Pattern<input>, …>`: over 4 GB, never done). Such a witness is not written.
        throw new Unbuildable(`the constraint of ${own} is a conditional type over another type parameter: too costly a witness to compile`);
      }
      const saved = this.anyAs;
      this.anyAs = 'unknown';
      try {
        return this.type(type);
      } finally {
        this.anyAs = saved;
      }
    };
    return params.flatMap((p, i) => (bound.has(i) ? [] : [`${this.paramName(prefix + i)}${p.constraint ? ` extends ${constraint(p.constraint, p.name)}` : ''}`]));
  }

  returns(signature: Signature): string {
    const returns = signature.returns;
    if (returns.k !== 'predicate') return this.type(returns);
    const subject = returns.param < 0 ? 'this' : paramNames(signature.params)[returns.param];
    return `${returns.asserts ? 'asserts ' : ''}${subject} is ${this.type(returns.type)}`;
  }

  params(params: readonly Param[]): string {
    const names = paramNames(params);
    // A rest parameter typed `any` (`(...args: any) => any`) is written `unknown[]` where `any` becomes `unknown`:
    // written through `type`, which counts that as the approximation it is.
    const rest = (type: TypeExpr) => {
      const written = this.type(type);
      return isAny(type) && written === 'unknown' ? 'unknown[]' : written;
    };
    return params.map((p, i) => `${p.rest ? '...' : ''}${names[i]}${p.optional ? '?' : ''}: ${p.rest ? rest(p.type) : this.type(p.type)}`).join(', ');
  }

  member(member: Member): string {
    const flags = `${member.readonly ? 'readonly ' : ''}`;
    const optional = member.optional ? '?' : '';
    switch (member.kind) {
      case 'index':
        return `${flags}[key: ${member.name.slice(1, -1)}]: ${this.type(member.type!)};`;
      case 'call':
      case 'construct':
      case 'method': {
        const prefix = member.kind === 'call' ? '' : member.kind === 'construct' ? 'new ' : `${this.key(member.name)}${optional}`;
        return (member.signatures ?? []).map((s) => this.callMember(prefix, s)).join(' ');
      }
      case 'property':
        return `${flags}${this.key(member.name)}${optional}: ${this.type(member.type!)};`;
    }
  }

  /** The type of a member as a value: a property's type, or a method's overloads as one callable type. */
  memberType(member: Member): string {
    if (member.type) return this.type(member.type);
    return this.callableType(member.signatures ?? []);
  }

  /** A member name as a property key: identifiers as they are, well-known symbols as written, a unique symbol through its export. */
  key(name: string): string {
    if (isIdentifier(name)) return name;
    if (!name.startsWith('[')) return JSON.stringify(name);
    return `[${this.computed(name)}]`;
  }

  /** A property access on an expression, `e.name`, `e["na-me"]` or `e[Symbol.iterator]`. */
  access(expression: string, name: string): string {
    if (isIdentifier(name)) return `${expression}.${name}`;
    return name.startsWith('[') ? `${expression}[${this.computed(name)}]` : `${expression}[${JSON.stringify(name)}]`;
  }

  private computed(name: string): string {
    const inner = name.slice(1, -1);
    if (/^Symbol\.\w+$/.test(inner)) return inner;
    if (this.names.has(inner)) return this.names.exportRef(inner);
    throw new Unbuildable(`the member key ${name} is a symbol the old release does not export by that name`);
  }

  /**
   * A named type of the package: through its export or a route to where an export exposes it, else, for a
   * type alias the old release keeps to itself (`type Maybe<T> = T | null | undefined` behind yup's
   * constraints), its definition written out with the arguments put in, as the checker expands it anyway.
   * The subject of a finding never comes here (rules name it through `itemRef`), so no alias whose change a
   * witness must show is frozen into its old text.
   */
  /**
   * A named generic as consumers write it, the trailing arguments that are its defaults left out
   * (`BooleanSchema<T | null>` for yup 0.32's `BooleanSchema<T | null, AnyObject, T | null>`): against a release
   * whose parameters mean something else from some position on, the two spellings are different types.
   */
  shortest(type: TypeExpr): string | undefined {
    const item = type.k === 'ref' && type.args?.length ? this.names.item(type.id) : undefined;
    if (type.k !== 'ref' || !type.args || !item?.exported) return undefined;
    const full = typeKey(type);
    let count = type.args.length;
    while (count > 0 && typeKey({ ...type, args: [...withDefaults(item.typeParams, type.args.slice(0, count - 1))] }) === full) count--;
    return count < type.args.length ? this.ref(type.id, type.args.slice(0, count)) : undefined;
  }

  private ref(id: string, args: readonly TypeExpr[] | undefined): string {
    const item = this.names.item(id);
    // An export is named as written; an unexported generic is met through routes that pass every argument.
    const written = item && !item.exported ? withDefaults(item.typeParams, args ?? []) : (args ?? []);
    // Inside the witness's own constraints `any` is the widest type there is, `unknown`; where the generic
    // constrains its parameter the widest type is the constraint, with the earlier arguments put in: `unknown`
    // would not satisfy it (yup 0.32's `concat<TOther extends NumberSchema<any, any, any>>`, whose `TType extends
    // Maybe<number>`, is met with `NumberSchema<Maybe<number>, AnyObject, Maybe<number>>`). A constraint the
    // model keeps as text, or one naming a later parameter, leaves `any` (@trpc/server 10's `AnyRouterDef<TConfig,
    // any>`), a type a consumer could write that satisfies it.
    const given: TypeExpr[] = [];
    written.forEach((arg, i) => {
      const constraint = item?.typeParams[i]?.constraint;
      if (!isAny(arg) || !constraint || this.anyAs === 'any') {
        given.push(arg);
        return;
      }
      const widest = writable(constraint, i);
      this.approximated ||= widest;
      given.push(widest ? substitute(constraint, ownBindings(given)) : CONSTRAINED_ANY);
    });
    const write = (t: TypeExpr) => this.type(t);
    const body = item && !item.exported ? shape(item) : undefined;
    try {
      return this.names.typeRef(id, given, write, !body);
    } catch (error) {
      if (!(error instanceof Unbuildable) || !body) throw error;
    }
    // Written out from the old declarations before an extended route names it through the new release's.
    try {
      return this.inline(item!, body, given);
    } catch (error) {
      if (!(error instanceof Unbuildable)) throw error;
      try {
        return this.names.typeRef(id, given, write);
      } catch (unnamed) {
        // Why the old definition could not be written says more than that no route names it.
        throw unnamed instanceof Unbuildable ? error : unnamed;
      }
    }
  }

  /**
   * Writes an alias's definition in place. Its own parameters (`#i`) stand for the arguments, written here
   * in the enclosing scope (a missing one by its default); generic signatures inside it get names of their
   * own (`A<n>_<d>_<i>`) so that they cannot capture a name an argument uses, and are counted from the
   * alias's own depth, as the converter counted them.
   */
  private inline(item: ApiItem, body: TypeExpr, given: readonly TypeExpr[]): string {
    if (this.frames.some((f) => f.id === item.id)) throw new Unbuildable(`${item.path} is not exported and refers to itself: its definition cannot be written out`);
    const args: string[] = [];
    item.typeParams.forEach((p, i) => {
      const arg = given[i];
      if (arg) args.push(this.type(arg));
      else if (p.default) args.push(this.withArguments(item, args, () => this.type(p.default!)));
      else throw new Unbuildable(`${item.path} is used without its type argument ${p.name}`);
    });
    return `(${this.withArguments(item, args, () => this.type(body))})`;
  }

  /**
   * Writes types of an item's definition in which its own parameters (`#i`, or their declared names in the
   * checker's text) stand for the given arguments, already written; one not given yet is unbuildable.
   */
  withArguments<T>(item: ApiItem, args: readonly string[], write: () => T): T {
    const floor = item.typeParams.length ? 1 : 0;
    const saved = this.depth;
    this.frames.push({ id: item.id, args, names: item.typeParams.map((p) => p.name), floor, tag: this.inlined++ });
    this.depth = floor;
    try {
      return write();
    } finally {
      this.frames.pop();
      this.depth = saved;
    }
  }

  /** The identifier for a model's generic parameter where it is written: inside an inlined alias, its argument or a renamed parameter. */
  private paramName(name: string): string {
    const frame = this.frames.at(-1);
    const bound = this.bound.get(Number(/^#(\d+)$/.exec(name)?.[1]));
    if (!frame && bound) return `(${this.type(bound)})`;
    const defaulted = this.defaulted.get(name);
    if (!frame && defaulted) return `(${this.type(defaulted)})`;
    if (!frame) return /^[#@]/.test(name) || !this.owner ? typeParamName(name) : this.inherited(this.owner, name);
    const own = /^#(\d+)$/.exec(name);
    if (own) {
      const arg = frame.args[Number(own[1])];
      if (arg === undefined) throw new Unbuildable(`the definition of ${frame.id} mentions its parameter ${name} before it is given`);
      return `(${arg})`;
    }
    const signature = /^@(\d+)\.(\d+)$/.exec(name);
    if (signature) return `A${frame.tag}_${signature[1]}_${signature[2]}`;
    return typeParamName(name);
  }

  /**
   * A generic parameter of a base type, which a member the owner inherits unchanged still names as its base
   * declared it (`TCast` of yup's `BaseSchema` in `MixedSchema`'s members): the argument the owner's
   * heritage passes for it, followed through every base that declares a parameter of that name. Bases that
   * disagree make it ambiguous, and the witness is not built.
   */
  private inherited(item: ApiItem, name: string, seen = new Set([item.id])): string {
    const found = new Set<string>();
    for (const base of item.bases ?? []) {
      const declared = base.k === 'ref' ? this.names.item(base.id) : undefined;
      if (!declared || base.k !== 'ref' || seen.has(declared.id)) continue;
      seen.add(declared.id);
      const args = base.args ?? [];
      const index = declared.typeParams.findIndex((p) => p.name === name);
      if (index >= 0 && args[index]) found.add(this.type(args[index]));
      if (index >= 0) continue;
      // The base's own bases pass on its parameters: written out, they stand for the arguments given here.
      const names = declared.typeParams.map((p) => p.name);
      this.frames.push({ id: declared.id, args: args.map((a) => this.type(a)), names, floor: this.depth, tag: this.inlined++ });
      try {
        found.add(this.inherited(declared, name, seen));
      } catch (error) {
        if (!(error instanceof Unbuildable)) throw error;
      } finally {
        this.frames.pop();
      }
    }
    const [only, ...others] = found;
    if (only === undefined) return typeParamName(name);
    if (others.length) throw new Unbuildable(`the type mentions a generic parameter (${name}) that two bases of ${item.path} declare`);
    return only;
  }

  private declare(level: number, params: readonly TypeParam[], prefix: string): void {
    this.declared.set(level, new Map(params.map((p, i) => [p.name, prefix + i])));
  }

  /**
   * The checker's text of a type (a conditional or mapped type the model keeps as printed) names the
   * package's types and the generic parameters in scope as their declarations do (`IsNever<A>`), which the
   * witness cannot see: each such name is replaced by what the witness calls it (`$0.IsNever<T0>`). Names
   * the text binds itself (`infer X`, `[K in …]`, `<E>(…) =>`) and names of nothing in the old release
   * (TypeScript's lib) stay as they are. A generic type the old release keeps to itself is replaced with its
   * arguments (`Reference<number>` is `ReturnType<typeof $0.ref<number>>`), or written out as `ref` writes it.
   */
  private qualify(printed: string): string {
    const text = withPicks(infinities(printed));
    const file = ts.createSourceFile('text.ts', `type T = ${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    // Names bound by an enclosing text stay bound in the arguments written out from it.
    const local = boundNames(file.statements[0]!, new Set(this.bindings));
    const heads = new Set<ts.Identifier>();
    const rewrite = (node: ts.Node): string => {
      if (ts.isConditionalTypeNode(node)) this.conditionals++;
      if (node.kind === ts.SyntaxKind.ThisType) return this.type({ k: 'prim', name: 'this' });
      const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isTypeQueryNode(node) ? node.exprName : undefined;
      const head = name && leftmost(name);
      if (head && !local.has(head.text)) {
        const own = ts.isTypeReferenceNode(node) && name === head ? this.privateType(head.text) : undefined;
        const args = ts.isTypeReferenceNode(node) ? node.typeArguments : undefined;
        if (own) return this.ref(own.id, args?.map((a) => textArgument(a, file)));
        heads.add(head);
      }
      if (ts.isIdentifier(node) && heads.has(node)) return this.nameFor(node.text) ?? node.text;
      return rewriteChildren(node, file, rewrite);
    };
    const saved = this.bindings;
    this.bindings = local;
    try {
      const written = rewrite((file.statements[0] as ts.TypeAliasDeclaration).type);
      // The checker is exponential in conditional types over generic parameters: fp-ts 2.0's `pipeable` result
      // (an intersection of sixteen of them) took it 40 s to check in one witness. Such a witness is not written.
      if (this.conditionals > this.maxConditionals) throw new TooCostly(`the old types hold ${this.conditionals} conditional types in the checker's text: too costly a witness to compile`);
      return written;
    } finally {
      this.bindings = saved;
    }
  }

  /** The type the old release keeps to itself that a name of the checker's text means, if it means one. */
  private privateType(name: string): ApiItem | undefined {
    if (this.frames.at(-1)?.names.includes(name) || [...this.declared.values()].some((d) => d.has(name))) return undefined;
    const items = this.names.named(name);
    return items.length === 1 && !items[0]!.exported ? items[0] : undefined;
  }

  /** What the witness calls a name the checker's text uses, or undefined to leave it (a lib type). */
  private nameFor(name: string): string | undefined {
    const frame = this.frames.at(-1);
    const own = frame?.names.indexOf(name) ?? -1;
    if (frame && own >= 0) return this.paramName(`#${own}`);
    for (let level = this.depth - 1; level >= (frame?.floor ?? 0); level--) {
      const model = this.declared.get(level)?.get(name);
      if (model) return this.paramName(model);
    }
    if (!frame && this.owner) {
      try {
        return this.inherited(this.owner, name);
      } catch (error) {
        if (!(error instanceof Unbuildable)) throw error;
      }
    }
    const items = this.names.named(name);
    if (items.length > 1) return this.reachable(name, items);
    return items[0] ? this.names.itemRef(items[0].id) : this.names.externalRef(name);
  }

  /**
   * A name the checker's text shares between declarations of one kind (@trpc/server 10's type aliases `AnyRouter`
   * of `core/` and of `deprecated/`; the text does not say which it means): the one consumers can name, if only
   * one can. Declarations of different kinds stay ambiguous: eventemitter3's `typeof EventEmitter` means the
   * class that no export names, not the exported constant of the same name.
   */
  private reachable(name: string, items: readonly ApiItem[]): string {
    const ambiguous = new Unbuildable(`the checker's text of a type names ${name}, which ${items.length} declarations of the old release share`);
    const kinds = (item: ApiItem) => [...item.kinds].sort().join();
    if (items.some((item) => kinds(item) !== kinds(items[0]!))) throw ambiguous;
    const named = items.flatMap((item) => {
      try {
        return [this.names.itemRef(item.id)];
      } catch (error) {
        if (!(error instanceof Unbuildable)) throw error;
        return [];
      }
    });
    if (named.length !== 1) throw ambiguous;
    return named[0]!;
  }

  private args(args: readonly TypeExpr[] | undefined): string {
    return args?.length ? `<${args.map((a) => this.type(a)).join(', ')}>` : '';
  }

  /** Function types and unions inside unions, intersections and arrays need parentheses. */
  private operand(type: TypeExpr): string {
    const text = this.type(type);
    return type.k === 'union' || type.k === 'intersection' ? `(${text})` : text;
  }
}

/**
 * What an unexported named type stands for, written in place where no route names it: an alias's body, or
 * the members of an interface or an object type alias (`ResolveOptions<TContext = any> = { … }` behind
 * yup 0.32's methods) as an object type, which accepts and gives what the interface does. Classes stay out:
 * their private members make them nominal. So do interfaces with bases, call signatures shared with a
 * namespace or a function, and members a base declared.
 */
function shape(item: ApiItem): TypeExpr | undefined {
  if (item.alias) return item.alias;
  const structural = item.kinds.every((k) => k === 'interface' || k === 'type');
  if (!structural || !item.members || item.bases?.length || item.members.some((m) => m.declaredIn !== undefined && m.declaredIn !== item.id)) return undefined;
  return { k: 'object', members: item.members };
}

/**
 * A generic used with fewer arguments than parameters means its defaults for the rest (`Reference` is
 * `Reference<unknown>`); a default naming an earlier parameter (`TOut = TType`) stands for that argument.
 */
export function withDefaults(params: readonly TypeParam[], args: readonly TypeExpr[]): readonly TypeExpr[] {
  if (args.length >= params.length || params.slice(args.length).some((p) => !p.default)) return args;
  const given = [...args];
  for (const param of params.slice(args.length)) given.push(substitute(param.default!, ownBindings(given)));
  return given;
}

/** The arguments given for an item's own parameters (`#i`), as `substitute` takes them. */
function ownBindings(args: readonly TypeExpr[]): Map<string, TypeExpr> {
  return new Map(args.map((arg, i) => [`#${i}`, arg]));
}

/** An `any` argument in a constrained slot whose constraint cannot be written (see `ref`): written as `any`. */
const CONSTRAINED_ANY: TypeExpr = { k: 'prim', name: 'any' };

/** Whether a generic's constraint can be written with its first `count` arguments: no text, no later parameter. */
function writable(constraint: TypeExpr, count: number): boolean {
  return !someType(constraint, (t) => {
    const own = t.k === 'typeparam' ? /^#(\d+)$/.exec(t.name) : null;
    return t.k === 'text' || (own !== null && Number(own[1]) >= count);
  });
}

/** How many conditional types of the checker's text one witness may write out (see `qualify`). */
const MAX_CONDITIONALS = 8;
/** The same for types used only at concrete arguments (see `concretely`). */
const MAX_CONCRETE_CONDITIONALS = 64;

/**
 * The checker prints the number literal types `1e999` and `-1e999` (type-fest's `PositiveInfinity`) as
 * `Infinity` and `-Infinity`, which do not parse as types; outside string and template literals they are
 * written back as numbers.
 */
function infinities(text: string): string {
  return text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/(?<![\w$.]|typeof )(-?)Infinity\b/g, '$11e999')))
    .join('');
}

/** Whether a type holds the checker's text of a conditional type that names one of `names`. */
function conditionalOver(type: TypeExpr, names: readonly string[]): boolean {
  return names.length > 0 && textsIn(type).some((text) => {
    if (!text.includes('?')) return false;
    const file = ts.createSourceFile('text.ts', `type T = ${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    let found = false;
    const visit = (node: ts.Node, inConditional: boolean): void => {
      if (found) return;
      if (inConditional && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.includes(node.typeName.text)) found = true;
      ts.forEachChild(node, (child) => visit(child, inConditional || ts.isConditionalTypeNode(node)));
    };
    visit(file, false);
    return found;
  });
}

/**
 * An argument the checker's text gives a type the old release keeps to itself: `any` and the other keywords are
 * the model's primitives, so the argument is judged as the model's own `any` is (yup 0.32's `ObjectShape`, whose
 * text names `Lazy<any, any>`, met through `lazy<any>` only if its `any` counts as a top type).
 */
function textArgument(node: ts.TypeNode, file: ts.SourceFile): TypeExpr {
  const keyword = KEYWORD_TYPES.get(node.kind);
  return keyword ? { k: 'prim', name: keyword } : { k: 'text', text: node.getText(file) };
}

/** The first identifier of `a.b.c`. */
function leftmost(name: ts.EntityName): ts.Identifier {
  return ts.isIdentifier(name) ? name : leftmost(name.left);
}

/** A name that can stand after a dot. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/**
 * Names a witness cannot give a parameter: keywords, and what a module (strict mode) may not bind, which a
 * declaration file's function types may (execa 10's `(file: string | URL, arguments?: readonly string[])`, TS1100).
 */
const RESERVED = new Set(['this', 'new', 'class', 'function', 'default', 'delete', 'void', 'typeof', 'in', 'var', 'let', 'const', 'enum', 'export', 'import', 'arguments', 'eval', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'static', 'yield']);

/** Parameters keep their declared names where those are plain and distinct, so the witness reads like the API. */
export function paramNames(params: readonly Param[]): string[] {
  // A `$` name could shadow the import aliases (`$0`).
  const names = params.map((p, i) => (isIdentifier(p.name) && !p.name.startsWith('$') && !RESERVED.has(p.name) ? p.name : `p${i}`));
  return names.map((name, i) => (names.indexOf(name) === i ? name : `p${i}`));
}

/** The identifier a witness declares for a model's positional generic parameter. */
export function typeParamName(name: string): string {
  const item = /^#(\d+)$/.exec(name);
  if (item) return `T${item[1]}`;
  const signature = /^@(\d+)\.(\d+)$/.exec(name);
  if (signature) return `S${signature[1]}_${signature[2]}`;
  throw new Unbuildable(`the type mentions a generic parameter (${name}) from outside the declaration`);
}
