import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import type { Location } from './package-files.js';

/** Maps a line of one declaration file to the source line it was emitted from. */
export type LineMapper = (line: number) => Location | undefined;

interface DeclarationMap {
  /** Package-relative posix path of the map file. */
  file: string;
  sources: unknown[];
  sourceRoot: string;
  mappings: string;
}

/**
 * The declaration map (`.d.ts.map`) of a declaration file of a package folder on disk: the file its
 * `sourceMappingURL` names, else `<file>.map`. Undefined when there is none, or it is not a source map.
 */
async function readDeclarationMap(root: string, file: string, text: string | undefined): Promise<DeclarationMap | undefined> {
  const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text ?? '')?.[1];
  // Inline (data:) and remote maps are rare in declaration output; a relative file is what tsc writes.
  const mapFile = url && !/^[a-z]+:/i.test(url) ? path.posix.join(path.posix.dirname(file), decodeURIComponent(url)) : `${file}.map`;
  // The package's own folder only, as for every other file of a release.
  if (path.posix.normalize(mapFile).startsWith('../')) return undefined;
  const json = await readFile(path.join(root, mapFile), 'utf8').catch(() => undefined);
  if (json === undefined) return undefined;
  try {
    const map = JSON.parse(json) as { sources?: unknown; sourceRoot?: unknown; mappings?: unknown };
    if (typeof map.mappings !== 'string' || !Array.isArray(map.sources)) return undefined;
    return { file: mapFile, sources: map.sources, sourceRoot: typeof map.sourceRoot === 'string' ? map.sourceRoot : '', mappings: map.mappings };
  } catch {
    return undefined;
  }
}

/** A source the map names, as a package-relative posix path (`../shared/x.ts` when it lies beside the package). */
function sourcePath(map: DeclarationMap, source: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(map.file), map.sourceRoot, source));
}

/**
 * Source lines for a declaration file, through its declaration map. Undefined when there is none, or it cannot
 * be read as a source map: the declaration's own location then stands, which is never wrong, only less useful.
 */
export async function declarationMap(root: string, file: string, text: string | undefined): Promise<LineMapper | undefined> {
  const map = await readDeclarationMap(root, file, text);
  if (map === undefined) return undefined;
  let lines: ReturnType<typeof decode>;
  try {
    lines = decode(map.mappings);
  } catch {
    return undefined;
  }
  return (line) => {
    // The first mapped segment of the line: tsc maps a declaration's start to the start of its source.
    const segment = lines[line - 1]?.find((s) => s.length >= 4);
    const source = segment && map.sources[segment[1]!];
    if (!segment || typeof source !== 'string') return undefined;
    return { file: sourcePath(map, source), line: segment[2]! + 1 };
  };
}

/** The sources a declaration file was emitted from, as its declaration map names them; undefined without a map. */
export async function declarationMapSources(root: string, file: string, text: string | undefined): Promise<string[] | undefined> {
  const map = await readDeclarationMap(root, file, text);
  return map && map.sources.filter((s): s is string => typeof s === 'string').map((source) => sourcePath(map, source));
}
