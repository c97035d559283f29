import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, defaultPolicy, diff, readSurface, rules, type DiffReport } from '../src/index.js';
import { renderGithub } from '../src/reporters/github.js';
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

/**
 * Beside expected.json (the verdict, written by hand) each fixture has snapshot.json: everything a reader sees of
 * its findings (messages, data, signatures, locations, policy notes; witnesses are asserted below), reviewed
 * when written. `npm run snapshots` (UPDATE_SNAPSHOTS=1) writes them; a missing one fails.
 */
const SNAPSHOT = 'snapshot.json';
const updating = process.env['UPDATE_SNAPSHOTS'] === '1';

function snapshotOf(report: DiffReport): string {
  const findings = report.findings.map(({ witness: _witness, ...finding }) => finding);
  return JSON.stringify({ bump: report.bump, ...(report.notes ? { notes: report.notes } : {}), findings }, null, 2) + '\n';
}

/** How the model encodes what a reader must never see: positional type parameters, member-name-only objects, elisions. */
const ENCODINGS = [/@\d+\.\d+/, /#\d/, /\{ \(\)/, /\{ {2}\}/, /…/, /\bconst-enum\b/, /"\/pkg\//];

/** What a reader of this report would find unreadable: internal encodings in any text, and findings placed nowhere. */
function unreadable(report: DiffReport): string[] {
  const problems: string[] = [];
  for (const f of report.findings) {
    const texts = [f.message, ...Object.values(f.data ?? {}).flat(), f.old?.signature, f.new?.signature];
    for (const text of texts) if (text !== undefined && ENCODINGS.some((e) => e.test(text))) problems.push(`${key(f)}: ${text}`);
    for (const side of [f.old, f.new]) if (side && (side.file === '' || side.line < 1)) problems.push(`${key(f)}: placed at ${side.file}:${side.line}`);
    if (!f.old && !f.new) problems.push(`${key(f)}: placed nowhere`);
  }
  for (const line of renderGithub(report).split('\n')) if (ENCODINGS.some((e) => e.test(line))) problems.push(line);
  return problems;
}

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
      // A witness below major that shows no new possibility settled its finding: the model had left it undecided,
      // and the compiler's answer (the witness compiling against the new release too) gave it its bump.
      const settled = verified.findings.filter((f) => f.bump !== 'major' && f.witness && !f.witness.possible).map((f) => `${key(f)}: ${f.witness!.status}${f.undecided ? ' undecided' : ''}`);
      expect(settled).toEqual(settled.map((s) => s.replace(/: .*$/, ': refuted')));
      // What a minor finding says became possible must be: code that compiles against the new release only.
      const possible = verified.findings.filter((f) => f.witness?.possible).map((f) => `${key(f)}: ${f.witness!.status} ${f.witness!.reason ?? ''}`.trim());
      expect(possible).toEqual(possible.map((p) => p.replace(/: .*$/, ': verified')));
      expect(unreadable(verified)).toEqual([]);
      const snapshot = path.join(dir, SNAPSHOT);
      if (updating) writeFileSync(snapshot, snapshotOf(verified));
      else if (!existsSync(snapshot)) expect.fail(`fixtures/${name}/${SNAPSHOT} is missing: write it with \`npm run snapshots -- -t ${name}\` and review it`);
      else expect(snapshotOf(verified)).toBe(readFileSync(snapshot, 'utf8'));
      const major = verified.findings.filter((f) => f.bump === 'major');
      majors.total += major.length;
      majors.verified += major.filter((f) => f.witness?.status === 'verified').length;
      majors.fixtures++;
    });
  }
});
