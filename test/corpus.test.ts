import { describe, expect, it } from 'vitest';
// The corpus runner is a script (npm run corpus, never part of the tests: it fetches); its list and its
// counting are plain data and functions, checked here without the network.
import { impliedBump, pairId, readPairs } from '../bench/corpus-pairs.mjs';
import { summarise, tallyFindings, verdictVersusNumbers } from '../bench/corpus-tally.mjs';

describe('ecosystem corpus', () => {
  it('lists at least 120 pairs of 40 packages, DefinitelyTyped and self-typed, with every pair the issues name', async () => {
    const pairs = await readPairs();
    const ids = pairs.map(pairId);
    expect(pairs.length).toBeGreaterThanOrEqual(120);
    expect(new Set(pairs.map((p) => p.package)).size).toBeGreaterThanOrEqual(40);
    expect(pairs.some((p) => p.package.startsWith('@types/'))).toBe(true);
    expect(new Set(pairs.map((p) => impliedBump(p.old, p.new)))).toEqual(new Set(['major', 'minor', 'patch']));
    for (const named of [
      'execa@10.1.1..10.2.0',
      'got@16.0.0..16.1.0',
      'yup@0.32.11..1.0.0',
      'trpc__server@10.45.4..11.0.0',
      'trpc__server@11.23.0..11.25.2',
      'types__lodash@3.10.9..4.14.30',
      'types__lodash@4.17.26..4.17.27',
      'fp-ts@1.19.5..2.0.0',
      'fp-ts@2.15.0..2.16.0',
      'rxjs@6.6.7..7.0.0',
      'types__uuid@10.0.0..11.0.0',
      'types__express@4.17.25..5.0.0',
      'commander@7.2.0..8.0.0',
      'chalk@4.1.2..5.0.0',
      'types__ws@7.4.7..8.2.0',
      'superstruct@0.15.5..0.16.0',
      'types__yargs@17.0.34..17.0.35',
      'zod@3.22.3..3.22.4',
      'hono@3.12.12..4.0.0',
      'nanoid@5.0.9..5.1.0',
      'redux@4.2.1..5.0.0',
      'tanstack__query-core@4.44.0..5.0.0',
      'date-fns@3.6.0..4.0.0',
      'ky@2.0.2..2.1.0',
    ]) {
      expect(ids).toContain(named);
    }
    expect(ids.filter((id) => id.startsWith('graphql@17.')).length).toBeGreaterThan(0);
  });

  it('reads the bump a release claims under the caret, 0.y.z included', () => {
    expect(impliedBump('1.2.3', '2.0.0')).toBe('major');
    expect(impliedBump('1.2.3', '1.3.0')).toBe('minor');
    expect(impliedBump('1.2.3', '1.2.4')).toBe('patch');
    expect(impliedBump('0.15.5', '0.16.0')).toBe('major');
    expect(impliedBump('0.15.5', '0.15.6')).toBe('minor');
    expect(impliedBump('0.0.1', '0.0.2')).toBe('major');
  });

  it('disputes a verdict above the numbers and a major release found below major, nothing else', () => {
    expect(verdictVersusNumbers('major', 'minor')).toBe('above');
    expect(verdictVersusNumbers('minor', 'patch')).toBe('above');
    expect(verdictVersusNumbers('patch', 'major')).toBe('missed');
    expect(verdictVersusNumbers('patch', 'minor')).toBe('agrees');
    expect(verdictVersusNumbers('major', 'major')).toBe('agrees');
  });

  it('tallies findings per bump, witness and rule, leaving accepted ones out, and totals pairs by how they ended', () => {
    const { findings, rules } = tallyFindings([
      { rule: 'export-removed', bump: 'major', witness: { status: 'verified' } },
      { rule: 'export-removed', bump: 'major', undecided: true },
      { rule: 'export-added', bump: 'minor' },
      { rule: 'export-removed', bump: 'major', accepted: 'known' },
    ]);
    expect(findings).toEqual({ major: 2, minor: 1, patch: 0, verified: 1, refuted: 0, unverified: 1, undecided: 1 });
    expect(Object.keys(rules)).toEqual(['export-added', 'export-removed']);
    const ok = { id: 'a@1.0.0..1.1.0', package: 'a', types: 'self-typed', status: 'ok', bump: 'major', implied: 'minor', findings, rules, wallS: 2, peakRssMb: 100 };
    const crashed = { id: 'b@1.0.0..2.0.0', package: 'b', types: 'DefinitelyTyped', status: 'crashed', implied: 'major', wallS: 1, peakRssMb: 50 };
    const totals = summarise([ok, crashed]);
    expect(totals).toMatchObject({ pairs: 2, ok: 1, crashed: 1, refused: 0, calledMajor: 1, verifiedPercent: 50, aboveTheNumbers: ['a@1.0.0..1.1.0'] });
    expect(totals.calledMajorWithoutVerifiedMajor).toEqual([]);
  });

  it('counts a pair called major without a verified major apart when all its majors are of rules that can have no witness', () => {
    const pair = (id, findings) => ({ id, package: id, types: 'DefinitelyTyped', status: 'ok', bump: 'major', implied: 'major', wallS: 1, peakRssMb: 1, ...tallyFindings(findings) });
    const totals = summarise([
      pair('dependency@1..2', [{ rule: 'dependency-types-major-changed', bump: 'major' }]),
      pair('unproven@1..2', [{ rule: 'dependency-types-major-changed', bump: 'major' }, { rule: 'export-removed', bump: 'major', witness: { status: 'refuted' } }]),
    ]);
    expect(totals.calledMajorWithoutVerifiedMajor).toEqual(['unproven@1..2']);
    expect(totals.calledMajorOnlyByRulesWithoutWitness).toEqual(['dependency@1..2']);
  });
});
