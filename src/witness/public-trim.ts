import path from 'node:path';
import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';

/**
 * The release as consumers of its public API see it: declarations tagged `@internal` are no longer
 * exported, as API Extractor's public rollup leaves them out. Without this a witness for "made internal"
 * would still compile. A trimmed name also leaves every export list, re-export and import that passes it
 * on (bundlers write `type X = …; export { X as V }` in one chunk and `import { V as X } …; export { X }`
 * in the entry): a list naming what is gone is an error in the package's file, which no witness reads,
 * and the name would reach the witness as `any` and let it compile.
 * Files that never mention the tag or a trimmed name are passed through untouched (and unparsed).
 */
export function publicFiles(release: PackageFiles): PackageFiles {
  const declarations = [...release.files.keys()].filter((name) => /\.d\.[cm]?ts$/.test(name));
  const texts = declarations.map((name) => release.files.get(name)!);
  if (!texts.some((text) => text.includes('@internal'))) return release;
  const read = indexedNames(texts);
  const hidden = new Map<string, Set<string>>();
  const trimmed = new Map<string, string>();
  // Each round passes trimmed names one step further along re-export chains; it ends when no file hides more.
  for (let grew = true; grew; ) {
    grew = false;
    const names = new Set([...hidden.values()].flatMap((set) => [...set]));
    for (const name of declarations) {
      const text = release.files.get(name)!;
      if (!text.includes('@internal') && ![...names].some((n) => text.includes(n))) continue;
      const result = trimFile(name, text, read, (specifier) => hidden.get(resolveRelative(name, specifier, release.files) ?? ''));
      if (result.text !== text) trimmed.set(name, result.text);
      const before = hidden.get(name)?.size ?? 0;
      if (result.hidden.size > before) {
        hidden.set(name, result.hidden);
        grew = true;
      }
    }
  }
  if (!trimmed.size) return release;
  const files = new Map(release.files);
  for (const [name, text] of trimmed) files.set(name, text);
  return { ...release, files };
}

const printer = ts.createPrinter({ removeComments: false });

/** The names a file no longer exports, and its text without them. */
interface Trimmed {
  text: string;
  hidden: Set<string>;
}

function trimFile(name: string, text: string, read: ReadonlySet<string>, hiddenIn: (specifier: string) => Set<string> | undefined): Trimmed {
  const sourceFile = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const internal = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
  // With an export list (or `export =`) in the file, only what is marked `export` or listed is exported, so an
  // internal declaration can stay for the public ones that mention it and just lose its `export`. Without
  // one, every top-level declaration of a declaration file is exported: the internal one must go.
  const listed = sourceFile.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s));
  const hidden = new Set<string>();
  const hiddenLocals = new Set<string>();
  const kept = new Set(sourceFile.statements.filter((s) => !internal(s)).flatMap(declaredNames));
  for (const statement of sourceFile.statements) {
    if (!internal(statement) || ts.isExportDeclaration(statement) || ts.isImportDeclaration(statement)) continue;
    const names = declaredNames(statement).filter((n) => !kept.has(n));
    names.forEach((n) => hiddenLocals.add(n));
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    if (exported || !listed) names.forEach((n) => hidden.add(hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : n));
  }
  let changed = false;
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const { factory } = context;
    const keep = (elements: ts.NodeArray<ts.ExportSpecifier>, gone: (local: string) => boolean) => {
      const rest = elements.filter((e) => !gone((e.propertyName ?? e.name).text));
      elements.filter((e) => !rest.includes(e)).forEach((e) => hidden.add(e.name.text));
      return rest;
    };
    const topLevel = (node: ts.Statement): ts.Statement | undefined => {
      if (ts.isImportDeclaration(node)) return trimImport(node);
      if (ts.isExportDeclaration(node)) {
        const from = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? hiddenIn(node.moduleSpecifier.text) : undefined;
        if (!node.exportClause) {
          from?.forEach((n) => n !== 'default' && hidden.add(n));
          return node;
        }
        if (!ts.isNamedExports(node.exportClause)) return node;
        const gone = node.moduleSpecifier ? (local: string) => from?.has(local) === true : (local: string) => hiddenLocals.has(local);
        const rest = keep(node.exportClause.elements, gone);
        if (rest.length === node.exportClause.elements.length) return node;
        changed = true;
        return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, factory.updateNamedExports(node.exportClause, rest), node.moduleSpecifier, node.attributes);
      }
      if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression) && hiddenLocals.has(node.expression.text)) {
        changed = true;
        hidden.add(node.isExportEquals ? 'export=' : 'default');
        return undefined;
      }
      if (!internal(node)) return ts.visitEachChild(node, nested, context);
      changed = true;
      if (!listed) return undefined;
      return stripExport(factory, node);
    };
    const trimImport = (node: ts.ImportDeclaration): ts.Statement => {
      const bindings = node.importClause?.namedBindings;
      const from = ts.isStringLiteral(node.moduleSpecifier) ? hiddenIn(node.moduleSpecifier.text) : undefined;
      if (!from || !bindings || !ts.isNamedImports(bindings)) return node;
      const rest = bindings.elements.filter((e) => !from.has((e.propertyName ?? e.name).text));
      if (rest.length === bindings.elements.length) return node;
      bindings.elements.filter((e) => !rest.includes(e)).forEach((e) => hiddenLocals.add(e.name.text));
      changed = true;
      const clause = factory.updateImportClause(node.importClause, node.importClause.isTypeOnly, node.importClause.name, factory.updateNamedImports(bindings, rest));
      return factory.updateImportDeclaration(node, node.modifiers, clause, node.moduleSpecifier, node.attributes);
    };
    // Members and namespace members marked internal are gone: nothing else can stand for them. A member the
    // package's own types read by name stays (see `indexedNames`), and so does one of a type literal, which
    // is part of the type it spells (the model compares such a type whole, tags unread): valibot 0.42's
    // `SchemaWithPipe<T>` is `Omit<…> & { readonly _run: …; … }` with an internal `_run`.
    const nested = (node: ts.Node): ts.Node | undefined => {
      if (isDeclarationLike(node) && internal(node) && !readByIndex(node, read) && !ts.isTypeLiteralNode(node.parent)) {
        changed = true;
        return undefined;
      }
      return ts.visitEachChild(node, nested, context);
    };
    return (root) => factory.updateSourceFile(root, root.statements.map(topLevel).filter((s) => s !== undefined));
  };
  const [result] = ts.transform(sourceFile, [transformer]).transformed;
  return { text: changed ? printer.printFile(result!) : text, hidden };
}

/** The declaration without `export` and `default`: still there for the public declarations that mention it. */
function stripExport(factory: ts.NodeFactory, node: ts.Statement): ts.Statement {
  if (!ts.canHaveModifiers(node) || !node.modifiers) return node;
  const modifiers = node.modifiers.filter((m): m is ts.Modifier => ts.isModifier(m) && m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
  return factory.replaceModifiers(node, modifiers);
}

function hasModifier(statement: ts.Statement, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(statement) && (statement.modifiers ?? []).some((m) => m.kind === kind);
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const name = (statement as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}

/** The declaration file a relative specifier leads to, as TypeScript maps `./chunk.mjs` to `./chunk.d.mts`. */
function resolveRelative(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const joined = path.posix.join(path.posix.dirname(from), specifier);
  const base = joined.replace(/\.(d\.)?([cm]?)[jt]s$/, '');
  const extension = /\.(?:d\.)?([cm]?)[jt]s$/.exec(joined)?.[1] ?? '';
  return [`${base}.d.${extension}ts`, `${base}.d.ts`, `${joined}.d.ts`, `${joined}/index.d.ts`].find((candidate) => files.has(candidate));
}

/**
 * Member names the package's declarations read through an indexed access type (`TItem['_types']`). Such a
 * member is part of what public types mean, whatever its tag: valibot 0.42's `InferIssue<T>` is
 * `NonNullable<T['_types']>['issue']` over an `@internal` `_types`, and without it every public type built on
 * `InferIssue` is an error, which a witness naming it meets as "does not satisfy the constraint". Read from
 * the text, as a name in quotes indexing a type: a name a tuple or a computed key spells the same way keeps a
 * member too, which costs at most a "made internal" witness.
 */
function indexedNames(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/[\w$\])>]\s*\[\s*(['"])([^'"\\\n]+)\1\s*\]/g)) names.add(match[2]!);
  return names;
}

function readByIndex(node: ts.Node, read: ReadonlySet<string>): boolean {
  const name = (node as { name?: ts.Node }).name;
  return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && read.has(name.text);
}

function isDeclarationLike(node: ts.Node): boolean {
  return ts.isStatement(node) || ts.isClassElement(node) || ts.isTypeElement(node) || ts.isEnumMember(node);
}
