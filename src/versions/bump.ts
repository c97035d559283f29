export type Bump = 'patch' | 'minor' | 'major';

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

export function maxBump(...bumps: Bump[]): Bump {
  return bumps.reduce<Bump>((a, b) => (rank[b] > rank[a] ? b : a), 'patch');
}

export function atLeast(bump: Bump, threshold: Bump): boolean {
  return rank[bump] >= rank[threshold];
}
