import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import type { Side } from '../core/side.js';
import { PACKAGE_ROOT, releaseTrees, type SharedTrees } from '../model/project.js';
import { consumerProgram } from './consumer-program.js';
import { entrySpecifier } from './module-names.js';
import { publicFiles } from './public-trim.js';
import { EXPORTS_ONLY } from './witness.js';

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

export const WITNESS_DIR = '/consumer/';

/**
 * Compiles every witness of a run against each release. The same text goes to both sides, so a difference
 * in the outcome can only come from the releases. Witnesses that merge declarations into the package
 * (module augmentation, `declare global`) change what every other file of their Program sees: an empty
 * `interface Action<T> {}` merged into the package relaxes a constraint another witness relies on. So each
 * of them gets Programs of its own, and the rest share Programs (one per side unless their text is large; those
 * resolving the package through `exports` alone, which see another view of it, one more), where none can
 * change another.
 * `accepting` is the release each witness must compile against (the old one unless given): one that fails
 * there proves nothing, so the old release's errors spare compiling it against the new one. The Programs
 * of a run share their trees (the witnesses' on both sides, each release's with the model's Program of it).
 */
export function compileWitnesses(
  codes: readonly string[],
  packageName: string,
  old: PackageFiles,
  next: PackageFiles,
  accepting: readonly Side[] = codes.map(() => 'old'),
): Compiled[] {
  const results: Compiled[] = codes.map(() => ({}));
  const failedOnOld = (i: number) => accepting[i] === 'old' && (results[i]!.old !== undefined || results[i]!.crashed !== undefined);
  const witnessTrees: SharedTrees = new Map();
  for (const [side, release] of [['old', old], ['new', next]] as const) {
    // Each side takes its release's trees as consumers meet it and the witnesses' trees, parsed once for both sides.
    const publicRelease = publicFiles(release);
    const shared: SharedTrees = new Map([...consumerTrees(release, publicRelease), ...witnessTrees]);
    const indices = codes.map((_, i) => i).filter((i) => side === 'old' || !failedOnOld(i));
    const alone = indices.filter((i) => mergesDeclarations(codes[i]!));
    const together = indices.filter((i) => !alone.includes(i));
    const exportsOnly = (i: number) => codes[i]!.startsWith(EXPORTS_ONLY);
    const groups = [...batches(together.filter((i) => !exportsOnly(i)), codes), ...batches(together.filter(exportsOnly), codes), ...alone.map((i) => [i])];
    for (const group of groups) {
      const { imported, modules } = consumerView(publicRelease, packageName, codes[group[0]!]!.startsWith(EXPORTS_ONLY));
      // A checker that threw may hold half-resolved types: the witnesses after it get a fresh Program.
      let remaining = group;
      while (remaining.length) {
        const files = new Map(remaining.map((i) => [`${WITNESS_DIR}witness${i}.ts`, codes[i]!]));
        const program = consumerProgram(imported, { files, modules }, shared);
        const crashedAt = remaining.findIndex((i) => {
          const sourceFile = program.getSourceFile(`${WITNESS_DIR}witness${i}.ts`)!;
          try {
            // Where the witness is meant to fail, only its first error is asked for, and checking can stop there.
            const first = side === accepting[i] ? firstError(allDiagnostics(program, sourceFile), sourceFile) : firstErrorOf(program, sourceFile);
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
    for (const [fileName, tree] of shared) if (fileName.startsWith(WITNESS_DIR)) witnessTrees.set(fileName, tree);
    keepTrees(publicRelease, shared);
  }
  return results;
}

/**
 * The trees a Program over the release as consumers meet it starts from: the model's, and those of the files
 * the public trim changed, which the first such Program parses (zod 4: 160 KB of them, and a run's witnesses
 * take up to eight Programs per side).
 */
function consumerTrees(release: PackageFiles, publicRelease: PackageFiles): SharedTrees {
  return new Map([...releaseTrees(release.files), ...releaseTrees(publicRelease.files)]);
}

/** Keeps the package's trees a Program over the public release parsed, for the next one (never the consumer modules'). */
function keepTrees(publicRelease: PackageFiles, shared: SharedTrees): void {
  const kept = releaseTrees(publicRelease.files);
  for (const [fileName, tree] of shared) if (fileName.startsWith(PACKAGE_ROOT)) kept.set(fileName, tree);
}

/**
 * One Program over a release (as consumers import it by name, its `@internal` declarations trimmed) and the
 * given consumer modules (absolute path → text), for asking its checker about types those modules name.
 */
export function releaseProgram(release: PackageFiles, packageName: string, files: Map<string, string>): ts.Program {
  const publicRelease = publicFiles(release);
  const shared = consumerTrees(release, publicRelease);
  const { imported, modules } = consumerView(publicRelease, packageName, false);
  const program = consumerProgram(imported, { files, modules }, shared);
  keepTrees(publicRelease, shared);
  return program;
}

/**
 * The release as a consumer's Program meets it: the package root among its files, and what each specifier of
 * the package resolves to. Consumers resolving through `exports` alone (node16, nodenext, bundler) do not find
 * the entry points only node10 resolution finds.
 */
function consumerView(release: PackageFiles, packageName: string, exportsOnly: boolean): { imported: PackageFiles; modules: Map<string, string> } {
  const entries = exportsOnly ? release.entries.filter((e) => e.resolution !== 'node10') : release.entries;
  const modules = new Map(entries.map((e) => [entrySpecifier(packageName, e.subpath), e.file]));
  // A subpath's file is in a consumer's program only once imported: @types/react's `react/canary` augments
  // `SubmitEvent` with a required `submitter` that consumers of `react` alone never see.
  return { imported: { ...release, entries: entries.filter((e) => e.subpath === '.') }, modules };
}

/** What `tsc` reports for one file: its syntax errors, then the checker's (with any global ones it caused first). */
function allDiagnostics(program: ts.Program, sourceFile: ts.SourceFile): ts.Diagnostic[] {
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
}

/**
 * The checker's diagnostics of the file once it has checked the given nodes (and what they deferred), all of
 * the file's so far: the region check TypeScript's language service runs for the part of a file on screen.
 */
type CheckNodes = (sourceFile: ts.SourceFile, cancellationToken: ts.CancellationToken | undefined, nodesToCheck: readonly ts.Node[]) => readonly ts.Diagnostic[];

/**
 * `firstError` of the whole file, checking it a piece at a time in the checker's own order and stopping at the
 * first piece with an error outside parameter types: no later piece can come before it. A witness whose moves
 * all fail against the release (rxjs 7's combineLatest, called with and without type arguments) costs the
 * checker an overload resolution and its error report per move, and only the first is reported.
 */
function firstErrorOf(program: ts.Program, sourceFile: ts.SourceFile): ts.Diagnostic | undefined {
  if (program.getSyntacticDiagnostics(sourceFile).length) return firstError(allDiagnostics(program, sourceFile), sourceFile);
  const checkNodes = program.getSemanticDiagnostics.bind(program) as CheckNodes;
  const inParameterType = parameterTypes(sourceFile);
  // A global diagnostic the witness causes comes first in a whole-file check, which returns those it caused.
  const globals = new Set(program.getGlobalDiagnostics());
  const caused = () => program.getGlobalDiagnostics().filter((d) => !globals.has(d));
  for (const piece of checkOrder(sourceFile)) {
    const diagnostics = checkNodes(sourceFile, undefined, [piece]);
    if (caused().length) break;
    const first = diagnostics.find((d) => !inParameterType(d));
    if (first && first.start! < piece.end) return first;
  }
  // The rest of the file (what the checker does for a whole declaration around its pieces, deferred nodes)
  // is checked now; the pieces already checked are skipped.
  const inFile = program.getSemanticDiagnostics(sourceFile).filter((d) => d.file !== undefined);
  return firstError([...caused(), ...inFile], sourceFile);
}

/**
 * The pieces of a file in the order the checker meets them: each top-level statement, a function declaration
 * opened into its generic parameters, parameters, return type and body statements (a witness's moves).
 */
function checkOrder(sourceFile: ts.SourceFile): ts.Node[] {
  return sourceFile.statements.flatMap((statement): ts.Node[] =>
    ts.isFunctionDeclaration(statement) && statement.body
      ? [...(statement.typeParameters ?? []), ...statement.parameters, ...(statement.type ? [statement.type] : []), ...statement.body.statements]
      : [statement],
  );
}

/**
 * The error to report: one in the code that uses the API before one in a parameter's type or a generic
 * parameter's constraint. A value's old type (or bound) that the new release no longer names is another
 * finding's proof; the call or assignment that fails is this one's.
 */
function firstError(diagnostics: readonly ts.Diagnostic[], sourceFile: ts.SourceFile): ts.Diagnostic | undefined {
  if (!diagnostics.length) return undefined;
  const inParameterType = parameterTypes(sourceFile);
  return diagnostics.find((d) => !inParameterType(d)) ?? diagnostics[0];
}

/** Whether a diagnostic lies in a parameter's type or a generic parameter's constraint (outside function bodies). */
function parameterTypes(sourceFile: ts.SourceFile): (d: ts.Diagnostic) => boolean {
  const ranges: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node) && node.type) ranges.push([node.type.pos, node.type.end]);
    else if (ts.isTypeParameterDeclaration(node) && node.constraint) ranges.push([node.constraint.pos, node.constraint.end]);
    else if (!ts.isBlock(node)) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return (d) => ranges.some(([start, end]) => d.start !== undefined && d.start >= start && d.start < end);
}

/**
 * A Program's checker keeps every type its files made it create until the Program is dropped: witnesses that
 * write large old types out in full (@types/lodash: 5 MB of them) would take it past 1.5 GB in one Program.
 * They are split into Programs of at most this much witness text; most runs fit in one.
 */
const MAX_BATCH_CHARS = 2 * 1024 * 1024;

/** Consecutive runs of witnesses, each within MAX_BATCH_CHARS (a larger witness alone). */
function batches(indices: readonly number[], codes: readonly string[]): number[][] {
  const result: number[][] = [];
  let size = Infinity;
  for (const i of indices) {
    if (size + codes[i]!.length > MAX_BATCH_CHARS) {
      result.push([]);
      size = 0;
    }
    result.at(-1)!.push(i);
    size += codes[i]!.length;
  }
  return result;
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
