import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import type { Location } from '../model/surface.js';

/** Maps a line of one declaration file to the source line it was emitted from. */
export type LineMapper = (line: number) => Location | undefined;

/**
 * The declaration map (`.d.ts.map`) of a declaration file of a package folder on disk: the file its
 * `sourceMappingURL` names, else `<file>.map`. Undefined when there is none, or it cannot be read as a source
 * map: the declaration's own location then stands, which is never wrong, only less useful.
 */
export async function declarationMap(root: string, file: string, text: string | undefined): Promise<LineMapper | undefined> {
  const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text ?? '')?.[1];
  // Inline (data:) and remote maps are rare in declaration output; a relative file is what tsc writes.
  const mapFile = url && !/^[a-z]+:/i.test(url) ? path.posix.join(path.posix.dirname(file), decodeURIComponent(url)) : `${file}.map`;
  // The package's own folder only, as for every other file of a release.
  if (path.posix.normalize(mapFile).startsWith('../')) return undefined;
  const json = await readFile(path.join(root, mapFile), 'utf8').catch(() => undefined);
  if (json === undefined) return undefined;
  let map: { sources?: unknown; sourceRoot?: unknown; mappings?: unknown };
  let lines: ReturnType<typeof decode>;
  try {
    map = JSON.parse(json) as typeof map;
    if (typeof map.mappings !== 'string' || !Array.isArray(map.sources)) return undefined;
    lines = decode(map.mappings);
  } catch {
    return undefined;
  }
  const sources = map.sources as unknown[];
  const sourceRoot = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
  return (line) => {
    // The first mapped segment of the line: tsc maps a declaration's start to the start of its source.
    const segment = lines[line - 1]?.find((s) => s.length >= 4);
    const source = segment && sources[segment[1]!];
    if (!segment || typeof source !== 'string') return undefined;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(mapFile), sourceRoot, source));
    return { file: resolved, line: segment[2]! + 1 };
  };
}
