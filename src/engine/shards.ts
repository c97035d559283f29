import { InputError } from '../core/input-error.js';
import { byFolder } from '../load/workspaces.js';

/** One of `count` CI jobs that split a workspace run: `index` from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** `--shard i/n`: 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = match && { index: Number(match[1]), count: Number(match[2]) };
  if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new InputError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n (e.g. 2/4)`);
  }
  return shard;
}

/**
 * The packages of one shard: sorted by folder (by code point, so the same on every machine and whatever the
 * order of the workspace globs), the k-th package (from 0) belongs to shard k mod n + 1. Round robin keeps the
 * shards within one package of each other in size.
 */
export function shardOf<T extends { dir: string }>(packages: readonly T[], shard: Shard): T[] {
  return byFolder(packages).filter((_, k) => k % shard.count === shard.index - 1);
}
