/** The SemVer component a change needs: the one vocabulary every layer judges and reports with. */
export type Bump = 'patch' | 'minor' | 'major';

/** Every bump, the most severe first: the order reports list findings in. */
export const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

export function isBump(value: unknown): value is Bump {
  return typeof value === 'string' && Object.hasOwn(rank, value);
}

/** How many steps `a` is above `b`: positive when `a` is the more severe, 0 when they are the same. */
export function compareBumps(a: Bump, b: Bump): number {
  return rank[a] - rank[b];
}

export function maxBump(...bumps: Bump[]): Bump {
  return bumps.reduce<Bump>((a, b) => (compareBumps(b, a) > 0 ? b : a), 'patch');
}

export function atLeast(bump: Bump, threshold: Bump): boolean {
  return compareBumps(bump, threshold) >= 0;
}
