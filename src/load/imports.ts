import { ts } from 'ts-morph';
import { isDeclarationFile } from './entry-points.js';
import { InputError } from '../core/input-error.js';
import { parseDeclaration } from './parse-declaration.js';

/**
 * The other packages a release's declarations import from (`import { X } from 'dep'`, `export … from 'dep'`),
 * with the names imported from each specifier. Relative imports and `node:` built-ins are not packages.
 */
export function importedSpecifiers(files: ReadonlyMap<string, string>): Map<string, Set<string>> {
  // Only the statements are read: doc comments, the bulk of a typical declaration file, are not parsed.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const imports = importsOf(ownDeclarationFiles(files).flatMap((name) => parsedOrSkipped(name, files.get(name)!, options)));
  for (const specifier of imports.keys()) if (isBuiltin(specifier)) imports.delete(specifier);
  return imports;
}

/** `node:net`: a module of Node itself, whose types no package of that name holds. */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:');
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

/**
 * The specifiers declaration files already parsed import from, `node:` built-ins included. Every form a declaration file can take another
 * package's types by counts: named and default imports, `import * as x` and `import x = require()` (the names
 * used as `x.Name`), `import("x").Name` types, `export … from`, and `/// <reference types="x" />`.
 */
export function importsOf(sourceFiles: Iterable<ts.SourceFile>): Map<string, Set<string>> {
  const imported = new Map<string, Set<string>>();
  const record = (specifier: string | undefined, names: Iterable<string> = []) => {
    if (!specifier || specifier.startsWith('.') || specifier.startsWith('/')) return;
    const known = imported.get(specifier) ?? new Set<string>();
    imported.set(specifier, known);
    for (const name of names) known.add(name);
  };
  for (const sourceFile of sourceFiles) {
    const namespaces = new Map<string, string>();
    for (const statement of sourceFile.statements) {
      const specifier = moduleSpecifier(statement);
      record(specifier, importedNames(statement));
      if (specifier) for (const binding of wholeModuleBindings(statement)) namespaces.set(binding, specifier);
    }
    for (const reference of sourceFile.typeReferenceDirectives) record(reference.fileName);
    if (namespaces.size > 0 || sourceFile.text.includes('import(')) {
      for (const [specifier, name] of qualifiedUses(sourceFile, namespaces)) record(specifier, [name]);
    }
  }
  return imported;
}

function moduleSpecifier(statement: ts.Statement): string | undefined {
  if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
    return statement.moduleSpecifier.text;
  }
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
    return statement.moduleReference.expression.text;
  }
  return undefined;
}

/**
 * The local names a statement binds to a whole module: `import * as x`, `import x = require()`, and a default
 * import, which for a CommonJS module (`export =`) is the module itself: @trpc/server 11.22's `import ws from
 * "ws"` spells `ws.WebSocket` what 11.23's `import { WebSocket } from "ws"` spells `WebSocket`.
 */
function wholeModuleBindings(statement: ts.Statement): string[] {
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
  const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
  const bindings = clause?.namedBindings;
  return [...(clause?.name ? [clause.name.text] : []), ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : [])];
}

/**
 * [specifier, name] for every `x.Name` whose `x` is bound to a whole module, and every
 * `import("spec").Name`. Walked with an explicit stack: declarations may nest to any depth.
 */
function qualifiedUses(sourceFile: ts.SourceFile, namespaces: ReadonlyMap<string, string>): Array<[string, string]> {
  const uses: Array<[string, string]> = [];
  const pending: ts.Node[] = [sourceFile];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (ts.isQualifiedName(node) && ts.isIdentifier(node.left) && namespaces.has(node.left.text)) {
      uses.push([namespaces.get(node.left.text)!, node.right.text]);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
      uses.push([namespaces.get(node.expression.text)!, node.name.text]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const first = node.qualifier && leftmost(node.qualifier);
      if (first) uses.push([node.argument.literal.text, first]);
    }
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return uses;
}

function leftmost(name: ts.EntityName): string {
  let current = name;
  while (ts.isQualifiedName(current)) current = current.left;
  return current.text;
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
