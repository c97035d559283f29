import { ts } from 'ts-morph';
import { typedPackageOf } from '../load/imports.js';
import type { PackageFiles } from '../load/package-files.js';
import { computePositions } from './positions.js';
import { printType } from './printing.js';
import { createProgram, ownerPackage, PACKAGE_ROOT } from './project.js';
import { isStubFile } from './external-stubs.js';
import type {
  ApiItem,
  ApiSurface,
  DeclKind,
  EntrySurface,
  ExportTarget,
  Member,
  Signature,
  Tags,
} from './surface.js';
import { spellKind } from './surface.js';
import { namesReadByIndex, readTags } from './tags.js';
import { TypeConverter } from './type-converter.js';
import { compareStrings } from '../core/compare.js';
import type { Location } from '../core/location.js';

const printFlags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

const DECLARATIONLESS_NOTE = 'the release ships no type declarations (no .d.ts, .d.mts or .d.cts file): TypeScript consumers see no exports';
const NAMES_MISSING_NOTE = 'every declaration file exports names is missing: TypeScript consumers see no exports';

/**
 * Extracts everything a consumer can reach from the release's entry points, as plain data. `onItem` hears of
 * each declaration before the checker resolves it, so that a run stopped for time can say where it was.
 */
export function buildSurface(pkg: PackageFiles, onItem?: (item: ApiItem) => void): ApiSurface {
  if (pkg.entries.length === 0) return { entries: [], items: {}, notes: pkg.notes ? [...pkg.notes, NAMES_MISSING_NOTE] : [DECLARATIONLESS_NOTE], declarationless: true };
  const { checker, program, leftOut } = createProgram(pkg);
  const left = new Set(leftOut.map((error) => error.file));
  const surface = new SurfaceBuilder(checker, program, onItem).build({ ...pkg, entries: pkg.entries.filter((entry) => !left.has(entry.file)) });
  const libs = libReferences(program);
  const notes = [
    ...pkg.entries
      .filter((entry) => entry.resolution === 'node10')
      .map((entry) => `${entry.subpath}: types found only by node10 resolution (types/typings/typesVersions → ${entry.file}); exports leads to none, so node16 and bundler consumers get no types there`),
    ...leftOut.map((error) => `${error.file}:${error.line}: left out: ${error.message} (only a wildcard subpath of exports leads to it; importing it fails the same way)`),
    ...(pkg.notes ?? []),
  ].sort();
  return { ...surface, ...(Object.keys(libs).length ? { libs } : {}), ...(notes.length ? { notes } : {}) };
}

/**
 * The `/// <reference lib="…" />` directives of the package's own declarations that the entry points reach:
 * each adds a part of TypeScript's lib (`dom`, `es2022.array`) to every consumer's program. Lib name → the
 * first reference (in path order); a dependency's references are its own business.
 */
function libReferences(program: ts.Program): Record<string, Location> {
  const libs: Record<string, Location> = {};
  const own = program
    .getSourceFiles()
    .filter((file) => file.fileName.startsWith(PACKAGE_ROOT) && ownerPackage(file.fileName) === undefined)
    .sort((a, b) => compareStrings(a.fileName, b.fileName));
  for (const file of own) {
    for (const reference of file.libReferenceDirectives) {
      const line = file.getLineAndCharacterOfPosition(reference.pos).line + 1;
      libs[reference.fileName.toLowerCase()] ??= { file: file.fileName.slice(PACKAGE_ROOT.length), line };
    }
  }
  return Object.fromEntries(Object.entries(libs).sort(([a], [b]) => compareStrings(a, b)));
}

/**
 * The module name an import of this entry point uses: `kleur` for `.`, `kleur/colors` for `./colors`; a types
 * package is imported by the name of the package it types (`lodash` for `@types/lodash`).
 */
function ownModuleName(pkg: PackageFiles, subpath: string): string | undefined {
  const name = pkg.packageJson?.['name'];
  if (typeof name !== 'string') return undefined;
  const imported = typedPackageOf(name);
  return subpath === '.' ? imported : `${imported}/${subpath.slice(2)}`;
}

class SurfaceBuilder {
  private readonly items: Record<string, ApiItem> = {};
  private readonly idOf = new Map<ts.Symbol, string>();
  private readonly usedIds = new Set<string>();
  private readonly pending: Array<{ symbol: ts.Symbol; item: ApiItem }> = [];
  private readonly converter: TypeConverter;
  private indexed: Set<string> | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    private readonly onItem: ((item: ApiItem) => void) | undefined,
  ) {
    this.converter = new TypeConverter(checker, (symbol) => this.referenceId(symbol));
  }

  build(pkg: PackageFiles): ApiSurface {
    const entries: EntrySurface[] = [];
    const ambient = this.ambientModules(pkg);
    for (const entry of pkg.entries) {
      const sourceFile = this.program.getSourceFile(PACKAGE_ROOT + entry.file)!;
      const prefix = entry.subpath === '.' ? '' : `${entry.subpath}:`;
      // A script entry that declares the package's own module (kleur 4's `declare module 'kleur'`) is met by an
      // import of the package as that module: its exports are the entry's.
      const own = this.checker.getSymbolAtLocation(sourceFile) ? undefined : ownModuleName(pkg, entry.subpath);
      const declared = own === undefined || ambient.get(own)?.file !== entry.file ? undefined : this.checker.getAmbientModules().find((m) => m.name === JSON.stringify(own));
      if (declared) ambient.delete(own!);
      const exports = this.registerExports(declared ? this.exportsOf(declared) : this.moduleExports(sourceFile), prefix);
      // Otherwise a script's declarations are globals, which consumers (and witnesses) meet without an import.
      const script = declared || ts.isExternalModule(sourceFile) ? {} : { script: true as const };
      entries.push({ subpath: entry.subpath, file: entry.file, ...script, ...(entry.resolution ? { resolution: entry.resolution } : {}), exports });
    }
    for (const [name, block] of ambient) {
      entries.push({ subpath: name, file: block.file, ambient: true, exports: this.registerExports(block.exports, `${name}:`) });
    }
    // Bodies are built after every export has its id, so that ids depend on export paths and not on the
    // order in which references happen to be met; building a body may discover unexported named types.
    for (let i = 0; i < this.pending.length; i++) this.fill(this.pending[i]!.symbol, this.pending[i]!.item);
    computePositions(entries, this.items);
    const items: Record<string, ApiItem> = {};
    for (const id of Object.keys(this.items).sort()) items[id] = this.items[id]!;
    const dependencies = declaredRanges(this.converter.externalPackages, pkg.packageJson);
    return { entries, items, ...(Object.keys(dependencies).length ? { dependencies } : {}) };
  }

  /**
   * What a package adds to other module names and to the global scope: `declare module "fs"` blocks of
   * script files (how @types packages describe modules), module augmentations, and `declare global`.
   * Each is a part of the API of its own, keyed by the module name (`global` for the global scope).
   */
  private ambientModules(pkg: PackageFiles): Map<string, { file: string; exports: Array<[string, ts.Symbol]> }> {
    const blocks = new Map<string, { file: string; exports: Map<string, ts.Symbol> }>();
    const add = (name: string, file: string, exports: Iterable<[string, ts.Symbol]>) => {
      const block = blocks.get(name) ?? { file, exports: new Map<string, ts.Symbol>() };
      blocks.set(name, block);
      for (const [exportName, symbol] of exports) if (!block.exports.has(exportName)) block.exports.set(exportName, symbol);
    };
    for (const file of [...pkg.files.keys()].sort()) {
      // What dependencies declare ambiently is their API, not this package's.
      const sourceFile = file.startsWith('node_modules/') ? undefined : this.program.getSourceFile(PACKAGE_ROOT + file);
      if (!sourceFile) continue; // not reachable from any entry point
      for (const statement of sourceFile.statements) {
        if (!ts.isModuleDeclaration(statement)) continue;
        if (ts.isStringLiteral(statement.name)) {
          const symbol = this.checker.getSymbolAtLocation(statement.name);
          if (symbol) add(statement.name.text, file, this.checker.getExportsOfModule(symbol).map((e) => [e.name, e]));
        } else if (statement.flags & ts.NodeFlags.GlobalAugmentation && statement.body && ts.isModuleBlock(statement.body)) {
          const declared = statement.body.statements.flatMap((inner) => declarationNames(inner));
          add('global', file, declared.flatMap((name): Array<[string, ts.Symbol]> => {
            const symbol = this.checker.resolveName(name, statement.body, ts.SymbolFlags.Value | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace, false);
            return symbol ? [[name, symbol]] : [];
          }));
        }
      }
    }
    return new Map(
      [...blocks].sort(([a], [b]) => compareStrings(a, b)).map(([name, block]) => [name, { file: block.file, exports: [...block.exports] }]),
    );
  }

  /** The checker's view of a module's exports (declaration files have implicit-export rules), or a global script's declarations. */
  private moduleExports(sourceFile: ts.SourceFile): Array<[string, ts.Symbol]> {
    const moduleSymbol = this.checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) {
      return sourceFile.statements
        .flatMap((statement) => declarationNames(statement))
        .map((name): [string, ts.Symbol] | undefined => {
          const symbol = this.checker.resolveName(name, sourceFile, ts.SymbolFlags.Value | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace, false);
          return symbol ? [name, symbol] : undefined;
        })
        .filter((pair): pair is [string, ts.Symbol] => pair !== undefined);
    }
    return this.exportsOf(moduleSymbol);
  }

  private exportsOf(moduleSymbol: ts.Symbol): Array<[string, ts.Symbol]> {
    // With `export =` the module is that one value; its namespace members are reported under `export=.`.
    const exportEquals = moduleSymbol.exports?.get(ts.InternalSymbolName.ExportEquals);
    if (exportEquals) return [['export=', exportEquals]];
    return this.checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]);
  }

  private registerExports(exports: Array<[string, ts.Symbol]>, prefix: string): Record<string, ExportTarget> {
    const result: Record<string, ExportTarget> = {};
    for (const [name, exported] of [...exports].sort((a, b) => compareStrings(a[0], b[0]))) {
      const symbol = this.resolve(exported);
      if (!symbol.declarations?.length || this.isInternal(symbol)) continue;
      const id = this.ensureItem(symbol, prefix + name, true);
      result[name] = { id, typeOnly: isTypeOnlyExport(exported) };
    }
    return result;
  }

  private resolve(symbol: ts.Symbol): ts.Symbol {
    return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /** Member names the package's own declarations read by index; read once, when an internal member asks. */
  private readByIndex(): Set<string> {
    this.indexed ??= namesReadByIndex(
      this.program
        .getSourceFiles()
        .filter((file) => file.fileName.startsWith(PACKAGE_ROOT) && ownerPackage(file.fileName) === undefined)
        .map((file) => file.text),
    );
    return this.indexed;
  }

  private isInternal(symbol: ts.Symbol): boolean {
    return readTags(symbol.declarations![0]!, undefined).release === 'internal';
  }

  /** Item ids are names, so a type keeps its identity when it moves between files; a clash takes the export path. */
  private ensureItem(symbol: ts.Symbol, path: string, exported: boolean): string {
    const known = this.idOf.get(symbol);
    if (known) {
      const item = this.items[known]!;
      if (exported && !item.exported) {
        item.exported = true;
        item.path = path;
      }
      return known;
    }
    // A global the package augments is declared first in TypeScript's lib: describe it by the package's part.
    const declaration = symbol.declarations!.find((d) => ownerPackage(d.getSourceFile().fileName) === undefined) ?? symbol.declarations![0]!;
    // `export * as ns` exports a whole module, whose only name is its file path.
    const preferred = ts.isSourceFile(declaration) ? path : qualifiedName(symbol, declaration);
    let id = this.usedIds.has(preferred) ? (exported ? path : preferred) : preferred;
    for (let n = 2; this.usedIds.has(id); n++) id = `${preferred}~${n}`;
    this.usedIds.add(id);
    this.idOf.set(symbol, id);
    const item: ApiItem = {
      id,
      path: exported ? path : id,
      kinds: declarationKinds(symbol),
      exported,
      typeParams: [],
      positions: [],
      tags: readTags(declaration, undefined),
      text: '',
      location: this.location(declaration),
    };
    this.items[id] = item;
    this.pending.push({ symbol, item });
    if (symbol.flags & (ts.SymbolFlags.Namespace | ts.SymbolFlags.Enum) && item.kinds.includes('namespace')) {
      item.exports = this.registerExports(
        this.checker.getExportsOfModule(symbol).map((s) => [s.name, s]),
        `${path}.`,
      );
    }
    return id;
  }

  /** Named types of the package met inside other types become references; others stay external. */
  private referenceId(symbol: ts.Symbol): string | undefined {
    const declaration = symbol.declarations?.[0];
    if (!declaration || ownerPackage(declaration.getSourceFile().fileName) !== undefined) return undefined;
    const known = this.idOf.get(symbol);
    return known ?? this.ensureItem(symbol, qualifiedName(symbol, declaration), false);
  }

  /**
   * A body kept as text names helper aliases the model would otherwise never record (yup 1.0's `ResolveFlags` is
   * `Preserve<F, 's'> extends never ? …`). Filters, one condition on a bare parameter that names no other alias
   * and infers nothing (`type Preserve<T, U> = T extends U ? U : never`), are recorded, so that the Relator can
   * evaluate the text at known arguments (see conditional-text.ts). Other helpers stay unrecorded: recording every
   * one (type-fest has hundreds, recursive and inferring, which no evaluation here can open) would report each
   * change inside them as a finding of its own, undecided, and double the memory such a package takes.
   */
  private recordConditionalHelpers(body: ts.TypeNode): void {
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node)) {
        const filter = this.filterAlias(node);
        if (filter) this.referenceId(filter);
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
  }

  /** The alias a reference names, if it is one of the package's filters (see recordConditionalHelpers). */
  private filterAlias(node: ts.TypeReferenceNode): ts.Symbol | undefined {
    let symbol = this.checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    const body = declaration?.type;
    if (!symbol || !declaration || !body || !ts.isConditionalTypeNode(body)) return undefined;
    const { checkType } = body;
    const params = new Set(declaration.typeParameters?.map((p) => p.name.text));
    const bare = ts.isTypeReferenceNode(checkType) && ts.isIdentifier(checkType.typeName) && !checkType.typeArguments && params.has(checkType.typeName.text);
    const leaf = (n: ts.Node): boolean =>
      !ts.isInferTypeNode(n) && !(ts.isTypeReferenceNode(n) && !(ts.isIdentifier(n.typeName) && params.has(n.typeName.text))) && !ts.forEachChild(n, (c) => !leaf(c) || undefined);
    const single = !ts.isConditionalTypeNode(body.trueType) && !ts.isConditionalTypeNode(body.falseType);
    return bare && single && leaf(body) ? symbol : undefined;
  }

  private fill(symbol: ts.Symbol, item: ApiItem): void {
    this.onItem?.(item);
    const declarations = symbol.declarations!;
    item.text = this.declarationText(symbol, item.kinds);
    const tags = item.tags;
    if (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      item.typeParams = this.converter.withScope(this.declaredTypeParams(symbol), '#', () =>
        this.declaredTypeParams(symbol).map((p) => this.converter.typeParam(p)),
      );
    }
    this.converter.withScope(this.declaredTypeParams(symbol), '#', () => {
      if (symbol.flags & ts.SymbolFlags.Function) {
        item.signatures = this.signatures(this.checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call, tags);
      }
      if (symbol.flags & ts.SymbolFlags.Variable && !(symbol.flags & ts.SymbolFlags.Function)) {
        const declaration = declarations.find(ts.isVariableDeclaration)!;
        item.valueType = this.converter.declared(declaration, symbol);
      }
      if (symbol.flags & ts.SymbolFlags.Class) this.fillClass(symbol, item);
      else if (symbol.flags & ts.SymbolFlags.Interface) this.fillInterface(symbol, item);
      if (symbol.flags & ts.SymbolFlags.TypeAlias && !(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) {
        const declaration = declarations.find(ts.isTypeAliasDeclaration)!;
        const type = this.checker.getTypeFromTypeNode(declaration.type);
        // A mapped type over known keys is an object type written through a helper: its members are the alias's own.
        if (ts.isTypeLiteralNode(declaration.type)) item.members = this.members(type, item.id, tags);
        else if (this.converter.isMappedObject(type)) item.members = this.members(type, item.id, tags, true);
        else {
          item.alias = this.converter.convertAliasBody(type, declaration.type);
          if (item.alias.k === 'text') this.recordConditionalHelpers(declaration.type);
        }
      }
      if (symbol.flags & ts.SymbolFlags.Enum) {
        item.enumMembers = this.checker.getExportsOfModule(symbol).flatMap((member) => {
          const declaration = member.declarations?.find(ts.isEnumMember);
          if (!declaration || readTags(declaration, tags).release === 'internal') return [];
          const value = this.checker.getConstantValue(declaration);
          return [
            {
              name: member.name,
              ...(value === undefined ? {} : { value: JSON.stringify(value) }),
              location: this.location(declaration),
              tags: readTags(declaration, tags),
            },
          ];
        });
      }
    });
  }

  private fillClass(symbol: ts.Symbol, item: ApiItem): void {
    const declaration = symbol.declarations!.find(ts.isClassLike)!;
    const instance = this.checker.getDeclaredTypeOfSymbol(symbol);
    item.abstract = !!(ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract);
    item.members = this.converter.withBaseArguments(instance, () => this.members(instance, item.id, item.tags));
    if (declaration.members.some((m) => m.name && ts.isPrivateIdentifier(m.name))) item.hashPrivate = true;
    const staticType = this.checker.getTypeOfSymbol(symbol);
    item.statics = this.members(staticType, item.id, item.tags).filter((m) => m.name !== 'prototype' && m.kind !== 'construct');
    const declared = this.checker.getSignaturesOfType(staticType, ts.SignatureKind.Construct);
    item.constructors = this.signatures(staticType, ts.SignatureKind.Construct, item.tags).map((converted, i) => {
      // A constructor inherited from a dependency's stub (external-stubs.ts) is unknown but for its stand-in
      // type parameters, which are no API: it takes any arguments.
      const signature = isStubFile(declared[i]?.getDeclaration()?.getSourceFile().fileName) ? stubConstructor(converted) : converted;
      const constructor = declaration.members.find(ts.isConstructorDeclaration);
      const flags = constructor ? ts.getCombinedModifierFlags(constructor) : ts.ModifierFlags.None;
      const visibility = flags & ts.ModifierFlags.Private ? 'private' : flags & ts.ModifierFlags.Protected ? 'protected' : undefined;
      return visibility ? { ...signature, visibility } : signature;
    });
    this.fillBases(instance, item);
  }

  private fillInterface(symbol: ts.Symbol, item: ApiItem): void {
    const declared = this.checker.getDeclaredTypeOfSymbol(symbol);
    item.members = this.converter.withBaseArguments(declared, () => this.members(declared, item.id, item.tags));
    this.fillBases(declared, item);
  }

  private fillBases(declared: ts.Type, item: ApiItem): void {
    const bases = this.checker.getBaseTypes(declared as ts.InterfaceType).map((base) => this.converter.convert(base));
    if (bases.length) item.bases = bases;
  }

  private declaredTypeParams(symbol: ts.Symbol): readonly ts.TypeParameterDeclaration[] {
    const declaration = symbol.declarations?.find(
      (d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d),
    );
    return declaration?.typeParameters ?? [];
  }

  /** Declared members: the converter's members plus where they are declared and their TSDoc tags. */
  /** `made`: the type made its members (a mapped type), so they are declared in it, wherever they were copied from. */
  private members(type: ts.Type, ownerId: string, inherited: Tags, made = false): Member[] {
    // An internal type the public API still reaches (tRPC 10's `@internal interface Procedure` behind the public
    // `AnyProcedure`) shows consumers its members, as the witnesses' public rollup keeps them: only a member's own
    // `@internal` hides it, unless the package's types read it by index (tRPC 10's `ProcedureParams['_meta']`),
    // which the rollup keeps too.
    const reached = inherited.release === 'internal';
    const passed: Tags = reached ? { ...inherited, release: 'public' } : inherited;
    return this.converter.members(type, 0, (member, declaration) => this.annotateMember(member, declaration, ownerId, passed, made, reached));
  }

  private annotateMember(member: Member, declaration: ts.Declaration | undefined, ownerId: string, inherited: Tags, made: boolean, keepIndexed: boolean): Member | undefined {
    {
      const tags = declaration ? readTags(declaration, inherited) : inherited;
      if (tags.release === 'internal' && !(keepIndexed && this.readByIndex().has(member.name))) return undefined;
      const declaredIn = declaration && !made ? this.declaringId(declaration) : ownerId;
      return {
        ...member,
        ...(declaredIn ? { declaredIn } : {}),
        ...(declaration ? { location: this.location(declaration) } : {}),
        tags,
        ...(member.signatures && member.signatures.length > 1
          ? { signatures: member.signatures.map((s, i) => this.annotateSignature(s, declaration, i, tags)) }
          : {}),
      };
    }
  }

  private signatures(type: ts.Type, kind: ts.SignatureKind, tags: Tags): Signature[] {
    const signatures = this.checker.getSignaturesOfType(type, kind);
    return signatures.map((signature) => {
      const declaration = signature.getDeclaration();
      const converted = this.converter.signature(signature);
      if (!declaration) return converted;
      // Tags of a lone signature are its owner's, reported once at the owner.
      return { ...converted, location: this.location(declaration), ...(signatures.length > 1 ? { tags: readTags(declaration, tags) } : {}) };
    });
  }

  /** Overloads of a method: the n-th signature comes from the n-th declaration of the member. */
  private annotateSignature(signature: Signature, first: ts.Declaration | undefined, index: number, tags: Tags): Signature {
    const declaration = first ? overloadDeclaration(first, index) : undefined;
    return declaration ? { ...signature, location: this.location(declaration), tags: readTags(declaration, tags) } : signature;
  }

  private declaringId(declaration: ts.Node): string | undefined {
    const owner = declaration.parent;
    const fileName = declaration.getSourceFile().fileName;
    const pkg = ownerPackage(fileName);
    if (pkg !== undefined) return `external:${pkg}`;
    const symbol = owner && (owner as ts.Node & { symbol?: ts.Symbol }).symbol;
    return symbol ? this.idOf.get(symbol) : undefined;
  }

  private declarationText(symbol: ts.Symbol, kinds: DeclKind[]): string {
    const first = symbol.declarations?.[0];
    const name = first && ts.getNameOfDeclaration(first)?.getText();
    // A module exported whole (`export * as ns`) has no name of its own but its file.
    const label = name ?? (first && ts.isSourceFile(first) ? `"${first.fileName.slice(PACKAGE_ROOT.length)}"` : symbol.name);
    if (symbol.flags & ts.SymbolFlags.Function) {
      const type = this.checker.getTypeOfSymbol(symbol);
      return this.checker
        .getSignaturesOfType(type, ts.SignatureKind.Call)
        .map((s) => `function ${label}${this.converter.signatureText(s)}`)
        .join('\n');
    }
    if (symbol.flags & ts.SymbolFlags.Variable) {
      // As written where it is written: printing a large inferred type is costly, and a reader knows the annotation.
      const declaration = symbol.declarations!.find(ts.isVariableDeclaration);
      return `${declaration ? variableKeyword(declaration) : 'const'} ${label}: ${this.converter.writtenType(declaration) ?? this.typeText(this.checker.getTypeOfSymbol(symbol))}`;
    }
    if (symbol.flags & ts.SymbolFlags.TypeAlias) {
      const declaration = symbol.declarations!.find(ts.isTypeAliasDeclaration);
      if (declaration) {
        const typeParams = declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText()).join(', ')}>` : '';
        return `type ${label}${typeParams} = ${declaration.type.getText()}`.replace(/\s+/g, ' ');
      }
    }
    // Classes and interfaces read as their headers: generics and heritage as written.
    const header = symbol.declarations?.find((d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d));
    const typeParams = header?.typeParameters ? `<${header.typeParameters.map((p) => p.getText()).join(', ')}>` : '';
    const heritage = header?.heritageClauses ? ` ${header.heritageClauses.map((h) => h.getText()).join(' ')}` : '';
    return `${kinds.map(spellKind).join(' ')} ${label}${typeParams}${heritage}`.replace(/\s+/g, ' ');
  }

  private typeText(type: ts.Type): string {
    return printType(this.checker, type, printFlags);
  }

  private location(node: ts.Node): Location {
    const sourceFile = node.getSourceFile();
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return { file: sourceFile.fileName.slice(PACKAGE_ROOT.length), line: line + 1 };
  }
}

/**
 * The version ranges the release declares for the packages whose types appear in its API: consumers
 * compile against those types, so a new major of one can break them without a line of this package changing.
 */
function declaredRanges(exposed: ReadonlySet<string>, packageJson: Record<string, unknown> | undefined): Record<string, string> {
  const declared: Record<string, string> = {};
  for (const field of ['peerDependencies', 'optionalDependencies', 'dependencies']) {
    Object.assign(declared, (packageJson?.[field] as Record<string, string> | undefined) ?? {});
  }
  const result: Record<string, string> = {};
  for (const name of [...exposed].sort()) {
    const range = declared[name] ?? declared[`@types/${name.replace(/^@(.*)\//, '$1__')}`];
    if (typeof range === 'string') result[name] = range;
  }
  return result;
}

function overloadDeclaration(first: ts.Declaration, index: number): ts.Declaration | undefined {
  const symbol = (first as ts.Declaration & { symbol?: ts.Symbol }).symbol;
  return symbol?.declarations?.[index] ?? first;
}

function declarationNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isModuleDeclaration(statement)) &&
    statement.name &&
    ts.isIdentifier(statement.name)
  ) {
    return [statement.name.text];
  }
  return [];
}

function qualifiedName(symbol: ts.Symbol, declaration: ts.Declaration): string {
  const own = ts.getNameOfDeclaration(declaration);
  const name = own && ts.isIdentifier(own) ? own.text : symbol.name;
  const parts = [name];
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) parts.unshift(node.name.text);
  }
  return parts.join('.');
}

function declarationKinds(symbol: ts.Symbol): DeclKind[] {
  const f = symbol.flags;
  const kinds: DeclKind[] = [];
  if (f & ts.SymbolFlags.Class) kinds.push('class');
  if (f & ts.SymbolFlags.Interface) kinds.push('interface');
  if (f & ts.SymbolFlags.TypeAlias) kinds.push('type');
  if (f & ts.SymbolFlags.ConstEnum) kinds.push('const-enum');
  else if (f & ts.SymbolFlags.RegularEnum) kinds.push('enum');
  if (f & ts.SymbolFlags.Function) kinds.push('function');
  if (f & ts.SymbolFlags.Variable) kinds.push('variable');
  if (f & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule) && !(f & ts.SymbolFlags.Enum)) kinds.push('namespace');
  return kinds;
}

function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (
    symbol.declarations?.some(
      (d) =>
        (ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ||
        (ts.isImportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ||
        (ts.isImportClause(d) && d.isTypeOnly),
    ) ?? false
  );
}

/** The keyword a variable is declared with: a `let` or `var` export is a binding consumers may see reassigned. */
function variableKeyword(declaration: ts.VariableDeclaration): 'const' | 'let' | 'var' {
  const flags = ts.getCombinedNodeFlags(declaration);
  return flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
}

function stubConstructor(signature: Signature): Signature {
  const erased: Signature = { ...signature, typeParams: [], text: '(...args: any[])' };
  delete erased.location;
  return erased;
}
