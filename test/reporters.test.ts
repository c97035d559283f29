import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { rules as catalog } from '../src/index.js';
import type { DiffReport } from '../src/engine/diff-report.js';
import type { Finding } from '../src/engine/findings.js';
import { renderGithub, renderGithubSummary } from '../src/reporters/github.js';
import { renderMarkdown } from '../src/reporters/markdown.js';
import { renderSarif, type SarifRule } from '../src/reporters/sarif.js';
import { renderText } from '../src/reporters/text.js';

// The golden files are written and reviewed by hand: a change to any format must show up as a diff of them,
// never be re-recorded blindly.
const golden = (name: string) => readFileSync(path.join(import.meta.dirname, 'golden', name), 'utf8');

/** One of each kind of finding a reporter must render: sorted by path, then rule, as the engine sorts them. */
const full: DiffReport = {
  schemaVersion: 1,
  bump: 'major',
  findings: [
    {
      rule: 'type-alias-changed',
      bump: 'major',
      path: 'Flags',
      message: 'type alias Flags changed: { [K in Keys]: boolean } → `flag-${Keys}` | boolean',
      data: { old: '{ [K in Keys]: boolean }', new: '`flag-${Keys}` | boolean' },
      old: { file: 'index.d.ts', line: 8, signature: 'type Flags = { [K in Keys]: boolean }' },
      new: { file: 'index.d.ts', line: 9, signature: 'type Flags = `flag-${Keys}` | boolean' },
      undecided: true,
      undecidedReason: 'conditional, mapped and indexed-access types are compared only as the checker prints them',
    },
    {
      rule: 'member-removed',
      bump: 'minor',
      path: 'Widget.render',
      message: 'Widget.render was removed',
      old: { file: 'lib/widget.d.ts', line: 4, signature: 'render(): void' },
      stability: 'beta',
    },
    {
      rule: 'deprecated-added',
      bump: 'patch',
      path: 'greet',
      message: 'greet is now deprecated',
      old: { file: 'index.d.ts', line: 12, signature: 'function greet(name: string): string' },
      new: { file: 'index.d.ts', line: 14, signature: 'function greet(name: string): string' },
    },
    {
      rule: 'export-removed',
      bump: 'major',
      path: 'legacyHelper',
      message: 'legacyHelper is no longer exported',
      old: { file: 'lib/legacy.d.ts', line: 2, signature: 'function legacyHelper(): void' },
      accepted: 'removed by agreement in #123',
    },
    {
      rule: 'export-removed',
      bump: 'major',
      path: 'parse',
      message: 'parse is no longer exported',
      old: { file: 'index.d.ts', line: 3, signature: 'function parse(text: string): Ast' },
      resolutions: ['require'],
    },
    {
      rule: 'param-type-widened',
      bump: 'minor',
      path: 'shout(text)',
      message: 'the type of parameter shout(text) widened: string → string | number',
      data: { old: 'string', new: 'string | number' },
      old: { file: 'index.d.ts', line: 19, signature: '(text: string): string' },
      new: { file: 'index.d.ts', line: 24, signature: '(text: string | number): string' },
    },
  ],
  versions: { old: '1.4.0', new: '1.5.0', required: 'major', next: '2.0.0', ok: false, reason: 'a major change needs 2.0.0 or later, not 1.5.0' },
};

const empty: DiffReport = { schemaVersion: 1, bump: 'patch', findings: [] };

const rules: SarifRule[] = [
  { id: 'deprecated-added', title: 'Deprecated', description: '`@deprecated` was added to an export or member.', bump: 'minor' },
  { id: 'export-added', title: 'Export added', description: 'A new exported name.', bump: 'minor' },
  { id: 'export-removed', title: 'Export removed', description: 'An exported name is gone.', bump: 'major', docs: 'https://www.npmjs.com/package/api-semver#rule-export-removed' },
  { id: 'member-removed', title: 'Member removed', description: 'A member of a class or interface is gone.', bump: 'major' },
  { id: 'param-type-widened', title: 'Type of a parameter widened', description: 'The type of a parameter accepts every old value and more.', bump: 'minor' },
  { id: 'type-alias-changed', title: 'Type of a type alias changed', description: 'The type of a type alias was replaced by an unrelated type.', bump: 'major' },
];

const report = (findings: Finding[]): DiffReport => ({ schemaVersion: 1, bump: 'major', findings });
const finding = (over: Partial<Finding>): Finding => ({
  rule: 'export-removed',
  bump: 'major',
  path: 'x',
  message: 'x is no longer exported',
  old: { file: 'index.d.ts', line: 1, signature: 'const x: number' },
  ...over,
});

describe('markdown', () => {
  it.each([
    ['full', full],
    ['empty', empty],
  ])('renders the %s report exactly', (name, input) => {
    expect(renderMarkdown(input)).toBe(golden(`markdown-${name}.md`));
  });

  it('starts with the sticky-comment marker and a verdict line readable alone', () => {
    const lines = renderMarkdown(full).split('\n');
    expect(lines[0]).toBe('<!-- api-semver -->');
    expect(lines[1]).toBe('Requires **major** (declared 1.5.0, needs 2.0.0) ❌');
    expect(renderMarkdown({ ...full, versions: { ...full.versions!, new: '2.0.0', ok: true } }).split('\n')[1]).toBe(
      'Requires **major** (declared 2.0.0, needs 2.0.0) ✅',
    );
    expect(renderMarkdown({ ...full, bump: 'minor', versions: undefined }).split('\n')[1]).toBe('Requires **minor**');
    // Accepted findings do not count: a report with nothing else has no API changes to pay for.
    const onlyAccepted = { ...empty, findings: [finding({ accepted: 'agreed' })] };
    expect(renderMarkdown(onlyAccepted).split('\n')[1]).toBe('No API changes');
  });

  it('escapes pipes and backticks in table cells, and keeps the row to its three cells', () => {
    const md = renderMarkdown(report([finding({ path: 'a`b|c', message: 'x | y `z` *w* <T> @alpha a@b.c', old: undefined })]));
    const row = md.split('\n').find((line) => line.startsWith('| ``a`b'))!;
    expect(row).toBe('| ``a`b\\|c`` | `export-removed` | x \\| y \\`z\\` \\*w\\* \\<T\\> `@alpha` a@b.c |');
    // Three cells: every unescaped pipe is a cell boundary.
    expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });

  it('pads a code span whose content touches a backtick, and keeps newlines out of cells', () => {
    const md = renderMarkdown(report([finding({ path: '`x`', message: 'one\ntwo' })]));
    expect(md).toContain('| `` `x` `` | `export-removed` | one two |');
  });

  it('fences a signature containing backticks with a longer fence', () => {
    const md = renderMarkdown(report([finding({ old: { file: 'a.d.ts', line: 1, signature: 'type T = ```' } })]));
    expect(md).toContain('````diff\n- type T = ```\n````');
  });

  it('is what the GitHub step summary shows', () => {
    expect(renderGithubSummary(full)).toBe(renderMarkdown(full));
  });
});

describe('github', () => {
  it.each([
    ['full', full],
    ['empty', empty],
  ])('renders the %s report exactly', (name, input) => {
    expect(renderGithub(input, {})).toBe(golden(`github-${name}.txt`));
  });

  it('raises every level with a lower failOn', () => {
    const levels = (failOn: 'major' | 'minor' | 'patch') =>
      renderGithub(full, { failOn })
        .trimEnd()
        .split('\n')
        .map((line) => line.slice(2, line.indexOf(' ')));
    // Report order: Flags (major), Widget.render (minor), greet (patch), legacyHelper (accepted), parse (major), shout(text) (minor).
    expect(levels('major')).toEqual(['error', 'warning', 'notice', 'notice', 'error', 'warning']);
    expect(levels('minor')).toEqual(['error', 'error', 'warning', 'notice', 'error', 'error']);
    expect(levels('patch')).toEqual(['error', 'error', 'error', 'notice', 'error', 'error']);
  });

  it('escapes data and properties the way the runner parses them', () => {
    const out = renderGithub(
      report([finding({ path: 'a:b', message: '100% sure,\r\nreally: yes', old: { file: 'we,ird:name.d.ts', line: 7 } })]),
      { pathPrefix: 'pkgs/a%b' },
    );
    expect(out).toBe('::error file=pkgs/a%25b/we%2Cird%3Aname.d.ts,line=7,title=export-removed (major)::100%25 sure,%0D%0Areally: yes\n');
  });

  it('points at the new side, the old side for removals, and nowhere when neither has a file', () => {
    const changed = finding({ new: { file: 'new.d.ts', line: 5 } });
    expect(renderGithub(report([changed]), {})).toMatch(/^::error file=new\.d\.ts,line=5,title=/);
    expect(renderGithub(report([finding({})]), {})).toMatch(/^::error file=index\.d\.ts,line=1,title=/);
    const unknown = finding({ old: { file: '', line: 0, signature: 'x' } });
    expect(renderGithub(report([unknown]), {})).toBe('::error title=export-removed (major)::x is no longer exported\n');
  });

  it('prepends pathPrefix once, whatever its slashes', () => {
    for (const pathPrefix of ['packages/greeter', 'packages/greeter/', './packages/greeter', 'packages\\greeter']) {
      expect(renderGithub(report([finding({})]), { pathPrefix })).toMatch(/^::error file=packages\/greeter\/index\.d\.ts,line=1,/);
    }
    expect(renderGithub(report([finding({})]), { pathPrefix: '.' })).toMatch(/^::error file=index\.d\.ts,/);
  });
});

describe('sarif', () => {
  it.each([
    ['full', full],
    ['empty', empty],
  ])('renders the %s report exactly', (name, input) => {
    expect(renderSarif(input, rules, { toolVersion: '0.1.0' })).toBe(golden(`sarif-${name}.sarif.json`));
  });

  /** The parts of the SARIF 2.1.0 schema that code-scanning uploads reject when missing or wrong. */
  function expectValidSarif(text: string): Log {
    const log = JSON.parse(text) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    for (const run of log.runs) {
      expect(run.tool.driver.name).toBe('api-semver');
      const ids = (run.tool.driver.rules ?? []).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Array.isArray(run.results)).toBe(true);
      for (const result of run.results ?? []) {
        expect(typeof result.message.text).toBe('string');
        expect(result.message.text!.length).toBeGreaterThan(0);
        expect(ids).toContain(result.ruleId);
        if (result.ruleIndex !== undefined) expect(ids[result.ruleIndex]).toBe(result.ruleId);
        expect(['error', 'warning', 'note']).toContain(result.level);
        expect(result.locations?.length).toBeGreaterThanOrEqual(1);
        for (const location of result.locations ?? []) {
          const physical = location.physicalLocation!;
          expect(typeof physical.artifactLocation?.uri).toBe('string');
          expect(physical.artifactLocation!.uri).not.toMatch(/[\s#?]/);
          expect(Number.isInteger(physical.region?.startLine)).toBe(true);
          expect(physical.region!.startLine).toBeGreaterThanOrEqual(1);
          if (physical.artifactLocation!.uriBaseId !== undefined) {
            expect(Object.keys(run.originalUriBaseIds ?? {})).toContain(physical.artifactLocation!.uriBaseId);
          }
        }
        for (const suppression of result.suppressions ?? []) {
          expect(suppression.kind).toBe('external');
          expect(suppression.justification).toBeTruthy();
        }
      }
    }
    return log;
  }

  it('has the shape the SARIF 2.1.0 schema requires, with the real catalog', () => {
    const log = expectValidSarif(renderSarif(full, catalog, { toolVersion: '0.1.0' }));
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(catalog.length);
    expectValidSarif(renderSarif(empty, catalog, { toolVersion: '0.1.0' }));
  });

  it('maps bumps to levels and accepted findings to external suppressions', () => {
    const log = expectValidSarif(renderSarif(full, rules, { toolVersion: '0.1.0' }));
    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((r) => r.defaultConfiguration?.level)).toEqual(['warning', 'warning', 'error', 'error', 'warning', 'error']);
    expect(run.results!.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'error', 'error', 'warning']);
    expect(run.results!.filter((r) => r.suppressions).map((r) => [r.message.text, r.suppressions])).toEqual([
      ['legacyHelper is no longer exported', [{ kind: 'external', justification: 'removed by agreement in #123' }]],
    ]);
  });

  it('links every catalog rule to its anchored row of the README rule table (helpUri)', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const log = expectValidSarif(renderSarif(full, catalog, { toolVersion: '0.1.0' }));
    for (const rule of log.runs[0]!.tool.driver.rules!) {
      expect(rule.helpUri).toBe(`https://www.npmjs.com/package/api-semver#rule-${rule.id}`);
      expect(readme).toContain(`<a id="rule-${rule.id}"></a>`);
    }
  });

  it('drops the uri base and prefixes paths when pathPrefix is given, and percent-encodes file names', () => {
    const out = renderSarif(report([finding({ old: { file: 'a b/#1.d.ts', line: 2 } })]), rules, { toolVersion: '1.0.0', pathPrefix: 'packages/@scope/x/' });
    const log = expectValidSarif(out);
    expect(log.runs[0]!.originalUriBaseIds).toBeUndefined();
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'packages/@scope/x/a%20b/%231.d.ts' });
  });

  it('omits the ruleIndex of a rule missing from the list instead of pointing at another rule', () => {
    const log = JSON.parse(renderSarif(report([finding({ rule: 'not-in-list' })]), rules, { toolVersion: '0.1.0' })) as Log;
    const result = log.runs[0]!.results![0]!;
    expect(result.ruleId).toBe('not-in-list');
    expect(result.ruleIndex).toBeUndefined();
  });
});

describe('witnesses in reports', () => {
  const witnessed: DiffReport = {
    schemaVersion: 1,
    bump: 'major',
    findings: [
      {
        rule: 'member-removed',
        bump: 'major',
        path: 'User.email',
        message: 'User.email was removed',
        witness: {
          status: 'verified',
          code: 'import * as $0 from "pkg";\n\nexport function witness(self: $0.User): void {\n  const r: string = self.email;\n}\n',
          error: { line: 4, column: 26, message: "Property 'email' does not exist on type 'User'." },
        },
      },
      {
        rule: 'param-type-changed',
        bump: 'major',
        path: 'add(date)',
        message: 'a parameter type changed',
        witness: { status: 'refuted', code: 'import * as $0 from "pkg";\n', reason: 'the witness compiles against the new release too: the finding is wrong' },
      },
    ],
  };

  it('markdown marks each finding and puts the code in one collapsible block', () => {
    const markdown = renderMarkdown(witnessed);
    expect(markdown).toContain('witnesses: 1 verified, 1 refuted');
    expect(markdown).toContain('| `User.email` | `member-removed` | ✅ verified User.email was removed |');
    expect(markdown).toContain('⚠️ **refuted**');
    expect(markdown).toMatch(/<details><summary>Witnesses: [^<]*<\/summary>\n\n`User\.email` · `member-removed` · verified: against the new release, 4:26 Property 'email' does not exist on type 'User'\.\n\n```ts\nimport \* as \$0 from "pkg";/);
  });

  // A refuted witness on a finding below major is there only because it settled an undecided finding (the compiler
  // related both sides): evidence for the lower bump, not a false alarm, so no report flags it as one.
  const settledReport: DiffReport = {
    schemaVersion: 1,
    bump: 'patch',
    findings: [
      {
        rule: 'type-alias-changed',
        bump: 'patch',
        path: 'KeyMap',
        message: 'type alias KeyMap changed',
        witness: { status: 'refuted', code: 'import * as $0 from "pkg";\n', reason: 'the checker relates the new type and the old definition both ways' },
      },
    ],
  };

  it('names a refuted witness that settled its finding below major "settled", in every format', () => {
    const markdown = renderMarkdown(settledReport);
    expect(markdown).toContain('witnesses: 1 settled');
    expect(markdown).toContain('| `KeyMap` | `type-alias-changed` | **settled** by the compiler: type alias KeyMap changed |');
    expect(markdown).not.toContain('refuted');
    const text = renderText(settledReport, { color: false });
    expect(text).toContain('witness settled: the checker relates the new type and the old definition both ways');
    expect(text).not.toContain('refuted');
  });
});


describe('one verdict in every format (issue 14)', () => {
  const verdictArb = fc.record({
    ok: fc.boolean(),
    by: fc.constantFrom('version' as const, 'changesets' as const, 'report' as const),
    reason: fc.string({ maxLength: 40 }),
  });
  const findingArb = fc.record({
    bump: fc.constantFrom('major' as const, 'minor' as const, 'patch' as const),
    accepted: fc.option(fc.constant('agreed'), { nil: undefined }),
    located: fc.boolean(),
  });
  const reportArb = fc.record({ verdict: verdictArb, findings: fc.array(findingArb, { maxLength: 6 }) }).map(
    ({ verdict, findings }): DiffReport => ({
      schemaVersion: 1,
      bump: findings.some((f) => f.bump === 'major') ? 'major' : findings.some((f) => f.bump === 'minor') ? 'minor' : 'patch',
      verdict,
      versions: { old: '1.0.0', new: '1.0.0', required: 'major', next: '2.0.0', ok: verdict.ok, reason: verdict.reason },
      findings: findings.map((f, i): Finding => ({
        rule: 'export-removed',
        bump: f.bump,
        path: `x${i}`,
        message: 'changed',
        ...(f.located ? { new: { file: 'index.d.ts', line: i + 1 } } : {}),
        ...(f.accepted ? { accepted: f.accepted } : {}),
      })),
    }),
  );

  it('github, SARIF and markdown agree with the verdict on pass or fail, and every SARIF result has a file', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const ok = report.verdict!.ok;
        const github = renderGithub(report).split('\n');
        // A failing check says why first; a passing one has no error anywhere.
        if (ok) expect(github.some((line) => line.startsWith('::error'))).toBe(false);
        else expect(github[0]).toMatch(/^::error title=api-semver%3A /);
        const results = (JSON.parse(renderSarif(report, catalog, { toolVersion: '0' })) as Log).runs[0]!.results!;
        expect(results.filter((r) => r.ruleId === 'api-semver-check')).toHaveLength(ok ? 0 : 1);
        if (ok) expect(results.some((r) => r.level === 'error' && r.suppressions === undefined)).toBe(false);
        expect(results.every((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toBe(true);
        expect(renderMarkdown(report).split('\n')[1]!.endsWith(ok ? '✅' : '❌')).toBe(true);
      }),
    );
  });
});
