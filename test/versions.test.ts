import { describe, expect, it } from 'vitest';
import { checkVersion, nextVersion, pickBaseline, type VersionPolicy } from '../src/versions/arithmetic.js';

// Version arithmetic, table-driven. Every expectation is written from the rules in README.md ("Versions"),
// not from the implementation.

type Bump = 'major' | 'minor' | 'patch';

const defaults: VersionPolicy = { unstableMajors: [0], redeployablePrereleases: [] };
const preview: VersionPolicy = { unstableMajors: [0, 1], redeployablePrereleases: [] };
const snapshots: VersionPolicy = { unstableMajors: [0], redeployablePrereleases: ['SNAPSHOT'] };

const policyName = (p: VersionPolicy) => (p === preview ? 'preview [0,1]' : p === snapshots ? 'SNAPSHOT' : 'default');

function table<R>(rows: R[], name: (r: R) => string, body: (r: R) => void): void {
  it.each(rows.map((r) => [name(r), r] as const))('%s', (_title, r) => body(r));
}

// ---------------------------------------------------------------------------------------------------
// nextVersion: the smallest valid version and the component that must change
// ---------------------------------------------------------------------------------------------------

interface NextRow {
  old: string;
  bump: Bump;
  policy: VersionPolicy;
  next: string;
  required: Bump;
}

const nextRows: NextRow[] = [
  // 0.0.z: ^0.0.3 matches only 0.0.3, so any change, breaking or not, needs the next patch.
  { old: '0.0.3', bump: 'major', policy: defaults, next: '0.0.4', required: 'patch' },
  { old: '0.0.3', bump: 'minor', policy: defaults, next: '0.0.4', required: 'patch' },
  { old: '0.0.3', bump: 'patch', policy: defaults, next: '0.0.4', required: 'patch' },
  // 0.y.z (y > 0): a break needs the next minor; an addition may be a patch.
  { old: '0.4.1', bump: 'major', policy: defaults, next: '0.5.0', required: 'minor' },
  { old: '0.4.1', bump: 'minor', policy: defaults, next: '0.4.2', required: 'patch' },
  { old: '0.4.1', bump: 'patch', policy: defaults, next: '0.4.2', required: 'patch' },
  // x.y.z: plain SemVer.
  { old: '1.2.3', bump: 'major', policy: defaults, next: '2.0.0', required: 'major' },
  { old: '1.2.3', bump: 'minor', policy: defaults, next: '1.3.0', required: 'minor' },
  { old: '1.2.3', bump: 'patch', policy: defaults, next: '1.2.4', required: 'patch' },
  { old: '2.9.9', bump: 'minor', policy: defaults, next: '2.10.0', required: 'minor' },
  // Build metadata is ignored (and does not appear in `next`).
  { old: '1.2.3+build.1', bump: 'major', policy: defaults, next: '2.0.0', required: 'major' },
  { old: '1.2.3+build.7', bump: 'patch', policy: defaults, next: '1.2.4', required: 'patch' },
  { old: '0.4.1+sha.abc', bump: 'minor', policy: defaults, next: '0.4.2', required: 'patch' },
  // Technology preview: major 1 is unstable too, so a break in 1.y.z needs only the next minor.
  { old: '1.2.3', bump: 'major', policy: preview, next: '1.3.0', required: 'minor' },
  { old: '1.2.3', bump: 'minor', policy: preview, next: '1.3.0', required: 'minor' },
  { old: '1.2.3', bump: 'patch', policy: preview, next: '1.2.4', required: 'patch' },
  // 1.0.z in a preview major is not like 0.0.z: only "0.0.Z" needs a patch for everything.
  { old: '1.0.3', bump: 'major', policy: preview, next: '1.1.0', required: 'minor' },
  { old: '0.4.1', bump: 'major', policy: preview, next: '0.5.0', required: 'minor' },
  { old: '2.0.0', bump: 'major', policy: preview, next: '3.0.0', required: 'major' },
  { old: '2.0.0', bump: 'minor', policy: preview, next: '2.1.0', required: 'minor' },
  // An old prerelease announces a bump over the last stable release. A change that fits needs only the next
  // prerelease; `required` is then (reading of the brief) the component that release moves over the last stable.
  { old: '2.0.0-rc.1', bump: 'major', policy: defaults, next: '2.0.0-rc.2', required: 'major' },
  { old: '2.0.0-rc.1', bump: 'minor', policy: defaults, next: '2.0.0-rc.2', required: 'major' },
  { old: '2.0.0-rc.1', bump: 'patch', policy: defaults, next: '2.0.0-rc.2', required: 'major' },
  { old: '1.3.0-rc.1', bump: 'minor', policy: defaults, next: '1.3.0-rc.2', required: 'minor' },
  { old: '1.3.0-rc.1', bump: 'patch', policy: defaults, next: '1.3.0-rc.2', required: 'minor' },
  { old: '1.2.4-rc.1', bump: 'patch', policy: defaults, next: '1.2.4-rc.2', required: 'patch' },
  // A change bigger than announced: the required component computed from X.Y.Z.
  { old: '1.3.0-rc.1', bump: 'major', policy: defaults, next: '2.0.0', required: 'major' },
  { old: '1.2.4-rc.1', bump: 'minor', policy: defaults, next: '1.3.0', required: 'minor' },
  { old: '1.2.4-rc.1', bump: 'major', policy: defaults, next: '2.0.0', required: 'major' },
  { old: '2.1.0-rc.1', bump: 'major', policy: preview, next: '3.0.0', required: 'major' },
  // 0.Y.0-pre announces a break, so a break fits.
  {
    old: '0.5.0-rc.1',
    bump: 'major',
    policy: defaults,
    next: '0.5.0-rc.2',
    required: 'minor',
  },
  // In a preview major, X.Y.0-pre announces a break (as 0.Y.0-pre does for X = 0).
  {
    old: '1.3.0-rc.1',
    bump: 'major',
    policy: preview,
    next: '1.3.0-rc.2',
    required: 'minor',
  },
  {
    old: '1.3.0-rc.1',
    bump: 'minor',
    policy: preview,
    next: '1.3.0-rc.2',
    required: 'minor',
  },
  // In 0.0.z every release may break, and a 0.y.z patch may add: their prereleases carry as much.
  { old: '0.0.4-rc.1', bump: 'major', policy: defaults, next: '0.0.4-rc.2', required: 'patch' },
  { old: '0.4.2-rc.1', bump: 'minor', policy: defaults, next: '0.4.2-rc.2', required: 'patch' },
  { old: '0.4.2-rc.1', bump: 'major', policy: defaults, next: '0.5.0', required: 'minor' },
  // A prerelease identifier that is not numeric: the next prerelease appends a counter.
  { old: '2.0.0-beta', bump: 'major', policy: defaults, next: '2.0.0-beta.0', required: 'major' },
  { old: '1.0.0-SNAPSHOT', bump: 'minor', policy: snapshots, next: '1.0.0-SNAPSHOT.0', required: 'major' },
  // Build metadata on a prerelease is ignored as well.
  { old: '2.0.0-rc.1+build.3', bump: 'major', policy: defaults, next: '2.0.0-rc.2', required: 'major' },
];

describe('nextVersion', () => {
  table(
    nextRows,
    (r) => `${r.old} + ${r.bump} (${policyName(r.policy)}) → next ${r.next}, required ${r.required}`,
    (r) => {
      expect(nextVersion(r.old, r.bump, r.policy)).toEqual({ next: r.next, required: r.required });
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// checkVersion: is the new version enough?
// ---------------------------------------------------------------------------------------------------

interface CheckRow {
  old: string;
  new: string;
  bump: Bump;
  changed: boolean;
  policy: VersionPolicy;
  ok: boolean;
  next: string;
  /** Only where the brief pins it (see nextVersion rows for the rest). */
  required?: Bump;
  reason?: RegExp;
}

const mustIncrease = /versions must increase/i;
const reused = /reused/i;

const checkRows: CheckRow[] = [
  // 0.0.z
  { old: '0.0.3', new: '0.0.4', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.0.4', required: 'patch' },
  { old: '0.0.3', new: '0.0.4', bump: 'minor', changed: true, policy: defaults, ok: true, next: '0.0.4', required: 'patch' },
  { old: '0.0.3', new: '0.1.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.0.4' },
  // 0.y.z
  { old: '0.4.1', new: '0.5.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.5.0', required: 'minor' },
  { old: '0.4.1', new: '0.4.2', bump: 'major', changed: true, policy: defaults, ok: false, next: '0.5.0', required: 'minor' },
  { old: '0.4.1', new: '0.4.2', bump: 'minor', changed: true, policy: defaults, ok: true, next: '0.4.2', required: 'patch' },
  { old: '0.4.1', new: '1.0.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.5.0' },
  { old: '0.4.1', new: '0.5.0-rc.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.5.0' },
  // x.y.z
  { old: '1.2.3', new: '2.0.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0', required: 'major' },
  { old: '1.2.3', new: '2.0.0-beta.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0', required: 'major' },
  { old: '1.2.3', new: '1.3.0-rc.1', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0', required: 'major' },
  { old: '1.2.3', new: '1.3.0', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0' },
  { old: '1.2.3', new: '1.3.0', bump: 'minor', changed: true, policy: defaults, ok: true, next: '1.3.0', required: 'minor' },
  { old: '1.2.3', new: '1.3.0-rc.1', bump: 'minor', changed: true, policy: defaults, ok: true, next: '1.3.0' },
  { old: '1.2.3', new: '1.2.4', bump: 'minor', changed: true, policy: defaults, ok: false, next: '1.3.0' },
  { old: '1.2.3', new: '1.2.4', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4', required: 'patch' },
  { old: '1.2.3', new: '1.2.4-rc.0', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4' },
  { old: '1.2.3', new: '3.0.0', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4' },
  // Same version on both sides.
  { old: '1.2.3', new: '1.2.3', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4' },
  { old: '1.2.3', new: '1.2.3', bump: 'minor', changed: true, policy: defaults, ok: false, next: '1.3.0', reason: reused },
  { old: '1.2.3', new: '1.2.3', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0', reason: reused },
  // Findings whose bump is only patch are still a change: "ok when nothing changed (bump patch, no findings)".
  { old: '1.2.3', new: '1.2.3', bump: 'patch', changed: true, policy: defaults, ok: false, next: '1.2.4', reason: reused },
  // Versions must increase.
  { old: '1.2.3', new: '1.2.2', bump: 'patch', changed: false, policy: defaults, ok: false, next: '1.2.4', reason: mustIncrease },
  { old: '2.0.0', new: '1.9.9', bump: 'major', changed: true, policy: defaults, ok: false, next: '3.0.0', reason: mustIncrease },
  { old: '2.0.0', new: '2.0.0-rc.1', bump: 'patch', changed: false, policy: defaults, ok: false, next: '2.0.1', reason: mustIncrease },
  // Old prerelease: a fitting change needs only a later version of the same release.
  { old: '2.0.0-rc.1', new: '2.0.0-rc.2', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0-rc.2' },
  { old: '2.0.0-rc.1', new: '2.0.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0-rc.2' },
  { old: '2.0.0-rc.1', new: '2.0.0-rc.0', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0-rc.2', reason: mustIncrease },
  { old: '2.0.0-rc.1', new: '2.0.0-beta.9', bump: 'minor', changed: true, policy: defaults, ok: false, next: '2.0.0-rc.2', reason: mustIncrease },
  { old: '1.3.0-rc.1', new: '1.3.0', bump: 'minor', changed: true, policy: defaults, ok: true, next: '1.3.0-rc.2' },
  // ...and a bigger change than announced needs the required component from X.Y.Z.
  { old: '1.3.0-rc.1', new: '1.3.0', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0', required: 'major' },
  { old: '1.3.0-rc.1', new: '1.3.0-rc.2', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0', required: 'major' },
  { old: '1.3.0-rc.1', new: '2.0.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0', required: 'major' },
  { old: '1.3.0-rc.1', new: '2.0.0-alpha.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '2.0.0' },
  { old: '0.5.0-rc.1', new: '0.5.0', bump: 'major', changed: true, policy: defaults, ok: true, next: '0.5.0-rc.2' },
  { old: '0.5.0-rc.1', new: '0.5.0-rc.2', bump: 'minor', changed: true, policy: defaults, ok: true, next: '0.5.0-rc.2' },
  // Build metadata is ignored everywhere.
  { old: '1.2.3+build.1', new: '1.2.3+build.2', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4' },
  { old: '1.2.3+build.1', new: '1.2.3+build.2', bump: 'minor', changed: true, policy: defaults, ok: false, next: '1.3.0', reason: reused },
  { old: '1.2.3+build.1', new: '1.3.0+build.9', bump: 'minor', changed: true, policy: defaults, ok: true, next: '1.3.0' },
  { old: '1.2.3', new: '1.2.4+build.5', bump: 'minor', changed: true, policy: defaults, ok: false, next: '1.3.0' },
  { old: '1.2.3+zzz', new: '1.2.3+aaa', bump: 'patch', changed: false, policy: defaults, ok: true, next: '1.2.4' },
  // Re-deployable prereleases.
  { old: '1.0.0-SNAPSHOT', new: '1.0.0-SNAPSHOT', bump: 'major', changed: true, policy: snapshots, ok: true, next: '1.0.0-SNAPSHOT.0' },
  { old: '1.0.0-SNAPSHOT', new: '1.0.0-SNAPSHOT', bump: 'major', changed: true, policy: defaults, ok: false, next: '1.0.0-SNAPSHOT.0', reason: reused },
  { old: '1.1.0-SNAPSHOT', new: '1.1.0-SNAPSHOT', bump: 'major', changed: true, policy: snapshots, ok: true, next: '2.0.0' },
  { old: '2.0.0-SNAPSHOT.3', new: '2.0.0-SNAPSHOT.3', bump: 'minor', changed: true, policy: snapshots, ok: true, next: '2.0.0-SNAPSHOT.4' },
  { old: '1.0.0', new: '1.0.0', bump: 'minor', changed: true, policy: snapshots, ok: false, next: '1.1.0', reason: reused },
  { old: '1.0.0-rc.1', new: '1.0.0-rc.1', bump: 'minor', changed: true, policy: snapshots, ok: false, next: '1.0.0-rc.2', reason: reused },
  // Technology preview.
  { old: '1.2.0', new: '1.3.0', bump: 'major', changed: true, policy: preview, ok: true, next: '1.3.0', required: 'minor' },
  { old: '1.2.0', new: '1.2.1', bump: 'major', changed: true, policy: preview, ok: false, next: '1.3.0', required: 'minor' },
  { old: '2.0.0', new: '2.1.0', bump: 'major', changed: true, policy: preview, ok: false, next: '3.0.0', required: 'major' },
  { old: '1.2.0', new: '1.3.0', bump: 'major', changed: true, policy: defaults, ok: false, next: '2.0.0', required: 'major' },
  { old: '1.3.0-rc.1', new: '1.3.0', bump: 'major', changed: true, policy: preview, ok: true, next: '1.3.0-rc.2' },
];

describe('checkVersion', () => {
  table(
    checkRows,
    (r) =>
      `${r.old} → ${r.new}, ${r.bump}${r.changed ? '' : ' (no change)'} (${policyName(r.policy)}): ${r.ok ? 'ok' : 'not ok'}, next ${r.next}`,
    (r) => {
      const result = checkVersion(r.old, r.new, r.bump, r.changed, r.policy);
      expect({ ok: result.ok, next: result.next }).toEqual({ ok: r.ok, next: r.next });
      if (r.required) expect(result.required).toBe(r.required);
      if (r.reason) expect(result.reason).toMatch(r.reason);
      expect(typeof result.reason).toBe('string');
      expect(result.reason.length).toBeGreaterThan(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// pickBaseline: the newest lower stable version (prereleases only for a prerelease), optionally on the same major line
// ---------------------------------------------------------------------------------------------------

interface BaselineRow {
  title: string;
  published: string[];
  new: string;
  line: boolean;
  baseline: string | undefined;
}

const lts = ['3.4.0', '3.4.1', '4.0.0', '4.1.0'];

const baselineRows: BaselineRow[] = [
  { title: 'newest lower stable', published: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'], new: '1.3.0', line: false, baseline: '1.2.0' },
  { title: 'published order does not matter', published: ['1.2.0', '2.0.0', '1.0.0', '1.10.0'], new: '1.11.0', line: false, baseline: '1.10.0' },
  { title: 'the same version is not lower', published: ['1.0.0', '1.1.0'], new: '1.1.0', line: false, baseline: '1.0.0' },
  { title: 'nothing lower', published: ['2.0.0', '2.1.0'], new: '1.0.0', line: false, baseline: undefined },
  { title: 'nothing published', published: [], new: '1.0.0', line: false, baseline: undefined },
  { title: 'prereleases skipped for a stable release', published: ['1.0.0', '1.1.0-rc.1', '1.1.0-rc.2'], new: '1.1.0', line: false, baseline: '1.0.0' },
  { title: 'prereleases skipped even when lower and newer', published: ['1.0.0', '1.1.0-rc.1'], new: '1.2.0', line: false, baseline: '1.0.0' },
  { title: 'only prereleases lower than a stable release', published: ['1.0.0-rc.1'], new: '1.0.0', line: false, baseline: undefined },
  { title: 'a prerelease compares against prereleases', published: ['1.0.0', '1.1.0-rc.1'], new: '1.1.0-rc.2', line: false, baseline: '1.1.0-rc.1' },
  { title: 'a prerelease: newest lower prerelease', published: ['1.5.0', '2.0.0-alpha.3', '2.0.0-beta.0', '2.0.0-beta.2'], new: '2.0.0-beta.1', line: false, baseline: '2.0.0-beta.0' },
  { title: 'a prerelease: a lower prerelease of an earlier release counts', published: ['1.5.0', '2.0.0-rc.1'], new: '2.1.0-rc.0', line: false, baseline: '2.0.0-rc.1' },
  { title: 'a prerelease with no lower prerelease', published: ['1.5.0'], new: '2.0.0-rc.0', line: false, baseline: '1.5.0' },
  { title: 'build metadata ignored when ordering', published: ['1.2.2', '1.2.3+build.1'], new: '1.2.3+build.9', line: false, baseline: '1.2.2' },
  // LTS lines.
  { title: 'LTS patch on the 3.x line, line on', published: lts, new: '3.4.2', line: true, baseline: '3.4.1' },
  { title: 'LTS patch on the 3.x line, line off (4.x is higher anyway)', published: lts, new: '3.4.2', line: false, baseline: '3.4.1' },
  { title: '3.5.0 with 4.x published, line on', published: lts, new: '3.5.0', line: true, baseline: '3.4.1' },
  { title: '3.5.0 with 4.x published, line off', published: lts, new: '3.5.0', line: false, baseline: '3.4.1' },
  { title: '3.5.0 without 4.x published, line on', published: ['3.4.0', '3.4.1'], new: '3.5.0', line: true, baseline: '3.4.1' },
  { title: '4.2.0 on line 4, line on', published: lts, new: '4.2.0', line: true, baseline: '4.1.0' },
  { title: '4.2.0 on line 4, line off', published: lts, new: '4.2.0', line: false, baseline: '4.1.0' },
  { title: 'first release of line 4, line on: nothing on its line', published: ['3.4.0', '3.4.1'], new: '4.0.0', line: true, baseline: undefined },
  { title: 'first release of line 4, line off: the 3.x release', published: ['3.4.0', '3.4.1'], new: '4.0.0', line: false, baseline: '3.4.1' },
  { title: 'line 5 with 3.x and 4.x published, line on', published: lts, new: '5.0.0', line: true, baseline: undefined },
  { title: 'line 5 with 3.x and 4.x published, line off', published: lts, new: '5.0.0', line: false, baseline: '4.1.0' },
  { title: 'prerelease of line 4, line on', published: ['3.4.1', '4.0.0-beta.2'], new: '4.0.0-rc.1', line: true, baseline: '4.0.0-beta.2' },
  { title: 'prerelease of line 4 with only 3.x published, line on', published: ['3.4.1'], new: '4.0.0-rc.1', line: true, baseline: undefined },
  { title: 'prerelease of line 4 with only 3.x published, line off', published: ['3.4.1'], new: '4.0.0-rc.1', line: false, baseline: '3.4.1' },
];

describe('pickBaseline', () => {
  table(
    baselineRows,
    (r) => `${r.title}: [${r.published.join(', ')}] for ${r.new}${r.line ? ' (line)' : ''} → ${r.baseline ?? 'none'}`,
    (r) => {
      expect(pickBaseline(r.published, r.new, { line: r.line })).toBe(r.baseline);
    },
  );
});
