import { declarationMap, type LineMapper } from '../load/declaration-maps.js';
import type { PackageFiles } from '../load/package-files.js';
import type { Finding } from './findings.js';
import type { Side } from '../core/side.js';

/**
 * Adds the source line to one side of the findings, for a release in a folder built with declaration maps:
 * annotations belong on the `.ts` lines a pull request changes, not on git-ignored build output. Published
 * releases are left alone: their maps point at sources they do not ship.
 */
export async function addSourceLocations(findings: Finding[], side: Side, release: PackageFiles): Promise<void> {
  if (release.source !== undefined || release.root === '') return;
  const maps = new Map<string, Promise<LineMapper | undefined>>();
  for (const finding of findings) {
    const at = finding[side];
    if (!at || at.file === '' || at.line < 1) continue;
    if (!maps.has(at.file)) maps.set(at.file, declarationMap(release.root, at.file, release.files.get(at.file)));
    const source = (await maps.get(at.file))?.(at.line);
    if (source) finding[side] = { ...at, source };
  }
}
