import { ts } from 'ts-morph';

/**
 * Types a package imports from other packages are not loaded: they are kept opaque, identified by package
 * and name. Without a declaration the checker would turn them into `any` and every change to them would
 * vanish, so each imported name gets a stub whose identity the model can read back. The stub is generic
 * enough for any use in a type position (up to four type arguments) and as a value (`extends`, `typeof`).
 */
export function externalStubs(files: ReadonlyMap<string, string>): Map<string, string> {
  const imported = new Map<string, Set<string>>();
  for (const [name, text] of files) {
    if (!/\.d\.[cm]?ts$/.test(name)) continue;
    const sourceFile = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false);
    for (const statement of sourceFile.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('/')) continue;
      const names = imported.get(specifier) ?? new Set<string>();
      imported.set(specifier, names);
      for (const name of importedNames(statement)) names.add(name);
    }
  }
  const stubs = new Map<string, string>();
  for (const [specifier, names] of imported) {
    const body = [...names]
      .sort()
      .map((name) =>
        name === 'default'
          ? `declare const __default: any;\nexport default __default;`
          : `export interface ${name}<A = any, B = any, C = any, D = any> { readonly __external: ${JSON.stringify(`${specifier}:${name}`)} }\nexport declare const ${name}: any;`,
      );
    stubs.set(`/node_modules/${specifier}/index.d.ts`, body.join('\n') + '\n');
  }
  return stubs;
}

function importedNames(statement: ts.Statement): string[] {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const names = clause.name ? ['default'] : [];
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const element of clause.namedBindings.elements) names.push((element.propertyName ?? element.name).text);
    }
    return names;
  }
  if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
    return statement.exportClause.elements.map((element) => (element.propertyName ?? element.name).text);
  }
  return [];
}
