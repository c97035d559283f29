import { ts } from 'ts-morph';
import { LIB_DIR, libText } from './lib-files.js';

export interface MemoryFiles {
  /** Absolute path → text: every file the compiler may read besides TypeScript's lib. */
  texts: ReadonlyMap<string, string>;
  /** The folders of those files, without a trailing slash; TypeScript's lib folder counts without being listed. */
  directories: ReadonlySet<string>;
  /** Where relative names start from, without a trailing slash. */
  currentDirectory: string;
}

export type MemoryHost = ts.CompilerHost & Required<Pick<ts.CompilerHost, 'directoryExists'>>;

/**
 * A compiler host over files held in memory, with TypeScript's lib files beside them, so a Program never reads
 * the disk. The caller says how files become trees and may add what its Program needs (module resolution, the
 * folders' listings); the maps are read as they are when the compiler asks, so files added later are found.
 */
export function memoryHost(
  files: MemoryFiles,
  getSourceFile: ts.CompilerHost['getSourceFile'],
  extra: Partial<ts.CompilerHost> = {},
): MemoryHost {
  const { texts, directories, currentDirectory } = files;
  return {
    getSourceFile,
    getDefaultLibFileName: (options) => `${LIB_DIR}/${ts.getDefaultLibFileName(options)}`,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => currentDirectory,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => texts.has(fileName) || libText(fileName) !== undefined,
    readFile: (fileName) => texts.get(fileName) ?? libText(fileName),
    directoryExists: (directory) => {
      const trimmed = directory.replace(/\/$/, '');
      return trimmed === LIB_DIR || directories.has(trimmed);
    },
    getDirectories: () => [],
    ...extra,
  };
}

/** Adds every folder above `fileName` (an absolute path) to `directories`. */
export function addFolders(directories: Set<string>, fileName: string): void {
  for (let i = fileName.lastIndexOf('/'); i > 0; i = fileName.lastIndexOf('/', i - 1)) directories.add(fileName.slice(0, i));
}
