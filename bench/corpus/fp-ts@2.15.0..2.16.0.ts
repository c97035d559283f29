// fp-ts 2.15.0 → 2.16.0: flatMapEither's type parameters went from <A, B, E2> to <A, E2, B> (issue 13). Inferred
// calls compile against both; explicit type arguments, in the old order, fail against 2.16.0 (TS2322).
import { either as E, taskEither as TE } from 'fp-ts';

export const toText = TE.flatMapEither<number, string, Error>((n) => E.right(String(n)));
