import type { TypeParamPair } from '../diff/pairs.js';
import type { Bump } from '../core/bump.js';
import { inOwnScope, type Relation, type Relator } from '../model/relation.js';
import type { TypeExpr } from '../model/surface.js';
import { spelledChange } from '../model/spelling.js';
import { implement, passTypeArgs, useDefault } from '../witness/consumer.js';
import { Unbuildable } from '../witness/unbuildable.js';
import { nameAt } from '../witness/concrete-arguments.js';
import { closedType, type SettledRelation, type Witness } from '../witness/witness.js';
import { defineRule, type Report, type Rule, type RuleContext } from './define.js';
import { spellTypeParam } from './type-param-spelling.js';
import { implementationsBreak } from './implementation-fits.js';
import { typeArgsStillFit } from './overload-calls.js';

export const typeParamAdded = defineRule({
  id: 'type-param-added',
  title: 'Type parameter added',
  description:
    'A generic gained a type parameter. Without a default, every explicit use (`Box<string>`, `f<string>()`) now has too few type arguments (major); with a default it is minor. A signature that had no type parameters had no explicit uses: callers leave the new ones to inference, so it is minor (what inference gives them is judged by the parameter and return rules).',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `type parameter ${path} was added`,
  check(pair, report, { relator }) {
    if (pair.old || !pair.new) return;
    const parent = pair.parent;
    const firstGeneric = parent.on === 'signature' && parent.old !== undefined && !parent.old.typeParams.length && !implementationsBreak(parent, relator);
    const minor = pair.new.default || firstGeneric || typeArgsStillFit(pair, relator);
    report({ bump: minor ? 'minor' : 'major' });
  },
  witness: (pair, w) => passTypeArgs(w, pair, 'all'),
});

export const typeParamRemoved = defineRule({
  id: 'type-param-removed',
  title: 'Type parameter removed',
  description: 'A generic lost a type parameter: explicit uses pass too many type arguments.',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `type parameter ${path} was removed`,
  check(pair, report, { relator }) {
    if (pair.old && !pair.new && !typeArgsStillFit(pair, relator)) report();
  },
  witness: (pair, w) => passTypeArgs(w, pair, 'all'),
});

const constraintChanges = [
  [
    'type-param-constraint-tightened',
    'tightened',
    'narrower',
    'major',
    'The constraint accepts fewer type arguments (or one was added): some uses no longer satisfy it. For the type parameter of a signature consumers only implement (a callback), their implementation accepts more than it must: minor.',
  ],
  [
    'type-param-constraint-loosened',
    'loosened',
    'wider',
    'minor',
    'The constraint accepts more type arguments (or was removed). For the type parameter of a method or callback consumers implement, it flips like a parameter: their implementation declared with the old constraint no longer fits (TS2416), major. Not where the method has overloads on either side: the checker erases their type parameters when it relates them, so an implementation of the old overloads still fits.',
  ],
  ['type-param-constraint-changed', 'changed', 'unrelated', 'major', 'The constraint was replaced by an unrelated one.'],
] as const;

/**
 * A signature's type parameters flip for implementors as its parameters do: they must accept every type
 * argument the new constraint allows. Loosened is major where consumers implement the signature and their
 * implementation no longer fits (see implementationStillFits), tightened minor where they only implement it.
 */
function constraintBump(pair: TypeParamPair, relation: Relation, relator: Relator): { bump?: Bump; who: string } {
  const signature = pair.parent.on === 'signature' ? pair.parent : undefined;
  if (relation === 'wider' && signature && implementationsBreak(signature, relator)) return { bump: 'major', who: ': implementations declared with the old constraint no longer fit' };
  if (relation === 'narrower' && signature && !signature.callers) return { bump: 'minor', who: '' };
  return { who: '' };
}

/** The bump of a constraint that relates so to the old one, where this pair is met; undefined for an equal one. */
function constraintBumpOf(pair: TypeParamPair, relation: Relation, relator: Relator): Bump | undefined {
  return constraintBump(pair, relation, relator).bump ?? constraintChanges.find((change) => change[2] === relation)?.[3];
}

/** Hands over an implementation of the signature with the old type parameters, as consumers that implement it do. */
function implementSignature(w: Witness, pair: TypeParamPair): void {
  if (pair.parent.on !== 'signature') throw new Unbuildable(`${pair.path} belongs to a type: a looser constraint breaks no use of it`);
  implement(w, pair.parent);
}

// One question (how the new constraint relates to the old) with three answers, as for type changes.
export const typeParamConstraintRules = constraintChanges.map(([id, change, relation, bump, description]) =>
  defineRule({
    id,
    title: `Type parameter constraint ${change}`,
    description,
    bump,
    on: 'type-param',
    message: ({ path, old, new: next, who }) => `the constraint of ${path} was ${change}${old !== undefined && next !== undefined ? ` (${old} → ${next})` : ''}${who ?? ''}`,
    check(pair, report, { relator }) {
      if (!pair.old || !pair.new) return;
      const [before, after] = ownConstraints(pair);
      if (!before && !after) return;
      const raw = !before ? 'narrower' : !after ? 'wider' : relator.relate(before, after);
      // Where every relation the answer may still be is major here, the bump is decided: reported as a change.
      const actual = raw === 'undecided' && relator.possible(before!, after!).every((r) => constraintBumpOf(pair, r, relator) === 'major') ? 'unrelated' : raw;
      if (actual === relation || (relation === 'unrelated' && actual === 'undecided')) {
        const { bump: judged, who } = constraintBump(pair, actual, relator);
        const spelled = spelledConstraints(pair);
        // Implementors declared with the old constraint are judged apart (see constraintBump): only a tightened
        // one leaves them alone, so only then, or where nobody implements the signature, do callers decide.
        const implementors = pair.parent.on === 'signature' && implementationsBreak(pair.parent, relator);
        if ((judged ?? bump) === 'major' && (actual === 'narrower' || !implementors) && typeArgsStillFit(pair, relator)) return;
        report({
          ...(judged ? { bump: judged } : {}),
          data: { ...spelled, who },
          ...(actual === 'undecided' ? { undecided: relator.undecidedReason(before!, after!) } : {}),
        });
      }
    },
    witness: (pair: TypeParamPair, w: Witness) => (change === 'loosened' ? implementSignature(w, pair) : nameWithOldArguments(w, pair)),
    settle: (pair: TypeParamPair, relation: SettledRelation, { relator }: RuleContext) => (relation === 'wider' ? loosened(pair, relator) : undefined),
  }),
);

/**
 * Passes every type argument under its old constraint. For a generic type (`type Named0<T0, T1 extends <old
 * constraint>> = $0.X<T0, T1>`) that is the whole question for consumers, who only write type arguments: if it
 * compiles against the new release, every argument the old constraint admitted the new one admits, at the
 * generic's own parameters. Over generic parameters the checker may relate two constraints more loosely than at
 * the arguments consumers write (two instantiations of one conditional alias by the variance it measured:
 * `Paths<T>` against `Paths<T, { bracketNotation: true }>`), so the same is asked at such arguments too, by a
 * module of its own (see `nameAt`), and the answer settles the finding only where the new constraint holds nothing
 * generic: the checker then relates the old one to it through what the old one is at most, as at every instantiation.
 */
function nameWithOldArguments(w: Witness, pair: TypeParamPair): void {
  passTypeArgs(w, pair, 'all');
  if (pair.parent.on !== 'item') return;
  const item = pair.parent.old;
  w.orElse((other) => nameAt(other, item, item.typeParams.indexOf(pair.old!)));
  const names = pair.parent.new.typeParams.map((p) => p.name);
  if (pair.new?.constraint && closedType(pair.new.constraint, names)) w.settles('wider', true);
}

/** The finding of a constraint that admits every old type argument, as the loosened rule reports it here. */
function loosened(pair: TypeParamPair, relator: Relator): { rule: Rule<'type-param'>; report: Report } {
  const rule = typeParamConstraintRules.find((r) => r.id === 'type-param-constraint-loosened')!;
  const { bump, who } = constraintBump(pair, 'wider', relator);
  return { rule, report: { ...(bump ? { bump } : {}), data: { ...spelledConstraints(pair), who } } };
}

/** The old and new constraint as their declarations spell them, for the message. */
function spelledConstraints(pair: TypeParamPair): Record<string, string> {
  const [o, n] = [spellTypeParam(pair, 'old'), spellTypeParam(pair, 'new')];
  return o && n ? spelledChange(o.constraint ?? 'none', n.constraint ?? 'none') : {};
}

/** The old and new constraint, each read in its generic's own scope (see `inOwnScope`) when the generic is a named type. */
function ownConstraints(pair: TypeParamPair): [TypeExpr | undefined, TypeExpr | undefined] {
  const parent = pair.parent;
  const [before, after] = [pair.old?.constraint, pair.new?.constraint];
  if (parent.on !== 'item') return [before, after];
  return [before && inOwnScope(before, parent.old), after && inOwnScope(after, parent.new)];
}

export const typeParamDefaultAdded = defineRule({
  id: 'type-param-default-added',
  title: 'Type parameter default added',
  description: 'A type parameter gained a default: its type argument may now be omitted.',
  bump: 'minor',
  on: 'type-param',
  message: ({ path }) => `${path} now has a default`,
  check(pair, report) {
    if (pair.old && pair.new && !pair.old.default && pair.new.default) report();
  },
});

export const typeParamDefaultRemoved = defineRule({
  id: 'type-param-default-removed',
  title: 'Type parameter default removed',
  description: 'A type parameter lost its default: uses that omitted the type argument break.',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `${path} no longer has a default`,
  check(pair, report, { relator }) {
    if (pair.old?.default && pair.new && !pair.new.default && !typeArgsStillFit(pair, relator)) report();
  },
  witness: (pair, w) => passTypeArgs(w, pair, 'before'),
});

export const typeParamDefaultChanged = defineRule({
  id: 'type-param-default-changed',
  title: 'Type parameter default changed',
  description: 'A type parameter default changed: every use that omits the argument now means another type.',
  bump: 'major',
  on: 'type-param',
  message: ({ path, old, new: next }) => `the default of ${path} changed${old !== undefined && next !== undefined ? `: ${old} → ${next}` : ''}`,
  check(pair, report, { relator }) {
    if (pair.old?.default && pair.new?.default && relator.relate(pair.old.default, pair.new.default) !== 'equal' && !typeArgsStillFit(pair, relator)) {
      report({ data: spelledChange(spellTypeParam(pair, 'old')?.default, spellTypeParam(pair, 'new')?.default) });
    }
  },
  witness: (pair, w) => useDefault(w, pair),
});
