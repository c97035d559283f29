// eventemitter3 5.0.3 → 5.0.4 (a patch release): the `require` condition led to index.d.ts with `export =
// EventEmitter`; 5.0.4 has one index.d.ts for both conditions, an ES module (`export { EventEmitter }; export
// default EventEmitter`). The tool now reports it major for consumers that require() the package (the `require`
// resolution view: `export=` removed). This CommonJS consumer written against 5.0.3 no longer compiles: the
// module is no longer constructable (TS2351).
import EE = require('eventemitter3');

const emitter = new EE();
emitter.on('ready', () => undefined);
export { emitter };
