// hono 4.13.18 → 4.13.19 (a patch release): TokenHeader.typ went from 'JWT' to string; the tool says major
// (property-type-widened, verified). A consumer that relied on the literal type fails against 4.13.19 (TS2322).
import type { TokenHeader } from 'hono/utils/jwt/jwt';

export function tokenType(header: TokenHeader): 'JWT' | undefined {
  return header.typ;
}
