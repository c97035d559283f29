import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import { createProgram, PACKAGE_ROOT } from '../model/project.js';
import { entrySpecifier } from './module-names.js';
import { publicFiles } from './public-trim.js';

export interface WitnessError {
  line: number;
  column: number;
  message: string;
}

/** What the compiler said of one witness: errors against each release (the first one of each is enough). */
export interface Compiled {
  old?: WitnessError;
  new?: WitnessError;
  /** The compiler itself failed while checking the witness (a TypeScript bug): it proves nothing either way. */
  crashed?: string;
}

const WITNESS_DIR = '/consumer/';

/**
 * Compiles every witness of a run against each release. The same text goes to both sides, so a difference
 * in the outcome can only come from the releases. Witnesses that merge declarations into the package
 * (module augmentation, `declare global`) change what every other file of their Program sees: an empty
 * `interface Action<T> {}` merged into the package relaxes a constraint another witness relies on. So each
 * of them gets Programs of its own, and the rest share one per side, where none can change another.
 */
export function compileWitnesses(codes: readonly string[], packageName: string, old: PackageFiles, next: PackageFiles): Compiled[] {
  const results: Compiled[] = codes.map(() => ({}));
  const indices = codes.map((_, i) => i);
  const merging = indices.filter((i) => mergesDeclarations(codes[i]!));
  const groups = [indices.filter((i) => !mergesDeclarations(codes[i]!)), ...merging.map((i) => [i])].filter((g) => g.length);
  for (const [side, release] of [['old', publicFiles(old)], ['new', publicFiles(next)]] as const) {
    const modules = new Map(release.entries.map((e) => [entrySpecifier(packageName, e.subpath), e.file]));
    // A subpath's file is in a consumer's program only once imported: @types/react's `react/canary` augments
    // `SubmitEvent` with a required `submitter` that consumers of `react` alone never see.
    const imported = { ...release, entries: release.entries.filter((e) => e.subpath === '.') };
    for (const group of groups) {
      // A checker that threw may hold half-resolved types: the witnesses after it get a fresh Program.
      let remaining = group;
      while (remaining.length) {
        const files = new Map(remaining.map((i) => [`${WITNESS_DIR}witness${i}.ts`, codes[i]!]));
        const { program } = createProgram(imported, { files, modules });
        const crashedAt = remaining.findIndex((i) => {
          const sourceFile = program.getSourceFile(`${WITNESS_DIR}witness${i}.ts`)!;
          try {
            const first = firstError([...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)], sourceFile);
            if (first) results[i]![side] = describe(first, sourceFile, packageName);
            return false;
          } catch (error) {
            results[i]!.crashed = error instanceof Error ? error.message : String(error);
            return true;
          }
        });
        remaining = crashedAt < 0 ? [] : remaining.slice(crashedAt + 1);
      }
    }
  }
  return results;
}

/**
 * The error to report: one in the code that uses the API before one in a parameter's type. A value's old
 * type that the new release no longer names is another finding's proof; the call or assignment that fails
 * is this one's.
 */
function firstError(diagnostics: readonly ts.Diagnostic[], sourceFile: ts.SourceFile): ts.Diagnostic | undefined {
  const ranges: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node) && node.type) ranges.push([node.type.pos, node.type.end]);
    else if (!ts.isBlock(node)) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const inParameterType = (d: ts.Diagnostic) => ranges.some(([start, end]) => d.start !== undefined && d.start >= start && d.start < end);
  return diagnostics.find((d) => !inParameterType(d)) ?? diagnostics[0];
}

/** A witness that declares into a module or the global scope merges with the package's declarations. */
function mergesDeclarations(code: string): boolean {
  return /^\s*declare\s+(module|global)\b/m.test(code);
}

function describe(diagnostic: ts.Diagnostic, sourceFile: ts.SourceFile, packageName: string): WitnessError {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  // The compiler names the package's files by where the in-memory host keeps them; a reader knows them by the package.
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replaceAll(`"${PACKAGE_ROOT}`, `"${packageName}/`);
  return { line: line + 1, column: character + 1, message };
}
