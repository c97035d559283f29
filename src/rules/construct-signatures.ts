import type { ItemPair, MemberPair, ParamPair, SignaturePair } from '../diff/pairs.js';
import { flip, memberPosition, signaturePositions } from '../model/positions.js';
import type { Position, TypeExpr } from '../model/surface.js';
import { readVariable, useAlias, useMember, useParam, useSignature } from '../witness/consumer.js';
import type { Witness } from '../witness/witness.js';
import { defineRule } from './define.js';

type Subject = ParamPair | SignaturePair | MemberPair | ItemPair;

/** Whether a constructor type (`new () => T`, `abstract new () => T`) is abstract; undefined for any other type. */
function abstractness(type: TypeExpr | undefined): boolean | undefined {
  if (type?.k !== 'object' || type.members.length !== 1 || type.members[0]!.kind !== 'construct') return undefined;
  return !!type.members[0]!.signatures?.[0]?.abstract;
}

/** The old and new type of what the pair is about, and where consumers meet it. */
function subject(pair: Subject): { types: [TypeExpr, TypeExpr]; positions: Position[] } | undefined {
  switch (pair.on) {
    case 'param':
      if (!pair.old || !pair.new) return undefined;
      return { types: [pair.old.type, pair.new.type], positions: flip(signaturePositions(pair.signature.callers, pair.signature.implementors)) };
    case 'signature':
      if (!pair.old || !pair.new || pair.construct) return undefined;
      return { types: [pair.old.returns, pair.new.returns], positions: signaturePositions(pair.callers, pair.implementors) };
    case 'member':
      if (!pair.old?.type || !pair.new?.type) return undefined;
      return { types: [pair.old.type, pair.new.type], positions: memberPosition(pair.old, pair.ownerPositions) };
    case 'item':
      if (pair.old.valueType && pair.new.valueType) return { types: [pair.old.valueType, pair.new.valueType], positions: ['output'] };
      if (pair.old.alias && pair.new.alias) return { types: [pair.old.alias, pair.new.alias], positions: pair.old.positions };
      return undefined;
  }
}

/** Meets the constructor type where the pair says consumers meet it: passed in, received, read, written. */
function useConstructorType(pair: Subject, w: Witness): void {
  switch (pair.on) {
    case 'param':
      return useParam(w, pair);
    case 'signature':
      return useSignature(w, pair, { result: true });
    case 'member': {
      const positions = memberPosition(pair.old!, pair.ownerPositions);
      return useMember(w, pair, { read: positions.includes('output'), write: positions.includes('input') });
    }
    case 'item':
      return pair.old.valueType ? readVariable(w, pair) : useAlias(w, pair);
  }
}

const changes = [
  [
    'construct-signature-made-abstract',
    'abstract',
    true,
    'output',
    'A constructor type became `abstract new () => T`: code that receives it can no longer `new` it (TS2511), major where consumers receive it; where they only pass it in, abstract classes are now accepted too: minor.',
    'code that receives it can no longer `new` it',
  ],
  [
    'construct-signature-made-concrete',
    'concrete',
    false,
    'input',
    'An `abstract new () => T` became a plain constructor type: abstract classes consumers pass in are no longer accepted (TS2345), major where consumers pass it in; where they only receive it, they may now `new` it: minor.',
    'abstract classes consumers pass in are no longer accepted',
  ],
] as const;

// One question (did a constructor type's abstractness flip) in two directions, judged by position.
export const constructSignatureRules = changes.map(([id, change, abstract, breaking, description, who]) =>
  defineRule({
    id,
    title: `Constructor type made ${change}`,
    description,
    bump: 'major',
    on: ['param', 'signature', 'member', 'item'],
    message: ({ path, who: breaks }) => `the constructor type of ${path} is now ${change}${breaks}`,
    check(pair: Subject, report) {
      const found = subject(pair);
      if (!found) return;
      const [before, after] = found.types.map(abstractness);
      if (before === undefined || after === undefined || before === after || after !== abstract) return;
      const major = found.positions.includes(breaking);
      report({ bump: major ? 'major' : 'minor', data: { who: major ? `: ${who}` : '' } });
    },
    witness: (pair: Subject, w: Witness) => useConstructorType(pair, w),
  }),
);
