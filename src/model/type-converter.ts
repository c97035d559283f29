import { ts } from 'ts-morph';
import { printSignature, printType } from './printing.js';
import { ownerPackage } from './project.js';
import { STUB_BRAND } from './external-stubs.js';
import type { Member, Param, Signature, TypeExpr, TypeParam, Visibility } from './surface.js';

export type Annotate = (member: Member, declaration: ts.Declaration | undefined) => Member | undefined;
import { normalizeUnion, someType } from './type-expr.js';
import { inlineHelpers } from './helper-aliases.js';
import { compareStrings } from '../core/compare.js';

/** Anonymous types nest without bound in principle (recursive aliases, mapped types); past this depth they are kept as text. */
const MAX_DEPTH = 12;

const textFlags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/**
 * Turns checker types into TypeExpr. Named types of the package become references (the callback gives their
 * item id and queues them for extraction), types of other packages and of TypeScript's lib stay opaque by
 * package and name, and what the model cannot take apart (conditional, mapped, indexed access types) is
 * kept as the checker prints it, which is compared for equality only.
 */
export class TypeConverter {
  private readonly scopes: Array<Map<ts.Symbol, string>> = [];
  /** Generic parameters of the bases of the type whose members are under conversion, with the arguments its heritage passes them. */
  private baseArguments = new Map<ts.Symbol, ts.Type>();
  /** The instantiations whose members are under conversion, innermost last (see `withInstantiation`). */
  private readonly instantiations: TypeMapper[] = [];
  private readonly active = new Set<ts.Type>();
  /**
   * Members inherited unchanged (no generic instantiation, hence the same symbol) are converted once and
   * shared by every subclass and sub-interface: deep hierarchies would otherwise be converted over and over.
   */
  private readonly declaredMembers = new Map<ts.Symbol, Member | undefined>();
  /** Names of other packages' types: the checker builds a fully qualified name anew on every call. */
  private readonly externalNames = new Map<ts.Symbol, string>();
  private readonly aliasIds = new Map<ts.TypeReferenceNode, string | undefined>();
  private readonly converted = new Map<ts.Type, { expr: TypeExpr; height: number }>();
  /** The types whose members are under conversion, innermost last: what `this` is in them (see `thisProperty`). */
  private readonly owners: ts.Type[] = [];
  /** The alias body under conversion: printed as its structure, not as the alias's own name (which never changes). */
  private aliasBody: ts.Type | undefined;
  /** The deepest level the conversion under way has reached. */
  private deepestLevel = 0;
  /** Whether the conversion under way depended on where it happened (see `convert`). */
  private contextDependent = false;
  /** Packages (other than TypeScript's lib) whose types the converted API refers to. */
  readonly externalPackages = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly referenceId: (symbol: ts.Symbol) => string | undefined,
  ) {}

  /** Runs `body` with generic parameters named by position, so that renaming one is not a change. */
  withScope<T>(params: readonly ts.TypeParameterDeclaration[], prefix: '#' | '@', body: () => T): T {
    const scope = new Map<ts.Symbol, string>();
    const depth = this.scopes.filter((s) => s.size > 0).length;
    params.forEach((param, index) => {
      const symbol = this.checker.getSymbolAtLocation(param.name);
      if (symbol) scope.set(symbol, prefix === '#' ? `#${index}` : `@${depth}.${index}`);
    });
    this.scopes.push(scope);
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  /**
   * Runs `body` with the generic parameters of `declared`'s bases (and theirs) standing for the arguments its
   * heritage passes them. Members are read from their declarations, so one inherited from a generic base names
   * the base's parameter (`TCast` of yup 0.32's `BaseSchema`), where the subclass means its own argument
   * (`TType` in `BooleanSchema<TType> extends BaseSchema<TType>`).
   */
  withBaseArguments<T>(declared: ts.Type, body: () => T): T {
    const outer = this.baseArguments;
    const bindings = new Map<ts.Symbol, ts.Type>();
    const visit = (type: ts.Type, seen: Set<ts.Type>): void => {
      if (!(type.flags & ts.TypeFlags.Object) || seen.has(type)) return;
      seen.add(type);
      for (const base of this.checker.getBaseTypes(type as ts.InterfaceType)) {
        const target = (base as ts.TypeReference).target ?? base;
        const params = (target as ts.InterfaceType).typeParameters ?? [];
        const args = base === target ? [] : this.checker.getTypeArguments(base as ts.TypeReference);
        params.forEach((param, i) => {
          const arg = args[i];
          if (param.symbol && arg && arg.symbol !== param.symbol && !bindings.has(param.symbol)) bindings.set(param.symbol, arg);
        });
        visit(target, seen);
      }
    };
    visit(declared, new Set());
    this.baseArguments = bindings;
    try {
      return body();
    } finally {
      this.baseArguments = outer;
    }
  }

  /**
   * Runs `body` with the generic parameters an instantiation bound standing for their arguments. A member is
   * read from its declaration, which names the parameters of the generic it was written in; met through an
   * instantiation without that generic's name, only the instantiation knows what they stand for: valibot's
   * `ErrorMessage<ArrayIssue> | undefined` is a union the checker flattens, so the alias's member
   * `(issue: TIssue) => string` comes as an instantiated signature whose declaration still writes `TIssue`.
   * The arguments are types the checker has already made, so this instantiates nothing.
   */
  private withInstantiation<T>(mapper: TypeMapper | undefined, body: () => T): T {
    if (!mapper) return body();
    this.instantiations.push(mapper);
    try {
      return body();
    } finally {
      this.instantiations.pop();
    }
  }

  /**
   * The body of a type alias: its own alias symbol must not turn it back into a reference to itself. A body
   * kept as text that only names another of the package's aliases (`type AndAll<T> = AllExtend<T, true>`, a
   * conditional type) is that reference, as written: the checker gives the instantiation the outer alias's name,
   * and its text would change with every change inside the inner alias, which is reported there.
   */
  convertAliasBody(type: ts.Type, node?: ts.TypeNode): TypeExpr {
    this.aliasBody = type;
    try {
      return this.textAsWritten(this.structural(type, 0), node, 0);
    } finally {
      this.aliasBody = undefined;
    }
  }

  /**
   * Conversions are kept by type: a large package mentions the same types over and over (@types/node
   * converts each about twelve times). Only where the result depended on the type alone: not at the top
   * level (whose object members are shared with the builder's, see `members`), not when the conversion met a
   * type parameter (named by the scopes around it) or stopped at the depth limit or at a type already being
   * converted, and only where converting again would not reach the depth limit.
   */
  convert(type: ts.Type, depth = 0): TypeExpr {
    const known = depth > 0 ? this.converted.get(type) : undefined;
    if (known && depth + known.height <= MAX_DEPTH) {
      this.deepestLevel = Math.max(this.deepestLevel, depth + known.height);
      return known.expr;
    }
    const outer = { deepestLevel: this.deepestLevel, contextDependent: this.contextDependent };
    this.deepestLevel = depth;
    this.contextDependent = false;
    const expr = this.convertAfresh(type, depth);
    if (depth > 0 && !this.contextDependent) this.converted.set(type, { expr, height: this.deepestLevel - depth });
    this.deepestLevel = Math.max(outer.deepestLevel, this.deepestLevel);
    this.contextDependent ||= outer.contextDependent;
    return expr;
  }

  private convertAfresh(type: ts.Type, depth: number): TypeExpr {
    const alias = type.aliasSymbol;
    // An unresolved name's error type carries the name as its alias: it is still `any` (see `structural`).
    if (alias && !(alias.flags & ts.SymbolFlags.TypeParameter) && !(type.flags & ts.TypeFlags.Any)) {
      const args = (type.aliasTypeArguments ?? []).map((t) => this.convert(t, depth + 1));
      // An instantiation of a computed alias with known arguments is already resolved by the checker (date-fns
      // 4's `EachDayOfIntervalResult<Interval<Date>, undefined>` is `Date[]`): consumers meet the result, and the
      // alias's name would stand for a body the model can only compare as text.
      if (args.length > 0 && args.every(isKnown) && computedAlias(alias) && !isMapped(type) && this.referenceId(alias)) {
        const resolved = this.structural(type, depth);
        if (isKnown(resolved)) return resolved;
      }
      return this.named(alias, args, type);
    }
    return this.structural(type, depth);
  }

  private structural(type: ts.Type, depth: number): TypeExpr {
    const f = type.flags;
    // A name that resolves nowhere (a global of @types/node the release does not depend on, such as
    // `NodeRequire` or `NodeJS.Require`) is `any` to consumers as well: the compiler's error type, which
    // skipLibCheck keeps quiet. Two spellings of such a name are the same type to them.
    if (f & ts.TypeFlags.Any) return prim('any');
    if (f & ts.TypeFlags.Unknown) return prim('unknown');
    if (f & ts.TypeFlags.String) return prim('string');
    if (f & ts.TypeFlags.Number) return prim('number');
    if (f & ts.TypeFlags.Boolean) return prim('boolean');
    if (f & ts.TypeFlags.BigInt) return prim('bigint');
    if (f & ts.TypeFlags.ESSymbol) return prim('symbol');
    if (f & ts.TypeFlags.UniqueESSymbol) return { k: 'text', text: printType(this.checker, type, textFlags) };
    if (f & ts.TypeFlags.Void) return prim('void');
    if (f & ts.TypeFlags.Undefined) return prim('undefined');
    if (f & ts.TypeFlags.Null) return prim('null');
    if (f & ts.TypeFlags.Never) return prim('never');
    if (f & ts.TypeFlags.NonPrimitive) return prim('object');
    if (f & ts.TypeFlags.EnumLiteral && type.symbol && type.symbol.flags & ts.SymbolFlags.EnumMember) {
      const enumSymbol = (type.symbol as ts.Symbol & { parent?: ts.Symbol }).parent;
      const id = enumSymbol && this.referenceId(enumSymbol);
      // The checker collapses an enum of one member to that member's type; it still means the enum.
      const single = enumSymbol && this.checker.getExportsOfModule(enumSymbol).length === 1;
      if (id) return single ? { k: 'ref', id } : { k: 'enum-member', id, member: type.symbol.name };
    }
    if (f & ts.TypeFlags.StringLiteral) return { k: 'lit', value: JSON.stringify((type as ts.StringLiteralType).value) };
    if (f & ts.TypeFlags.NumberLiteral) return { k: 'lit', value: String((type as ts.NumberLiteralType).value) };
    if (f & ts.TypeFlags.BigIntLiteral) {
      const value = (type as ts.BigIntLiteralType).value;
      return { k: 'lit', value: `${value.negative ? '-' : ''}${value.base10Value}n` };
    }
    if (f & ts.TypeFlags.BooleanLiteral) return { k: 'lit', value: (type as { intrinsicName?: string }).intrinsicName ?? 'true' };
    if (f & ts.TypeFlags.Union && type.symbol && type.symbol.flags & ts.SymbolFlags.Enum) {
      return this.named(type.symbol, [], type);
    }
    if (f & ts.TypeFlags.Enum && type.symbol) return this.named(type.symbol, [], type);
    if (depth > MAX_DEPTH || this.active.has(type)) {
      this.contextDependent = true;
      return this.text(type);
    }
    this.deepestLevel = Math.max(this.deepestLevel, depth);
    this.active.add(type);
    try {
      if (f & ts.TypeFlags.Union) return normalizeUnion((type as ts.UnionType).types.map((t) => this.convert(t, depth + 1)));
      if (f & ts.TypeFlags.Intersection) {
        return { k: 'intersection', types: (type as ts.IntersectionType).types.map((t) => this.convert(t, depth + 1)) };
      }
      if (f & ts.TypeFlags.TypeParameter) return this.typeParameter(type, depth);
      if (f & ts.TypeFlags.Object) return this.object(type as ts.ObjectType, depth);
      return this.text(type);
    } finally {
      this.active.delete(type);
    }
  }

  private typeParameter(type: ts.Type, depth: number): TypeExpr {
    if ((type as { isThisType?: boolean }).isThisType) return prim('this');
    this.contextDependent = true;
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const name = type.symbol && this.scopes[i]!.get(type.symbol);
      if (name) return { k: 'typeparam', name };
    }
    const argument = type.symbol && this.baseArguments.get(type.symbol);
    if (argument) return this.convert(argument, depth);
    for (let i = ofAlias(type) ? this.instantiations.length - 1 : -1; i >= 0; i--) {
      const mapped = mappedType(type, this.instantiations[i]!);
      if (mapped !== type) return this.convert(mapped, depth);
    }
    return { k: 'typeparam', name: type.symbol?.name ?? '?' };
  }

  private object(type: ts.ObjectType, depth: number): TypeExpr {
    const objectFlags = type.objectFlags;
    if (objectFlags & ts.ObjectFlags.Reference) {
      const reference = type as ts.TypeReference;
      const args = this.checker.getTypeArguments(reference);
      if (this.checker.isArrayType(type)) {
        return { k: 'array', elem: this.convert(args[0]!, depth + 1), readonly: reference.target.symbol?.name === 'ReadonlyArray' };
      }
      if (this.checker.isTupleType(type)) {
        const target = reference.target as ts.TupleType;
        return {
          k: 'tuple',
          readonly: target.readonly,
          elems: args.slice(0, target.elementFlags.length).map((arg, i) => {
            const flags = target.elementFlags[i]!;
            const type = this.convert(arg, depth + 1);
            // The checker gives a rest element (`...unknown[]`) as its element type and a variadic one (`...T`) as
            // the spread type: the model keeps what is spread for both, as a rest parameter's type is.
            const spread: TypeExpr = flags & ts.ElementFlags.Rest ? { k: 'array', elem: type, readonly: false } : type;
            return { type: spread, optional: !!(flags & ts.ElementFlags.Optional), rest: !!(flags & ts.ElementFlags.Variable) };
          }),
        };
      }
      const count = reference.target.typeParameters?.length ?? 0;
      if (reference.target.symbol) {
        return this.named(reference.target.symbol, args.slice(0, count).map((a) => this.convert(a, depth + 1)), type);
      }
    }
    if (objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface) && type.symbol) return this.named(type.symbol, [], type);
    if (objectFlags & ts.ObjectFlags.Mapped && !this.isMappedObject(type)) return this.text(type);
    const symbol = type.symbol;
    if (symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Enum | ts.SymbolFlags.ValueModule | ts.SymbolFlags.Function)) {
      // `typeof X` of a declaration: the value's identity is the declaration itself.
      const id = this.referenceId(symbol);
      if (id && !(symbol.flags & ts.SymbolFlags.Function)) return { k: 'text', text: `typeof ${id}` };
      // A namespace that is not the package's (`typeof globalThis`, `typeof Intl`) is the consumer's lib or
      // another package's API: named, not taken apart (globalThis alone has thousands of members).
      if (!id && symbol.flags & ts.SymbolFlags.ValueModule) return this.text(type);
    }
    return { k: 'object', members: this.members(type, depth) };
  }

  /**
   * A mapped type over a known set of literal keys (`Omit<Options, 'path'>`, `Pick<X, 'a' | 'b'>`) is an object
   * type with those members, whatever helper spelled it: it is compared member by member, as the checker
   * resolves it. So is one over all of `string` or `number` without renamed keys (got 16.1's `Record<string,
   * string | number | …>`): an index signature. One over keys still unknown (`{ [K in keyof T]: … }` with `T` a
   * type parameter) stays the checker's text.
   */
  isMappedObject(type: ts.Type): boolean {
    if (!(type.flags & ts.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped)) return false;
    const properties = this.checker.getPropertiesOfType(type).length;
    // The checker fills in a mapped type's key constraint when it resolves its members (above).
    const { constraintType: keys, declaration } = type as ts.ObjectType & { constraintType?: ts.Type; declaration?: ts.MappedTypeNode };
    if (keys === undefined) return false;
    if (properties === 0) return !declaration?.nameType && (keys.flags === ts.TypeFlags.String || keys.flags === ts.TypeFlags.Number);
    // A template-literal key is an index signature of the resolved type (execa 9's `{ readonly [K in `fd${number}` |
    // 'stdout' | …]?: T }`), as `string` is, where the keys are not renamed.
    const indexKey = declaration?.nameType ? 0 : ts.TypeFlags.TemplateLiteral;
    const literal = (key: ts.Type) => (key.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.UniqueESSymbol | indexKey)) !== 0;
    return keys.flags & ts.TypeFlags.Union ? (keys as ts.UnionType).types.every(literal) : literal(keys);
  }

  /**
   * Members of an object type, sorted by name. `annotate` lets the surface builder add what only declared
   * members carry (location, tags, declaring type) and drop `@internal` ones.
   */
  members(type: ts.Type, depth: number, annotate: Annotate = (member) => member): Member[] {
    // `this` is the class or interface whose member it is written in: a function or object type inside one has none of its own.
    const target = (type as ts.TypeReference).target ?? type;
    const owner = (target as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface);
    if (owner) this.owners.push(type);
    try {
      return this.membersOf(type, depth, annotate);
    } finally {
      if (owner) this.owners.pop();
    }
  }

  private membersOf(type: ts.Type, depth: number, annotate: Annotate): Member[] {
    const members: Member[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      if (property.name.startsWith('__#') || property.name.startsWith('#') || isStubBrand(property)) continue;
      const shared = depth === 0 && !(property.flags & ts.SymbolFlags.Transient);
      let member = shared ? this.declaredMembers.get(property) : undefined;
      if (!shared || !this.declaredMembers.has(property)) {
        member = annotate(this.member(property, depth), property.valueDeclaration ?? property.declarations?.[0]);
        if (shared) this.declaredMembers.set(property, member);
      }
      if (member) members.push(member);
    }
    for (const info of this.checker.getIndexInfosOfType(type)) {
      const key = this.checker.typeToString(info.keyType);
      const member = annotate(
        {
          name: `[${key}]`,
          kind: 'index',
          type: this.convert(info.type, depth + 1),
          optional: false,
          readonly: info.isReadonly,
          visibility: 'public',
          abstract: false,
          text: `${info.isReadonly ? 'readonly ' : ''}[key: ${key}]: ${this.print(info.type)}`,
        },
        info.declaration,
      );
      if (member) members.push(member);
    }
    for (const [kind, name] of [
      [ts.SignatureKind.Call, '()'],
      [ts.SignatureKind.Construct, 'new()'],
    ] as const) {
      const raw = this.checker.getSignaturesOfType(type, kind);
      if (raw.length === 0) continue;
      const signatures = raw.map((s) => this.signature(s, depth));
      const member = annotate(
        {
          name,
          kind: kind === ts.SignatureKind.Call ? 'call' : 'construct',
          signatures,
          optional: false,
          readonly: true,
          visibility: 'public',
          abstract: false,
          text: signatures.map((s) => (kind === ts.SignatureKind.Construct ? `new ${s.text}` : s.text)).join('; '),
        },
        raw[0]!.getDeclaration(),
      );
      if (member) members.push(member);
    }
    return members.sort((a, b) => compareStrings(a.name, b.name));
  }

  private member(property: ts.Symbol, depth: number): Member {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const name = this.memberName(property, declaration);
    const flags = declaration ? ts.getCombinedModifierFlags(declaration) : ts.ModifierFlags.None;
    const visibility: Visibility =
      flags & ts.ModifierFlags.Private ? 'private' : flags & ts.ModifierFlags.Protected ? 'protected' : 'public';
    const base = {
      name,
      optional: !!(property.flags & ts.SymbolFlags.Optional),
      visibility,
      abstract: !!(flags & ts.ModifierFlags.Abstract),
    };
    // Private members are not API, but they make a class nominal; their types are nobody's business.
    if (visibility === 'private') return { ...base, kind: 'property', readonly: true, text: `private ${name}` };
    if (property.flags & ts.SymbolFlags.Method) {
      // An optional method's type is its signatures `| undefined`, which has no call signatures of its own.
      const signatures = this.checker
        .getSignaturesOfType(this.checker.getNonNullableType(this.checker.getTypeOfSymbol(property)), ts.SignatureKind.Call)
        .map((s) => this.signature(s, depth));
      const text = signatures.map((s) => `${name}${base.optional ? '?' : ''}${s.text}`).join('; ');
      return { ...base, kind: 'method', readonly: true, signatures, text };
    }
    const accessors = property.declarations?.filter((d) => ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d)) ?? [];
    const readonly = accessors.length
      ? !accessors.some(ts.isSetAccessorDeclaration)
      : !!(flags & ts.ModifierFlags.Readonly) || isReadonlyMapped(property);
    return {
      ...base,
      kind: 'property',
      // An auto-accessor (`accessor x: T`) is a get/set pair to subclasses too.
      ...(accessors.length || (declaration && ts.isPropertyDeclaration(declaration) && hasModifier(declaration, ts.SyntaxKind.AccessorKeyword))
        ? { accessor: true as const }
        : {}),
      readonly,
      type: this.propertyType(property, declaration, depth + 1),
      ...this.writeType(accessors, property, depth),
      text: `${readonly ? 'readonly ' : ''}${name}${base.optional ? '?' : ''}: ${this.writtenType(declaration) ?? this.print(this.checker.getTypeOfSymbol(property))}`,
    };
  }

  private propertyType(property: ts.Symbol, declaration: ts.Declaration | undefined, depth: number): TypeExpr {
    return isMappedProperty(property)
      ? this.mappedPropertyType(property, depth)
      : this.withInstantiation(symbolLinks(property)?.mapper, () => this.declared(declaration, property, depth));
  }

  /**
   * `this['K']` inside a member of the type whose members are under conversion: for a value of that type, `this`
   * is the type itself, so this is the type of its property K, as the type declares it (yup 1.0's `cast():
   * this['__outputType']` is `ResolveFlags<TType, TFlags, TDefault>` in every schema class). Kept as text where K
   * is optional (the access adds `undefined`), not a plain property, or the owner is not known.
   */
  private thisProperty(node: ts.IndexedAccessTypeNode, depth: number): TypeExpr | undefined {
    const owner = this.owners.at(-1);
    const key = ts.isLiteralTypeNode(node.indexType) && ts.isStringLiteral(node.indexType.literal) ? node.indexType.literal.text : undefined;
    if (!owner || key === undefined || node.objectType.kind !== ts.SyntaxKind.ThisType) return undefined;
    const property = this.checker.getPropertyOfType(owner, key);
    const declaration = property?.valueDeclaration;
    if (!property || !declaration || property.flags & (ts.SymbolFlags.Optional | ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) return undefined;
    if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private) return undefined;
    // What `this` is depends on the owner (a subclass may redeclare K), so the conversion is not the type's alone.
    this.contextDependent = true;
    return this.propertyType(property, declaration, depth);
  }

  /**
   * What a setter whose parameter is typed otherwise than its getter's result accepts (got 16.1's `get
   * searchParams(): URLSearchParams` beside a `set` of the old union): writers meet this type, readers the other.
   */
  private writeType(accessors: readonly ts.Declaration[], property: ts.Symbol, depth: number): Pick<Member, 'writeType'> {
    const getter = accessors.find(ts.isGetAccessorDeclaration)?.type;
    const setter = accessors.find(ts.isSetAccessorDeclaration)?.parameters[0]?.type;
    if (!getter || !setter || getter.getText() === setter.getText()) return {};
    return { writeType: this.withInstantiation(symbolLinks(property)?.mapper, () => this.fromNode(setter, depth + 1)) };
  }

  /**
   * A property a mapped type made (`Omit<Options, 'path'>`'s `context`) is its instantiated type, not the type
   * written on the member it came from (`context?: C` in a generic interface). Its optionality is the member's,
   * so the `undefined` the checker adds for it (its "missing" type under exactOptionalPropertyTypes, not the
   * `undefined` anyone wrote) is left out, as the written type of an optional property leaves it out.
   */
  private mappedPropertyType(property: ts.Symbol, depth: number): TypeExpr {
    const type = this.checker.getTypeOfSymbol(property);
    if (!(property.flags & ts.SymbolFlags.Optional) || !(type.flags & ts.TypeFlags.Union)) return this.convert(type, depth);
    const written = (type as ts.UnionType).types.filter((t) => !(t.flags & ts.TypeFlags.Undefined) || t === this.checker.getUndefinedType());
    return written.length === 1 ? this.convert(written[0]!, depth) : normalizeUnion(written.map((t) => this.convert(t, depth + 1)));
  }

  /**
   * The written type where there is one: the checker's type of an optional property or parameter would add
   * `undefined`, and it forgets aliases of primitives (`type Id = string` is just `string` to it).
   */
  declared(node: ts.Node | undefined, symbol: ts.Symbol, depth = 0): TypeExpr {
    const typeNode =
      node &&
      (ts.isPropertySignature(node) ||
        ts.isPropertyDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isVariableDeclaration(node) ||
        ts.isGetAccessorDeclaration(node))
        ? node.type
        : undefined;
    return typeNode ? this.fromNode(typeNode, depth) : this.convert(this.checker.getTypeOfSymbol(symbol), depth);
  }

  /**
   * Symbol-keyed members have internal names carrying a symbol id (`__@dispose@1050`) that differs between
   * Programs; the key as written (`[Symbol.dispose]`) is stable.
   */
  private memberName(property: ts.Symbol, declaration: ts.Declaration | undefined): string {
    if (!property.name.startsWith('__@')) return property.name;
    const name = declaration && ts.getNameOfDeclaration(declaration);
    return name && ts.isComputedPropertyName(name) ? `[${name.expression.getText()}]` : this.checker.symbolToString(property);
  }

  /**
   * A signature as the author wrote it: printing it through the checker costs a quarter of the extraction of
   * a large package, and the written form is what a reader of a finding recognises anyway.
   */
  signatureText(signature: ts.Signature): string {
    const node = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    if (!node || !node.parameters) return printSignature(this.checker, signature, textFlags);
    const typeParams = node.typeParameters ? `<${node.typeParameters.map((p) => p.getText()).join(', ')}>` : '';
    const params = node.parameters.map((p) => p.getText()).join(', ');
    return `${typeParams}(${params})${node.type ? `: ${node.type.getText()}` : ''}`.replace(/\s+/g, ' ');
  }

  /** The type as the author wrote it, for display: the checker's would add `| undefined` to optional members. */
  writtenType(declaration: ts.Declaration | undefined): string | undefined {
    const node = declaration as (ts.Declaration & { type?: ts.TypeNode }) | undefined;
    return node?.type ? node.type.getText().replace(/\s+/g, ' ') : undefined;
  }

  /** A type the checker's text stands for, when its node names one of the package's aliases: that alias instead. */
  private textAsWritten(converted: TypeExpr, node: ts.TypeNode | undefined, depth: number): TypeExpr {
    return converted.k === 'text' && node && ts.isTypeReferenceNode(node) && this.aliasId(node) ? this.fromNode(node, depth) : converted;
  }

  /** Keeps references to the package's aliases as written, through unions, arrays and parentheses. */
  fromNode(node: ts.TypeNode, depth: number): TypeExpr {
    if (ts.isParenthesizedTypeNode(node)) return this.fromNode(node.type, depth);
    if (ts.isUnionTypeNode(node)) return normalizeUnion(node.types.map((t) => this.fromNode(t, depth + 1)));
    if (ts.isArrayTypeNode(node)) return { k: 'array', elem: this.fromNode(node.elementType, depth + 1), readonly: false };
    if (ts.isIndexedAccessTypeNode(node)) {
      const resolved = this.thisProperty(node, depth);
      if (resolved) return resolved;
    }
    if (ts.isTypeReferenceNode(node)) {
      const id = this.aliasId(node);
      if (id) {
        const args = (node.typeArguments ?? []).map((t) => this.fromNode(t, depth + 1));
        return args.length ? { k: 'ref', id, args } : { k: 'ref', id };
      }
    }
    return this.convert(this.checker.getTypeFromTypeNode(node), depth);
  }

  /**
   * The item id of the package's type alias a reference names, if it names one. Once per node: the checker
   * resolves the name anew on every call, and members inherited from generic bases are converted per subclass.
   */
  private aliasId(node: ts.TypeReferenceNode): string | undefined {
    if (this.aliasIds.has(node)) return this.aliasIds.get(node);
    let symbol = this.checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    const id = symbol && symbol.flags & ts.SymbolFlags.TypeAlias && declaration ? this.referenceId(symbol) : undefined;
    this.aliasIds.set(node, id);
    return id;
  }

  signature(signature: ts.Signature, depth = 0): Signature {
    const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    const typeParams = declaration?.typeParameters ?? [];
    const thisParam = declaration?.parameters?.find((p) => ts.isIdentifier(p.name) && p.name.text === 'this');
    return this.withInstantiation((signature as { mapper?: TypeMapper }).mapper, () => this.withScope(typeParams, '@', () => ({
      ...(declaration && ts.isConstructorTypeNode(declaration) && hasModifier(declaration, ts.SyntaxKind.AbstractKeyword) ? { abstract: true as const } : {}),
      ...(declaration && (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) ? { method: true as const } : {}),
      ...(thisParam ? { thisType: this.declared(thisParam, this.checker.getSymbolAtLocation(thisParam.name)!, depth + 1) } : {}),
      typeParams: typeParams.map((p) => this.typeParam(p, depth)),
      params: signature.getParameters().map((parameter): Param => {
        const node = parameter.valueDeclaration as ts.ParameterDeclaration | undefined;
        const rest = !!node?.dotDotDotToken;
        return {
          name: parameter.name,
          type: this.declared(node, parameter, depth + 1),
          optional: !!node && (!!node.questionToken || !!node.initializer) && !rest,
          rest,
        };
      }),
      returns: declaration?.type && !ts.isTypePredicateNode(declaration.type) ? this.fromNode(declaration.type, depth + 1) : this.returnOf(signature, depth),
      text: this.signatureText(signature),
    })));
  }

  typeParam(declaration: ts.TypeParameterDeclaration, depth = 0): TypeParam {
    // A constraint that names an alias (`K extends KeysOfUnion<T>`, a `keyof` type the checker keeps no alias
    // for) is that alias, as for an alias's body.
    const convert = (node: ts.TypeNode) => this.textAsWritten(this.convert(this.checker.getTypeFromTypeNode(node), depth + 1), node, depth + 1);
    const annotated = variance(declaration);
    return {
      name: declaration.name.text,
      ...(hasModifier(declaration, ts.SyntaxKind.ConstKeyword) ? { const: true as const } : {}),
      ...(annotated ? { variance: annotated } : {}),
      ...(declaration.constraint ? { constraint: convert(declaration.constraint) } : {}),
      ...(declaration.default ? { default: convert(declaration.default) } : {}),
    };
  }

  private returnOf(signature: ts.Signature, depth: number): TypeExpr {
    const predicate = this.checker.getTypePredicateOfSignature(signature);
    if (predicate?.type) {
      return {
        k: 'predicate',
        param: predicate.parameterIndex ?? -1,
        type: this.convert(predicate.type, depth + 1),
        asserts: predicate.kind === ts.TypePredicateKind.AssertsIdentifier || predicate.kind === ts.TypePredicateKind.AssertsThis,
      };
    }
    return this.convert(this.checker.getReturnTypeOfSignature(signature), depth + 1);
  }

  print(type: ts.Type): string {
    return printType(this.checker, type, textFlags);
  }

  private named(symbol: ts.Symbol, args: TypeExpr[], type: ts.Type): TypeExpr {
    const id = this.referenceId(symbol);
    if (id) return args.length ? { k: 'ref', id, args } : { k: 'ref', id };
    const declaration = symbol.declarations?.[0];
    if (!declaration) return this.text(type);
    const pkg = ownerPackage(declaration.getSourceFile().fileName) ?? 'lib';
    if (pkg !== 'lib') this.externalPackages.add(pkg);
    let name = this.externalNames.get(symbol);
    if (name === undefined) {
      name = this.checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, '');
      this.externalNames.set(symbol, name);
    }
    return args.length ? { k: 'external', pkg, name, args } : { k: 'external', pkg, name };
  }

  private text(type: ts.Type): TypeExpr {
    const flags = type === this.aliasBody ? textFlags | ts.TypeFormatFlags.InTypeAlias : textFlags;
    const printed = this.withBrandCondition(type, printType(this.checker, type, flags), flags);
    return { k: 'text', text: inlineHelpers(printed, declaringFile(type)) };
  }

  /**
   * A conditional type whose condition is a brand no consumer can write (see `privateBrand`) is printed with the
   * brand's symbol in place of its spelling. Whatever type consumers pass, only `never` and `any` meet such a
   * condition, the same on both sides, and a default that names the brand follows it by name: axios 1.21's
   * `R extends AxiosResponseDefault`, now an interface keyed by the unexported `axiosResponseDefault`, was that
   * symbol's own type in 1.20; its consumers' calls resolve to the same results.
   */
  private withBrandCondition(type: ts.Type, text: string, flags: ts.TypeFormatFlags): string {
    if (!(type.flags & ts.TypeFlags.Conditional)) return text;
    const { checkType, extendsType } = type as ts.ConditionalType;
    const brand = privateBrand(this.checker, extendsType);
    if (!brand) return text;
    const condition = `${printType(this.checker, checkType, flags)} extends ${printType(this.checker, extendsType, flags)} ? `;
    return text.startsWith(condition) ? `${printType(this.checker, checkType, flags)} extends typeof ${brand} ? ${text.slice(condition.length)}` : text;
  }
}

/**
 * The name of the unexported `unique symbol` constant a type is branded by, if no consumer can write the type: that
 * symbol's own type, or an object type whose one member is a required property keyed by it (`interface
 * AxiosResponseDefault { readonly [axiosResponseDefault]: true }`).
 */
function privateBrand(checker: ts.TypeChecker, type: ts.Type): string | undefined {
  if (type.flags & ts.TypeFlags.UniqueESSymbol) return unexportedConstant(checker, type.symbol);
  if (!(type.flags & ts.TypeFlags.Object) || checker.getSignaturesOfType(type, ts.SignatureKind.Call).length) return undefined;
  const [member, ...others] = checker.getPropertiesOfType(type);
  if (!member || others.length || member.flags & ts.SymbolFlags.Optional || checker.getIndexInfosOfType(type).length) return undefined;
  const name = member.valueDeclaration && ts.getNameOfDeclaration(member.valueDeclaration);
  if (!name || !ts.isComputedPropertyName(name)) return undefined;
  const key = checker.getTypeAtLocation(name.expression);
  return key.flags & ts.TypeFlags.UniqueESSymbol ? unexportedConstant(checker, key.symbol) : undefined;
}

function unexportedConstant(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) return undefined;
  const file = checker.getSymbolAtLocation(declaration.getSourceFile());
  const exported = !file || checker.getExportsOfModule(file).some((e) => (e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e) === symbol);
  const statement = declaration.parent.parent;
  return exported || (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) ? undefined : symbol.name;
}

/**
 * Aliases whose body computes its type (a conditional or indexed-access type in it), by symbol. Mapped types are
 * left alone: their result carries `readonly` and `?` modifiers (`Readonly<T>`), which comparing the resolved
 * members by assignability would not see, and over known keys they are already their members (`isMappedObject`).
 */
const computed = new WeakMap<ts.Symbol, boolean>();

function isMapped(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) !== 0;
}

function computedAlias(alias: ts.Symbol): boolean {
  let answer = computed.get(alias);
  if (answer === undefined) {
    const visit = (node: ts.Node): boolean =>
      !ts.isMappedTypeNode(node) && (ts.isConditionalTypeNode(node) || ts.isIndexedAccessTypeNode(node) || (ts.forEachChild(node, visit) ?? false));
    const body = alias.declarations?.find(ts.isTypeAliasDeclaration)?.type;
    computed.set(alias, (answer = body !== undefined && visit(body)));
  }
  return answer;
}

/** A type with no type parameter and no text in it: one the checker has resolved completely. */
function isKnown(type: TypeExpr): boolean {
  return !someType(type, (t) => t.k === 'typeparam' || t.k === 'text');
}

function isMappedProperty(property: ts.Symbol): boolean {
  return ((symbolLinks(property)?.checkFlags ?? 0) & MAPPED_CHECK_FLAG) !== 0;
}

/**
 * Whether a generic parameter is a type alias's. Only those are read through an instantiation: an alias's
 * body has no name of its own to carry its arguments once the checker flattens it into a union. Others (a
 * construct signature's, hono's `new <E_1>() => { all: HandlerInterface<E_1, …> }` behind `class Hono<E>
 * extends Hono_base<E>`) would be right too, but every member they reach would then name the owner's own
 * parameters, and the relation copies such members on every opening of the owner.
 */
function ofAlias(type: ts.Type): boolean {
  const declaration = type.symbol?.declarations?.[0];
  return declaration !== undefined && ts.isTypeAliasDeclaration(declaration.parent);
}

/** What the checker keeps on a symbol it made (an instantiated or mapped member; internal to TypeScript). */
function symbolLinks(symbol: ts.Symbol): { checkFlags?: number; mapper?: TypeMapper } | undefined {
  return (symbol as ts.Symbol & { links?: { checkFlags?: number; mapper?: TypeMapper } }).links;
}

/** The checker's mapping of generic parameters to the arguments of an instantiation (internal to TypeScript). */
type TypeMapper =
  | { kind: 0; source: ts.Type; target: ts.Type }
  | { kind: 1; sources: readonly ts.Type[]; targets: readonly ts.Type[] | undefined }
  | { kind: 2; sources: readonly ts.Type[]; targets: ReadonlyArray<() => ts.Type> }
  | { kind: 3; func: (type: ts.Type) => ts.Type }
  | { kind: 4 | 5; mapper1: TypeMapper; mapper2: TypeMapper };

/**
 * The argument an instantiation gives a generic parameter, or the parameter itself, as the checker's
 * getMappedType reads it. A composite mapping applies its second part to what the first gives, which for a
 * result that is not itself a parameter means instantiating it: that is left to the parameters met inside it.
 */
function mappedType(type: ts.Type, mapper: TypeMapper): ts.Type {
  switch (mapper.kind) {
    case 0:
      return type === mapper.source ? mapper.target : type;
    case 1: {
      const i = mapper.sources.indexOf(type);
      return i < 0 || !mapper.targets ? type : mapper.targets[i]!;
    }
    case 2: {
      const i = mapper.sources.indexOf(type);
      return i < 0 ? type : mapper.targets[i]!();
    }
    case 3:
      return mapper.func(type);
    default: {
      const first = mappedType(type, mapper.mapper1);
      if (mapper.kind === 4 && first !== type && !(first.flags & ts.TypeFlags.TypeParameter)) return first;
      return mappedType(first, mapper.mapper2);
    }
  }
}

/** The checker's CheckFlags.Mapped, set on the properties a mapped type makes (internal to TypeScript). */
const MAPPED_CHECK_FLAG = 1 << 18;

function isReadonlyMapped(property: ts.Symbol): boolean {
  // Properties that come out of `Readonly<T>` and other mapped types carry no modifier of their own.
  return ((symbolLinks(property)?.checkFlags ?? 0) & 8) !== 0;
}

function variance(declaration: ts.TypeParameterDeclaration): TypeParam['variance'] {
  const annotated = [ts.SyntaxKind.InKeyword, ts.SyntaxKind.OutKeyword].filter((kind) => hasModifier(declaration, kind));
  return annotated.length === 2 ? 'in out' : annotated[0] === ts.SyntaxKind.InKeyword ? 'in' : annotated.length ? 'out' : undefined;
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false;
}

function prim(name: string): TypeExpr {
  return { k: 'prim', name };
}

/** The member that gives a dependency's stub (external-stubs.ts) its identity: no part of any API. */
function isStubBrand(property: ts.Symbol): boolean {
  return property.name === STUB_BRAND && !!property.declarations?.every((d) => ownerPackage(d.getSourceFile().fileName) !== undefined);
}

/** The file whose names the checker's text of a type uses: a conditional type's own declaration, else its alias's or symbol's. */
function declaringFile(type: ts.Type): ts.SourceFile | undefined {
  const node = type.flags & ts.TypeFlags.Conditional ? (type as ts.ConditionalType).root.node : (type.aliasSymbol ?? type.symbol)?.declarations?.[0];
  return node?.getSourceFile();
}
