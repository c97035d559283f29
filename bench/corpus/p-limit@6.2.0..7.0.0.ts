// p-limit 6.2.0 → 7.0.0 (a major release): the tool says minor (LimitFunction gained `map`, which consumers
// receive from pLimit()). Everything a consumer of 6.2.0 could write compiles against 7.0.0: the major is about
// something the types do not show (its runtime requirements).
import pLimit, { type LimitFunction } from 'p-limit';

const limit: LimitFunction = pLimit(2);
export const results: Promise<number[]> = Promise.all([1, 2, 3].map((n) => limit(async (x: number) => x * 2, n)));
export const pending: number = limit.activeCount + limit.pendingCount;
limit.clearQueue();
limit.concurrency = 4;
