import type { TypeParamPair } from '../diff/pairs.js';
import { spellItem, spellSignature, type TypeParamSpelling } from '../model/spelling.js';
import type { Side } from '../core/side.js';

/** One side of a type parameter as its generic's declaration spells it (`V extends object = {}`). */
export function spellTypeParam(pair: TypeParamPair, side: Side): TypeParamSpelling | undefined {
  const param = pair[side];
  const generic = pair.parent[side];
  if (!param || !generic) return undefined;
  const spelled = pair.parent.on === 'signature' ? spellSignature(generic.text) : spellItem(generic.text);
  return spelled?.typeParams.find((p) => p.name === param.name);
}
