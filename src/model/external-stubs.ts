import type { ts } from 'ts-morph';
import { importsOf, isBuiltin, packageOf, typesPackageOf } from '../load/imports.js';

/**
 * Types a package imports from other packages that are not part of the release are kept opaque,
 * identified by package and name. Without a declaration the checker would turn them into `any` and every
 * change to them would vanish, so each imported name gets a stub whose identity the model can read back.
 * The stub is generic enough for any use in a type position (up to four type arguments) and as a value
 * (`extends`, `typeof`). Dependencies whose declarations were loaded (node_modules, --fetch-deps) need none.
 * `declarations` are the release's own declaration files, parsed. A default export is a type as well (got's
 * `import type ResponseLike from 'responselike'`), also exported as `__default` for a witness to name it, and a
 * value through which the named types can be reached (`ws.WebSocket`), since a default import of a CommonJS
 * module is the module itself. Node's own modules (`node:net`) get stubs too, unless @types/node was loaded: as
 * `any`, got 16.1's `Socket` → `Socket | void` was no change to the witnesses. TypeScript resolves no `node:`
 * specifier to a file (it looks like a URI), so theirs are ambient `declare module "node:net"` blocks, which a
 * Program sees only as roots (`ambientStubs`).
 */
export function externalStubs(files: ReadonlyMap<string, string>, declarations: Iterable<ts.SourceFile>): Map<string, string> {
  const stubs = new Map<string, string>();
  for (const [specifier, names] of importsOf(declarations)) {
    const pkg = isBuiltin(specifier) ? 'node' : packageOf(specifier);
    if (files.has(`node_modules/${pkg}/package.json`) || files.has(`node_modules/${typesPackageOf(pkg)}/package.json`)) continue;
    const ambient = isBuiltin(specifier);
    const declare = ambient ? '' : 'declare ';
    const named = [...names].filter((name) => name !== 'default' && name !== '__default').sort();
    const body = named.map((name) => `export ${opaque(name, name)}\nexport ${declare}const ${name}: ${constructs(name)};`);
    // A witness names the default export's stub by its name (`import("responselike").__default`): the same stub.
    if (names.has('default') || names.has('__default')) body.push(defaultStub(specifier, named, declare));
    stubs.set(`/node_modules/${specifier}/index.d.ts`, ambient ? `declare module ${JSON.stringify(specifier)} {\n${body.join('\n')}\n}\n` : body.join('\n') + '\n');
  }
  return stubs;
}

/** Whether a file of a Program is a stub (the release's own files and loaded dependencies are under PACKAGE_ROOT). */
export function isStubFile(fileName: string | undefined): boolean {
  return !!fileName?.startsWith('/node_modules/');
}

/** The stubs a Program must have among its roots: the ambient ones, which no import resolves to a file. */
export function ambientStubs(stubs: ReadonlyMap<string, string>): string[] {
  return [...stubs.keys()].filter((path) => isBuiltin(path.slice('/node_modules/'.length)));
}

/**
 * The value of a stub: any member may be read from it, and it constructs its own type, so that a
 * class extending it (p-queue 9's `extends EventEmitter<EventName>`) has that base, not `any`.
 */
function constructs(name: string): string {
  return `{ new <A = any, B = any, C = any, D = any>(...args: any[]): ${name}<A, B, C, D>; [key: string]: any }`;
}

/**
 * The stub's one member, which keeps it from being an empty type that every value is. It holds the name only:
 * two packages' types of one name may be one type passed on, which stubs cannot tell apart (relation.ts).
 */
export const STUB_BRAND = '__external';

function opaque(name: string, imported: string): string {
  return `interface ${name}<A = any, B = any, C = any, D = any> { readonly ${STUB_BRAND}: ${JSON.stringify(imported)} }`;
}

/** The default export: a type of its own and a value whose namespace holds the module's named types. */
function defaultStub(specifier: string, named: readonly string[], declare: string): string {
  const types = named.map((name) => `  type ${name}<A = any, B = any, C = any, D = any> = import(${JSON.stringify(specifier)}).${name}<A, B, C, D>;\n`);
  return [
    opaque('__default', 'default'),
    `${declare}const __default: ${constructs('__default')};`,
    ...(types.length ? [`${declare}namespace __default {\n${types.join('')}}`] : []),
    'export default __default;',
    'export { __default };',
  ].join('\n');
}
