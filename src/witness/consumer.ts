import { ts } from 'ts-morph';
import { overloads } from '../diff/overloads.js';
import type { ItemPair, MemberPair, ParamPair, SignaturePair, TypeParamPair } from '../diff/pairs.js';
import type { ApiItem, EntrySurface, Member, Param, Signature, TypeExpr } from '../model/surface.js';
import { callSignatures, isAny, filledParams, restElement, textsIn } from '../model/type-expr.js';
import { useAliasAt, useAliasResolvedAt, useDefaultAt, writeAliasLiteral } from './concrete-arguments.js';
import { objectLiteral } from './object-literal.js';
import { paramNames, typeParamName, withDefaults } from './type-text.js';
import { mapTypeParams, mentionsTypeParam } from './module-names.js';
import { TooCostly, Unbuildable } from './unbuildable.js';
import { classBase, closedType, type Witness } from './witness.js';
import type { Side } from '../core/side.js';

// What consumers do with an API, written as code against the old release. Rules compose these moves into
// the witness of their finding; each move uses only what the old release declared.

/** A reference to a named type with its generic parameters, which become the witness's own. */
export function typeRef(w: Witness, item: ApiItem, parts = false): string {
  w.enterItem(item);
  return w.itemType(item, parts);
}

/** What a member is read on: a value of the owner type, `this` in a subclass for protected members, or the class for statics. */
export function owner(w: Witness, pair: MemberPair, visibility = pair.old?.visibility ?? 'public'): string {
  const item = pair.owner[w.side];
  if (pair.ownerKind === 'static') {
    if (visibility !== 'public') throw new Unbuildable('a protected static member is reachable only inside a subclass body');
    // A static cannot name the class's parameters, yet the converter counted the class's scope when it named
    // a static method's own (`@1.0` in rxjs 6's `Observable.if: typeof iif`): its types are written one deeper.
    if (item.typeParams.length) w.text.depth = Math.max(w.text.depth, 1);
    return w.names.itemRef(item.id);
  }
  if (visibility === 'protected') return w.inSubclass(typeRef(w, item));
  // Members are read from a value: one of an intersection that holds the owner has them too.
  return w.value(typeRef(w, item, true), 'self', 'self');
}

/** Reads a member into its old type: `const r: Old = self.m`; an index signature with a key of its old key type. */
export function readMember(w: Witness, pair: MemberPair, member: Member = pair.old!): void {
  const self = owner(w, pair, member.visibility);
  if (member.kind === 'index') {
    const key = indexKey(w, member);
    // A read under noUncheckedIndexedAccess may be `undefined` in either release.
    w.say(`const r: ${w.text.type(member.type!)} | undefined = ${self}[${key}];`, 'void r;');
    return;
  }
  const type = member.optional ? `${w.text.memberType(member)} | undefined` : w.text.memberType(member);
  w.say(`const r: ${type} = ${w.text.access(self, member.name)};`);
}

/** A key of an index signature's key type, one per key type however often the witness uses it. */
function indexKey(w: Witness, member: Member): string {
  const type = member.name.slice(1, -1);
  return w.value(type, 'key', `key: ${type}`);
}

/**
 * Holds the owner where the member is required, as code that passes it on as a type of its own does
 * (`const o: { m: Old } = self`): a property made optional fails there (TS2322) even where reading it gives the
 * old type, as when that type already took `undefined` (ky 2.1's `NormalizedOptions.onDownloadProgress`).
 */
export function holdMember(w: Witness, pair: MemberPair): void {
  const member = pair.old!;
  if (member.kind !== 'property' || member.visibility !== 'public') throw new Unbuildable('only a public property is held in an object type of its own');
  const self = owner(w, pair, member.visibility);
  w.say(`const o: { ${JSON.stringify(member.name)}: ${w.text.memberType(member)} } = ${self};`, 'void o;');
}

/**
 * The type of a value a consumer hands over where the old type was `any`: `any` itself proves nothing (every
 * type accepts it), `unknown` is accepted by `any` and rejected by whatever concrete type replaced it.
 */
function supplied(type: string): string {
  return type === 'any' ? 'unknown' : type;
}

/**
 * An argument's old type with every `any` inside it made `unknown`, as `supplied` does for a whole `any`: a
 * property or type argument typed `any` takes every value against the old release, and a value of `unknown`
 * there is what a concrete type replacing it rejects (yup 1's `resolve(options: ResolveOptions<TContext>)`,
 * whose `context` was `any` through `ResolveOptions`' default: `{ context: 5 }` fails, TS2322). A generic's
 * defaults are written out to be reached; an argument under a constraint stays, which `unknown` may break.
 * Callbacks, the checker's text and the body of an alias written out in place are left as written.
 */
function handedOver(w: Witness, type: TypeExpr): TypeExpr {
  switch (type.k) {
    case 'prim':
      return type.name === 'any' ? { k: 'prim', name: 'unknown' } : type;
    case 'union':
    case 'intersection':
      return { ...type, types: type.types.map((t) => handedOver(w, t)) };
    case 'array':
      return { ...type, elem: handedOver(w, type.elem) };
    case 'tuple':
      return { ...type, elems: type.elems.map((e) => ({ ...e, type: handedOver(w, e.type) })) };
    case 'object':
      return { ...type, members: type.members.map((m) => (m.kind === 'property' && m.type ? { ...m, type: handedOver(w, m.type) } : m)) };
    case 'ref': {
      const params = w.names.item(type.id)?.typeParams ?? [];
      const args = withDefaults(params, type.args ?? []);
      return args.length ? { ...type, args: args.map((a, i) => (params[i]?.constraint ? a : handedOver(w, a))) } : type;
    }
    default:
      return type;
  }
}

/** Assigns a value of the old type to a member, as code that mutates the object does. */
export function writeMember(w: Witness, pair: MemberPair, member: Member = pair.old!): void {
  const value = w.value(supplied(w.text.memberType(member)), 'v');
  w.say(`${w.text.access(owner(w, pair, member.visibility), member.name)} = ${value};`);
}

/**
 * Builds an object of the owner type from scratch, as consumers that construct it do: every member the
 * old type required, each from a value of its old type.
 */
export function constructOwner(w: Witness, pair: MemberPair): void {
  buildObject(w, pair.owner.old);
}

/** An object literal of a named type with every member its old declaration requires, each a value of its old type. */
export function buildObject(w: Witness, item: ApiItem): void {
  const type = typeRef(w, item);
  const members = (item.members ?? []).filter((m) => (m.kind === 'property' || m.kind === 'method') && !m.optional);
  const signatures = (item.members ?? []).filter((m) => m.kind === 'call' || m.kind === 'construct');
  if (signatures.length) {
    // No object literal has a call signature, and writing out every member of a callable interface (lodash's
    // `_`, hundreds of methods) makes a witness of tens of KiB: the object is its old keys picked from the type,
    // with the old signatures beside them. The members' types are the ones each release gives; what this
    // shows is a member the old object does not have.
    if (members.some((m) => m.name.startsWith('['))) throw new Unbuildable(`${item.path} is callable and has computed member names a pick cannot list`);
    const keys = members.map((m) => JSON.stringify(m.name)).join(' | ') || 'never';
    const value = w.value(`Pick<${type}, ${keys}> & { ${signatures.map((m) => w.text.member(m)).join(' ')} }`, 'v');
    w.say(`const o: ${type} = ${value};`, 'void o;');
    return;
  }
  const fields = members.map((m) => `${w.text.key(m.name)}: ${w.value(w.text.memberType(m), 'v')}`);
  w.say(`const o: ${type} = { ${fields.join(', ')} };`, 'void o;');
}

/** Replaces one member of an existing object of the owner type, as consumers that spread and override do. */
export function overrideMember(w: Witness, pair: MemberPair, value: string, member: Member = pair.old!): void {
  const type = typeRef(w, pair.owner.old);
  const base = w.value(type, 'base', 'base');
  // A spread keeps no call or construct signature (@types/debug's callable `Debug`): consumers adjust such an
  // object in place, which only a mutable property allows.
  if (pair.owner.old.members?.some((m) => m.kind === 'call' || m.kind === 'construct')) {
    if (member.kind !== 'property' || member.readonly) throw new Unbuildable(`${pair.owner.old.path} is callable: a spread cannot rebuild it and ${member.name} cannot be written`);
    w.say(`${w.text.access(base, member.name)} = ${value};`);
    return;
  }
  // An index signature is written through a key of its key type: `[string]` names no member (valibot exports a `string`).
  const key = member.kind === 'index' ? `[${indexKey(w, member)}]` : w.text.key(member.name);
  w.say(`const o: ${type} = { ...${base}, ${key}: ${value} };`, 'void o;');
}

/**
 * Supplies a property as consumers write its value, an object literal naming its old properties (see
 * `objectLiteral`): a key the new type dropped fails (TS2353) where a value of the old type still passes (hono 4's
 * `Input.out`, `Partial<{ [K in keyof ValidationTargets]: unknown }>` over targets without `queries`).
 */
export function writeMemberLiteral(w: Witness, pair: MemberPair): void {
  const member = pair.old!;
  if (member.kind !== 'property' || !member.type) throw new Unbuildable(`${pair.path} is no property a literal can supply`);
  const value = w.value(w.text.memberType(member), 'v');
  const literal = objectLiteral(w, member.type, value);
  if (pair.ownerKind === 'interface') overrideMember(w, pair, literal);
  else if (!member.readonly) w.say(`${w.text.access(owner(w, pair, member.visibility), member.name)} = ${literal};`);
  else throw new Unbuildable(`${pair.path} is read-only on a class: consumers cannot supply it`);
}

/** Reads or writes a member, as it is met: both where consumers may do both. */
export function useMember(w: Witness, pair: MemberPair, ways: { read: boolean; write: boolean }): void {
  const member = pair.old!;
  const write = () => {
    if (pair.ownerKind === 'interface') overrideMember(w, pair, w.value(supplied(w.text.memberType(member)), 'v'));
    else if (!member.readonly && member.kind === 'property') writeMember(w, pair);
    else throw new Unbuildable(`${pair.path} is read-only on a class: consumers cannot supply it`);
  };
  w.anyOf(...(ways.read ? [() => readMember(w, pair)] : []), ...(ways.write ? [write] : []));
}

/**
 * Writes a member of the object a property holds, as consumers that adjust an object handed to them do
 * (`state.options.method = 'POST'`): the move a `Readonly<T>` wrapper breaks. It applies where the new
 * property type is such a wrapper, or an object type that makes readonly a member the old (non-generic,
 * named) type left mutable.
 */
export function writeThrough(w: Witness, pair: MemberPair): void {
  const [oldType, newType] = [pair.old?.type, pair.new?.type];
  const held = oldType?.k === 'ref' && !oldType.args?.length ? w.names.item(oldType.id) : undefined;
  const wrapped = newType?.k === 'external' && newType.pkg === 'lib' && newType.name === 'Readonly';
  const frozen = (name: string) => wrapped || (newType?.k === 'object' && newType.members.some((m) => m.name === name && m.kind === 'property' && m.readonly));
  const member = held?.members?.find((m) => m.kind === 'property' && !m.readonly && m.visibility !== 'private' && frozen(m.name));
  if (!held || held.typeParams.length || !member) throw new Unbuildable(`${pair.path} holds no member that became read-only`);
  const value = w.value(w.text.memberType(member), 'v');
  const object = `${w.text.access(owner(w, pair), pair.old!.name)}${pair.old!.optional ? '!' : ''}`;
  w.say(`${w.text.access(object, member.name)} = ${value};`);
}

/** Uses an export the way its old declaration allowed: as a value, a type, a namespace. */
export function useExport(w: Witness, path: string, item: ApiItem, typeOnly: boolean): void {
  const ref = w.names.exportRef(path);
  const kinds = item.kinds;
  // A static member of an `export =` class merged with a namespace is listed among the namespace's names without
  // a kind of its own (eventemitter3 4's `prefixed`, which `import { prefixed }` met): it is a value.
  const value = !typeOnly && (kinds.length === 0 || kinds.some((k) => k === 'function' || k === 'variable' || k === 'class' || k === 'enum'));
  if (value) {
    // `void x` proves nothing for an `export =` target: the module itself is still there to name.
    const type = valueType(w, item, path === 'export=' || path.endsWith(':export='));
    w.say(type ? `const r: ${type} = ${ref};` : `void ${ref};`);
  }
  // A name every object has (fp-ts 1.19's `function.toString`) is still there on the namespace once the export
  // is gone, as Object's own: what consumers lose is the call with the old arguments.
  const name = path.split(/[.:]/).pop()!;
  const signature = item.signatures?.[0] ?? callSignatures(item.valueType)?.[0];
  if (value && name in Object.prototype && signature) {
    w.enterSignature(signature);
    w.say(`${ref}(${callArguments(w, signature.params, signature.params.length).join(', ')});`);
  }
  // A global the package augments (fp-ts 1.19's `_URI` and `_A` on `Array`) is still declared by TypeScript's
  // lib: what consumers lose is a member the package added, read on a value of the type.
  const added = path.startsWith('global:') ? item.members?.find((m) => m.kind === 'property' && (m.declaredIn ?? item.id) === item.id && m.visibility === 'public') : undefined;
  if (added && kinds.includes('interface')) w.say(`const m = ${w.text.access(w.value(`${ref}${anyArgs(item)}`, 'self'), added.name)};`, 'void m;');
  if (!typeOnly && kinds.includes('const-enum') && item.enumMembers?.[0]) w.say(`void ${w.text.access(ref, item.enumMembers[0].name)};`);
  if (kinds.some((k) => k === 'class' || k === 'interface' || k === 'type' || k === 'enum' || k === 'const-enum')) {
    w.declare(`export type ${w.fresh('Named')} = ${ref}${anyArgs(item)};`);
  } else if (typeOnly && kinds.some((k) => k === 'function' || k === 'variable')) {
    // `export type { mergeRouters }` (@trpc/server 10's internals): consumers name the value's type only.
    w.declare(`export type ${w.fresh('Named')} = typeof ${ref};`);
  }
  if (kinds.includes('namespace') && !value && item.exports) {
    const [first] = Object.keys(item.exports).sort();
    const target = first && w.names.item(item.exports[first]!.id);
    if (target) useExport(w, `${path}.${first}`, target, typeOnly || item.exports[first]!.typeOnly);
  }
}

/** A function's or variable's old value type, when it can be written (and, if `required`, or else why not). */
function valueType(w: Witness, item: ApiItem, required: boolean): string | undefined {
  try {
    if (item.kinds.includes('function') && item.signatures?.length) return w.text.callableType(item.signatures);
    if (item.kinds.includes('variable') && item.valueType) return w.text.type(item.valueType);
  } catch (error) {
    if (!(error instanceof Unbuildable)) throw error;
    if (required && constructorOfClass(w, item)) return 'abstract new (...args: never) => unknown';
    if (required) throw error;
  }
  if (required && !item.kinds.includes('class') && !item.kinds.includes('enum')) throw new Unbuildable(`the old type of ${item.path} cannot be written`);
  return undefined;
}

/**
 * A constant whose type is a class's constructor (`declare const EventEmitter: typeof EE; export = EventEmitter`,
 * eventemitter3 5.0.3) where the class cannot be named (two declarations share its name): what consumers
 * do with it is `new`, which any construct signature shows.
 */
function constructorOfClass(w: Witness, item: ApiItem): boolean {
  // The model writes such a type as `typeof <id>` (`typeof EventEmitter~2`).
  const id = item.valueType?.k === 'text' ? /^typeof (\S+)$/.exec(item.valueType.text)?.[1] : undefined;
  return id !== undefined && w.names.item(id)?.kinds.includes('class') === true;
}

function anyArgs(item: ApiItem): string {
  const n = item.typeParams.filter((p) => !p.default).length;
  return n ? `<${Array.from({ length: n }, () => 'any').join(', ')}>` : '';
}

type TypeArgsWay = 'inferred' | 'explicit' | 'both';

export interface CallOptions {
  /** How many of the old parameters to pass at least; every required one is passed anyway. */
  count?: number;
  /** Arguments given by the caller instead of fresh values, by parameter index. */
  given?: Map<number, string>;
  /** Use the result as the old return type. */
  result?: boolean;
  /** Pass the signature's generic parameters explicitly (`explicit`), leave them to inference, or call both ways. */
  typeArgs?: TypeArgsWay;
  /** Pass a rest parameter as two separate arguments. */
  restAsTwo?: boolean;
  /** The parameter (by index) passed as an object literal naming its old properties (see `objectLiteral`). */
  literal?: number;
  /** Also call passing every parameter, beside the call passing the required ones (see `callBothArities`). */
  everyArity?: boolean;
  /** Pass a value of the consumer's own object type where the old parameter was the empty object type (see `OWN_OBJECT`). */
  ownObjects?: boolean;
}

/**
 * What consumers pass where a parameter was `{}`: that type takes every value but `null` and `undefined`, and no
 * consumer holds a value typed `{}` itself. Their own object types may meet a new overload that `{}` does not (rxjs
 * 6's `forkJoin(sourcesObject: {}): Observable<never>`: 7.0 takes `{}` by `forkJoin(sourcesObject: { [K in any]:
 * never })`, also `Observable<never>`, but rejects an object of other properties, TS2769).
 */
const OWN_OBJECT = '{ witness: unknown }';

/** Calls a signature the way the package hands it to consumers: a function, a method, a constructor, a callback. */
export function call(w: Witness, pair: SignaturePair, options: CallOptions = {}): void {
  const signature = pair.old!;
  const statements = withCallee(w, pair, (callee) => {
    const generics = [...classArguments(pair), ...w.enterSignature(signature)];
    // Later required parameters are passed too: a call with too few arguments proves nothing.
    const filled = Math.max(options.count ?? 0, filledParams(signature.params));
    const args = callArguments(w, signature.params, options.everyArity ? signature.params.length : filled, options);
    const counts = [...new Set([filled, args.length])];
    return calls(w, signature, thisReceiver(w, pair) ?? callee, generics, options.typeArgs ?? 'inferred', counts, args, options.result ?? false);
  });
  if (statements.length) w.say(...statements);
}

/**
 * The type arguments a `new` of an exported generic class writes out (`new ObjectSchema<T0>(spec)`): up to the last
 * one the constructor's parameters name, the later ones left to their defaults, as consumers write them. Against
 * yup 1.0, whose `ObjectSchema<TIn>` takes the object's type where 0.32's `ObjectSchema<TShape>` took its shape, only
 * the call with the argument written out fails (TS2345); the inferred one resolves.
 */
function classArguments(pair: SignaturePair): string[] {
  const parent = pair.parent;
  if (!pair.construct || parent.on !== 'item' || !parent.old.exported) return [];
  const names = parent.old.typeParams.map((p) => p.name);
  let last = -1;
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const type = value as TypeExpr;
    if (type.k === 'typeparam' && /^#\d+$/.test(type.name)) last = Math.max(last, Number(type.name.slice(1)));
    if (type.k === 'text') type.text.split(/[^\w$]+/).forEach((word) => (last = Math.max(last, names.indexOf(word))));
    Object.values(value).forEach(visit);
  };
  pair.old!.params.forEach((p) => visit(p.type));
  return names.slice(0, last + 1).map((_, i) => typeParamName(`#${i}`));
}

/**
 * The method on a value of its `this` type, where that is the owner type with other arguments (rxjs 6's
 * `toPromise<T>(this: Observable<T>): Promise<T>` on `Observable<T>`): called on a value of the owner type,
 * the method's own parameters are bound to the owner's arguments, and the old result written with them is
 * not what the call gives. Must run after the signature is entered: the `this` type names its parameters.
 */
function thisReceiver(w: Witness, pair: SignaturePair): string | undefined {
  const [parent, thisType] = [pair.parent, pair.old!.thisType];
  if (parent.on !== 'member' || parent.old?.kind !== 'method' || thisType?.k !== 'ref' || thisType.id !== parent.owner.old.id) return undefined;
  return w.text.access(w.value(w.text.type(thisType), 'receiver'), parent.old.name);
}

/**
 * Calls a signature with only its required arguments and with all of them (each of its own old type),
 * using each result as the old return type: a call with no arguments proves nothing of an overload whose
 * parameters are all optional when another overload takes none either, and a call passing everything
 * nothing of one whose later parameters another overload still takes. The arities between add little and
 * cost an overload resolution each (rxjs's `combineLatest` has twenty overloads). A generic one is also called
 * with its type arguments written out, and those calls come first: the inferred ones are a witness of their own,
 * compiled only where the written-out ones are refuted. Inference over twenty overloads is most of what rxjs 6 → 7's
 * witnesses cost, and the written-out call already fails where a removed overload's type parameters went (TS2558).
 */
export function callBothArities(w: Witness, pair: SignaturePair, options: Pick<CallOptions, 'ownObjects'> = {}): void {
  const signature = pair.old!;
  const build = (witness: Witness, only?: TypeArgsOnly): void => {
    const statements = withCallee(witness, pair, (callee) => {
      const generics = witness.enterSignature(signature);
      const args = callArguments(witness, signature.params, signature.params.length, options);
      const counts = [...new Set([filledParams(signature.params), signature.params.length])];
      return calls(witness, signature, callee, generics, 'both', counts, args, true, only);
    });
    if (!statements.length && only === 'inferred') throw new Unbuildable('every call is made with its type arguments written out');
    if (statements.length) witness.say(...statements);
  };
  if (!signature.typeParams.length) return build(w);
  build(w, 'explicit');
  w.orElse((other) => build(other, 'inferred'));
}

/** Of the calls `both` makes, only those with the type arguments written out, or only the inferred ones. */
type TypeArgsOnly = 'explicit' | 'inferred';

/**
 * Calls passing the first `count` of `args` for each count, with the type arguments inferred, written out, or
 * both ways (`both`, for a generic signature: callers may have written either); each in a block of its own
 * when there are several, since their results are all named `r`.
 */
function calls(
  w: Witness,
  signature: Signature,
  callee: string,
  generics: string[],
  typeArgs: TypeArgsWay,
  counts: number[],
  args: string[],
  result: boolean,
  only?: TypeArgsOnly,
): string[] {
  const written = `<${generics.join(', ')}>`;
  // A generic parameter that no parameter's type mentions is inferred from nothing, as its constraint (valibot
  // 0.42's `partialCheck<TInput, const TPathList extends readonly PathKeys<TInput>[], …>(pathList: TPathList, …)`,
  // whose `TInput` then rejects the witness's own `pathList`): its callers write the type arguments out.
  const fromArguments = ownParamsNamed(w, signature, signature.params.map((p) => p.type)).size === signature.typeParams.length;
  const ways = !generics.length ? [''] : typeArgs === 'explicit' || !fromArguments ? [written] : typeArgs === 'both' ? ['', written] : [''];
  // A result naming a type parameter that no argument passed mentions is not what an inferred call gives
  // (rxjs 6's `zip<R>(array: ObservableInput<any>[]): Observable<R>` resolves to an earlier overload,
  // `isObservable<T>(obj: any): obj is Observable<T>` infers `unknown`): only written type arguments show it.
  const inferable = (count: number) => typeArgs !== 'both' || !result || !generics.length || inferredFrom(w, signature, count);
  const made = ways.filter((explicit) => !only || (only === 'explicit') === (explicit !== ''));
  const statements = made.flatMap((explicit) =>
    counts.filter((count) => explicit !== '' || inferable(count)).map((count) => {
      const expression = `${callee}${explicit}(${args.slice(0, count).join(', ')})`;
      return result ? useResult(w, signature, expression, args) : [`${expression};`];
    }),
  );
  return statements.length > 1 ? statements.flatMap((used) => ['{', ...used.map((l) => `  ${l}`), '}']) : statements.flat();
}

/** Whether every own type parameter the result names is mentioned by the `this` type or one of the first `count` parameters. */
function inferredFrom(w: Witness, signature: Signature, count: number): boolean {
  const given = ownParamsNamed(w, signature, [signature.thisType, ...signature.params.slice(0, count).map((p) => p.type)]);
  return [...ownParamsNamed(w, signature, [signature.returns])].every((i) => given.has(i));
}

/**
 * The entered signature's own type parameters (by index) that the types name: by the model's name, or by the
 * declared name in the checker's text.
 */
function ownParamsNamed(w: Witness, signature: Signature, types: readonly (TypeExpr | undefined)[]): Set<number> {
  const prefix = `@${w.text.depth - 1}.`;
  const found = new Set<number>();
  // Converted types share their parts: each is walked once.
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(visit);
    const type = value as TypeExpr;
    if (type.k === 'typeparam' && type.name.startsWith(prefix)) found.add(Number(type.name.slice(prefix.length)));
    if (type.k === 'text') {
      const words = new Set(type.text.split(/[^\w$]+/));
      signature.typeParams.forEach((p, i) => words.has(p.name) && found.add(i));
    }
    Object.values(value).forEach(visit);
  };
  types.forEach(visit);
  return found;
}

/** The first `count` arguments of a call: values of the old parameter types, named after the parameters. */
export function callArguments(w: Witness, params: readonly Param[], count: number, options: CallOptions = {}): string[] {
  return params.slice(0, count).flatMap((_, i) => argument(w, params, i, options));
}

function argument(w: Witness, params: readonly Param[], index: number, options: CallOptions): string[] {
  const given = options.given?.get(index);
  if (given !== undefined) return [given];
  const param = params[index]!;
  const name = paramNames(params)[index]!;
  if (!param.rest) {
    const own = options.ownObjects && param.type.k === 'object' && !param.type.members.length;
    const value = w.value(own ? OWN_OBJECT : supplied(w.text.type(handedOver(w, param.type))), name);
    return [options.literal === index ? objectLiteral(w, param.type, value) : value];
  }
  if (!options.restAsTwo) return [`...${w.value(w.text.type(param.type), name)}`];
  const element = restElement(param.type);
  if (!element) throw new Unbuildable('the rest parameter is a tuple: there is no single element type to pass twice');
  return [w.value(w.text.type(element), name), w.value(w.text.type(element), name)];
}

/**
 * The result used as the old return type, also spelled with its defaults left out; a type guard is used to narrow its argument. An `any` result is
 * used as callers use one, where no annotation gives inference a target: `const r: any = f()` infers a
 * generic result as `any` and compiles against every new type (lodash 4's `invoke<TResult>`), while an
 * unannotated result stored as two unrelated types compiles only while it is `any`.
 */
function useResult(w: Witness, signature: Signature, expression: string, args: string[]): string[] {
  const returns = signature.returns;
  if (isAny(returns)) return [`const r = ${expression};`, 'const s: string = r;', 'const n: number = r;'];
  if (returns.k !== 'predicate') {
    const shortest = w.text.shortest(returns);
    return [`const r: ${w.text.type(returns)} = ${expression};`, ...(shortest ? [`const d: ${shortest} = ${expression};`] : [])];
  }
  const subject = args[returns.param];
  if (subject === undefined || subject.startsWith('...')) throw new Unbuildable('the type guard narrows `this` or an argument not passed');
  const narrowed = `const n: ${w.text.type(returns.type)} = ${subject};`;
  return returns.asserts ? [`${expression};`, narrowed] : [`if (${expression}) {`, `  ${narrowed}`, '}'];
}

/**
 * Hands the package an implementation of the old callable, as consumers that implement it do: an object
 * member, a callback argument, a subclass method. It has every old overload: a consumer's implementation
 * satisfied all of them.
 */
export function implement(w: Witness, pair: SignaturePair): void {
  const parent = pair.parent;
  // A call signature added to a type that had none (fp-ts 2.0's `IO<A>`, a class in 1.19, now `() => A`): what
  // consumers implemented is an object of the old shape, which nothing can call.
  if (parent.on === 'member' && !parent.old && parent.new?.kind === 'call' && !overloads(pair, 'old').length) return buildObject(w, parent.owner.old);
  const statements = handOver(w, pair, { signatures: oldOverloads(pair) });
  if (statements.length) w.say(...statements);
}

/** The old overloads of the callable a signature pair belongs to. */
function oldOverloads(pair: SignaturePair): Signature[] {
  const signatures = overloads(pair, 'old');
  if (!signatures.length) throw new Unbuildable(`${pair.path} had no signature in the old release`);
  return signatures;
}

interface Implementation {
  signatures: Signature[];
  /** Statements run with the implementation's parameters (`p0`, `p1`, ...): one signature only. */
  body?: (params: string[]) => string[];
}

/** An implementation as an expression: an arrow function when it has a body, else a value of the old callable type. */
function implementationValue(w: Witness, impl: Implementation): string {
  if (!impl.body) return w.value(w.text.callableType(impl.signatures), 'impl');
  const signature = impl.signatures[0]!;
  return w.text.inScope(signature, (typeParams) => {
    const lines = impl.body!(paramNames(signature.params));
    return `${typeParams}(${w.text.params(signature.params)}): ${w.text.returns(signature)} => {\n    ${lines.join('\n    ')}\n    return null!;\n  }`;
  });
}

function handOver(w: Witness, pair: SignaturePair, impl: Implementation): string[] {
  const parent = pair.parent;
  if (parent.on === 'param') {
    // A callback the consumer passes: the outer function is called with it.
    const outer = parent.signature;
    return withCallee(w, outer, (callee) => {
      // The callback's types may mention the outer function's generic parameters: they become the witness's
      // (declared once the owner's are, one scope inside them, as the converter named them), and a caller may
      // have written them out as well as left them to inference.
      const generics = w.enterSignature(outer.old!);
      const given = new Map([[parent.index, implementationValue(w, impl)]]);
      // Every argument the call requires is passed, the callback's and the others' (`bimap(f, g)` for `f`, the
      // elements of a rest tuple of required ones): written-out type arguments pick the overload by their number.
      const args = callArguments(w, outer.old!.params, Math.max(parent.index + 1, filledParams(outer.old!.params)), { given });
      return [`${callee}(${args.join(', ')});`, ...(generics.length ? [`${callee}<${generics.join(', ')}>(${args.join(', ')});`] : [])];
    });
  }
  // Members of an old class are implemented by subclassing it, also where the new release made it an interface:
  // an object spread keeps none of a class's methods (fp-ts 1.19's `NonEmptyArray`), so no literal built from
  // one is of the old class's type.
  const implementedBy = parent.on !== 'member' ? undefined : parent.ownerKind !== 'static' && parent.owner.old.kinds.includes('class') ? 'class' : parent.ownerKind;
  if (parent.on === 'member' && implementedBy === 'interface') {
    const member = parent.old!;
    const type = typeRef(w, parent.owner.old);
    if (member.kind === 'construct') throw new Unbuildable('consumers cannot implement a construct signature with a function');
    const base = w.value(type, 'base', 'base');
    const value = implementationValue(w, impl);
    if (member.kind === 'call') return [`const o: ${type} = Object.assign(${value}, ${base});`, 'void o;'];
    // A spread keeps no call signature: on a callable object (lodash's `_`) the member is assigned in place.
    const callable = (parent.owner.old.members ?? []).some((m) => m.kind === 'call' || m.kind === 'construct');
    if (callable && (member.kind === 'method' || !member.readonly)) return [`${w.text.access(base, member.name)} = ${value};`];
    return [`const o: ${type} = { ...${base}, ${w.text.key(member.name)}: ${value} };`, 'void o;'];
  }
  if (parent.on === 'member' && implementedBy === 'class' && parent.old!.kind === 'method') {
    // Subclasses implement class methods; abstract, so the other abstract members need no implementation.
    const member = parent.old!;
    w.enterItem(parent.owner.old);
    const prefix = `${member.visibility === 'protected' ? 'protected ' : ''}${w.text.key(member.name)}`;
    const [first] = impl.signatures;
    const lines = impl.body
      ? w.text.inScope(first!, (tp) => [
          `  ${prefix}${tp}(${w.text.params(first!.params)}): ${w.text.returns(first!)} {`,
          ...impl.body!(paramNames(first!.params)).map((l) => `    ${l}`),
          '    return null!;',
          '  }',
        ])
      : [
          ...impl.signatures.map((s) => `  ${w.text.callMember(prefix, s)}`),
          `  ${prefix}(...args: any[]): any {`,
          '    return null!;',
          '  }',
        ];
    declareSubclass(w, parent.owner.old, 'abstract', lines);
    return [];
  }
  if (parent.on === 'member' && implementedBy === 'class' && parent.old!.kind === 'property' && !impl.body) {
    // A function-typed property is implemented by redeclaring it in a subclass.
    const member = parent.old!;
    w.enterItem(parent.owner.old);
    const declared = `  declare ${member.visibility === 'protected' ? 'protected ' : ''}${w.text.key(member.name)}: ${w.text.callableType(impl.signatures)};`;
    declareSubclass(w, parent.owner.old, 'abstract', [declared]);
    return [];
  }
  throw new Unbuildable(`consumers do not implement ${pair.path} themselves`);
}

/**
 * Gets hold of a callable for the signature and runs `use` on it. A callback the package hands to a
 * function the consumer implements is reached inside that implementation.
 */
function withCallee(w: Witness, pair: SignaturePair, use: (callee: string) => string[]): string[] {
  const parent = pair.parent;
  switch (parent.on) {
    case 'item': {
      const ref = w.names.itemRef(parent.old.id);
      if (pair.construct) w.enterItem(parent.old);
      return use(pair.construct ? `new ${ref}` : ref);
    }
    case 'member': {
      const member = parent.old!;
      const self = owner(w, parent);
      if (member.kind === 'call') return use(self);
      if (member.kind === 'construct') return use(`new ${self}`);
      return use(`${w.text.access(self, member.name)}${member.optional ? '!' : ''}`);
    }
    case 'param': {
      const outer = parent.signature;
      if (outer.old!.typeParams.length) throw new Unbuildable('the callback belongs to a generic signature the consumer would implement');
      // An implementation written for one overload satisfies none of the others: commander 7's
      // `addHelpText(position, text: string)` beside `addHelpText(position, text: (context) => …)`.
      if (overloads(outer, 'old').length > 1) throw new Unbuildable('the callback belongs to one of several overloads the consumer would implement at once');
      return handOver(w, outer, { signatures: [outer.old!], body: (params) => use(params[parent.index]!) });
    }
  }
}

/** Subclasses the old class, implementing exactly the members the old class left abstract. */
export function subclass(w: Witness, pair: MemberPair): void {
  const item = pair.owner.old;
  w.enterItem(item);
  const members = (item.members ?? []).filter((m) => m.abstract).map((m) => `  ${overrideText(w, m)}`);
  declareSubclass(w, item, 'concrete', members);
}

/**
 * Redeclares a property of an old class in a consumer's subclass with its old type, as subclasses that override it
 * do: a getter or property narrowed on the class no longer takes the old type (TS2416; got 16.1's `Options.searchParams`
 * getter, narrowed beside an unchanged setter). The subclass is abstract, so members the new release made abstract
 * ask nothing of it.
 */
export function overrideInSubclass(w: Witness, pair: MemberPair): void {
  const member = pair.old!;
  if (pair.ownerKind !== 'class' || member.kind !== 'property' || member.visibility === 'private' || !member.type) {
    throw new Unbuildable(`${pair.path} is no property a subclass redeclares`);
  }
  w.enterItem(pair.owner.old);
  const visibility = member.visibility === 'protected' ? 'protected ' : '';
  const text = member.accessor ? `${visibility}get ${w.text.key(member.name)}(): ${w.text.type(member.type)} { return null!; }` : overrideText(w, member);
  declareSubclass(w, pair.owner.old, 'abstract', [`  ${text}`]);
}

/** A consumer's subclass of an old class (entered first, so its members are written in its generic scope); abstract when it implements only some members. */
export function declareSubclass(w: Witness, item: ApiItem, kind: 'abstract' | 'concrete', body: string[]): void {
  const base = classBase(typeRef(w, item));
  const name = w.fresh(kind === 'abstract' ? 'Override' : 'Subclass');
  w.declare(`export ${kind === 'abstract' ? 'abstract ' : ''}class ${name}${w.text.typeParamList(item.typeParams, '#')} extends ${base} {`, ...body, '}');
}

/** A class member written out with its old type, implemented by `null!`. */
export function overrideText(w: Witness, member: Member): string {
  const visibility = member.visibility === 'protected' ? 'protected ' : '';
  if (member.kind === 'property') return `${visibility}${member.readonly ? 'readonly ' : ''}${w.text.key(member.name)}${member.optional ? '?' : '!'}: ${w.text.type(member.type!)};`;
  return (member.signatures ?? [])
    .map((s, i, all) => w.text.callMember(`${visibility}${w.text.key(member.name)}`, s, i === all.length - 1 ? ' { return null!; }' : ';'))
    .join('\n  ');
}

/** Constructs the class as its first public constructor on that side allows (the old side for a break). */
export function construct(w: Witness, pair: SignaturePair['parent'], side: Side = 'old'): void {
  if (pair.on !== 'item') throw new Unbuildable(`${pair.path} is not a class`);
  constructItem(w, pair[side], w.names.itemRef(pair[side].id));
}

/** Imports an entry point, as every consumer of it does. */
export function importEntry(w: Witness, entry: EntrySurface): void {
  w.declare(`export type Module = typeof import(${JSON.stringify(w.names.specifier(entry))});`);
}

/**
 * Uses one capability an export had (the names `capabilities` gives them): a kind change that takes it
 * away breaks exactly this use.
 */
export function useCapability(w: Witness, path: string, item: ApiItem, capability: string): void {
  const ref = w.names.exportRef(path);
  switch (capability) {
    case 'value':
    case 'enum-object':
      return w.say(`const r: object = ${ref};`, 'void r;');
    case 'type':
      return w.declare(`export type ${w.fresh('Named')} = ${ref}${anyArgs(item)};`);
    case 'new':
      return constructItem(w, item, ref);
    case 'extends':
      return w.declare(`export abstract class ${w.fresh('Sub')} extends ${ref}${anyArgs(item)} {}`);
    case 'merge':
      return w.declare(...augmentation(w, path, item));
    case 'namespace': {
      const member = item.enumMembers?.[0]?.name ?? Object.keys(item.exports ?? {}).sort()[0];
      if (!member) throw new Unbuildable(`${path} declares nothing to reach through it`);
      const target = item.exports?.[member] && w.names.item(item.exports[member].id);
      if (target && !item.enumMembers) return useExport(w, `${path}.${member}`, target, item.exports![member]!.typeOnly);
      return w.say(`void ${w.text.access(ref, member)};`);
    }
    case 'call': {
      const signature = item.signatures?.[0] ?? callSignatures(item.valueType)?.[0];
      if (!signature) throw new Unbuildable(`${path} has no call signature to call`);
      w.enterSignature(signature);
      const args = callArguments(w, signature.params, filledParams(signature.params));
      return w.say(`${ref}(${args.join(', ')});`);
    }
    case 'implicit-index': {
      const value = w.value(`${ref}${anyArgs(item)}`, 'v');
      return w.say(`const r: { [key: string]: unknown } = ${value};`, 'void r;');
    }
    default:
      throw new Unbuildable(`no consumer code for the capability ${capability}`);
  }
}

/**
 * Declaration merging from a consumer, by module augmentation: an interface merges into interfaces and
 * classes, a namespace with a value into functions, classes, enums and namespaces; neither merges into
 * what a kind change may leave (a type alias, a const).
 */
function augmentation(w: Witness, path: string, item: ApiItem): string[] {
  const { module, chain } = w.names.locate(path);
  const name = chain.pop()!;
  const reserved = [...chain, name].find(isReservedWord);
  if (reserved) throw new Unbuildable(`${path} is reached through the name ${reserved}, which no declaration merging into it can spell`);
  const generics = item.typeParams.length ? `<${item.typeParams.map((p) => p.name).join(', ')}>` : '';
  const declarations = [
    ...(item.kinds.some((k) => k === 'interface' || k === 'class') ? [`interface ${name}${generics} {}`] : []),
    ...(item.kinds.some((k) => k === 'function' || k === 'class' || k === 'enum' || k === 'namespace') ? [`namespace ${name} { export const witnessMerge: number; }`] : []),
  ];
  if (!declarations.length) throw new Unbuildable(`${path} is a ${item.kinds.join('+')}: nothing merges into it`);
  const nested = chain.reduceRight((inner, ns) => `namespace ${ns} { ${inner} }`, declarations.join(' '));
  return [module === undefined ? `declare global { ${nested} }` : `declare module ${JSON.stringify(module)} { ${nested} }`];
}

/** A word no declaration can take as its name (`const`, `default`), though an export may (`export { c as const }`). */
function isReservedWord(name: string): boolean {
  const token = ts.identifierToKeywordKind(ts.factory.createIdentifier(name));
  return token !== undefined && token >= ts.SyntaxKind.FirstReservedWord && token <= ts.SyntaxKind.LastReservedWord;
}

/** `new` on a class as its first public old constructor allows. */
function constructItem(w: Witness, item: ApiItem, ref: string): void {
  const constructor = (item.constructors ?? []).find((c) => (c.visibility ?? 'public') === 'public');
  if (item.constructors?.length && !constructor) throw new Unbuildable(`${item.path} has no public constructor`);
  w.enterItem(item);
  const params = constructor?.params ?? [];
  const args = callArguments(w, params, filledParams(params));
  w.say(`const r = new ${ref}(${args.join(', ')});`, 'void r;');
}

/**
 * Calls the signature where consumers call it (a generic one both with its type arguments inferred and
 * written out), implements it where they implement it.
 */
export function useSignature(w: Witness, pair: SignaturePair, options: CallOptions = {}): void {
  w.anyOf(...(pair.callers ? [() => call(w, pair, { typeArgs: 'both', ...options })] : []), ...(pair.implementors ? [() => implement(w, pair)] : []));
}

const THENABLE: TypeExpr = { k: 'external', pkg: 'lib', name: 'PromiseLike', args: [{ k: 'prim', name: 'unknown' }] };

/**
 * Calls a generic signature with each of its type arguments written out as a thenable (`add<PromiseLike<unknown>>(…)`),
 * the result used as the old return type there: a result that became `Awaited<T>` (p-queue 10's `add`) still
 * relates to `T` while `T` is a type parameter, and differs only where a caller passes a promise type.
 */
export function callWithThenables(w: Witness, pair: SignaturePair): void {
  const signature = pair.old!;
  if (!pair.callers || !signature.typeParams.length || signature.typeParams.some((p) => p.constraint)) {
    throw new Unbuildable('only a generic signature without constraints is called with thenable type arguments');
  }
  const statements = withCallee(w, pair, (callee) => {
    w.enterSignatureAt(signature, new Map(signature.typeParams.map((_, i) => [i, THENABLE])));
    const args = callArguments(w, signature.params, filledParams(signature.params));
    const written = `<${signature.typeParams.map(() => w.text.type(THENABLE)).join(', ')}>`;
    return useResult(w, signature, `${callee}${written}(${args.join(', ')})`, args);
  });
  w.say(...statements);
}

/** Passes a parameter where consumers call the signature, and expects it where they implement it. */
export function useParam(w: Witness, pair: ParamPair): void {
  useSignature(w, pair.signature, { count: pair.index + 1 });
}

/**
 * A parameter's type changed: passed as a value of the old type, and, where that compiles against the new
 * release too, as an object literal naming the old properties (a module of its own: a literal may not compile
 * against the old release where the model does not know every property).
 */
export function passParam(w: Witness, pair: ParamPair): void {
  useParam(w, pair);
  if (pair.signature.callers) w.orElse((other) => call(other, pair.signature, { count: pair.index + 1, typeArgs: 'both', literal: pair.index }));
}

/**
 * Reads an exported variable into its old type, and calls each of its generic call signatures with explicit
 * type arguments: assigning a generic function to its old type unifies reordered type parameters, while
 * `flatMapEither<number, string, Error>(…)` written against `<A, B, E2>` fails against `<A, E2, B>`.
 */
export function readVariable(w: Witness, pair: ItemPair): void {
  const ref = w.names.itemRef(pair.old.id);
  w.say(`const r: ${w.text.type(pair.old.valueType!)} = ${ref};`);
  const signatures = callSignatures(pair.old.valueType) ?? [];
  signatures.forEach((signature) => {
    if (signature.typeParams.length) w.attempt(() => w.declare(explicitCall(w, ref, signature)));
  });
  // A function that takes fewer parameters is still assignable to its old type, but consumers' calls with the
  // old arguments fail (TS2554).
  const plain = signatures.filter((signature) => !signature.typeParams.length && signature.params.length);
  if (plain.length) w.orElse((other) => plain.forEach((signature) => other.declare(explicitCall(other, other.names.itemRef(pair.old.id), signature))));
}

/** A function of the witness's own that calls `callee` with its generic parameters (if any) as explicit type arguments and every parameter. */
function explicitCall(w: Witness, callee: string, signature: Signature): string {
  const prefix = `@${w.text.depth}.`;
  const written = signature.typeParams.map((_, i) => typeParamName(prefix + i)).join(', ');
  const typeArgs = written && `<${written}>`;
  const names = paramNames(signature.params);
  const args = signature.params.map((p, i) => `${p.rest ? '...' : ''}${names[i]}`).join(', ');
  const name = w.fresh('explicit');
  return w.text.inScope(signature, (typeParams) => `export function ${name}${typeParams}(${w.text.params(signature.params)}): void {\n  ${callee}${typeArgs}(${args});\n}`);
}

/** Converts between a type alias and its old definition both ways: a consumer may rely on either direction. */
export function useAlias(w: Witness, pair: ItemPair): void {
  const callable = aliasSignatures(pair.old) !== undefined;
  if (callable) w.orElse((other) => callAliasSignatures(other, pair.old));
  const generic = () => {
    const whole = w.attempt(() => typeRef(w, pair.old)) === undefined;
    const type = typeRef(w, pair.old, !whole);
    const definition = w.text.type(pair.old.alias!);
    const named = w.value(type, 'named');
    // A type holding the alias in an intersection is one a value of the definition is not: only read from it.
    if (!whole) return w.say(`const r: ${definition} = ${named};`);
    const written = w.value(definition, 'written');
    w.say(`const r: ${definition} = ${named};`, `const s: ${type} = ${written};`);
    // Against the old release the alias and its written definition relate both ways, against the new one too:
    // the two aliases do, where nothing generic is related. Over generic parameters the checker's relation can be
    // laxer than at every instantiation (type-fest 6's `TaggedUnion` added `-?` to a mapped type it indexes: related
    // both ways over generic arguments, yet an optional member no longer adds `undefined`), and between call
    // signatures it erases overloads' generics: their alternatives must agree too.
    const closed = [pair.old, pair.new].every((item) => !item.typeParams.length && item.alias && closedType(item.alias, []));
    if (closed) w.settles('equal', callable);
  };
  const relate = () => {
    if (!pair.old.typeParams.length) {
      generic();
      return w.orElse((other) => writeAliasLiteral(other, pair.old));
    }
    // Over generic parameters the checker relates two conditional types by their branches, and calls equal
    // definitions that differ at `any` or a function type: the alias is also used at arguments consumers write.
    // The printed definition is not always faithful there (an inlined `Exclude` no longer distributes), so
    // that is a witness of its own, unless the generic one cannot be written (too costly a text to relate).
    // Where the old definition cannot be written out at all, or is written unfaithfully, the old release itself
    // resolves the alias at those arguments (see useAliasResolvedAt).
    const failure = w.attempt(generic);
    if (failure) {
      const concrete = w.attempt(() => useAliasAt(w, pair.old));
      if (!concrete) return w.orElse((other) => useAliasResolvedAt(other, pair.old));
      // Types holding conditional types by the hundred are as costly to resolve, at each argument list in both
      // releases: on type-fest 6 that doubled the verification, to refute most of them.
      if (concrete instanceof TooCostly || w.attempt(() => useAliasResolvedAt(w, pair.old))) throw failure;
      return;
    }
    w.orElse((other) => useAliasAt(other, pair.old));
    w.orElse((other) => useAliasResolvedAt(other, pair.old));
    w.orElse((other) => writeAliasLiteral(other, pair.old));
  };
  if (callSignatures(pair.old.alias)?.length !== 1) return relate();
  // Relating two function types whose results recurse (execa 10's `ExecaMethod`, each call of which returns
  // another) can stop at the checker's depth limit, which counts as related, and a definition too costly to write
  // out cannot be related at all: a call whose result is used as the old return type makes the checker resolve
  // that result, a witness of its own where the first one is refuted, or the one where it cannot be written.
  if (w.attempt(relate)) return callAlias(w, pair.old);
  w.orElse((other) => callAlias(other, pair.old));
}

/**
 * Calls a value of a callable alias through its one old call signature and uses the result as the old return
 * type, the signature's generic parameters the witness's own and inferred from its arguments.
 */
function callAlias(w: Witness, item: ApiItem): void {
  const signature = callSignatures(item.alias)![0]!;
  const callee = w.value(typeRef(w, item, true), 'named');
  const generics = w.enterSignature(signature);
  const args = callArguments(w, signature.params, signature.params.length);
  w.say(...calls(w, signature, callee, generics, 'inferred', [args.length], args, true));
}

/** The call signatures of a function-typed alias (an intersection of function types included), if it is one. */
function aliasSignatures(item: ApiItem): Signature[] | undefined {
  const body = item.alias;
  const parts = body?.k === 'intersection' ? body.types : body ? [body] : [];
  const signatures = parts.map((part) => callSignatures(part));
  return parts.length && signatures.every((s) => s?.length) ? signatures.flatMap((s) => s!) : undefined;
}

/**
 * Calls a value of a function-typed alias through each old call signature, with arguments of its old parameter
 * types, the signature's own generic parameters at their constraints: got 16.1's `GotEventFunction` swapped the
 * `redirect` listener's parameters, which assignments between the two overload sets do not show (the checker
 * erases their generic parameters), and a listener typed in the old order does (TS2345).
 */
export function callAliasSignatures(w: Witness, item: ApiItem): void {
  const signatures = aliasSignatures(item);
  if (!signatures) throw new Unbuildable('the alias is no function type');
  w.enterItem(item);
  const named = w.value(typeRef(w, item), 'named');
  for (const signature of signatures) {
    const bound = signature.typeParams.map((p): TypeExpr => p.constraint ?? { k: 'prim', name: 'unknown' });
    const args = w.text.atArguments(bound, () => callArguments(w, signature.params, filledParams(signature.params)));
    w.say(`${named}(${args.join(', ')});`);
  }
}

/**
 * Builds, from the old required members, a value of the consumer's own interface with one more property of a
 * type no index signature of the old members' types admits: an index signature added to a type consumers
 * construct must admit it. An interface, not an object type, since interfaces have no implicit index signature:
 * zustand 5.1's `[key: number]: any` takes every object type but no value typed by such an interface (TS2322).
 */
export function constructWithExtra(w: Witness, pair: MemberPair): void {
  const item = pair.owner.old;
  const type = typeRef(w, item);
  const members = (item.members ?? []).filter((m) => !m.optional && (m.kind === 'property' || m.kind === 'method')).map((m) => w.text.member(m));
  // Declared in the witness's body, where its generic parameters are in scope.
  const name = w.fresh('Value');
  w.say(`interface ${name} { ${[...members, 'witnessExtra: symbol;'].join(' ')} }`, `const o: ${type} = null! as ${name};`, 'void o;');
}

/** Uses an instance as its old base class. */
export function useBase(w: Witness, pair: ItemPair): void {
  const instance = w.value(typeRef(w, pair.old), 'self');
  w.say(`const r: ${w.text.type(pair.old.bases![0]!)} = ${instance};`, 'void r;');
}

/** A `switch` that handles every old member of an enum and proves it with `never`, as exhaustive consumer code does. */
export function switchExhaustively(w: Witness, pair: ItemPair): void {
  const ref = w.names.itemRef(pair.old.id);
  const value = w.value(ref, 'e');
  const cases = (pair.old.enumMembers ?? []).map((m) => `case ${w.text.access(ref, m.name)}:`);
  w.say(`switch (${value}) {`, ...cases.map((c) => `  ${c}`), '    break;', '  default: {', `    const n: never = ${value};`, '    void n;', '  }', '}');
}

/**
 * Passes type arguments explicitly, as `Box<string>` or `f<string>()` do: each argument is a generic
 * parameter of the witness under the old constraint. `all` passes every old parameter; `before` stops at
 * this one (its old default fills it).
 */
export function passTypeArgs(w: Witness, pair: TypeParamPair, count: 'all' | 'before'): void {
  const parent = pair.parent;
  if (parent.on === 'signature') {
    if (count === 'before') return callLeavingDefault(w, parent, parent.old!.typeParams.indexOf(pair.old!));
    // Where the new release has other overloads, a catch-all may still take the call (fp-ts 2.0's `pipeable<F, I>`
    // after its `F extends URIS` overloads), with a result old code cannot use: the result is used as the old
    // return type. Not where that type holds the checker's text (a conditional or mapped type, whose written-out
    // form the checker may not relate to the declared one: fp-ts 1.19's `sequenceS`).
    // Every number of arguments is tried, as `typeArgsStillFit` judges: rxjs 7's `partition<T>(source, predicate)`
    // still resolves, `partition<T>(source, predicate, thisArg)` no longer does (its overloads with `thisArg` take two
    // type arguments or three).
    const result = overloads(parent, 'new').length > 1 && textsIn(parent.old!.returns).length === 0;
    if (!result || w.attempt(() => call(w, parent, { typeArgs: 'explicit', result: true, everyArity: true }))) call(w, parent, { typeArgs: 'explicit', everyArity: true });
    // The overload that now takes the call may differ only at thenable type arguments (p-queue 10's `addAll<T>`,
    // taken by an overload returning `Promise<Awaited<T>[]>`, see `callWithThenables`).
    if (result) w.orElse((other) => callWithThenables(other, parent));
    // A signature that had no type parameters had no explicit uses: its first one breaks only implementations
    // (commander 8's `opts<T extends OptionValues>(): T`, which an `opts(): OptionValues` no longer fits).
    if (count === 'all' && !parent.old!.typeParams.length) w.attempt(() => implement(w, parent));
    return;
  }
  const item = parent.old;
  if (!item.kinds.some((k) => k === 'class' || k === 'interface' || k === 'type')) throw new Unbuildable(`${item.path} is not a generic type consumers write`);
  const generics = w.text.open(item.typeParams, '#');
  const n = count === 'all' ? item.typeParams.length : item.typeParams.indexOf(pair.old!);
  const list = generics.length ? `<${generics.join(', ')}>` : '';
  // A generic the old release keeps to itself is passed its arguments where an export meets it with arguments a
  // consumer chooses (fp-ts 1.19's `Filter1<F>` as `Filterable1<F>['filter']`).
  const args = item.typeParams.slice(0, n).map((_, i): TypeExpr => ({ k: 'typeparam', name: `#${i}` }));
  w.declare(`export type ${w.fresh('Named')}${list} = ${w.names.typeRef(item.id, args, (t) => w.text.type(t))};`);
}

/** Omits a defaulted type argument and relies on the old default, both ways. */
export function useDefault(w: Witness, pair: TypeParamPair): void {
  const parent = pair.parent;
  if (parent.on === 'signature') return callLeavingDefault(w, parent, parent.old!.typeParams.indexOf(pair.old!));
  const item = parent.old;
  w.enterItem(item);
  const index = item.typeParams.indexOf(pair.old!);
  const ref = w.names.itemRef(item.id);
  const explicit = item.typeParams.slice(0, index + 1).map((p, i) => (i === index ? w.text.type(p.default!) : `T${i}`));
  const omitted = `${ref}${index ? `<${explicit.slice(0, index).join(', ')}>` : ''}`;
  // An `any` default accepts everything both ways, so converting to and from it proves nothing: a consumer
  // relying on it passes what only `any` accepts, a value whose argument is `unknown`.
  const old = pair.old!.default!;
  if (isAny(old)) explicit[index] = 'unknown';
  const spelled = `${ref}<${explicit.join(', ')}>`;
  const a = w.value(omitted, 'omitted');
  const b = w.value(spelled, 'spelled');
  w.say(`const r: ${spelled} = ${a};`, `const s: ${omitted} = ${b};`);
  w.orElse((other) => useDefaultAt(other, item, index));
}

/**
 * Calls a generic signature with its type arguments written out up to a defaulted one, which the call leaves
 * to its default (hono's `app.get<P, I, I2, R, E2>(h1, h2)` takes `E3 = IntersectNonAnyTypes<[E, E2]>`):
 * written type arguments leave inference nothing to go on, so the arguments passed and the result used have
 * the types the old default gives them. The first type parameter is left to its default only by a call
 * writing none whose arguments name none (rxjs 6's `iif<T = never, F = never>(condition, trueResult?, …)`
 * called as `iif(condition)`), its result taken unannotated: a declared type would be inferred from.
 */
function callLeavingDefault(w: Witness, pair: SignaturePair, index: number): void {
  if (!pair.callers) throw new Unbuildable('a generic function\'s default matters only when inference has nothing to go on, and consumers only implement this one');
  const signature = pair.old!;
  const statements = withCallee(w, pair, (callee) => {
    const generics = w.enterSignature(signature, index);
    const count = filledParams(signature.params);
    const args = callArguments(w, signature.params, count);
    if (index > 0) return useResult(w, signature, `${callee}<${generics.join(', ')}>(${args.join(', ')})`, args);
    if (ownParamsNamed(w, signature, signature.params.slice(0, count).map((p) => p.type)).size) {
      throw new Unbuildable('a generic function\'s first type parameter is inferred from the arguments every call passes: its default matters only when inference has nothing to go on');
    }
    if (signature.returns.k === 'predicate') throw new Unbuildable('a type guard\'s result narrows an argument: there is no value to take unannotated');
    return [`const inferred = ${callee}(${args.join(', ')});`, `const r: ${w.text.type(signature.returns)} = inferred;`, 'void r;', ...asUnrelated(w, signature, 'inferred')];
  });
  w.say(...statements);
}

/**
 * A result whose type the first type parameter's `any` default fills, stored as two unrelated instantiations: any
 * type with `any` in it passes where the same generic with other arguments is expected, so only these fail once the
 * default is gone (yup 0.32's `mixed<TType = any>()`: 1.0's `mixed()` infers `TType` as its constraint, and
 * `MixedSchema<{} | undefined, …>` is no `MixedSchema<string | undefined, …>`, TS2322).
 */
function asUnrelated(w: Witness, signature: Signature, value: string): string[] {
  const own = `@${w.text.depth - 1}.0`;
  if (!isAny(signature.typeParams[0]?.default) || !mentionsTypeParam(signature.returns, own)) return [];
  const as = (name: string) => w.text.type(mapTypeParams(signature.returns, (p): TypeExpr => (p === own ? { k: 'prim', name } : { k: 'typeparam', name: p })));
  return [`const s: ${as('string')} = ${value};`, `const n: ${as('number')} = ${value};`];
}

/**
 * Overrides a method with a function whose parameters are narrower than declared (each intersected with a
 * brand): a method accepts it (methods are bivariant), a function property does not.
 */
export function implementNarrowly(w: Witness, pair: MemberPair): void {
  const member = pair.old!;
  const signature = member.signatures?.[0];
  if (member.kind !== 'method' || !signature?.params.length) {
    throw new Unbuildable(`${pair.path} was not a method with parameters: there is no bivariance to lose`);
  }
  const names = paramNames(signature.params);
  const value = w.text.inScope(signature, (typeParams) => {
    const params = signature.params.map((p, i) => `${p.rest ? '...' : ''}${names[i]}${p.optional ? '?' : ''}: ${w.text.type(p.type)} & { witnessBrand: symbol }`);
    return `${typeParams}(${params.join(', ')}): ${w.text.returns(signature)} => null!`;
  });
  overrideMember(w, pair, value);
}
