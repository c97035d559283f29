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
    // Each side takes the trees the model parsed for its release (those of files the public trim changed are
    // parsed again) and the witnesses' trees, parsed once for both sides.
    const shared: SharedTrees = new Map([...releaseTrees(release.files), ...witnessTrees]);
    const indices = codes.map((_, i) => i).filter((i) => side === 'old' || !failedOnOld(i));
    const alone = indices.filter((i) => mergesDeclarations(codes[i]!));
    const together = indices.filter((i) => !alone.includes(i));
    const exportsOnly = (i: number) => codes[i]!.startsWith(EXPORTS_ONLY);
    const groups = [...batches(together.filter((i) => !exportsOnly(i)), codes), ...batches(together.filter(exportsOnly), codes), ...alone.map((i) => [i])];
    const publicRelease = publicFiles(release);
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
    for (const [fileName, tree] of shared) if (fileName.startsWith(WITNESS_DIR)) witnessTrees.set(fileName, tree);
  }
  return results;
}

/**
 * One Program over a release (as consumers import it by name, its `@internal` declarations trimmed) and the
 * given consumer modules (absolute path → text), for asking its checker about types those modules name.
 */
export function releaseProgram(release: PackageFiles, packageName: string, files: Map<string, string>): ts.Program {
  const { imported, modules } = consumerView(publicFiles(release), packageName, false);
  return consumerProgram(imported, { files, modules }, new Map(releaseTrees(release.files)));
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

/**
 * The error to report: one in the code that uses the API before one in a parameter's type or a generic
 * parameter's constraint. A value's old type (or bound) that the new release no longer names is another
 * finding's proof; the call or assignment that fails is this one's.
 */
function firstError(diagnostics: readonly ts.Diagnostic[], sourceFile: ts.SourceFile): ts.Diagnostic | undefined {
  if (!diagnostics.length) return undefined;
  const ranges: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node) && node.type) ranges.push([node.type.pos, node.type.end]);
    else if (ts.isTypeParameterDeclaration(node) && node.constraint) ranges.push([node.constraint.pos, node.constraint.end]);
    else if (!ts.isBlock(node)) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const inParameterType = (d: ts.Diagnostic) => ranges.some(([start, end]) => d.start !== undefined && d.start >= start && d.start < end);
  return diagnostics.find((d) => !inParameterType(d)) ?? diagnostics[0];
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
