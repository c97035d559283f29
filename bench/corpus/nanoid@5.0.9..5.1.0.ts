// nanoid 5.0.9 → 5.1.0, a minor release the tool called major on six refuted findings (issue 13): the functions
// gained a type parameter `<Type extends string>` for the result. Every call written against 5.0.9 still
// compiles, with the same result type: no break.
import { customAlphabet, customRandom, nanoid } from 'nanoid';

export const id: string = nanoid();
export const sized: string = nanoid(10);
const fromAlphabet = customAlphabet('abcdef', 8);
export const short: string = fromAlphabet();
export const shorter: string = fromAlphabet(4);
const fromRandom = customRandom('abcdef', 8, (bytes) => new Uint8Array(bytes));
export const random: string = fromRandom();
export const generators: Array<(size?: number) => string> = [fromAlphabet, fromRandom];
