// type-fest 5.9.0 → 5.10.0, a minor release the tool calls major on undecided findings only: `Get`, `Split`,
// `IntRange`, `AllExtend` and `SomeExtend` were rewritten (new helpers, `IfNotAnyOrNever` guards, negative
// ranges), which the model compares only as printed text. Results of each, for the arguments consumers pass
// (explicit type arguments, defaults and options), are assigned to the types 5.9.0 gave them.
import type { AllExtend, Get, IntRange, SomeExtend, Split } from 'type-fest';

type Config = { server: { port: number; hosts: string[] }; flags?: { debug: boolean } };
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(): T => true as T;

export const getPort: number = null! as Get<Config, 'server.port'>;
export const getPath: number = null! as Get<Config, ['server', 'port']>;
export const getHost: string | undefined = null! as Get<Config, 'server.hosts.0'>;
export const getDebug: boolean | undefined = null! as Get<Config, 'flags.debug'>;
check<Equal<Get<Config, 'server.port'>, number>>();
check<Equal<Get<Config, 'flags.debug'>, boolean | undefined>>();
check<Equal<Get<{ a: string[] }, 'a.1', { strict: false }>, string>>();

export const parts: ['a', 'b', 'c'] = null! as Split<'a,b,c', ','>;
export const words: string[] = null! as Split<string, ' '>;
check<Equal<Split<'a,b,c', ','>, ['a', 'b', 'c']>>();
check<Equal<Split<'a-b', '-', { strictLiteralChecks: false }>, ['a', 'b']>>();

export const digit: IntRange<0, 10> = 5;
export const even: IntRange<0, 10, 2> = 4;
check<Equal<IntRange<0, 5>, 0 | 1 | 2 | 3 | 4>>();
check<Equal<IntRange<2, 10, 3>, 2 | 5 | 8>>();

check<Equal<AllExtend<[1, 2, 3], number>, true>>();
check<Equal<AllExtend<[1, '2'], number>, false>>();
check<Equal<AllExtend<[], number>, true>>();
check<Equal<AllExtend<[1, never], number, { strictNever: false }>, true>>();
check<Equal<SomeExtend<[1, '2'], string>, true>>();
check<Equal<SomeExtend<[1, 2], string>, false>>();

export function firstOf<T extends readonly unknown[]>(items: T): AllExtend<T, string> {
  return items.every((item) => typeof item === 'string') as AllExtend<T, string>;
}
export const allStrings: boolean = firstOf(['a', 'b'] as const);
