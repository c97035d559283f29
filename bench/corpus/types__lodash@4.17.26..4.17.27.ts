// @types/lodash 4.17.26 → 4.17.27: chain()'s result type `ExpChain` was rewritten to keep null and undefined in
// the chain instead of dropping them. Chains over objects, strings and arrays keep their types, but what `find`,
// `max` or `sample` return in a chain now includes `undefined`: code that read it as the element type written
// against 4.17.26 fails against 4.17.27 (TS2322). A real break, although the runtime behaviour is the same.
import _ from 'lodash';

const settings = { server: { port: 8080, host: 'localhost' }, tags: ['a', 'b'] };
export const port: number = _.chain(settings).get('server').get('port').value();
export const host: string = _.chain(settings).get(['server', 'host']).value();
export const upper: string = _.chain('text').toUpper().value();
export const firstTag: string | undefined = _.chain(settings.tags).head().value();
export const keys: string[] = _.chain(settings).keys().value();
export const found: string = _.chain(settings.tags).find((tag) => tag === 'a').value();
