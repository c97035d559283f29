import type { MemberPair, SignaturePair } from '../diff/pairs.js';
import { memberPosition } from '../model/positions.js';
import { isAny } from '../model/type-expr.js';
import type { Member, TypeExpr, Visibility } from '../model/surface.js';
import { call, construct, constructOwner, implementNarrowly, constructWithExtra, holdMember, readMember, subclass, writeMember } from '../witness/consumer.js';
import { overrideAsDeclared, subclassWithProperty } from '../witness/class-moves.js';
import { Unbuildable } from '../witness/unbuildable.js';
import type { Witness } from '../witness/witness.js';
import { defineRule } from './define.js';
import { extendable } from './extendable.js';
import { judge } from './judge.js';

/** Consumers build objects of this type themselves (it reaches them as an input), so they must supply every required member. */
const constructed = (pair: MemberPair) => pair.ownerKind === 'interface' && pair.ownerPositions.includes('input');
const isSignature = (member: Member) => member.kind === 'call' || member.kind === 'construct';
const added = (pair: MemberPair) => (!pair.old && pair.new && !pair.staticCounterpart && pair.new.visibility !== 'private' ? pair.new : undefined);

export const propertyAddedRequired = defineRule({
  id: 'property-added-required',
  policySetting: 'additions',
  title: 'Required property added',
  description: 'A required property was added. Major where consumers construct the type (it reaches them as an input, or nothing references it); minor where they only receive it, and on classes (the class supplies it).',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `required property ${path} was added`,
  check(pair, report) {
    const member = added(pair);
    if (member?.kind === 'property' && !member.optional && !member.abstract) {
      report({ bump: constructed(pair) ? 'major' : 'minor' });
    }
  },
  witness: (pair, w) => constructOwner(w, pair),
});

export const propertyAddedOptional = defineRule({
  id: 'property-added-optional',
  policySetting: 'additions',
  title: 'Optional property added',
  description: 'An optional property was added: nobody has to supply it.',
  bump: 'minor',
  on: 'member',
  message: ({ path }) => `optional property ${path} was added`,
  check(pair, report) {
    const member = added(pair);
    if (member?.kind === 'property' && member.optional && !member.abstract) report();
  },
  possible: (pair, w) => readMember(w, pair, pair.new),
});

export const methodAdded = defineRule({
  id: 'method-added',
  policySetting: 'additions',
  title: 'Method added',
  description: 'A method was added. Major when it is required on a type consumers construct or implement; minor on classes, for optional methods and on types consumers only receive.',
  bump: 'minor',
  on: 'member',
  message: ({ path }) => `method ${path} was added`,
  check(pair, report) {
    const member = added(pair);
    if (member?.kind === 'method' && !member.abstract) {
      report({ bump: constructed(pair) && !member.optional ? 'major' : 'minor' });
    }
  },
  witness: (pair, w) => constructOwner(w, pair),
  possible: (pair, w) => readMember(w, pair, pair.new),
});

/** An index signature on an extendable class whose values are not `any` or `unknown`: subclass properties must fit it. */
function constrainsSubclasses(pair: MemberPair): boolean {
  const type = pair.new?.type;
  const anything = type?.k === 'prim' && (type.name === 'any' || type.name === 'unknown');
  return pair.ownerKind === 'class' && !anything && extendable(pair.owner.old);
}

/**
 * An index signature of `any` on a type that has a string index signature admits every object, even a value typed
 * by the consumer's own interface (which has no implicit index signature): the checker skips it (zustand 5.1's
 * `DevtoolsOptions`, an `Omit` of a type indexed by string, gained `[key: number]: any` and `[key: symbol]: any`).
 * Of `unknown`, or on a type without a string index, it does not.
 */
function takesEveryObject(pair: MemberPair): boolean {
  const members = pair.owner.new?.members ?? [];
  return isAny(pair.new!.type) && members.some((m) => m.kind === 'index' && m.name === '[string]' && isAny(m.type));
}

/** A property name the index signature's key covers. */
function indexKeyName(member: Member): string {
  if (member.name === '[string]') return 'witnessExtra';
  if (member.name === '[number]') return '0';
  throw new Unbuildable(`a subclass property covered by the key ${member.name} is not written yet`);
}

export const indexSignatureAdded = defineRule({
  id: 'index-signature-added',
  policySetting: 'additions',
  title: 'Index signature added',
  description: 'An index signature was added: every property of objects consumers construct must now fit it (major where they construct the type, unless it is of `any` on a type indexed by string with `any`), and so must every property a subclass declares (TS2411: major on classes consumers can extend, unless its values may be anything); minor where they only receive it.',
  bump: 'major',
  on: 'member',
  message: ({ path, who }) => `index signature ${path} was added${who ? `: ${who}` : ''}`,
  check(pair, report) {
    if (added(pair)?.kind !== 'index') return;
    if (constrainsSubclasses(pair)) return report({ data: { who: 'properties of subclasses that do not fit it no longer compile (TS2411)' } });
    report({ bump: constructed(pair) && !takesEveryObject(pair) ? 'major' : 'minor' });
  },
  witness: (pair, w) => (constrainsSubclasses(pair) ? subclassWithProperty(w, pair, indexKeyName(pair.new!), 'symbol') : constructWithExtra(w, pair)),
});

export const indexSignatureRemoved = defineRule({
  id: 'index-signature-removed',
  title: 'Index signature removed',
  description: 'An index signature is gone: arbitrary keys can no longer be read or written.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `index signature ${path} was removed`,
  check(pair, report) {
    if (pair.old?.kind === 'index' && !pair.new) report();
  },
  witness: (pair, w) => readMember(w, pair),
});

export const memberRemoved = defineRule({
  id: 'member-removed',
  title: 'Member removed',
  description: 'A property, method or accessor of an interface, class or object type is gone (a protected member counts: subclasses use it).',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `${path} was removed`,
  check(pair, report) {
    const member = pair.old;
    if (member && !pair.new && !pair.staticCounterpart && member.visibility !== 'private' && member.kind !== 'index' && !isSignature(member) && !objectSupplies(member)) {
      report();
    }
  },
  witness: (pair, w) => {
    readMember(w, pair);
    // chalk 5 turned its `export =` value into ES exports: `import chalk = require()` still reads
    // `chalk.supportsColor`, now a named export, while `import chalk from` meets only the default value, which lost it.
    if (/(^|:)export=\./.test(pair.path)) w.orElse((other) => readMember(other, pair), w.names.another(true));
  },
});

/**
 * Every object has Object.prototype's `toString(): string` and `toLocaleString(): string`: a type that declared
 * one of them as the lib does and dropped it (fp-ts 1's `IO.toString()`, gone in 2.0) still has it, for readers,
 * callers and subclasses alike.
 */
function objectSupplies(member: Member): boolean {
  const [only, ...more] = member.signatures ?? [];
  return (
    (member.name === 'toString' || member.name === 'toLocaleString') &&
    member.kind === 'method' &&
    !member.optional &&
    only !== undefined &&
    more.length === 0 &&
    only.typeParams.length === 0 &&
    only.params.length === 0 &&
    only.returns.k === 'prim' &&
    only.returns.name === 'string'
  );
}

/** The optionality and readonly rules: each compares one flag of a property present on both sides. */
function bothProperties(pair: MemberPair): [Member, Member] | undefined {
  const { old, new: next } = pair;
  if (!old || !next || old.visibility === 'private' || next.visibility === 'private') return undefined;
  if (old.kind !== next.kind || (old.kind !== 'property' && old.kind !== 'method' && old.kind !== 'index')) return undefined;
  return [old, next];
}

export const propertyMadeOptional = defineRule({
  id: 'property-made-optional',
  title: 'Property made optional',
  description: 'A required property became optional: readers now get `undefined` too (major where consumers read it); minor where they only supply it.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `${path} is now optional`,
  check(pair, report) {
    const both = bothProperties(pair);
    if (both && !both[0].optional && both[1].optional) {
      report({ bump: memberPosition(both[0], pair.ownerPositions).includes('output') ? 'major' : 'minor' });
    }
  },
  witness: (pair, w) => w.anyOf(() => readMember(w, pair), () => holdMember(w, pair)),
});

export const propertyMadeRequired = defineRule({
  id: 'property-made-required',
  title: 'Property made required',
  description: 'An optional property became required: objects consumers build without it break (major where they construct it); minor where they only read it.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `${path} is now required`,
  check(pair, report) {
    const both = bothProperties(pair);
    if (!both || !both[0].optional || both[1].optional) return;
    const supplied = pair.ownerKind === 'interface' ? memberPosition(both[0], pair.ownerPositions).includes('input') : false;
    report({ bump: supplied ? 'major' : 'minor' });
  },
  witness: (pair, w) => constructOwner(w, pair),
});

export const propertyMadeReadonly = defineRule({
  id: 'property-made-readonly',
  title: 'Property made readonly',
  description: 'A writable property became readonly (or lost its setter): every assignment to it breaks, including on objects consumers built themselves.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `${path} is now readonly`,
  check(pair, report) {
    const both = bothProperties(pair);
    if (both && both[0].kind !== 'method' && !both[0].readonly && both[1].readonly) report();
  },
  witness: (pair, w) => writeMember(w, pair),
});

export const propertyMadeWritable = defineRule({
  id: 'property-made-writable',
  title: 'Property made writable',
  description: 'A readonly property became writable: consumers may now assign it.',
  bump: 'minor',
  on: 'member',
  message: ({ path }) => `${path} is no longer readonly`,
  check(pair, report) {
    const both = bothProperties(pair);
    if (both && both[0].kind !== 'method' && both[0].readonly && !both[1].readonly) report();
  },
  possible: (pair, w) => writeMember(w, pair, pair.new),
});

/** A method seen as a value: a function-typed property with the same signatures. */
function asValue(member: Member): TypeExpr {
  if (member.type) return member.type;
  return { k: 'object', members: [{ name: '()', kind: 'call', signatures: member.signatures ?? [], optional: false, readonly: true, visibility: 'public', abstract: false, text: '' }] };
}

/**
 * A subclass may override a method with a property, but not a property with a method (TS2425) nor a method
 * with an accessor or the reverse (TS2423, TS2426): where consumers can extend the class, a method that
 * became a property, or an accessor that became a method, breaks their overrides.
 */
function overridesBreak(pair: MemberPair): boolean {
  const { old, new: next } = pair;
  if (pair.ownerKind !== 'class' || !old || !next || old.abstract || next.abstract || !extendable(pair.owner.old)) return false;
  return old.kind === 'method' || !!old.accessor;
}

/**
 * A method that became a property where consumers implement the type: their methods relied on bivariance. A
 * parameter typed `any` takes whatever an implementation's parameter asks for, bivariant or not (@trpc/server's
 * `serialize(object: any)`).
 */
function implementersBreak(pair: MemberPair): boolean {
  return pair.new?.kind === 'property' && constructed(pair) && (pair.old?.signatures ?? []).some((s) => s.params.some((p) => !isAny(p.type)));
}

export const memberKindChanged = defineRule({
  id: 'member-kind-changed',
  title: 'Member kind changed',
  description:
    "A property became a method or the reverse. A method that becomes a property is major where consumers implement the type (methods are bivariant, function properties are not); on classes consumers can extend, a method (or accessor) that became a property (or method) breaks their overrides in the old form (TS2425, TS2423). A property that becomes a method breaks neither (a subclass may still override it with a property): like every change where consumers only receive the type, it is judged as a change of the member's type.",
  bump: 'major',
  on: 'member',
  message: ({ path, old, new: next, who }) => `${path} changed from a ${old} to a ${next}${who ? `: ${who}` : ''}`,
  check(pair, report, { relator }) {
    const { old, new: next } = pair;
    if (!old || !next || old.kind === next.kind || old.visibility === 'private' || next.visibility === 'private') return;
    if (![old.kind, next.kind].every((k) => k === 'property' || k === 'method')) return;
    const data = { old: old.kind, new: next.kind };
    if (overridesBreak(pair)) return report({ data: { ...data, who: `subclasses that override it as ${old.accessor ? 'an accessor' : `a ${old.kind}`} no longer compile (${old.accessor ? 'TS2423' : 'TS2425'})` } });
    const bump = implementersBreak(pair) ? 'major' : judge(relator.relate(asValue(old), asValue(next)), ['output']);
    if (bump) report({ bump, data });
  },
  witness(pair, w) {
    if (overridesBreak(pair)) overrideAsDeclared(w, pair);
    else if (implementersBreak(pair)) implementNarrowly(w, pair);
    else readMember(w, pair);
  },
});

export const memberStaticChanged = defineRule({
  id: 'member-static-changed',
  title: 'Member moved between static and instance',
  description: 'A class member moved from the instance to the class itself or the reverse: every use of it breaks.',
  bump: 'major',
  on: 'member',
  message: ({ path, side }) => `${path} is now ${side}`,
  check(pair, report) {
    if (pair.old && !pair.new && pair.staticCounterpart && pair.old.visibility !== 'private') {
      report({ data: { side: pair.ownerKind === 'static' ? 'an instance member' : 'static' } });
    }
  },
  witness: (pair, w) => readMember(w, pair),
});

const visibilityRank: Record<Visibility, number> = { private: 0, protected: 1, public: 2 };

const visibilityChanges = [
  ['member-visibility-reduced', 'reduced', 'major', -1, 'A member became less visible (public → protected → private): code outside the class (or in subclasses) that used it breaks.'],
  ['member-visibility-increased', 'increased', 'minor', 1, 'A member became more visible (private → protected → public). Minor, although a subclass that redeclares it with the old visibility breaks: semver-ts is silent on it (README, "Decisions where semver-ts is silent").'],
] as const;

// Both directions ask one question (how visibility moved), as the type-change rules do.
export const memberVisibilityRules = visibilityChanges.map(([id, change, bump, direction, description]) =>
  defineRule({
    id,
    title: `Member visibility ${change}`,
    description,
    bump,
    on: ['member', 'signature'],
    message: ({ path, old, new: next }) => `${path} changed from ${old} to ${next}`,
    check(pair, report) {
      if (!pair.old || !pair.new) return;
      const [before, after] = [pair.old.visibility ?? 'public', pair.new.visibility ?? 'public'];
      if (Math.sign(visibilityRank[after] - visibilityRank[before]) === direction) report({ data: { old: before, new: after } });
    },
    ...(bump === 'major'
      ? { witness: (pair: MemberPair | SignaturePair, w: Witness) => (pair.on === 'member' ? readMember(w, pair) : call(w, pair)) }
      : { possible: (pair: MemberPair | SignaturePair, w: Witness) => (pair.on === 'member' ? readMember(w, pair, pair.new) : construct(w, pair.parent, 'new')) }),
  }),
);

export const abstractMemberAdded = defineRule({
  id: 'abstract-member-added',
  title: 'Abstract member added',
  description: 'An abstract class gained an abstract member: every consumer subclass must now implement it.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `abstract member ${path} was added`,
  check(pair, report) {
    if (added(pair)?.abstract) report();
  },
  witness: (pair, w) => subclass(w, pair),
});

export const memberMadeAbstract = defineRule({
  id: 'member-made-abstract',
  title: 'Member made abstract',
  description: 'A concrete class member became abstract: consumer subclasses must now implement it.',
  bump: 'major',
  on: 'member',
  message: ({ path }) => `${path} is now abstract`,
  check(pair, report) {
    if (pair.old && pair.new && !pair.old.abstract && pair.new.abstract) report();
  },
  witness: (pair, w) => subclass(w, pair),
});
