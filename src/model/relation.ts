import { itemOf, type ApiItem, type ApiSurface, type Member, type Signature, type TypeExpr } from './surface.js';
import { callSignatures, homomorphicSource, isAny, leafKey, normalizeUnion, requiredParams, restElement, shallowKey, type HomomorphicName } from './type-expr.js';
import type { Side } from '../core/side.js';
import { mayRenameAlike, renameTypeNames } from './text-renaming.js';
import { evaluateConditional, inferredAtConstraint, type ConditionalScope } from './conditional-text.js';

/**
 * How the new release's type relates to the old one's: `wider` accepts every old value and more,
 * `narrower` only some of them. `undecided` means the model could not tell (a type kept as text, or the
 * step budget ran out): rules treat it as the worst case and say so.
 */
export type Relation = 'equal' | 'wider' | 'narrower' | 'unrelated' | 'undecided';

/** A generic open on the stack: at which depth, and how deeply its arguments nest. */
interface Opened {
  depth: number;
  height: number;
}

/**
 * How many opened generic types are kept at once. Each keeps its members and their printed keys alive (tens
 * of kilobytes apiece for zod's classes); past this the cache starts over, trading a re-expansion for memory.
 */
const MAX_EXPANSIONS = 512;

/** Bounds the work for one question, so deep recursive type machinery cannot hang the tool. */
const STEP_BUDGET = 20_000;

/**
 * Bounds how deeply one question may nest (each level is a handful of stack frames): far beyond what
 * written types need, well within the stack. Past it the answer is `undecided`, never a crash.
 */
const MAX_DEPTH = 200;

/**
 * How many times one generic may be open on the stack, on both sides at once, before the comparison counts
 * as expanding and is assumed to hold. A generic whose members return a new instantiation of itself
 * (execa's `ExecaMethod<MergeOptions<O, …>>`, builders, chained APIs) opens without end; the compiler's
 * `isDeeplyNestedType` stops at the same depth and treats the pair as related, so consumer code compiles
 * under the same assumption.
 */
const EXPANDING_DEPTH = 3;

const UNDECIDED_BUDGET = `the comparison went deeper than the model follows (${MAX_DEPTH} levels or ${STEP_BUDGET} steps)`;
const UNDECIDED_TEXT = 'conditional, mapped and indexed-access types are compared only as the checker prints them';

/**
 * Assignability between the two releases, with named types corresponding by id: `ref C` on the old side
 * and `ref C` on the new side are the same type here, whatever happened inside C (that is reported at C).
 * This is what the checker cannot do across two Programs, and why classes with private members (nominal
 * in the checker) still compare.
 */
export class Relator {
  /** Questions open on the stack, each with its depth: coinductive hypotheses. */
  private readonly assumed = new Map<string, number>();
  /** The depths at which each generic (by side and id) is open on the stack, see EXPANDING_DEPTH. */
  readonly #open = new Map<string, Opened[]>();
  private steps = 0;
  private exhausted = false;
  /**
   * Set by every `sub` that answers `false` without proof: the answer leaned on a type kept as text. A `false`
   * with this unset is proven (a member missing, a literal that differs), so combinations read it after each
   * call: one proven failure settles an `and`, one success settles an `or`, whatever the text beside them.
   */
  private inconclusive = false;
  /** For each `undecided` question, the relations the answer may still be (see `possible`). */
  readonly #possible = new Map<string, Relation[]>();
  // The memo below is ECMAScript-private: bookkeeping, no part of the class's declared shape (the API
  // report lists `private` members by name).
  /** The shallowest open hypothesis the current question has leaned on (Infinity: none). */
  #lowestAssumption = Infinity;
  /**
   * Answers that hold in any context, shared by every question of the analysis: a large package asks
   * about the same pairs of types from many places (zod's generic classes meet each other in every
   * method), and recomputing them multiplies the work by the size of the API.
   */
  readonly #known = new Map<string, { holds: boolean; inconclusive: boolean }>();
  /**
   * Set while a conditional kept as text is evaluated: the aliases its assignability questions open are not
   * evaluated in turn, so one evaluation's cost stays within its own bound on nodes.
   */
  #evaluating = false;
  readonly #relations = new Map<string, Relation>();
  /** Why a question came out `undecided`, for the finding to say. */
  readonly #undecided = new Map<string, string>();
  /** Opening a large generic class substitutes into all its members: once per side and reference. */
  readonly #expansions = new Map<string, TypeExpr | undefined>();
  readonly #ids = new StructuralIds();
  /** Type parameters of an old signature held fixed (see `rigid`), by name: their constraints. */
  readonly #rigid = new Map<string, TypeExpr>();
  /** How many pairs of types were compared in all: the scaling guard counts this. */
  comparisons = 0;

  /**
   * `corresponding`: old ids whose declaration has another id in the new release (see `correspondingIds` in diff/export-ids.ts),
   * compared as one named type as equal ids are.
   */
  constructor(
    private readonly surfaces: Record<Side, ApiSurface>,
    private readonly corresponding: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {}

  relate(oldType: TypeExpr, newType: TypeExpr): Relation {
    const oldKey = this.#ids.of(oldType);
    const newKey = this.#ids.of(newType);
    if (oldKey === newKey) return 'equal';
    const question = `${oldKey}\u0000${newKey}`;
    let relation = this.#relations.get(question);
    if (relation === undefined) {
      relation = this.#decide(oldType, newType, question);
      this.#relations.set(question, relation);
      if (relation === 'undecided') this.#undecided.set(question, this.exhausted ? UNDECIDED_BUDGET : UNDECIDED_TEXT);
    }
    return relation;
  }

  /**
   * The relations an answer may be: the answer itself when decided. An `undecided` one may still be narrowed
   * down: when the new type is proven not to accept every old value (a required member gone), it is narrower or
   * unrelated, whatever the text elsewhere in it says, and where consumers supply the type both are major.
   */
  possible(oldType: TypeExpr, newType: TypeExpr): Relation[] {
    const relation = this.relate(oldType, newType);
    if (relation !== 'undecided') return [relation];
    return this.#possible.get(`${this.#ids.of(oldType)}\u0000${this.#ids.of(newType)}`) ?? ['equal', 'wider', 'narrower', 'unrelated'];
  }

  /** Why `relate` answered `undecided` for these types. */
  undecidedReason(oldType: TypeExpr, newType: TypeExpr): string {
    return this.#undecided.get(`${this.#ids.of(oldType)}\u0000${this.#ids.of(newType)}`) ?? UNDECIDED_TEXT;
  }

  /**
   * A type parameter of an old signature as its callers' code sees it: a type they chose, of which only the
   * constraint is known (`DateType extends Date`). It is a value of its constraint and nothing else is a value
   * of it. The name is unique per `key` (a signature and position), so the answers cached for it hold everywhere.
   */
  rigid(key: string, constraint: TypeExpr | undefined): TypeExpr {
    const name = `^${key}`;
    if (constraint) this.#rigid.set(name, constraint);
    return { k: 'typeparam', name };
  }

  /** A named type opened up on one side (an alias to its body, an interface or class to its members), if it is one. */
  open(type: TypeExpr, side: Side): TypeExpr | undefined {
    return this.expand(type, side);
  }

  #decide(oldType: TypeExpr, newType: TypeExpr, question: string): Relation {
    this.steps = 0;
    this.exhausted = false;
    const narrower = this.sub(newType, 'new', oldType, 'old');
    const narrowerUnproven = this.inconclusive;
    const wider = this.sub(oldType, 'old', newType, 'new');
    const widerUnproven = this.inconclusive;
    if (this.exhausted) return 'undecided';
    if (narrower && wider) return 'equal';
    if (wider) return 'wider';
    if (narrower) return 'narrower';
    if (!narrowerUnproven && !widerUnproven) return 'unrelated';
    // One direction may still be proven false: then the other's answer is all that is open.
    if (!widerUnproven) this.#possible.set(question, ['narrower', 'unrelated']);
    else if (!narrowerUnproven) this.#possible.set(question, ['wider', 'unrelated']);
    return 'undecided';
  }

  /** Is every value of `s` (on its side) a value of `t` (on its side)? */
  private sub(s: TypeExpr, sSide: Side, t: TypeExpr, tSide: Side): boolean {
    this.comparisons++;
    if (++this.steps > STEP_BUDGET) {
      this.exhausted = this.inconclusive = true;
      return false;
    }
    this.inconclusive = false;
    const sKey = this.#ids.of(s);
    const tKey = this.#ids.of(t);
    if (sKey === tKey) return true;
    const pairKey = `${sSide}:${sKey}\u0000${tSide}:${tKey}`;
    const known = this.#known.get(pairKey);
    if (known) {
      this.inconclusive = known.inconclusive;
      return known.holds;
    }
    // Coinduction: a recursive type is related to another if assuming so leads to no contradiction.
    const assumedAt = this.assumed.get(pairKey);
    if (assumedAt !== undefined) {
      this.#lowestAssumption = Math.min(this.#lowestAssumption, assumedAt);
      return true;
    }
    const depth = this.assumed.size;
    if (depth >= MAX_DEPTH) {
      this.exhausted = this.inconclusive = true;
      return false;
    }
    const sExpanding = this.#expandingSince(s, sSide);
    const tExpanding = this.#expandingSince(t, tSide);
    if (sExpanding < Infinity && tExpanding < Infinity) {
      // A hypothesis like the coinductive ones: what leans on it is not remembered outside the expansion.
      this.#lowestAssumption = Math.min(this.#lowestAssumption, sExpanding, tExpanding);
      return true;
    }
    const outer = this.#lowestAssumption;
    this.#lowestAssumption = Infinity;
    this.assumed.set(pairKey, depth);
    const opened = [this.#opening(s, sSide, depth), this.#opening(t, tSide, depth)];
    let holds: boolean;
    try {
      this.inconclusive = false;
      holds = this.subUncached(s, sSide, t, tSide);
      this.inconclusive &&= !holds;
    } finally {
      this.assumed.delete(pairKey);
      for (const depths of opened) depths?.pop();
    }
    // Assuming more can only prove more, so a `false` holds in any context; a `true` only when it leaned on
    // no hypothesis of an enclosing question, which may yet turn out false. Past the budget nothing is sure.
    if (!this.exhausted && (!holds || this.#lowestAssumption >= depth)) this.#known.set(pairKey, { holds, inconclusive: this.inconclusive });
    this.#lowestAssumption = Math.min(outer, this.#lowestAssumption);
    return holds;
  }

  /** Records a generic opened at `depth`; returns the list to pop from when it is closed. */
  #opening(type: TypeExpr, side: Side, depth: number): Opened[] | undefined {
    if (type.k !== 'ref') return undefined;
    const key = `${side}:${type.id}`;
    let opened = this.#open.get(key);
    if (!opened) this.#open.set(key, (opened = []));
    opened.push({ depth, height: height(type) });
    return opened;
  }

  /**
   * The depth from which `type`'s generic is expanding (Infinity: it is not): open EXPANDING_DEPTH times,
   * counting, from the outermost in, each opening whose arguments are no smaller than the previous one's.
   * The compiler counts instantiations created no earlier than the previous one; here the arguments of an
   * expansion grow (`Chain<O & P>` inside `Chain<O>`), while a written `Box<Box<Box<string>>>` shrinks as it
   * is opened and is compared to the end.
   */
  #expandingSince(type: TypeExpr, side: Side): number {
    const opened = type.k === 'ref' ? this.#open.get(`${side}:${type.id}`) : undefined;
    if (!opened || opened.length < EXPANDING_DEPTH - 1) return Infinity;
    let count = 0;
    let last = 0;
    let since = Infinity;
    for (const { depth, height: h } of [...opened, { depth: Infinity, height: height(type) }]) {
      if (h >= last) {
        count++;
        since = Math.min(since, depth);
      }
      last = h;
    }
    return count >= EXPANDING_DEPTH ? since : Infinity;
  }

  /**
   * One text bound to arguments that are the same types however spelled (`T | undefined`, `Maybe<T>`), the
   * parameters it names renamed alike (see renameTypeNames).
   */
  private sameInstantiation(s: Extract<TypeExpr, { k: 'text' }>, sSide: Side, t: Extract<TypeExpr, { k: 'text' }>, tSide: Side): boolean {
    const [sArgs, tArgs] = [boundTexts.get(s), boundTexts.get(t)];
    if (!sArgs || !tArgs) return false;
    const [sNames, tNames] = [new Set(sArgs.keys()), new Set(tArgs.keys())];
    if (!mayRenameAlike(s.text, sNames, t.text, tNames)) return false;
    const [sForm, tForm] = [renameTypeNames(s.text, sNames), renameTypeNames(t.text, tNames)];
    if (sForm.form !== tForm.form) return false;
    return sForm.names.every((name, i) => {
      const [arg, other] = [sArgs.get(name)!, tArgs.get(tForm.names[i]!)!];
      return this.sub(arg, sSide, other, tSide) && this.sub(other, tSide, arg, sSide);
    });
  }

  /**
   * A text on one side may stand in a union or a named type of the other: type-fest 6's `KeysOfUnion<T>` is
   * `keyof T | …`, which holds the `keyof T` a constraint used to be. Without such a find nothing is proven.
   */
  private besideText(s: TypeExpr, sSide: Side, t: TypeExpr, tSide: Side): boolean {
    let found = false;
    if (s.k === 'text' && t.k === 'union') found = this.any(t.types, (m) => m.k === 'text' && this.sub(s, sSide, m, tSide));
    else if (s.k === 'text' && t.k === 'ref' && itemOf(this.surfaces[tSide], t.id)?.alias) {
      const expanded = this.expand(t, tSide);
      found = expanded?.k === 'union' && this.sub(s, sSide, expanded, tSide);
    }
    this.inconclusive = !found;
    return found;
  }

  /** Every test holds. The failure is proven as soon as one failure is, whatever the others leaned on. */
  private all<T>(items: readonly T[], test: (item: T, index: number) => boolean): boolean {
    let unproven = false;
    for (let i = 0; i < items.length; i++) {
      this.inconclusive = false;
      if (test(items[i]!, i)) continue;
      if (!this.inconclusive) return false;
      unproven = true;
    }
    this.inconclusive = unproven;
    return !unproven;
  }

  /** Some test holds. The failure is proven only when every failure is. */
  private any<T>(items: readonly T[], test: (item: T) => boolean): boolean {
    let unproven = false;
    for (const item of items) {
      this.inconclusive = false;
      if (test(item)) {
        this.inconclusive = false;
        return true;
      }
      unproven ||= this.inconclusive;
    }
    this.inconclusive = unproven;
    return false;
  }

  private subUncached(source: TypeExpr, sSide: Side, target: TypeExpr, tSide: Side): boolean {
    const [s, t] = [this.#recordObject(source, sSide) ?? source, this.#recordObject(target, tSide) ?? target];
    if (t.k === 'prim' && (t.name === 'any' || t.name === 'unknown')) return true;
    if (s.k === 'prim' && (s.name === 'never' || s.name === 'any')) return s.name === 'never';
    if (s.k === 'union') return this.all(s.types, (m) => this.sub(m, sSide, t, tSide));
    // lib's `Exclude<T, U>` and `Extract<T, U>` keep some of `T`'s members, so each is within what `T` is within, as
    // the checker relates a conditional type by its branches (rxjs 7's `partition`, `Observable<Exclude<T, U>>`
    // where 6 gave `Observable<T>`, with `U extends T`). Whether they are more than that is left to the rest.
    if (filtered(s) && this.sub(s.args![0]!, sSide, t, tSide)) return true;
    // Every value of `T` is a `Readonly<T>`; the reverse is for the rest to say (a mutable member proves it false):
    // `T` → `Readonly<T>` widens, harmless where consumers hand values over (ky 2.1's `HTTPError` constructor
    // `options`), a break where they receive one and write to it.
    if (isReadonly(t) && !isReadonly(s) && this.sub(s, sSide, t.args![0]!, tSide)) return true;
    if (s.k === 'text' && t.k === 'text' && this.sameInstantiation(s, sSide, t, tSide)) return true;
    // An intersection is within a text where one of its parts is: zod's `$ZodFormattedError<T>`, `{ _errors: U[] } &
    // { [k in keyof _ZodFormattedError<T, U>]: … }`, met in each part of the same intersection at other arguments.
    if (t.k === 'text' && s.k === 'intersection' && this.any(s.types, (m) => this.sub(m, sSide, t, tSide))) return true;
    if (s.k === 'text' || t.k === 'text') return this.besideText(s, sSide, t, tSide);
    if (t.k === 'intersection') {
      // The checker's weak-type check is the whole intersection's: `'query'` is a `string & { _?: never }` (LiteralUnion).
      const weakChecked = !apparentMembers(s) || t.types.every((m) => this.weak(m, tSide));
      return this.all(t.types, (m) => {
        const weak = weakChecked ? undefined : this.weak(m, tSide);
        return weak ? this.objectSub(s, sSide, weak, tSide, false) : this.sub(s, sSide, m, tSide);
      });
    }
    if (s.k === 'intersection') {
      return this.any<() => boolean>(
        [
          () => this.any(s.types, (m) => this.sub(m, sSide, t, tSide)),
          // `X & ({ objectMode: true } | { stats: true })` is a union of intersections to the checker (globby).
          () => t.k === 'union' && this.any(t.types, (m) => this.sub(s, sSide, m, tSide)),
          () => {
            const merged = this.mergeObjects(s.types, sSide);
            return merged !== undefined && this.sub(merged, sSide, t, tSide);
          },
          // An alias of an intersection holds every part of it, which no single part of the source may be
          // (execa 10.2's `MergeOptions<O, N>` against `O & N`, when its body is the intersection).
          () => {
            const expanded = t.k === 'ref' && itemOf(this.surfaces[tSide], t.id)?.alias ? this.expand(t, tSide) : undefined;
            return expanded?.k === 'intersection' && this.sub(s, sSide, expanded, tSide);
          },
        ],
        (test) => test(),
      );
    }
    if (t.k === 'union') {
      return this.any<() => boolean>(
        [
          () => this.any(t.types, (m) => this.sub(s, sSide, m, tSide)),
          () => {
            const expanded = this.expand(s, sSide);
            return expanded !== undefined && expanded.k === 'union' && this.sub(expanded, sSide, t, tSide);
          },
        ],
        (test) => test(),
      );
    }
    if (s.k === 'typeparam' && s.name.startsWith('^')) {
      // A rigid parameter inside an alias (`DateArg<DateType>` is `DateType | number | string`) is itself
      // there; elsewhere it is assignable where its constraint is.
      const constraint = this.#rigid.get(s.name);
      return this.any<() => boolean>(
        [
          () => {
            const expanded = t.k === 'ref' ? this.expand(t, tSide) : undefined;
            return expanded !== undefined && this.sub(s, sSide, expanded, tSide);
          },
          () => constraint !== undefined && this.sub(constraint, 'old', t, tSide),
        ],
        (test) => test(),
      );
    }
    const across = this.acrossAlias(s, sSide, t, tSide);
    if (across !== undefined) return across;
    if (s.k === 'ref' && t.k === 'ref' && this.sameNamed(s.id, sSide, t.id, tSide)) {
      // The same generic with other arguments: how they relate depends on where the type uses its parameter
      // (a callback parameter makes it contravariant), so both are opened up under one definition, the
      // source's, leaving changes to the definition itself to be reported at the type.
      const [sArgs, tArgs] = [s.args ?? [], t.args ?? []];
      // Equal ids with equal arguments were settled above by their structural ids; corresponding ids are here.
      if (sArgs.length === tArgs.length && sArgs.every((arg, i) => this.#ids.of(arg) === this.#ids.of(tArgs[i]!))) return true;
      if (this.#defaultsMetByAny(s, t, sSide)) return true;
      const source = this.expand(s, sSide);
      const target = this.expand({ ...t, id: s.id }, sSide);
      if (source && target) return this.sub(source, sSide, target, tSide);
      return this.all(s.args ?? [], (arg, i) => {
        const other = t.args?.[i];
        return other !== undefined && this.sub(arg, sSide, other, tSide);
      });
    }
    if (s.k === 'ref' || s.k === 'enum-member') {
      const alternatives: Array<() => boolean> = [];
      if (s.k === 'ref' && t.k === 'ref' && itemOf(this.surfaces[tSide], t.id)?.alias) {
        // An alias is its body: `type WebSocket = WebSocketAlias` inside a namespace merged with the class
        // (@types/ws 8) names the class itself. Opening the source first would compare the class's members
        // with themselves across releases, and a class that changed would never equal its own alias.
        // The source opened may still hold the alias itself (globby 16.2's `GlobbyOptions = Options & {…}`
        // against `Options = {…} & FastGlobOptionsWithoutCwd`, whose body is the checker's text).
        alternatives.push(() => {
          const expanded = this.expand(t, tSide);
          return expanded !== undefined && this.sub(s, sSide, expanded, tSide);
        });
      }
      alternatives.push(() => {
        const expanded = this.expand(s, sSide);
        return expanded !== undefined && this.sub(expanded, sSide, t, tSide);
      });
      if (s.k === 'enum-member') alternatives.push(() => t.k === 'prim' && this.enumMemberPrimitive(s, sSide) === t.name);
      if (s.k === 'ref' && s.args?.some((arg) => arg.k === 'typeparam' && this.#rigid.has(arg.name))) {
        alternatives.push(() => {
          const bound = this.#inferredAtConstraint(s, sSide);
          return bound !== undefined && this.sub(bound, 'old', t, tSide);
        });
      }
      // A class of the package is a value of another package's type only through its bases: got's
      // `RequestError extends Error` is an `Error`, which its members alone do not say.
      if (s.k === 'ref' && t.k === 'external') alternatives.push(() => this.any(this.basesOf(s, sSide), (base) => this.sub(base, sSide, t, tSide)));
      return this.any(alternatives, (test) => test());
    }
    if (t.k === 'ref') {
      const expanded = this.expand(t, tSide);
      return expanded !== undefined && this.sub(s, sSide, expanded, tSide);
    }
    if (s.k === 'predicate' && t.k === 'prim' && t.name === 'boolean') return !s.asserts;
    switch (t.k) {
      case 'prim':
        return primitiveContains(t.name, s);
      case 'lit':
        return s.k === 'lit' && s.value === t.value;
      case 'enum-member':
        return false;
      case 'external':
        if (t.pkg === 'lib' && t.name === 'ArrayLike' && t.args?.length === 1) {
          // lib's `ArrayLike<T>` is the numeric index and `length` of every array and tuple (lodash's `List<T>`).
          const index = arrayMembers(s)?.members[0];
          if (index?.type) return this.sub(index.type, sSide, t.args[0]!, tSide);
        }
        if (s.k === 'external' && s.pkg !== t.pkg && s.name === t.name && ![s.pkg, t.pkg].includes('lib')) {
          // Another package's type of the same name may be the same type passed on (got 16.0's ClientHttp2Session
          // from node:http2, once imported from http2-wrapper): with neither package's types loaded, none can tell.
          this.inconclusive = true;
          return false;
        }
        return (
          s.k === 'external' &&
          s.pkg === t.pkg &&
          (s.name === t.name || (s.pkg === 'lib' && LIB_SUPERTYPES.get(s.name) === t.name)) &&
          (s.args ?? []).length === (t.args ?? []).length &&
          this.all(s.args ?? [], (arg, i) => this.sub(arg, sSide, t.args![i]!, tSide))
        );
      case 'array':
        if (s.k === 'array') return (t.readonly || !s.readonly) && this.sub(s.elem, sSide, t.elem, tSide);
        if (s.k === 'tuple') return (t.readonly || !s.readonly) && this.all(s.elems, (e) => (e.rest ? this.sub(e.type, sSide, t, tSide) : this.sub(e.type, sSide, t.elem, tSide)));
        return false;
      case 'tuple':
        return s.k === 'tuple' && this.tupleSub(s, sSide, t, tSide);
      case 'object':
        return this.objectSub(s, sSide, t, tSide);
      case 'typeparam':
        return false;
      case 'predicate':
        return s.k === 'predicate' && s.param === t.param && s.asserts === t.asserts && this.sub(s.type, sSide, t.type, tSide);
      default:
        return false;
    }
  }

  /**
   * The same generic whose arguments differ only where one side leaves an argument to its default and the other
   * passes `any` (yup 1.0's `prototype: BooleanSchema<any, any, any, any>` against 0.32's `BooleanSchema<any, any,
   * any>`, whose consumers meet 1.0's added `TFlags` at its default `''`): the checker relates references to one
   * generic argument by argument, by variance, and `any` relates to every type but `never` both ways, so no
   * member needs opening. Only an argument nobody wrote: a value consumers typed themselves where the old type
   * wrote `any` (yup 0.32's `ResolveOptions<TContext = any>` taking `{ context?: unknown }`) still needs the members.
   */
  #defaultsMetByAny(s: Extract<TypeExpr, { k: 'ref' }>, t: Extract<TypeExpr, { k: 'ref' }>, sSide: Side): boolean {
    const params = itemOf(this.surfaces[sSide], s.id)?.typeParams;
    if (!params?.length) return false;
    return params.every((param, i) => {
      const [a, b] = [s.args?.[i], t.args?.[i]];
      if (a && b) return this.#ids.of(a) === this.#ids.of(b);
      const written = a ?? b;
      const defaulted = param.default;
      return !written || (isAny(written) && defaulted !== undefined && !(defaulted.k === 'prim' && defaulted.name === 'never'));
    });
  }

  /**
   * lib's `Record<K, V>`, bare or under `Partial`, `Readonly` and `Required`, as the object type the checker resolves
   * it to where its keys are known: a property per literal key, an index signature per primitive or template-literal
   * key. execa 10's `Readonly<Partial<Record<GenericFromOption, T>>>` is 9's `{ readonly [K in GenericFromOption]?:
   * T }`. Undefined where it is no such type or a key is not known (a type parameter, a conditional type).
   */
  #recordObject(type: TypeExpr, side: Side, depth = 0): Extract<TypeExpr, { k: 'object' }> | undefined {
    if (type.k !== 'external' || type.pkg !== 'lib' || depth > 3) return undefined;
    const [first, value] = type.args ?? [];
    if (type.name === 'Record' && type.args?.length === 2) {
      const keys = this.#keysOf(first!, side, 0);
      // Under a wrapper, only where a key is a literal or template: `Partial<Record<string, V>>` stays the lib
      // reference it is compared as beside another `Partial` (axios 1.0's `Partial<Record<string, string> & {…}>`).
      if (!keys || (depth > 0 && keys.every((key) => key.k === 'prim'))) return undefined;
      return { k: 'object', members: keys.map((key) => recordMember(key, value!)) };
    }
    const source = homomorphicSource(type);
    const inner = source && this.#recordObject(source, side, depth + 1);
    return inner && { k: 'object', members: inner.members.map(RECORD_WRAPPERS[type.name as HomomorphicName]) };
  }

  /** The keys a union names, each a literal, a primitive or a template literal's text, aliases opened on the way. */
  #keysOf(type: TypeExpr, side: Side, depth: number): TypeExpr[] | undefined {
    if (type.k === 'lit' && type.value.startsWith('"')) return [type];
    if (type.k === 'prim' && ['string', 'number', 'symbol'].includes(type.name)) return [type];
    // One template literal, and nothing else (a conditional may start and end with one).
    if (type.k === 'text' && /^`[^`]*`$/.test(type.text)) return [type];
    if (type.k === 'union') {
      const each = type.types.map((t) => this.#keysOf(t, side, depth));
      return each.every((keys) => keys !== undefined) ? each.flat() : undefined;
    }
    const body = type.k === 'ref' && depth < 4 && itemOf(this.surfaces[side], type.id)?.alias ? this.expand(type, side) : undefined;
    return body && this.#keysOf(body, side, depth + 1);
  }

  /** Do these ids name one declaration: equal, or corresponding across the releases? */
  private sameNamed(sId: string, sSide: Side, tId: string, tSide: Side): boolean {
    if (sId === tId) return true;
    if (sSide === tSide) return false;
    const [oldId, newId] = sSide === 'old' ? [sId, tId] : [tId, sId];
    return this.corresponding.get(oldId)?.has(newId) === true;
  }

  /**
   * A name means in each release what that release declares: fp-ts 1's class `Identity<A>`, met in 2.0, is 2.0's
   * `Identity<A>`, an alias of `A`. So a named type that became an alias is read through the alias where the
   * other side has its plain structure (`(fa: Identity<A>) => Identity<B>` against `(fa: A) => B`: no change),
   * and its own change (class to type) is reported once, at the type. Undefined where this does not apply.
   */
  private acrossAlias(s: TypeExpr, sSide: Side, t: TypeExpr, tSide: Side): boolean | undefined {
    if (sSide === tSide || (s.k === 'ref' && t.k === 'ref' && this.sameNamed(s.id, sSide, t.id, tSide))) return undefined;
    const becameAlias = (type: TypeExpr, own: Side, other: Side) =>
      type.k === 'ref' && !itemOf(this.surfaces[own], type.id)?.alias && itemOf(this.surfaces[other], type.id)?.alias !== undefined;
    if (becameAlias(t, tSide, sSide)) {
      const expanded = this.expand(t, sSide);
      return expanded !== undefined && this.sub(s, sSide, expanded, sSide);
    }
    if (becameAlias(s, sSide, tSide)) {
      const expanded = this.expand(s, tSide);
      return expanded !== undefined && this.sub(expanded, tSide, t, tSide);
    }
    return undefined;
  }

  private tupleSub(s: Extract<TypeExpr, { k: 'tuple' }>, sSide: Side, t: Extract<TypeExpr, { k: 'tuple' }>, tSide: Side): boolean {
    if (s.readonly && !t.readonly) return false;
    if (s.elems.length > t.elems.length && !t.elems.some((e) => e.rest)) return false;
    return this.all(t.elems, (te, i) => {
      const se = s.elems[i];
      if (!se) return te.optional || te.rest;
      if (se.optional && !te.optional) return false;
      // A rest element's type is what it spreads (an array, or a variadic type parameter): one element of it
      // meets a single element on the other side.
      if (se.rest === te.rest) return this.sub(se.type, sSide, te.type, tSide);
      return se.rest ? this.sub(restElement(se.type) ?? se.type, sSide, te.type, tSide) : this.sub(se.type, sSide, restElement(te.type) ?? te.type, tSide);
    });
  }

  /** An object type all of whose members are optional properties (the checker's weak type), opened if named. */
  private weak(type: TypeExpr, side: Side): Extract<TypeExpr, { k: 'object' }> | undefined {
    const object = type.k === 'object' ? type : type.k === 'ref' ? this.expand(type, side) : undefined;
    const weak = object?.k === 'object' && object.members.length > 0 && object.members.every((m) => m.kind === 'property' && m.optional);
    return weak ? object : undefined;
  }

  private objectSub(s: TypeExpr, sSide: Side, t: Extract<TypeExpr, { k: 'object' }>, tSide: Side, weakChecked = true): boolean {
    const apparent = s.k === 'object' ? undefined : (apparentMembers(s) ?? arrayMembers(s));
    const source = s.k === 'object' ? s : (this.expand(s, sSide) ?? apparent);
    if (!source || source.k !== 'object') return false;
    const byName = membersByName(source);
    // Past the apparent members the checker's weak-type check applies (`'a'` is no `{ a?: number }`, TS2559).
    if (weakChecked && source === apparent && !t.members.every((tm) => byName.has(tm.name))) return false;
    return this.all(t.members, (tm) => {
      const sm = byName.get(tm.name);
      // A private member makes a class nominal: only the same declaration satisfies it.
      if (tm.visibility === 'private') return !!sm && sm.visibility === 'private' && sm.declaredIn === tm.declaredIn;
      if (!sm) {
        if (tm.optional) return true;
        // An object without an index signature is assignable when its known properties fit the index type.
        return tm.kind === 'index' && this.all(source.members, (m) => m.kind !== 'property' || !m.type || this.sub(m.type, sSide, tm.type!, tSide));
      }
      if (sm.optional && !tm.optional) return false;
      return this.memberSub(sm, sSide, tm, tSide);
    });
  }

  private memberSub(sm: Member, sSide: Side, tm: Member, tSide: Side): boolean {
    if (sm.type && tm.type) return this.sub(sm.type, sSide, tm.type, tSide);
    const sSigs = this.callSignatures(sm, sSide);
    const tSigs = this.callSignatures(tm, tSide);
    if (!sSigs || !tSigs) {
      // A property typed by text may still be a function of these signatures.
      this.inconclusive = this.isText(sm.type, sSide) || this.isText(tm.type, tSide);
      return false;
    }
    return this.all(tSigs, (ts) => this.any(sSigs, (ss) => this.signatureSub(ss, sSide, ts, tSide)));
  }

  /** A type kept as the checker's text, written directly or as an alias of one. */
  private isText(type: TypeExpr | undefined, side: Side): boolean {
    return type?.k === 'text' || (type?.k === 'ref' && this.expand(type, side)?.k === 'text');
  }

  private callSignatures(member: Member, side: Side): Signature[] | undefined {
    if (member.signatures) return member.signatures;
    return callSignatures(member.type && (member.type.k === 'object' ? member.type : this.expand(member.type, side)));
  }

  /** Can a function of signature `s` be used where `t` is expected? Parameters are compared contravariantly. */
  signatureSub(s: Signature, sSide: Side, t: Signature, tSide: Side): boolean {
    if (s.typeParams.length !== t.typeParams.length) return false;
    const required = requiredParams(s.params);
    const tHasRest = t.params.some((p) => p.rest);
    if (required > t.params.length && !tHasRest) return false;
    const parts: Array<() => boolean> = [
      () =>
        this.all(t.params, (tp, i) => {
          const sp = s.params[i] ?? (s.params.at(-1)?.rest ? s.params.at(-1) : undefined);
          // A function that takes fewer parameters ignores the arguments it is given, where consumers wrote it
          // against the old release and the package calls it (hono 4.13's `onCacheNotAvailable?: (() => void) |
          // false` → `((reason: string) => void) | false` takes every old callback). One the package hands out is
          // called by consumers, whose extra arguments fail (TS2554).
          if (!sp) return tp.optional || tp.rest || (sSide === 'old' && tSide === 'new');
          return this.sub(paramValue(tp), tSide, paramValue(sp), sSide);
        }),
      () => (t.returns.k === 'prim' && t.returns.name === 'void') || this.sub(s.returns, sSide, t.returns, tSide),
    ];
    return this.all(parts, (part) => part());
  }

  /** Named types opened up, see `open`. */
  private expand(type: TypeExpr, side: Side): TypeExpr | undefined {
    if (type.k !== 'ref') return undefined;
    const key = `${side}:${this.#ids.of(type)}`;
    if (!this.#expansions.has(key)) {
      if (this.#expansions.size >= MAX_EXPANSIONS) this.#expansions.clear();
      this.#expansions.set(key, this.#instantiate(type, side));
    }
    return this.#expansions.get(key);
  }

  /** A named type's body with the reference's arguments put in, named by definition and arguments (see StructuralIds). */
  #instantiate(type: Extract<TypeExpr, { k: 'ref' }>, side: Side): TypeExpr | undefined {
    const opened = open(this.surfaces[side], type);
    if (!opened) return undefined;
    if (opened.body.k === 'text' && !this.#evaluating) {
      const file = itemOf(this.surfaces[side], type.id)?.location?.file;
      this.#evaluating = true;
      try {
        const evaluated = file && evaluateConditional(opened.body, namedArgs(opened, type.args?.length ?? 0), this.#conditionalScope(side, file));
        if (evaluated) return evaluated;
      } finally {
        this.#evaluating = false;
      }
    }
    const expanded = substitute(opened.body, opened.bindings, opened.names);
    if (expanded !== opened.body) this.#ids.nameSubstitution(expanded, opened.body, opened.bindings);
    return expanded;
  }

  /** A conditional alias over a rigid parameter, at most what it infers from that parameter's constraint (see inferredAtConstraint); on the old side, as constraints are. */
  #inferredAtConstraint(type: Extract<TypeExpr, { k: 'ref' }>, side: Side): TypeExpr | undefined {
    const opened = open(this.surfaces[side], type);
    if (opened?.body.k !== 'text') return undefined;
    return inferredAtConstraint(opened.body, namedArgs(opened, type.args?.length ?? 0), (arg) => (arg.k === 'typeparam' ? this.#rigid.get(arg.name) : undefined));
  }

  /** A release's aliases and assignability, as a conditional kept as text is evaluated there (see conditional-text.ts). */
  #conditionalScope(side: Side, file: string): ConditionalScope {
    const surface = this.surfaces[side];
    return {
      open: (name, args) => {
        const item = itemOf(surface, name);
        if (!item) return undefined;
        // A name the text's own file does not declare may be another file's helper of that name: not this one.
        if (!item.alias || item.location?.file !== file || args.length > item.typeParams.length) return null;
        const opened = open(surface, args.length ? { k: 'ref', id: name, args } : { k: 'ref', id: name })!;
        if (opened.bindings.size < item.typeParams.length) return undefined;
        return opened.body.k === 'text' ? { text: opened.body, args: namedArgs(opened, args.length) } : { type: substitute(opened.body, opened.bindings, opened.names) };
      },
      // A question asked in the middle of another: it must not spend that one's step budget (once exhausted,
      // nothing more is remembered for it), nor leave its own inconclusiveness behind.
      assignable: (source, target) => {
        const [steps, exhausted, inconclusive] = [this.steps, this.exhausted, this.inconclusive];
        this.steps = 0;
        this.exhausted = false;
        try {
          const holds = this.sub(source, side, target, side);
          return holds ? true : this.inconclusive || this.exhausted ? undefined : false;
        } finally {
          [this.steps, this.exhausted, this.inconclusive] = [steps, exhausted, inconclusive];
        }
      },
    };
  }

  /** The bases a named type declares, with the reference's arguments put in. */
  private basesOf(type: Extract<TypeExpr, { k: 'ref' }>, side: Side): TypeExpr[] {
    const item = itemOf(this.surfaces[side], type.id);
    const opened = item?.bases?.length ? open(this.surfaces[side], type) : undefined;
    return opened ? item!.bases!.map((base) => substitute(base, opened.bindings, opened.names)) : [];
  }

  private mergeObjects(types: TypeExpr[], side: Side): TypeExpr | undefined {
    const members: Member[] = [];
    for (const type of types) {
      const object = type.k === 'object' ? type : this.expand(type, side);
      if (!object || object.k !== 'object') return undefined;
      members.push(...object.members.filter((m) => !members.some((existing) => existing.name === m.name)));
    }
    return { k: 'object', members };
  }

  private enumMemberPrimitive(type: Extract<TypeExpr, { k: 'enum-member' }>, side: Side): string | undefined {
    const value = itemOf(this.surfaces[side], type.id)?.enumMembers?.find((m) => m.name === type.member)?.value;
    if (value === undefined) return undefined;
    return value.startsWith('"') ? 'string' : 'number';
  }
}

/**
 * Short names for types, equal exactly when their keys (type-expr.ts) are: a type's id is interned from
 * its shallow key, whose parts are their own ids. Expanding generic types substitutes arguments into
 * every member, and printing the full key of each result again would cost time and memory in the depth of
 * the nesting (zod's schemas are generic classes nested in one another's arguments).
 */
export class StructuralIds {
  readonly #ids = new WeakMap<TypeExpr, string>();
  readonly #interned = new Map<string, string>();
  readonly #part = (type: TypeExpr): string => this.of(type);

  of(type: TypeExpr): string {
    // Leaves are their own ids, as they are their own keys; an interned id starts with `$`, which no leaf does.
    let id = leafKey(type) ?? this.#ids.get(type);
    if (id === undefined) {
      const bound = boundTexts.get(type);
      const args = bound ? `(${[...bound].map(([name, value]) => `${name}=${this.of(value)}`).join(',')})` : '';
      id = this.#intern(shallowKey(type, this.#part) + args);
      this.#ids.set(type, id);
    }
    return id;
  }

  /**
   * Names an opened generic by its definition and arguments instead of by its members: equal definitions
   * with equal arguments open to equal types, and a class's members would otherwise be keyed anew for every
   * instantiation. An equal type reached another way may get another id, which costs a shortcut, never an answer.
   */
  nameSubstitution(result: TypeExpr, body: TypeExpr, bindings: ReadonlyMap<string, TypeExpr>): void {
    if (this.#ids.has(result)) return;
    const args = [...bindings].map(([name, value]) => `${name}=${this.of(value)}`).join(',');
    this.#ids.set(result, this.#intern(`open ${this.of(body)}(${args})`));
  }

  #intern(key: string): string {
    let id = this.#interned.get(key);
    if (id === undefined) {
      id = `$${this.#interned.size}`;
      this.#interned.set(key, id);
    }
    return id;
  }
}

/** An item's body as `open` substitutes into it: built once per item, so its id is computed once. */
const bodies = new WeakMap<ApiItem, TypeExpr | undefined>();

function body(item: ApiItem): TypeExpr | undefined {
  if (!bodies.has(item)) {
    const enumMembers = item.enumMembers?.map((m): TypeExpr => ({ k: 'enum-member', id: item.id, member: m.name }));
    const members = item.members?.filter((m) => m.visibility !== 'protected');
    bodies.set(item, item.alias ?? (enumMembers ? normalizeUnion(enumMembers) : members ? { k: 'object', members } : undefined));
  }
  return bodies.get(item);
}

/** Interfaces and classes to their members, aliases to their bodies, enums to their members; with the arguments to put in. */
function open(surface: ApiSurface, type: Extract<TypeExpr, { k: 'ref' }>): { body: TypeExpr; bindings: Map<string, TypeExpr>; names: string[] } | undefined {
  const item = itemOf(surface, type.id);
  const opened = item && body(item);
  if (!opened) return undefined;
  const bindings = new Map<string, TypeExpr>();
  item.typeParams.forEach((p, i) => {
    const value = type.args?.[i] ?? p.default;
    if (value) bindings.set(`#${i}`, value);
  });
  return { body: opened, bindings, names: item.typeParams.map((p) => p.name) };
}

/**
 * An opened alias's arguments by its parameters' declared names, as its text names them; a default naming an
 * earlier parameter (`D = T`) is that parameter's argument.
 */
function namedArgs(opened: { bindings: Map<string, TypeExpr>; names: string[] }, written: number): Map<string, TypeExpr> {
  const named = new Map<string, TypeExpr>();
  opened.names.forEach((name, i) => {
    const value = opened.bindings.get(`#${i}`);
    const earlier = i >= written && value?.k === 'typeparam' ? named.get(opened.names[Number(value.name.slice(1))] ?? '') : undefined;
    if (value) named.set(name, earlier ?? value);
  });
  return named;
}

/** How deeply a type's arguments nest: objects count as one level (their members are not arguments). */
const heights = new WeakMap<TypeExpr, number>();

function height(type: TypeExpr): number {
  let h = heights.get(type);
  if (h === undefined) {
    const parts =
      type.k === 'ref' || type.k === 'external' ? (type.args ?? []) :
      type.k === 'union' || type.k === 'intersection' ? type.types :
      type.k === 'array' ? [type.elem] :
      type.k === 'tuple' ? type.elems.map((e) => e.type) : [];
    h = 1 + Math.max(0, ...parts.map(height));
    heights.set(type, h);
  }
  return h;
}

/**
 * A rest parameter `...xs: T[]` takes values of T one by one. An optional parameter takes `undefined` whether
 * or not its type says so: `x?: T` (as written in a method) and `x?: T | undefined` (as the checker prints a
 * function type) are the same parameter.
 */
function paramValue(param: { type: TypeExpr; rest: boolean; optional: boolean }): TypeExpr {
  if (param.rest && param.type.k === 'array') return param.type.elem;
  if (param.optional && param.type.k === 'union') {
    const defined = param.type.types.filter((t) => !(t.k === 'prim' && t.name === 'undefined'));
    if (defined.length < param.type.types.length) return normalizeUnion(defined);
  }
  return param.type;
}

/**
 * `Record<string, A>` is the object type `{ [key: string]: A }` (and so for `number` and `symbol` keys): fp-ts 2.0
 * spells with the lib alias what 1.19 wrote as an index signature. Other keys map to properties, kept as they are.
 */
/** One member of a `Record`: a property for a literal key, an index signature for any other (named as the checker names it). */
function recordMember(key: TypeExpr, value: TypeExpr): Member {
  const common = { type: value, optional: false, readonly: false, visibility: 'public', abstract: false, text: '' } as const;
  if (key.k === 'lit') return { ...common, name: JSON.parse(key.value) as string, kind: 'property' };
  return { ...common, name: `[${key.k === 'prim' ? key.name : key.k === 'text' ? key.text : ''}]`, kind: 'index' };
}

/**
 * What `Partial`, `Readonly` and `Required` make of a member of the type they map: an index signature cannot be
 * optional, `Partial` adds `undefined` to its value instead, as the checker does.
 */
const RECORD_WRAPPERS: Record<HomomorphicName, (member: Member) => Member> = {
  Partial: (m) => (m.kind === 'index' ? { ...m, type: normalizeUnion([m.type!, { k: 'prim', name: 'undefined' }]) } : { ...m, optional: true }),
  Readonly: (m) => ({ ...m, readonly: true }),
  Required: (m) => (m.kind === 'index' ? m : { ...m, optional: false }),
};

function primitiveContains(name: string, s: TypeExpr): boolean {
  if (s.k === 'prim') return s.name === name || (name === 'void' && s.name === 'undefined');
  if (s.k === 'lit') {
    if (name === 'string') return s.value.startsWith('"');
    if (name === 'boolean') return s.value === 'true' || s.value === 'false';
    if (name === 'bigint') return s.value.endsWith('n');
    if (name === 'number') return /^-?[\d.]/.test(s.value) && !s.value.endsWith('n');
    return false;
  }
  if (name === 'object') return ['object', 'array', 'tuple', 'ref', 'external'].includes(s.k);
  return false;
}

/**
 * lib interfaces the model keeps opaque, each with the one it is assignable to under the same type argument (in which
 * both are covariant): a callback may now return any thenable where it returned a `Promise` (zustand 5.1's
 * `StateStorage.getItem`).
 */
const LIB_SUPERTYPES = new Map([['Promise', 'PromiseLike']]);

function isReadonly(type: TypeExpr): type is Extract<TypeExpr, { k: 'external' }> {
  return type.k === 'external' && type.pkg === 'lib' && type.name === 'Readonly' && type.args?.length === 1;
}

/** lib's filtering conditionals, `Exclude<T, U>` and `Extract<T, U>`: a part of `T`. */
function filtered(type: TypeExpr): type is Extract<TypeExpr, { k: 'external' }> {
  return type.k === 'external' && type.pkg === 'lib' && (type.name === 'Exclude' || type.name === 'Extract') && type.args?.length === 2;
}

/**
 * What the checker finds on a value that is not an object type (a primitive, a literal, lib's `Function`) when it
 * meets an object type: the members of its lib interface (`String`, `Number`, …), which the model does not hold.
 * Only the one every such value has is kept, so a primitive fits `interface StringRepresentable { toString(): string }`
 * (lodash 4's `invoke` path) and still fails any object type that asks for more.
 */
const APPARENT: Extract<TypeExpr, { k: 'object' }> = {
  k: 'object',
  members: [
    {
      name: 'toString',
      kind: 'method',
      signatures: [{ typeParams: [], params: [], returns: { k: 'prim', name: 'string' }, text: 'toString(): string', method: true }],
      optional: false,
      readonly: false,
      visibility: 'public',
      abstract: false,
      text: 'toString(): string',
    },
  ],
};

function apparentMembers(s: TypeExpr): Extract<TypeExpr, { k: 'object' }> | undefined {
  const primitive = s.k === 'lit' || (s.k === 'prim' && ['string', 'number', 'boolean', 'bigint', 'symbol'].includes(s.name));
  return primitive || (s.k === 'external' && s.pkg === 'lib' && s.name === 'Function') ? APPARENT : undefined;
}

/**
 * What the checker finds on an array or a tuple when it meets an object type: of lib's `Array` members, the model
 * holds the two an array-like interface asks for, the numeric index (every element's type) and `length`, so a
 * tuple fits lodash's `interface List<T> { readonly [n: number]: T; readonly length: number }` (4.17.21's
 * `last(array: readonly [...unknown[], T])`) and still fails any object type that asks for more. A variadic
 * element (a spread type parameter) leaves the elements unknown.
 */
function arrayMembers(s: TypeExpr): Extract<TypeExpr, { k: 'object' }> | undefined {
  const elems = s.k === 'array' ? [s.elem] : s.k === 'tuple' ? s.elems.map((e) => (e.rest ? restElement(e.type) : e.type)) : undefined;
  if (!elems?.every((e) => e !== undefined)) return undefined;
  const member = (name: string, kind: Member['kind'], type: TypeExpr): Member => ({ name, kind, type, optional: false, readonly: true, visibility: 'public', abstract: false, text: '' });
  return { k: 'object', members: [member('[number]', 'index', normalizeUnion(elems)), member('length', 'property', { k: 'prim', name: 'number' })] };
}

/** Member lookup by name for objects compared many times (expansions are shared); the first of a name wins. */
const memberIndex = new WeakMap<Member[], Map<string, Member>>();

function membersByName(object: Extract<TypeExpr, { k: 'object' }>): Map<string, Member> {
  let index = memberIndex.get(object.members);
  if (!index) {
    index = new Map();
    for (const member of object.members) if (!index.has(member.name)) index.set(member.name, member);
    memberIndex.set(object.members, index);
  }
  return index;
}

/**
 * Texts put into an instantiation, with the arguments of the parameters they name. The checker printed a text with
 * the parameters' declared names inside (`T extends string ? A : B`), where substitution cannot reach: the same
 * text in `Chain<string>` and `Chain<number>` is two types, and only the arguments can tell them apart.
 */
const boundTexts = new WeakMap<TypeExpr, Map<string, TypeExpr>>();

/**
 * Whether a part of a definition mentions one of its item's parameters: positionally (`#0`), or by one of the
 * declared `names` inside a text. Definitions are substituted again and again, so the answer is kept per part,
 * for each list of names (one per generic definition's parameters): a text that names none of them, and what
 * holds only such texts, is shared by every instantiation instead of copied (lodash's chain interfaces hold
 * thousands of texts, and copying them on each opening made a diff take minutes).
 */
const parameterised = new Map<string, WeakMap<object, boolean>>();

function mentionsParams(value: object, names: readonly string[], known: WeakMap<object, boolean>): boolean {
  let mentions = known.get(value);
  if (mentions === undefined) {
    const kind = (value as TypeExpr).k;
    mentions =
      kind === 'typeparam'
        ? (value as { name: string }).name.startsWith('#')
        : kind === 'text'
          ? names.some((name) => wordsOf(value as Extract<TypeExpr, { k: 'text' }>).has(name))
          : Object.values(value as Record<string, unknown>).some((inner) => inner !== null && typeof inner === 'object' && mentionsParams(inner, names, known));
    known.set(value, mentions);
  }
  return mentions;
}

/**
 * A type as its own declaration reads it: its texts name the item's generic parameters by their declared names,
 * and are bound here to those parameters (`#i`) as an instantiation binds them to its arguments, so that the same
 * text met through another declaration is found the same (`keyof ObjectType` in type-fest 6's `KeysOfUnion<ObjectType>`).
 */
export function inOwnScope(type: TypeExpr, item: ApiItem): TypeExpr {
  // Kept per item and type: each rule asks again, and a copy made anew would be keyed anew by every relation.
  let known = ownScopes.get(item);
  if (!known) ownScopes.set(item, (known = new WeakMap()));
  let scoped = known.get(type);
  if (!scoped) {
    const params = new Map(item.typeParams.map((_, i): [string, TypeExpr] => [`#${i}`, { k: 'typeparam', name: `#${i}` }]));
    known.set(type, (scoped = substitute(type, params, item.typeParams.map((p) => p.name))));
  }
  return scoped;
}

const ownScopes = new WeakMap<ApiItem, WeakMap<TypeExpr, TypeExpr>>();

/**
 * Replaces a generic item's positional parameters (`#0`, `#1`) with the arguments of a reference. The
 * arguments themselves are not walked again: they may mention the caller's own `#0`. What mentions no
 * parameter is shared, not copied: it keeps its memoised key, and large members cost nothing. Given the
 * parameters' declared `names`, a text that names one is copied and bound to the arguments (see boundTexts).
 */
export function substitute(type: TypeExpr, bindings: Map<string, TypeExpr>, names: readonly string[] = []): TypeExpr {
  if (bindings.size === 0) return type;
  const namesKey = names.join(' ');
  let known = parameterised.get(namesKey);
  if (!known) parameterised.set(namesKey, (known = new WeakMap()));
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || !mentionsParams(value, names, known)) return value;
    if ((value as TypeExpr).k === 'text') return bindText(value as Extract<TypeExpr, { k: 'text' }>, bindings, names);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((inner, i) => {
        const next = walk(inner);
        if (next !== inner) (copy ??= [...(value as unknown[])])[i] = next;
      });
      return copy ?? value;
    }
    if ((value as TypeExpr).k === 'typeparam') return bindings.get((value as { name: string }).name) ?? value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, inner] of Object.entries(value)) {
      const next = walk(inner);
      if (next !== inner) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  };
  return walk(type) as TypeExpr;
}

/** The identifiers a text contains, by text object: texts are shared by every instantiation of their definition. */
const identifiers = new WeakMap<TypeExpr, Set<string>>();

function wordsOf(text: Extract<TypeExpr, { k: 'text' }>): Set<string> {
  let words = identifiers.get(text);
  if (!words) identifiers.set(text, (words = new Set(text.text.match(/[\w$]+/g))));
  return words;
}

function bindText(text: Extract<TypeExpr, { k: 'text' }>, bindings: Map<string, TypeExpr>, names: readonly string[]): TypeExpr {
  const words = wordsOf(text);
  const named = new Map<string, TypeExpr>();
  names.forEach((name, i) => {
    const value = bindings.get(`#${i}`);
    if (value && words.has(name)) named.set(name, value);
  });
  if (named.size === 0) return text;
  const bound: TypeExpr = { k: 'text', text: text.text };
  boundTexts.set(bound, named);
  return bound;
}
