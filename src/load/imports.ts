import { ts } from 'ts-morph';
import { isDeclarationFile } from './entry-points.js';
import { InputError } from './input-error.js';
import { parseDeclaration } from './parse-declaration.js';

/**
 * The other packages a release's declarations import from (`import { X } from 'dep'`, `export … from 'dep'`),
 * with the names imported from each specifier. Relative imports and `node:` built-ins are not packages.
 */
export function importedSpecifiers(files: ReadonlyMap<string, string>): Map<string, Set<string>> {
  // Only the statements are read: doc comments, the bulk of a typical declaration file, are not parsed.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return importsOf(ownDeclarationFiles(files).flatMap((name) => parsedOrSkipped(name, files.get(name)!, options)));
}

/**
 * A file too deep to parse imports nothing we can know. It may be a sibling no entry point reaches; when one
 * does, the model refuses it with its file and line.
 */
export function parsedOrSkipped(name: string, text: string, options: ts.CreateSourceFileOptions): ts.SourceFile[] {
  try {
    return [parseDeclaration(name, text, options)];
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}

/** The release's own declaration files, in the order of `files`; its dependencies' declarations import for themselves. */
export function ownDeclarationFiles(files: ReadonlyMap<string, string>): string[] {
  return [...files.keys()].filter((name) => isDeclarationFile(name) && !name.startsWith('node_modules/'));
}

/** `importedSpecifiers` of declaration files already parsed. */
export function importsOf(sourceFiles: Iterable<ts.SourceFile>): Map<string, Set<string>> {
  const imported = new Map<string, Set<string>>();
  for (const sourceFile of sourceFiles) {
    for (const statement of sourceFile.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
      const names = imported.get(specifier) ?? new Set<string>();
      imported.set(specifier, names);
      for (const imported of importedNames(statement)) names.add(imported);
    }
  }
  return imported;
}

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Where a package's types live when it ships none: `@types/name`, `@types/scope__name`. */
export function typesPackageOf(pkg: string): string {
  return `@types/${pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg}`;
}

/** The package a consumer imports for a types package: `semver` for `@types/semver`, `@scope/name` for `@types/scope__name`. */
export function typedPackageOf(pkg: string): string {
  if (!pkg.startsWith('@types/')) return pkg;
  const name = pkg.slice('@types/'.length);
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
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
