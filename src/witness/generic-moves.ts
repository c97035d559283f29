import type { TypeParamPair } from '../diff/pairs.js';
import { Unbuildable } from './unbuildable.js';
import type { Witness } from './witness.js';

/**
 * Assigns one instantiation of a generic type to another that differs only in one type argument, in the
 * direction its old variance allows: `Box<never>` to `Box<C>` for a covariant parameter (constrained to
 * `C`, or `unknown`), the reverse for a contravariant one. The other arguments are `any`.
 */
export function assignAcrossArgument(w: Witness, pair: TypeParamPair, direction: 'covariant' | 'contravariant'): void {
  const parent = pair.parent;
  if (parent.on !== 'item') throw new Unbuildable('only generic types carry variance annotations');
  const item = parent.old;
  const index = item.typeParams.indexOf(pair.old!);
  const ref = w.names.itemRef(item.id);
  const top = pair.old!.constraint ? w.text.type(pair.old!.constraint) : 'unknown';
  const instance = (arg: string) => `${ref}<${item.typeParams.map((_, i) => (i === index ? arg : 'any')).join(', ')}>`;
  const [from, to] = direction === 'covariant' ? ['never', top] : [top, 'never'];
  const value = w.value(instance(from), 'value');
  w.say(`const r: ${instance(to)} = ${value};`, 'void r;');
}
