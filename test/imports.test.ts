import { describe, expect, it } from 'vitest';
import { importedSpecifiers } from '../src/load/imports.js';

// The packages a release's declarations take types from, by every import form, with the names used from each:
// the model stubs exactly those names, so a type of a dependency stays itself instead of turning into `any`.

const imports = (text: string) =>
  Object.fromEntries([...importedSpecifiers(new Map([['index.d.ts', text]]))].map(([specifier, names]) => [specifier, [...names].sort()]));

describe('importedSpecifiers', () => {
  it('named, default and re-exported names', () => {
    expect(imports(`import d, { A, B as C } from 'a';\nexport { E } from 'e';\nexport * from 'f';\n`)).toEqual({ a: ['A', 'B', 'default'], e: ['E'], f: [] });
  });

  it('names used through `import * as` and `import x = require()`', () => {
    const text = `import * as core from 'core';\nimport qs = require('qs');\nexport interface R extends core.Request<qs.ParsedQs> { app: typeof core.application }\n`;
    expect(imports(text)).toEqual({ core: ['Request', 'application'], qs: ['ParsedQs'] });
  });

  it('`import()` types and `/// <reference types>`', () => {
    const text = `/// <reference types="globals" />\nexport declare const h: import('handlers').Handler.Inner;\n`;
    expect(imports(text)).toEqual({ globals: [], handlers: ['Handler'] });
  });

  it('relative and node: specifiers are not packages', () => {
    expect(imports(`import * as x from './x';\nimport fs = require('node:fs');\nexport declare const y: x.Y;\n`)).toEqual({});
  });
});
