// The floor for one pair: `node --expose-gc bench/floor.mjs <old> <new> [--runs 3] [--warmups 1]`.
// The least any tool that reads the API through TypeScript's checker must do: the same files (the tool's own
// loader), the same Program (the tool's createProgram: same bundled TypeScript, options, in-memory host and
// shared lib trees), then every export of every entry point walked once:
// checker.getExportsOfModule + checker.getTypeOfSymbol + checker.typeToString. An entry that is a global
// script (no module symbol, as @types/node's index.d.ts) is walked through the package's ambient
// `declare module "…"` blocks instead. Nothing is compared and nothing is kept.
//
// A third phase, `members`, measures what that floor leaves out and no API diff can: the checker resolving
// the types a comparison of members needs, one level deep, from the same exports (and the exports of their
// namespaces): the declared type of every exported type (getTypeOfSymbol of an interface or a type alias
// is `any`, so the walk above never resolves one), and of those that are object types (not unions,
// conditional or mapped types, whose members exist only once instantiated) every property's type, every
// call, construct and method signature's parameter and return types, and the index signatures; and every
// declared generic parameter's constraint and default. Still nothing is printed,
// converted, compared or kept; it runs after the walk, so it counts only what the walk did not resolve.
// Prints one JSON line like pair.mjs, with phases load / program / walk / members.
import { ts } from 'ts-morph';
import { loadRelease } from '../dist/load/package-files.js';
import { createProgram, PACKAGE_ROOT } from '../dist/model/project.js';
import { log, measure, parseArgs } from './measure.mjs';

const args = parseArgs(process.argv.slice(2));
const cwd = process.cwd();
const printFlags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** Every export's type printed once; returns how many symbols were walked and how much text was printed. */
function walk(pkg, { checker, program }) {
  const modules = [];
  let script = false;
  for (const entry of pkg.entries) {
    const sourceFile = program.getSourceFile(PACKAGE_ROOT + entry.file);
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol) modules.push(moduleSymbol);
    else script = true;
  }
  if (script) {
    // `declare module "fs" { … }` blocks of the package's files (blocks of one name merge into one symbol).
    for (const sourceFile of program.getSourceFiles()) {
      if (!sourceFile.fileName.startsWith(PACKAGE_ROOT)) continue;
      for (const statement of sourceFile.statements) {
        if (!ts.isModuleDeclaration(statement) || !ts.isStringLiteral(statement.name)) continue;
        const symbol = checker.getSymbolAtLocation(statement.name);
        if (symbol) modules.push(symbol);
      }
    }
  }
  let symbols = 0;
  let chars = 0;
  for (const moduleSymbol of new Set(modules)) {
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const type = checker.getTypeOfSymbol(exported);
      chars += checker.typeToString(type, undefined, printFlags).length;
      symbols++;
    }
  }
  return { modules: [...new Set(modules)], symbols, chars };
}

/** The member types of every export, resolved by the checker and dropped; returns how many were resolved. */
function resolveMembers(modules, { checker }) {
  const seen = new Set();
  let resolved = 0;
  // Generic parameters' constraints and defaults, as declared: a changed constraint is a change of the API.
  const typeParameters = (declaration) => {
    for (const parameter of declaration?.typeParameters ?? []) {
      if (parameter.constraint) checker.getTypeFromTypeNode(parameter.constraint);
      if (parameter.default) checker.getTypeFromTypeNode(parameter.default);
    }
  };
  const signature = (s) => {
    typeParameters(s.getDeclaration());
    for (const parameter of s.getParameters()) checker.getTypeOfSymbol(parameter);
    checker.getReturnTypeOfSignature(s);
    resolved++;
  };
  const signatures = (type) => {
    for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) checker.getSignaturesOfType(type, kind).forEach(signature);
  };
  const object = (type) => {
    // A type alias's union, conditional or mapped type has no members of its own to compare.
    if (!(type.flags & ts.TypeFlags.Object) || type.objectFlags & ts.ObjectFlags.Mapped) return;
    for (const property of checker.getPropertiesOfType(type)) {
      signatures(checker.getTypeOfSymbol(property));
      resolved++;
    }
    signatures(type);
    resolved += checker.getIndexInfosOfType(type).length;
  };
  const visit = (exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (seen.has(symbol)) return;
    seen.add(symbol);
    symbol.declarations?.forEach(typeParameters);
    if (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) object(checker.getDeclaredTypeOfSymbol(symbol));
    if (symbol.flags & ts.SymbolFlags.Value) object(checker.getTypeOfSymbol(symbol));
    if (symbol.flags & ts.SymbolFlags.Namespace) checker.getExportsOfModule(symbol).forEach(visit);
  };
  for (const moduleSymbol of modules) checker.getExportsOfModule(moduleSymbol).forEach(visit);
  return resolved;
}

await measure('floor', args, async ({ warmup }) => {
  const options = warmup ? { onProgress: (step) => log('floor', step) } : {};
  const t0 = performance.now();
  const oldFiles = await loadRelease(args.old, cwd, options);
  const newFiles = await loadRelease(args.new, cwd, options);
  const t1 = performance.now();
  const oldProgram = createProgram(oldFiles);
  const newProgram = createProgram(newFiles);
  const t2 = performance.now();
  const oldWalk = walk(oldFiles, oldProgram);
  const newWalk = walk(newFiles, newProgram);
  const t3 = performance.now();
  const oldMembers = resolveMembers(oldWalk.modules, oldProgram);
  const newMembers = resolveMembers(newWalk.modules, newProgram);
  const t4 = performance.now();
  const summary = ({ modules, ...rest }, members) => ({ modules: modules.length, ...rest, members });
  return {
    phases: { load: t1 - t0, program: t2 - t1, walk: t3 - t2, members: t4 - t3 },
    details: {
      resolved: { old: oldFiles.source ?? args.old, new: newFiles.source ?? args.new },
      walked: { old: summary(oldWalk, oldMembers), new: summary(newWalk, newMembers) },
    },
  };
});
