import type { TypeParamPair } from '../diff/pairs.js';
import { passTypeArgs, useDefault } from '../witness/consumer.js';
import type { Witness } from '../witness/witness.js';
import { defineRule } from './define.js';

export const typeParamAdded = defineRule({
  id: 'type-param-added',
  title: 'Type parameter added',
  description:
    'A generic gained a type parameter. Without a default, every explicit use (`Box<string>`, `f<string>()`) now has too few type arguments (major); with a default it is minor. A signature that had no type parameters had no explicit uses: callers leave the new ones to inference, so it is minor (what inference gives them is judged by the parameter and return rules).',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `type parameter ${path} was added`,
  check(pair, report) {
    if (pair.old || !pair.new) return;
    const parent = pair.parent;
    const firstGeneric = parent.on === 'signature' && parent.old !== undefined && !parent.old.typeParams.length && !parent.implementors;
    report({ bump: pair.new.default || firstGeneric ? 'minor' : 'major', data: { path: pair.path } });
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
  check(pair, report) {
    if (pair.old && !pair.new) report({ data: { path: pair.path } });
  },
  witness: (pair, w) => passTypeArgs(w, pair, 'all'),
});

const constraintChanges = [
  ['tightened', 'narrower', 'major', 'The constraint accepts fewer type arguments (or one was added): some uses no longer satisfy it.'],
  ['loosened', 'wider', 'minor', 'The constraint accepts more type arguments (or was removed).'],
  ['changed', 'unrelated', 'major', 'The constraint was replaced by an unrelated one.'],
] as const;

// One question (how the new constraint relates to the old) with three answers, as for type changes.
export const typeParamConstraintRules = constraintChanges.map(([change, relation, bump, description]) =>
  defineRule({
    id: `type-param-constraint-${change}`,
    title: `Type parameter constraint ${change}`,
    description,
    bump,
    on: 'type-param',
    message: ({ path }) => `the constraint of ${path} was ${change}`,
    check(pair, report, { relator }) {
      if (!pair.old || !pair.new) return;
      const before = pair.old.constraint;
      const after = pair.new.constraint;
      if (!before && !after) return;
      const actual = !before ? 'narrower' : !after ? 'wider' : relator.relate(before, after);
      if (actual === relation || (relation === 'unrelated' && actual === 'undecided')) {
        report({ data: { path: pair.path }, undecided: actual === 'undecided' });
      }
    },
    ...(bump === 'major' ? { witness: (pair: TypeParamPair, w: Witness) => passTypeArgs(w, pair, 'all') } : {}),
  }),
);

export const typeParamDefaultAdded = defineRule({
  id: 'type-param-default-added',
  title: 'Type parameter default added',
  description: 'A type parameter gained a default: its type argument may now be omitted.',
  bump: 'minor',
  on: 'type-param',
  message: ({ path }) => `${path} now has a default`,
  check(pair, report) {
    if (pair.old && pair.new && !pair.old.default && pair.new.default) report({ data: { path: pair.path } });
  },
});

export const typeParamDefaultRemoved = defineRule({
  id: 'type-param-default-removed',
  title: 'Type parameter default removed',
  description: 'A type parameter lost its default: uses that omitted the type argument break.',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `${path} no longer has a default`,
  check(pair, report) {
    if (pair.old?.default && pair.new && !pair.new.default) report({ data: { path: pair.path } });
  },
  witness: (pair, w) => passTypeArgs(w, pair, 'before'),
});

export const typeParamDefaultChanged = defineRule({
  id: 'type-param-default-changed',
  title: 'Type parameter default changed',
  description: 'A type parameter default changed: every use that omits the argument now means another type.',
  bump: 'major',
  on: 'type-param',
  message: ({ path }) => `the default of ${path} changed`,
  check(pair, report, { relator }) {
    if (pair.old?.default && pair.new?.default && relator.relate(pair.old.default, pair.new.default) !== 'equal') {
      report({ data: { path: pair.path } });
    }
  },
  witness: (pair, w) => useDefault(w, pair),
});
