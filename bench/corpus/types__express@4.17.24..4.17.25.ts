// @types/express 4.17.24 → 4.17.25 (a patch release): the declarations are unchanged and @types/serve-static went
// from "*" to "^1"; the tool said major (dependency-types-major-changed, floors 0 → 1) and now says patch (the range
// admits no major the old one did not). Serving static files as written against 4.17.24 compiles against both.
import express from 'express';

const app = express();
app.use('/assets', express.static('public', { maxAge: '1d', index: false }));
export default app;
