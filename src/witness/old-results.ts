import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';
import { releaseProgram, WITNESS_DIR } from './verify.js';
import { closedText } from './closed-text.js';

/**
 * What the old release resolves a type to, written in a witness before it is compiled. A witness is the same text
 * compiled against both releases, so a type whose old meaning only the old release can compute (an alias at
 * concrete arguments whose definition calls helpers no consumer can name) is written as a placeholder, and the
 * old release's checker fills it in with the result it prints there (`0 | 1 | 2`), when that result is closed:
 * made of literals, primitives and structure only, so that it means the same against either release (see
 * `closedText`).
 */
const OPEN = '/*old result of*/ ';
const CLOSE = ' /*end*/';
const MARKED = /\/\*old result of\*\/ (.*?) \/\*end\*\//g;

/** The placeholder for the old release's result of `type` (written as the witness writes types). */
export function oldResult(type: string): string {
  return `${OPEN}${type}${CLOSE}`;
}

/** A code with its placeholders filled in; `agrees` when the new release resolved every use to the old result. */
export interface Filled {
  code: string;
  agrees?: true;
}

/**
 * The codes with each placeholder filled in from one Program over the old release. A line whose placeholder has
 * no closed result is left out (each is one use of the type, see `useAliasResolvedAt`); a code that had
 * placeholders and keeps none is `undefined`: it would compile against any release and prove nothing.
 * The new release is asked too: a use it resolves to the same closed type compiles against it, so it is left out
 * unless no other use is left (then the first stands for all, and the code `agrees`: it compiles against the new
 * release, which need not be compiled to know it): compiling each use against both releases again cost type-fest's
 * counting and path types seconds apiece.
 */
export function resolveOldResults(codes: readonly string[], packageName: string, old: PackageFiles, next: PackageFiles): Array<Filled | undefined> {
  const marked = codes.map((code, i) => ({ code, file: `${WITNESS_DIR}old-results${i}.ts`, types: [...new Set([...code.matchAll(MARKED)].map((m) => m[1]!))] }));
  const asked = marked.filter((m) => m.types.length > 0);
  if (asked.length === 0) return codes.map((code) => ({ code }));
  // Each code is asked about in a module of its own, without the lines that use the placeholders and with one
  // alias per type: the types may name the witness's own declarations and imports.
  const files = new Map(asked.map((m) => [m.file, [...m.code.split('\n').filter((line) => !line.includes(OPEN)), ...m.types.map((type, i) => `type OldResult${i} = ${type};`)].join('\n')]));
  const [before, after] = [results(old, packageName, files, asked), results(next, packageName, files, asked)];
  return marked.map(({ code, file }) => {
    const [oldResults, newResults] = [before.get(file), after.get(file)];
    if (!oldResults) return { code };
    const uses = code.split('\n').map((line) => {
      if (!line.includes(OPEN)) return { line };
      let complete = true;
      let agrees = true;
      const filled = line.replace(MARKED, (_, type: string) => {
        const result = oldResults.get(type);
        if (result === undefined) complete = false;
        if (newResults?.get(type) !== result) agrees = false;
        return `(${result})`;
      });
      return complete ? { line: filled, use: true, agrees } : {};
    });
    const differing = uses.filter((u) => u.use && !u.agrees);
    const standing = differing.length ? differing[0] : uses.find((u) => u.use);
    if (!standing) return undefined;
    const filled = uses
      .filter((u) => u.line !== undefined && (!u.use || !u.agrees || u === standing))
      .map((u) => u.line)
      .join('\n');
    return differing.length ? { code: filled } : { code: filled, agrees: true };
  });
}

/** For each module asked about, the closed type its release resolves each placeholder's type to, by that type. */
function results(release: PackageFiles, packageName: string, files: Map<string, string>, asked: ReadonlyArray<{ file: string; types: string[] }>): Map<string, Map<string, string>> {
  const program = releaseProgram(release, packageName, files);
  const checker = program.getTypeChecker();
  return new Map(asked.map(({ file, types }) => {
    const resolved = new Map<string, string>();
    const aliases = [...(program.getSourceFile(file)?.statements ?? [])].filter((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text.startsWith('OldResult'));
    try {
      aliases.slice(-types.length).forEach((alias, i) => {
        const text = closedText(checker, checker.getTypeFromTypeNode(alias.type), alias);
        if (text !== undefined) resolved.set(types[i]!, text);
      });
    } catch {
      // The checker failing (a TypeScript bug) leaves the uses without a result out, as open results are.
    }
    return [file, resolved];
  }));
}
