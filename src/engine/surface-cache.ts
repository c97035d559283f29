import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackageFiles } from '../load/package-files.js';
import type { ApiSurface } from '../model/surface.js';

/**
 * The extracted surface of a release that cannot change (an npm version, a git commit, a tarball) is kept
 * on disk, so a repeated `check` against the same baseline pays only for the new side. Entries are keyed by
 * the release's content and by the code that extracts surfaces, so neither a different release nor a
 * different build of the tool can ever read a stale one.
 */
export async function cachedSurface(files: PackageFiles, folder: string, build: () => ApiSurface): Promise<ApiSurface> {
  const file = path.join(folder, `${await key(files)}.json`);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  if (cached !== undefined) {
    try {
      return JSON.parse(cached) as ApiSurface;
    } catch {
      // A torn or foreign file is rebuilt and replaced below.
    }
  }
  const surface = build();
  await mkdir(folder, { recursive: true });
  // Written aside and renamed, so a concurrent run never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(surface));
  await rename(temporary, file);
  return surface;
}

async function key(files: PackageFiles): Promise<string> {
  const hash = createHash('sha256').update(await toolFingerprint());
  hash.update(JSON.stringify(files.entries));
  for (const name of [...files.files.keys()].sort()) hash.update(`\0${name}\0${files.files.get(name)!}`);
  return hash.digest('hex');
}

let fingerprint: Promise<string> | undefined;

/** A hash of the code that turns files into a surface: any change to it invalidates every entry. */
function toolFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const dist = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    for (const folder of ['load', 'model']) {
      for (const name of (await readdir(path.join(dist, folder))).filter((n) => n.endsWith('.js')).sort()) {
        hash.update(name).update(await readFile(path.join(dist, folder, name)));
      }
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}
