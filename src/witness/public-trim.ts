import path from 'node:path';
import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import { namesReadByIndex } from '../model/tags.js';

/**
 * The release as consumers of its public API see it: declarations tagged `@internal` are no longer
 * exported, as API Extractor's public rollup leaves them out. Without this a witness for "made internal"
 * would still compile. A trimmed name is renamed (`internalName`) in every export list, re-export and import
 * that passes it on (bundlers write `type X = …; export { X as V }` in one chunk and `import { V as X } …;
 * export { X }` in the entry): the package's own files still reach it, and a public type built on it stays
 * what it was instead of an error type (`any`) that would let any witness compile.
 * Files that never mention the tag or a trimmed name are passed through untouched (and unparsed).
 */
export function publicFiles(release: PackageFiles): PackageFiles {
  let trimmed = publicOf.get(release);
  if (!trimmed) publicOf.set(release, (trimmed = trimInternal(release)));
  return trimmed;
}

/** Each release trimmed once: the witnesses' alternatives are compiled in a second round of Programs. */
const publicOf = new WeakMap<PackageFiles, PackageFiles>();

function trimInternal(release: PackageFiles): PackageFiles {
  const declarations = [...release.files.keys()].filter((name) => /\.d\.[cm]?ts$/.test(name));
  const texts = declarations.map((name) => release.files.get(name)!);
  if (!texts.some((text) => text.includes('@internal'))) return release;
  const read = namesReadByIndex(texts);
  const hidden = new Map<string, Set<string>>();
  // A file is parsed once however many rounds read it, and printed once, as its last round left it.
  const trees = new Map<string, ts.SourceFile>();
  const trimmed = new Map<string, ts.SourceFile>();
  // Each round passes trimmed names one step further along re-export chains; it ends when no file hides more.
  for (let grew = true; grew; ) {
    grew = false;
    const names = new Set([...hidden.values()].flatMap((set) => [...set]));
    for (const name of declarations) {
      const text = release.files.get(name)!;
      if (!text.includes('@internal') && ![...names].some((n) => text.includes(n))) continue;
      let tree = trees.get(name);
      if (!tree) trees.set(name, (tree = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true)));
      const result = trimFile(tree, read, (specifier) => hidden.get(resolveRelative(name, specifier, release.files) ?? ''));
      if (result.tree) trimmed.set(name, result.tree);
      const before = hidden.get(name)?.size ?? 0;
      if (result.hidden.size > before) {
        hidden.set(name, result.hidden);
        grew = true;
      }
    }
  }
  const printed = [...trimmed].map(([name, tree]) => [name, printer.printFile(tree)] as const).filter(([name, text]) => text !== release.files.get(name));
  if (!printed.length) return release;
  return { ...release, files: new Map([...release.files, ...printed]) };
}

const printer = ts.createPrinter({ removeComments: false });

/** The names a file no longer exports, and the file without them (unless nothing changed). */
interface Trimmed {
  tree?: ts.SourceFile;
  hidden: Set<string>;
}

/**
 * The name under which a trimmed declaration stays exported for the package's own files, which import it
 * from one another (@trpc/server 11's `@internal DistributiveOmit` behind the public `NodeHTTPResponse`): a
 * removed import would make every public type built on it an error type, `any`, which any witness satisfies.
 * No consumer writes this name, so to them the declaration is gone.
 */
function internalName(name: string): string {
  return `${name}$internal`;
}

function trimFile(sourceFile: ts.SourceFile, read: ReadonlySet<string>, hiddenIn: (specifier: string) => Set<string> | undefined): Trimmed {
  const internal = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
  // With an export list (or `export =`) in the file, only what is marked `export` or listed is exported, so an
  // internal declaration can stay for the public ones that mention it and just lose its `export`. Without
  // one, every top-level declaration of a declaration file is exported: the file gets a list, and the others
  // an `export` of their own.
  const listed = sourceFile.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s));
  const hidden = new Set<string>();
  const hiddenLocals = new Set<string>();
  // Internal declarations exported by name: exported again under their internal name.
  const reexported: string[] = [];
  const kept = new Set(sourceFile.statements.filter((s) => !internal(s)).flatMap(declaredNames));
  for (const statement of sourceFile.statements) {
    if (!internal(statement) || ts.isExportDeclaration(statement) || ts.isImportDeclaration(statement)) continue;
    const names = declaredNames(statement).filter((n) => !kept.has(n));
    names.forEach((n) => hiddenLocals.add(n));
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword) && listed) continue;
    const byDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    names.forEach((n) => hidden.add(byDefault ? 'default' : n));
    if (!byDefault) reexported.push(...names);
  }
  // The file gets an export list, so what it exported implicitly must say `export`.
  const relist = !listed && sourceFile.statements.some((s) => internal(s) && !ts.isExportDeclaration(s) && !ts.isImportDeclaration(s));
  let changed = false;
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const { factory } = context;
    // `fromModule`: the list re-exports another file's names, which that file now exports under internal names.
    const rename = (elements: ts.NodeArray<ts.ExportSpecifier>, gone: (local: string) => boolean, fromModule: boolean) =>
      elements.map((e) => {
        const local = (e.propertyName ?? e.name).text;
        if (!gone(local)) return e;
        hidden.add(e.name.text);
        const source = factory.createIdentifier(fromModule ? internalName(local) : local);
        return factory.updateExportSpecifier(e, e.isTypeOnly, source, factory.createIdentifier(internalName(e.name.text)));
      });
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
        const list = node.exportClause;
        const elements = rename(list.elements, gone, !!node.moduleSpecifier);
        if (elements.every((e, i) => e === list.elements[i])) return node;
        changed = true;
        const clause = factory.updateNamedExports(list, elements);
        return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, clause, node.moduleSpecifier, node.attributes);
      }
      if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression) && hiddenLocals.has(node.expression.text)) {
        changed = true;
        hidden.add(node.isExportEquals ? 'export=' : 'default');
        return undefined;
      }
      if (!internal(node)) {
        const visited = ts.visitEachChild(node, nested, context);
        return relist && implicitlyExported(node) ? exportOf(factory, visited) : visited;
      }
      changed = true;
      // Its own internal members go as those of public declarations do: the model reads it the same way.
      return stripExport(factory, ts.visitEachChild(node, nested, context));
    };
    const trimImport = (node: ts.ImportDeclaration): ts.Statement => {
      const bindings = node.importClause?.namedBindings;
      const from = ts.isStringLiteral(node.moduleSpecifier) ? hiddenIn(node.moduleSpecifier.text) : undefined;
      if (!from || !bindings || !ts.isNamedImports(bindings)) return node;
      const elements = bindings.elements.map((e) => {
        const imported = (e.propertyName ?? e.name).text;
        if (!from.has(imported)) return e;
        hiddenLocals.add(e.name.text);
        return factory.updateImportSpecifier(e, e.isTypeOnly, factory.createIdentifier(internalName(imported)), e.name);
      });
      if (elements.every((e, i) => e === bindings.elements[i])) return node;
      changed = true;
      const clause = factory.updateImportClause(node.importClause, node.importClause.isTypeOnly, node.importClause.name, factory.updateNamedImports(bindings, elements));
      return factory.updateImportDeclaration(node, node.modifiers, clause, node.moduleSpecifier, node.attributes);
    };
    // Members and namespace members marked internal are gone: nothing else can stand for them. A member the
    // package's own types read by name stays (see `namesReadByIndex`), and so does one of a type literal, which
    // is part of the type it spells (the model compares such a type whole, tags unread): valibot 0.42's
    // `SchemaWithPipe<T>` is `Omit<…> & { readonly _run: …; … }` with an internal `_run`.
    const nested = (node: ts.Node): ts.Node | undefined => {
      if (isDeclarationLike(node) && internal(node) && !readByIndex(node, read) && !ts.isTypeLiteralNode(node.parent)) {
        changed = true;
        return undefined;
      }
      return ts.visitEachChild(node, nested, context);
    };
    return (root) => {
      const statements = root.statements.map(topLevel).filter((s) => s !== undefined);
      if (!changed) return root;
      if (reexported.length || relist) {
        const specifiers = reexported.map((n) => factory.createExportSpecifier(false, n, internalName(n)));
        statements.push(factory.createExportDeclaration(undefined, false, factory.createNamedExports(specifiers)));
      }
      return factory.updateSourceFile(root, statements);
    };
  };
  const [result] = ts.transform(sourceFile, [transformer]).transformed;
  return { ...(changed ? { tree: result! } : {}), hidden };
}

/**
 * A top-level declaration a file without an export list exports without saying so; once the file has a list
 * it must say so. `declare global`, ambient modules and imports are not exports.
 */
function implicitlyExported(statement: ts.Statement): boolean {
  if (ts.isModuleDeclaration(statement) && (!ts.isIdentifier(statement.name) || statement.flags & ts.NodeFlags.GlobalAugmentation)) return false;
  if (ts.isImportEqualsDeclaration(statement) || hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return false;
  return declaredNames(statement).length > 0;
}

function exportOf(factory: ts.NodeFactory, node: ts.Statement): ts.Statement {
  if (!ts.canHaveModifiers(node)) return node;
  const modifiers: ts.Modifier[] = (node.modifiers ?? factory.createNodeArray()).filter((m): m is ts.Modifier => ts.isModifier(m));
  return factory.replaceModifiers(node, [factory.createModifier(ts.SyntaxKind.ExportKeyword), ...modifiers]);
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

function readByIndex(node: ts.Node, read: ReadonlySet<string>): boolean {
  const name = (node as { name?: ts.Node }).name;
  return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && read.has(name.text);
}

function isDeclarationLike(node: ts.Node): boolean {
  return ts.isStatement(node) || ts.isClassElement(node) || ts.isTypeElement(node) || ts.isEnumMember(node);
}
