import { getLibFiles } from '@ts-morph/common';
import { ts } from 'ts-morph';

/** Where the in-memory compiler host (memory-host.ts) serves TypeScript's lib files. */
export const LIB_DIR = '/node_modules/typescript/lib';

/**
 * TypeScript's lib files are the same for every Program, and parsing lib.dom alone costs more than most
 * packages: each is parsed once per process, when a Program first asks for it, and the trees are shared
 * between Programs (source files are immutable).
 */
let libTexts: Map<string, string> | undefined;
const libTrees = new Map<string, ts.SourceFile>();

export function libText(fileName: string): string | undefined {
  libTexts ??= new Map(getLibFiles().map(({ fileName: name, text }) => [`${LIB_DIR}/${name}`, text]));
  return libTexts.get(fileName);
}

export function libSourceFile(fileName: string): ts.SourceFile | undefined {
  let tree = libTrees.get(fileName);
  if (!tree) {
    const text = libText(fileName);
    if (text === undefined) return undefined;
    tree = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest);
    libTrees.set(fileName, tree);
  }
  return tree;
}

/**
 * Drops the shared trees. A Program binds the lib files it uses into their trees; one stopped for time in the
 * middle of that leaves them half bound, and every later Program of the process would inherit the damage.
 */
export function forgetLibTrees(): void {
  libTrees.clear();
}
