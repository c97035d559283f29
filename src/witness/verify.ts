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
}

const WITNESS_DIR = '/consumer/';

/**
 * Compiles every witness of a run against each release: one Program per side, a file per witness, the
 * package's name leading to that side's entry points. The same text goes to both sides, so a difference in
 * the outcome can only come from the releases.
 */
export function compileWitnesses(codes: readonly string[], packageName: string, old: PackageFiles, next: PackageFiles): Compiled[] {
  const files = new Map(codes.map((code, i) => [`${WITNESS_DIR}witness${i}.ts`, code]));
  const results: Compiled[] = codes.map(() => ({}));
  for (const [side, release] of [['old', old], ['new', next]] as const) {
    const modules = new Map(release.entries.map((e) => [entrySpecifier(packageName, e.subpath), e.file]));
    const { program } = createProgram(publicFiles(release), { files, modules });
    [...files.keys()].forEach((file, i) => {
      const sourceFile = program.getSourceFile(file)!;
      const [first] = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
      if (first) results[i]![side] = describe(first, sourceFile, packageName);
    });
  }
  return results;
}

function describe(diagnostic: ts.Diagnostic, sourceFile: ts.SourceFile, packageName: string): WitnessError {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  // The compiler names the package's files by where the in-memory host keeps them; a reader knows them by the package.
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replaceAll(`"${PACKAGE_ROOT}`, `"${packageName}/`);
  return { line: line + 1, column: character + 1, message };
}
