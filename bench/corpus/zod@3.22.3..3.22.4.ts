// zod 3.22.3 → 3.22.4: arrow-function properties of ZodString (nonempty, …) became methods with the same
// signatures; the tool called it major (member-kind-changed, issue 12). Callers, method references and a
// subclass overriding the member with a property (TypeScript accepts a property over a base method; only a
// method over a base property is TS2425) all compile against both: no break.
import { z, ZodString } from 'zod';

type Message = Parameters<ZodString['nonempty']>[0];

export const name = z.string().nonempty('required');
const nonempty: (message?: Message) => ZodString = name.nonempty;
export const again = nonempty.call(name, 'still required');

export class Trimmed extends ZodString {
  override nonempty = (message?: Message): ZodString => this.min(1, message);
}
