// zod 3.23.8 → 3.24.0 (a minor release): the StringValidation union gained members; the tool says major
// (type-alias-widened, verified), since consumers receive it in issues. An exhaustive mapping of the values
// 3.23.8 declared fails against 3.24.0 (TS2739 or TS2741: the new keys are missing).
import type { StringValidation } from 'zod';

type Named = Exclude<StringValidation, object>;
export const labels: Record<Named, string> = {
  email: 'e-mail',
  url: 'URL',
  emoji: 'emoji',
  uuid: 'UUID',
  nanoid: 'nanoid',
  regex: 'pattern',
  cuid: 'CUID',
  cuid2: 'CUID2',
  ulid: 'ULID',
  datetime: 'date and time',
  date: 'date',
  time: 'time',
  duration: 'duration',
  ip: 'IP address',
  base64: 'base64',
};
