// nanoid 5.1.16 → 6.0.0 (a major release): the tool finds nothing a consumer can observe in the types (patch).
// The calls 5.1.16 declared compile against 6.0.0: the major is about the runtime (supported Node versions).
import { customAlphabet, nanoid } from 'nanoid';

export const id: string = nanoid();
export const short: string = customAlphabet('abcdef', 8)();
