import { defineRule } from './define.js';

export const libReferenceRemoved = defineRule({
  id: 'lib-reference-removed',
  title: 'Lib reference removed',
  description:
    "A `/// <reference lib=\"…\" />` the entry points reached is gone: consumers' programs lose that part of TypeScript's lib (`dom`'s `document`, `es2022.array`'s `at`), and code that used it without naming the lib in its own tsconfig stops compiling. A changed reference is a removal and an addition.",
  bump: 'major',
  on: 'lib',
  message: ({ lib }) => `the declarations no longer reference lib "${lib}": consumers' programs lose its globals`,
  check(pair, report) {
    if (pair.old && !pair.new) report({ data: { lib: pair.lib } });
  },
  witness: {
    impossible:
      "What a consumer loses depends on the consumer's own `lib` setting (a program that names the lib itself loses nothing), and the witness compiler's lib (esnext and dom) is fixed, so no one program shows it.",
  },
});

export const libReferenceAdded = defineRule({
  id: 'lib-reference-added',
  policySetting: 'additions',
  title: 'Lib reference added',
  description:
    "The declarations now reference a part of TypeScript's lib (`/// <reference lib=\"…\" />`): consumers' programs gain its globals. A global of the consumer's own that clashes with one of them is accepted, as a name clash of `export *` is.",
  bump: 'minor',
  on: 'lib',
  message: ({ lib }) => `the declarations now reference lib "${lib}": consumers' programs gain its globals`,
  check(pair, report) {
    if (!pair.old && pair.new) report({ data: { lib: pair.lib } });
  },
});
