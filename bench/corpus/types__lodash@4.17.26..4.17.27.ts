// @types/lodash 4.17.26 → 4.17.27: chain()'s result type was rewritten to distribute over null and undefined,
// and the tool reported ObjectChain.get major (issue 12). Chains over objects, strings, arrays and functions
// written against 4.17.26 keep their types against 4.17.27: no break.
import _ from 'lodash';

const settings = { server: { port: 8080, host: 'localhost' }, tags: ['a', 'b'] };
export const port: number = _.chain(settings).get('server').get('port').value();
export const host: string = _.chain(settings).get(['server', 'host']).value();
export const upper: string = _.chain('text').toUpper().value();
export const firstTag: string | undefined = _.chain(settings.tags).head().value();
export const keys: string[] = _.chain(settings).keys().value();
