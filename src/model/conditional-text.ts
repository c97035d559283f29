import { ts } from 'ts-morph';
import { normalizeUnion, someType } from './type-expr.js';
import type { TypeExpr } from './surface.js';

/**
 * What evaluating needs from the release it reads: the package's type aliases by name, and whether one type is
 * assignable to another there (`undefined` when that is not proven either way).
 */
export interface ConditionalScope {
  /**
   * The package's alias of this name at these arguments (its own defaults filling the rest): its body with them
   * put in, or a body kept as text with its parameters' names bound to them. Undefined where the package declares
   * nothing of that name, null where it does but not as an alias that can be opened here.
   */
  open(name: string, args: TypeExpr[]): { type: TypeExpr } | { text: Text; args: Map<string, TypeExpr> } | null | undefined;
  assignable(source: TypeExpr, target: TypeExpr): boolean | undefined;
}

/**
 * lib's filtering aliases, which a package's texts name like its own helpers (`Extract<F, 'd'>`); their lib.d.ts
 * bodies, distributive over `T`.
 */
const LIB_ALIASES: Record<string, { params: string[]; text: Text }> = {
  Extract: { params: ['T', 'U'], text: { k: 'text', text: 'T extends U ? T : never' } },
  Exclude: { params: ['T', 'U'], text: { k: 'text', text: 'T extends U ? never : T' } },
  NonNullable: { params: ['T'], text: { k: 'text', text: 'T & {}' } },
};

/** How many aliases deep one evaluation may open, and how many nodes it may visit: texts are data. */
const MAX_NESTING = 8;
const MAX_NODES = 500;

type Text = Extract<TypeExpr, { k: 'text' }>;

/** Parsed texts, by text object: a text is shared by every instantiation of its definition, and freed with its surface. */
const parsed = new WeakMap<Text, ts.TypeNode | undefined>();

function parse(text: Text): ts.TypeNode | undefined {
  if (!parsed.has(text)) {
    const file = ts.createSourceFile('text.ts', `type T = ${text.text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const statement = file.statements[0];
    const ok = file.statements.length === 1 && statement && ts.isTypeAliasDeclaration(statement) && !(file as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length;
    parsed.set(text, ok ? statement.type : undefined);
  }
  return parsed.get(text);
}

/** A type with no generic parameter and no text in it: one the checker would have resolved. */
function settled(type: TypeExpr): boolean {
  return !someType(type, (t) => t.k === 'typeparam' || t.k === 'text');
}

/**
 * Primitives, literals and unions of them: the types a condition tests against here, where the Relator's
 * assignability is the checker's exactly. Named and object types are left to the checker (a named type may be an
 * enum or a union that distributes, an object type has members the Relator compares only approximately).
 */
function plain(type: TypeExpr): boolean {
  return type.k === 'prim' || type.k === 'lit' || (type.k === 'union' && type.types.every(plain));
}

/**
 * lib's object types that are no union: a checked type made of these and `plain` ones is tested against a `plain`
 * one exactly (an object type meets a primitive or literal only as `object`, `unknown` or `any`), and distributes
 * over the members it shows. A named type of the package or another package's may be an alias of a union, which
 * the checker would split further.
 */
const LIB_OBJECTS = new Set(['Date', 'RegExp', 'Error', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Function', 'Array', 'ReadonlyArray']);

function whole(type: TypeExpr): boolean {
  return plain(type) || type.k === 'array' || type.k === 'tuple' || (type.k === 'external' && type.pkg === 'lib' && LIB_OBJECTS.has(type.name));
}

function unionMembers(type: TypeExpr): TypeExpr[] {
  if (type.k === 'union') return type.types.flatMap(unionMembers);
  if (type.k === 'prim' && type.name === 'never') return [];
  if (type.k === 'prim' && type.name === 'boolean') return [{ k: 'lit', value: 'true' }, { k: 'lit', value: 'false' }];
  return [type];
}

/**
 * A conditional type kept as the checker's text (an alias body, `Preserve<F, 's'> extends never ? T : never`),
 * evaluated at known arguments the way the checker resolves it: a condition that tests primitives, literals or
 * lib's object types against primitives, literals or unions of them picks its branch (distributing over a union where the checked type is a bare parameter), the
 * package's helper aliases and lib's `Extract`, `Exclude` and `NonNullable` are opened by name. A condition on a
 * type still generic is deferred by the checker too: then, and for any form not read here (`infer`, mapped,
 * template-literal and indexed-access types), the answer is `undefined` and the text stays a text. yup 1.0's
 * `ResolveFlags<TType, '', TDefault>` is `TType` so, whatever `TType` and `TDefault` are.
 */
export function evaluateConditional(text: Text, args: ReadonlyMap<string, TypeExpr>, scope: ConditionalScope): TypeExpr | undefined {
  // Only arguments the checker would have settled can settle a condition: a comparison of two generic
  // definitions (most of type-fest's) has none, and parsing its texts would be work for nothing.
  if (![...args.values()].some(settled)) return undefined;
  const node = parse(text);
  if (!node || !ts.isConditionalTypeNode(node)) return undefined;
  let nodes = 0;
  const evaluate = (node: ts.TypeNode, env: ReadonlyMap<string, TypeExpr>, nesting: number): TypeExpr | undefined => {
    if (++nodes > MAX_NODES) return undefined;
    if (ts.isParenthesizedTypeNode(node)) return evaluate(node.type, env, nesting);
    if (ts.isLiteralTypeNode(node)) return literal(node.literal);
    const keyword = KEYWORD_TYPES.get(node.kind);
    if (keyword) return { k: 'prim', name: keyword };
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.map((t) => evaluate(t, env, nesting));
      return parts.every((p) => p !== undefined) ? union(parts) : undefined;
    }
    if (ts.isIntersectionTypeNode(node) && node.types.length === 2 && ts.isTypeLiteralNode(node.types[1]!) && node.types[1].members.length === 0) {
      // `T & {}` (NonNullable): a settled type without its `null` and `undefined`.
      const part = evaluate(node.types[0]!, env, nesting);
      if (!part || !settled(part)) return undefined;
      return union((part.k === 'union' ? part.types : [part]).filter((t) => !(t.k === 'prim' && (t.name === 'null' || t.name === 'undefined'))));
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      if (!node.typeArguments && env.has(name)) return env.get(name);
      const argNodes = node.typeArguments ?? [];
      const values = argNodes.map((t) => evaluate(t, env, nesting));
      if (values.some((v) => v === undefined) || nesting >= MAX_NESTING) return undefined;
      return open(name, values as TypeExpr[], nesting + 1);
    }
    if (ts.isConditionalTypeNode(node)) return condition(node, env, nesting);
    return undefined;
  };
  const open = (name: string, values: TypeExpr[], nesting: number): TypeExpr | undefined => {
    const own = scope.open(name, values);
    if (own === null) return undefined;
    if (own) {
      if ('type' in own) return own.type;
      const body = parse(own.text);
      return body ? evaluate(body, own.args, nesting) : undefined;
    }
    const lib = Object.hasOwn(LIB_ALIASES, name) ? LIB_ALIASES[name] : undefined;
    if (!lib || values.length !== lib.params.length) return undefined;
    const body = parse(lib.text);
    return body ? evaluate(body, new Map(lib.params.map((p, i) => [p, values[i]!])), nesting) : undefined;
  };
  /**
   * An argument as the condition tests it: references to the package's aliases and lib's filters, which the
   * model keeps by name (`SetFlag<'', 's'>`, `Extract<T, null | undefined>`), opened where they resolve.
   */
  const reduce = (type: TypeExpr | undefined, nesting: number): TypeExpr | undefined => {
    if (!type || nesting >= MAX_NESTING || ++nodes > MAX_NODES) return type;
    if (type.k === 'union') {
      const parts = type.types.map((t) => reduce(t, nesting));
      return parts.every((p) => p !== undefined) ? union(parts) : undefined;
    }
    const named = type.k === 'ref' ? type.id : type.k === 'external' && type.pkg === 'lib' ? type.name : undefined;
    if (named === undefined || (type.k === 'external' && !Object.hasOwn(LIB_ALIASES, named))) return type;
    const opened = open(named, (type as { args?: TypeExpr[] }).args ?? [], nesting + 1);
    return opened ? reduce(opened, nesting + 1) : type;
  };
  const condition = (node: ts.ConditionalTypeNode, env: ReadonlyMap<string, TypeExpr>, nesting: number): TypeExpr | undefined => {
    let inferred = false;
    const findInfer = (n: ts.Node): void => {
      if (ts.isInferTypeNode(n)) inferred = true;
      else ts.forEachChild(n, findInfer);
    };
    findInfer(node.extendsType);
    if (inferred) return undefined;
    const checked = reduce(evaluate(node.checkType, env, nesting), nesting);
    const extended = reduce(evaluate(node.extendsType, env, nesting), nesting);
    if (!checked || !extended || !unionMembers(checked).every(whole) || !plain(extended)) return undefined;
    if (checked.k === 'prim' && checked.name === 'any') return undefined;
    // A bare parameter distributes: over each member of a union (`boolean` is `true | false`), and `never`
    // (no members) gives `never`.
    const bare = ts.isTypeReferenceNode(node.checkType) && ts.isIdentifier(node.checkType.typeName) && !node.checkType.typeArguments ? node.checkType.typeName.text : undefined;
    const distributes = bare !== undefined && env.has(bare);
    const members = distributes ? unionMembers(checked) : [checked];
    const results: TypeExpr[] = [];
    for (const member of members) {
      const holds = scope.assignable(member, extended);
      if (holds === undefined) return undefined;
      const branchEnv = distributes ? new Map(env).set(bare, member) : env;
      const result = evaluate(holds ? node.trueType : node.falseType, branchEnv, nesting);
      if (!result) return undefined;
      results.push(result);
    }
    return union(results);
  };
  return evaluate(node, args, 0);
}

/** The keyword types a text may name, as the model's primitives. */
export const KEYWORD_TYPES = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.AnyKeyword, 'any'],
  [ts.SyntaxKind.UnknownKeyword, 'unknown'],
  [ts.SyntaxKind.NeverKeyword, 'never'],
  [ts.SyntaxKind.UndefinedKeyword, 'undefined'],
  [ts.SyntaxKind.StringKeyword, 'string'],
  [ts.SyntaxKind.NumberKeyword, 'number'],
  [ts.SyntaxKind.BooleanKeyword, 'boolean'],
  [ts.SyntaxKind.BigIntKeyword, 'bigint'],
  [ts.SyntaxKind.SymbolKeyword, 'symbol'],
  [ts.SyntaxKind.ObjectKeyword, 'object'],
  [ts.SyntaxKind.VoidKeyword, 'void'],
]);

function literal(node: ts.LiteralTypeNode['literal']): TypeExpr | undefined {
  if (node.kind === ts.SyntaxKind.NullKeyword) return { k: 'prim', name: 'null' };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { k: 'lit', value: 'true' };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { k: 'lit', value: 'false' };
  if (ts.isStringLiteral(node)) return { k: 'lit', value: JSON.stringify(node.text) };
  if (ts.isNumericLiteral(node)) return { k: 'lit', value: String(Number(node.text)) };
  return undefined;
}

/** A union as the checker forms it: `never` members vanish, and none at all is `never`. */
function union(types: TypeExpr[]): TypeExpr {
  const kept = types.flatMap((t) => (t.k === 'union' ? t.types : [t])).filter((t) => !(t.k === 'prim' && t.name === 'never'));
  return kept.length === 0 ? { k: 'prim', name: 'never' } : normalizeUnion(kept);
}

/** The one shape inferredAtConstraint reads, before parsing: `P extends G<…infer X…> ? X : never`. */
const INFERRING_FILTER = /^\w+ extends [\w$.]+<[^?]*\binfer \w+[^?]*> \? \w+ : never$/;

/**
 * What a deferred `P extends G<…, infer X, …> ? X : never` (neverthrow's `InferOkTypes<R>`) is at most, where P is
 * bound to a type parameter whose constraint is a reference to that same `G`: the argument the constraint passes
 * in X's place. The checker relates a conditional source through its constraint so
 * (getConstraintOfDistributiveConditionalType, inferring from an alias's arguments where both name it), which is
 * why neverthrow 8's `orElse<R extends Result<T, unknown>>` returning `ResultAsync<InferOkTypes<R> | T, …>` gives
 * callers of 7.2's the `ResultAsync<T, …>` they had. Only `unknown` may stand beside the `infer`, so any argument
 * of the constraint matches there; anything else is undefined.
 */
export function inferredAtConstraint(text: Text, args: ReadonlyMap<string, TypeExpr>, constraintOf: (type: TypeExpr) => TypeExpr | undefined): TypeExpr | undefined {
  // Most texts met here are of no such form: they are not parsed (a parsed text is kept as long as its surface).
  if (!INFERRING_FILTER.test(text.text)) return undefined;
  const node = parse(text);
  if (!node || !ts.isConditionalTypeNode(node) || node.falseType.kind !== ts.SyntaxKind.NeverKeyword) return undefined;
  const { checkType, extendsType, trueType } = node;
  if (!ts.isTypeReferenceNode(checkType) || !ts.isIdentifier(checkType.typeName) || checkType.typeArguments) return undefined;
  if (!ts.isTypeReferenceNode(extendsType) || !ts.isIdentifier(extendsType.typeName) || !extendsType.typeArguments) return undefined;
  if (!ts.isTypeReferenceNode(trueType) || !ts.isIdentifier(trueType.typeName) || trueType.typeArguments) return undefined;
  const checked = args.get(checkType.typeName.text);
  const constraint = checked && constraintOf(checked);
  const written = extendsType.typeArguments;
  if (constraint?.k !== 'ref' || constraint.id !== extendsType.typeName.text || constraint.args?.length !== written.length) return undefined;
  const inferred = written.findIndex((arg) => ts.isInferTypeNode(arg) && arg.typeParameter.name.text === (trueType.typeName as ts.Identifier).text);
  const othersOpen = written.every((arg, i) => i === inferred || arg.kind === ts.SyntaxKind.UnknownKeyword);
  return inferred >= 0 && othersOpen ? constraint.args[inferred] : undefined;
}
