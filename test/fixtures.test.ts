import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, defaultPolicy, diff, readSurface, rules } from '../src/index.js';
import { fixtureNames, fixturesRoot as root } from './fixture-names.js';

// The fixtures are the specification: each folder holds an old and a new release and the hand-written
// verdict. Every fixture also diffs each side against itself, which must report nothing.
interface Expected {
  bump: string;
  findings: Array<{ rule: string; path: string; bump: string }>;
}

/** Rules that declare why no consumer code can show their findings. */
const impossible = new Set(rules.filter((rule) => rule.witness === 'impossible').map((rule) => rule.id));

const key = (f: { rule: string; path: string; bump: string }) => `${f.bump} ${f.rule} ${f.path}`;

describe('fixtures', () => {
  const majors = { verified: 0, total: 0, fixtures: 0 };
  // README states this share; it must stay true as fixtures are added (checked when every fixture ran).
  afterAll(() => {
    if (majors.fixtures !== fixtureNames().length) return;
    const readme = readFileSync(path.join(root, '..', 'README.md'), 'utf8');
    expect(readme).toContain(`**${majors.verified} of ${majors.total} major findings`);
  });

  for (const name of fixtureNames()) {
    it(name, async () => {
      const dir = path.join(root, name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      const [old, next] = [await readSurface(path.join(dir, 'old')), await readSurface(path.join(dir, 'new'))];
      expect(analyze(old, old).findings.map(key)).toEqual([]);
      expect(analyze(next, next).findings.map(key)).toEqual([]);
      // The verdict is diff's: it also analyses the other resolutions consumers use (a `.d.cts`, node10's `types`).
      const verified = await diff(path.join(dir, 'old'), path.join(dir, 'new'), { verify: true, surfaceCache: false, policy: defaultPolicy });
      expect({ bump: verified.bump, findings: verified.findings.map(key).sort() }).toEqual({
        bump: expected.bump,
        findings: expected.findings.map(key).sort(),
      });

      // Every breaking finding is proven by consumer code, except where its rule says no code can prove it.
      const outcomes = verified.findings
        .filter((f) => f.bump === 'major')
        .map((f) => `${key(f)}: ${f.witness?.status === 'verified' || impossible.has(f.rule) ? 'ok' : `${f.witness?.status} (${f.witness?.reason})`}`);
      expect(outcomes).toEqual(outcomes.map((o) => o.replace(/: .*$/, ': ok')));
      // What a minor finding says became possible must be: code that compiles against the new release only.
      const possible = verified.findings.filter((f) => f.witness?.possible).map((f) => `${key(f)}: ${f.witness!.status} ${f.witness!.reason ?? ''}`.trim());
      expect(possible).toEqual(possible.map((p) => p.replace(/: .*$/, ': verified')));
      const major = verified.findings.filter((f) => f.bump === 'major');
      majors.total += major.length;
      majors.verified += major.filter((f) => f.witness?.status === 'verified').length;
      majors.fixtures++;
    });
  }
});
