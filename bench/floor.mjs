// The floor for one pair: `node --expose-gc bench/floor.mjs <old> <new> [--runs 3] [--warmups 1]`.
// The least any tool that reads the API through TypeScript's checker must do: the same files (the tool's own
// loader), the same Program (the tool's createProgram: same bundled TypeScript, options, in-memory host and
// shared lib trees), then every export of every entry point walked once:
// checker.getExportsOfModule + checker.getTypeOfSymbol + checker.typeToString. An entry that is a global
// script (no module symbol, as @types/node's index.d.ts) is walked through the package's ambient
// `declare module "…"` blocks instead. Nothing is compared and nothing is kept.
// Prints one JSON line like pair.mjs, with phases load / program / walk.
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
  return { modules: new Set(modules).size, symbols, chars };
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
  return {
    phases: { load: t1 - t0, program: t2 - t1, walk: t3 - t2 },
    details: {
      resolved: { old: oldFiles.source ?? args.old, new: newFiles.source ?? args.new },
      walked: { old: oldWalk, new: newWalk },
    },
  };
});
