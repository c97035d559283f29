// ts-pattern 5.9.1 → 5.9.2, a patch release the tool calls major on one undecided finding: `Match.with`'s
// pattern parameter, a conditional type, now names the helper `NotAPrimitivePattern<p>` (`p & void`) where it
// wrote `p & void`. Matches over objects, unions, primitives, arrays and wildcards written against 5.9.1 keep
// their types against 5.9.2: no break.
import { match, P } from 'ts-pattern';

type Shape = { kind: 'circle'; radius: number } | { kind: 'square'; side: number };
declare const shape: Shape;
export const area: number = match(shape)
  .with({ kind: 'circle' }, ({ radius }) => Math.PI * radius ** 2)
  .with({ kind: 'square', side: P.number }, ({ side }) => side ** 2)
  .exhaustive();

declare const input: string | number | null;
export const label: string = match(input)
  .with(P.string, (s) => s)
  .with(P.number.gt(0), (n) => `positive ${n}`)
  .with(null, () => 'none')
  .otherwise(() => 'other');

declare const status: 'idle' | 'loading' | 'done';
export const busy: boolean = match(status).with('loading', () => true).with(P._, () => false).exhaustive();

declare const pair: [number, string[]];
export const first: string | undefined = match(pair)
  .with([0, []], () => undefined)
  .with([P.number, [P.string, ...P.array()]], ([, [head]]) => head)
  .otherwise(() => undefined);
