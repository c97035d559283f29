// @types/express 4.17.25 → 5.0.0: the tool said patch with no findings (issue 12). Its declarations take
// Request from express-serve-static-core through `import * as core`, whose range went from ^4.17.33 to ^5.0.0,
// and `req.param()` is gone from 5: this compiles against 4.17.25 and fails against 5.0.0 (TS2339/TS2551).
import type { Request } from 'express';

export function userId(req: Request): string {
  return req.param('id');
}
