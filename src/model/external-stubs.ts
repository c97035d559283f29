import type { ts } from 'ts-morph';
import { importsOf, packageOf, typesPackageOf } from '../load/imports.js';

/**
 * Types a package imports from other packages that are not part of the release are kept opaque,
 * identified by package and name. Without a declaration the checker would turn them into `any` and every
 * change to them would vanish, so each imported name gets a stub whose identity the model can read back.
 * The stub is generic enough for any use in a type position (up to four type arguments) and as a value
 * (`extends`, `typeof`). The default export is a value of its own, through which the named types can be
 * reached as well (`ws.WebSocket`), since a default import of a CommonJS module is the module itself.
 * Dependencies whose declarations were loaded (node_modules, --fetch-deps) need none.
 * `declarations` are the release's own declaration files, parsed.
 */
export function externalStubs(files: ReadonlyMap<string, string>, declarations: Iterable<ts.SourceFile>): Map<string, string> {
  const stubs = new Map<string, string>();
  for (const [specifier, names] of importsOf(declarations)) {
    const pkg = packageOf(specifier);
    if (files.has(`node_modules/${pkg}/package.json`) || files.has(`node_modules/${typesPackageOf(pkg)}/package.json`)) continue;
    const named = [...names].filter((name) => name !== 'default').sort();
    const body = named.map(
      (name) => `export interface ${name}<A = any, B = any, C = any, D = any> { readonly __external: ${JSON.stringify(`${specifier}:${name}`)} }\nexport declare const ${name}: any;`,
    );
    if (names.has('default')) body.push(defaultStub(specifier, named));
    stubs.set(`/node_modules/${specifier}/index.d.ts`, body.join('\n') + '\n');
  }
  return stubs;
}

function defaultStub(specifier: string, named: readonly string[]): string {
  const types = named.map((name) => `  type ${name}<A = any, B = any, C = any, D = any> = import(${JSON.stringify(specifier)}).${name}<A, B, C, D>;\n`);
  return `declare const __default: any;\n${types.length ? `declare namespace __default {\n${types.join('')}}\n` : ''}export default __default;`;
}
