// The corpus's list of release pairs (bench/corpus-pairs.json): reading it, naming a pair, and the bump its
// version numbers imply.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const LIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus-pairs.json');

/** Every pair of the list, checked: a package name, two valid versions, old below new, no pair twice. */
export async function readPairs() {
  const pairs = JSON.parse(await readFile(LIST, 'utf8'));
  const seen = new Set();
  for (const [index, pair] of pairs.entries()) {
    const where = `${LIST}: pair ${index + 1}`;
    if (typeof pair.package !== 'string' || !semver.valid(pair.old) || !semver.valid(pair.new)) throw new Error(`${where}: needs package, old and new versions`);
    if (!semver.lt(pair.old, pair.new)) throw new Error(`${where}: old ${pair.old} is not below new ${pair.new}`);
    const id = pairId(pair);
    if (seen.has(id)) throw new Error(`${where}: ${id} is listed twice`);
    seen.add(id);
  }
  return pairs;
}

/** `types__express@4.17.25..5.0.0`: a file name (bench/corpus/<id>.ts) as well as a key. */
export function pairId(pair) {
  return `${pair.package.replace(/^@/, '').replace('/', '__')}@${pair.old}..${pair.new}`;
}

/**
 * What the release's numbers claim under npm's caret: the first component that changed, where in 0.y.z a
 * change of y claims a break and of z an addition at most (^0.y.z accepts it), and in 0.0.z every release breaks.
 */
export function impliedBump(oldVersion, newVersion) {
  const a = semver.parse(oldVersion);
  const b = semver.parse(newVersion);
  if (a.major !== b.major) return 'major';
  if (a.major === 0) {
    if (a.minor !== b.minor || a.minor === 0) return 'major';
    return 'minor';
  }
  return a.minor !== b.minor ? 'minor' : 'patch';
}
