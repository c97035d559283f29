import type { MemberPair } from '../diff/pairs.js';
import type { Member } from '../model/surface.js';
import { declareSubclass, overrideText } from './consumer.js';
import type { Witness } from './witness.js';

// What consumers declare in their own subclasses of a package's class: overrides written in the old
// member's own form (property, accessor or method), and properties of their own.

/** A subclass that overrides the member exactly as the old release declared it. */
export function overrideAsDeclared(w: Witness, pair: MemberPair): void {
  const member = pair.old!;
  w.enterItem(pair.owner.old);
  const text = member.accessor ? accessorText(w, member) : member.kind === 'property' ? [propertyText(w, member)] : [`  ${overrideText(w, member)}`];
  declareSubclass(w, pair.owner.old, 'abstract', text);
}

/** A property override with an initializer: a redeclaration without one is an error of its own where class fields use define semantics (TS2612). */
function propertyText(w: Witness, member: Member): string {
  const modifiers = `${member.visibility === 'protected' ? 'protected ' : ''}${member.readonly ? 'readonly ' : ''}`;
  return `  ${modifiers}${w.text.key(member.name)}${member.optional ? '?' : ''}: ${w.text.type(member.type!)} = null!;`;
}

function accessorText(w: Witness, member: Member): string[] {
  const prefix = `${member.visibility === 'protected' ? 'protected ' : ''}`;
  const name = w.text.key(member.name);
  const type = w.text.type(member.type!);
  const getter = `  ${prefix}get ${name}(): ${type} { return null!; }`;
  return member.readonly ? [getter] : [getter, `  ${prefix}set ${name}(value: ${type}) { void value; }`];
}

/** A subclass that declares a property of its own, named and typed as `name` and `type` say. */
export function subclassWithProperty(w: Witness, pair: MemberPair, name: string, type: string): void {
  w.enterItem(pair.owner.old);
  declareSubclass(w, pair.owner.old, 'abstract', [`  ${name}!: ${type};`]);
}
