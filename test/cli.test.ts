import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useColor } from '../src/cli/main.js';
import { tempDir } from './temp-dir.js';

// The CLI as users run it: the built bin (npm test builds first), exit codes and streams.
const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'bin/api-semver.js');
const run = promisify(execFile);

async function cli(args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}


const example = ['examples/greeter/v1', 'examples/greeter/v2'];

describe('api-semver diff', () => {
  it('prints the verdict grouped by bump, without colour when not a TTY', async () => {
    const { code, stdout, stderr } = await cli(['diff', ...example]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Required bump: major \(6 changes\)\n/);
    expect(stdout).toContain('\nmajor (1)\n  Volume.Loud  [enum-member-added]');
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints the JSON contract', async () => {
    const { code, stdout } = await cli(['diff', ...example, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.bump).toBe('major');
    expect(report.findings[0]).toMatchObject({ rule: expect.any(String), bump: expect.any(String), path: expect.any(String), message: expect.any(String) });
    expect(report.findings.find((f: { rule: string }) => f.rule === 'param-type-widened')).toMatchObject({
      path: 'shout(text)',
      old: { file: 'index.d.ts', line: 19 },
      new: { file: 'index.d.ts', line: 24 },
    });
  });

  it('is deterministic: the same inputs give byte-identical output', async () => {
    const [a, b] = await Promise.all([cli(['diff', ...example, '--format', 'json']), cli(['diff', ...example, '--format', 'json'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it.each([
    ['major', 1],
    ['minor', 1],
    ['patch', 1],
  ])('--fail-on %s exits %i when the bump reaches it', async (level, expected) => {
    expect((await cli(['diff', ...example, '--fail-on', level])).code).toBe(expected);
  });

  it('--fail-on major exits 0 for a minor change', async () => {
    const dir = 'fixtures/export-added';
    expect((await cli(['diff', `${dir}/old`, `${dir}/new`, '--fail-on', 'major'])).code).toBe(0);
  });

  it('--fail-on patch exits 0 when nothing changed', async () => {
    expect((await cli(['diff', example[0]!, example[0]!, '--fail-on', 'patch'])).code).toBe(0);
  });
});

describe('bad input: one line naming the file, exit 2, no stack trace', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing path', () => ['diff', 'no/such/dir', example[1]!], /^api-semver: no\/such\/dir: path does not exist\n$/],
    [
      'a .d.ts with a syntax error',
      () => {
        const dir = tempDir({ 'index.d.ts': 'export declare function f(: string): void;\n' });
        return ['diff', path.join(dir, 'index.d.ts'), example[1]!];
      },
      /index\.d\.ts:1: .+\n$/,
    ],
    [
      'two releases without types',
      () => ['diff', tempDir({ 'package.json': '{"name":"x","version":"1.0.0"}' }), tempDir({ 'package.json': '{"name":"x","version":"2.0.0"}' })],
      /^api-semver: neither release ships type declarations/,
    ],
    [
      'an entry that resolves nowhere',
      () => ['diff', tempDir({ 'package.json': '{"name":"x","types":"./dist/index.d.ts"}' }), example[1]!],
      /package\.json: types → \.\/dist\/index\.d\.ts: file not found/,
    ],
    ['an unknown command', () => ['frobnicate'], /^api-semver: /],
    ['a bad --format', () => ['diff', ...example, '--format', 'xml'], /^api-semver: .*format/s],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await cli(args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('api-semver rules', () => {
  it('lists every rule with its default bump and witness coverage', async () => {
    const { code, stdout } = await cli(['rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^abstract-member-added\s+major\s+witness\s+/m);
    expect(stdout).toMatch(/^stability-reduced\s+major\s+none\s+/m);
    expect(stdout).toMatch(/^export-added\s+minor\s+/m);
    expect(stdout).toMatch(/^\d+ of \d+ rules that can report a major bump have a witness builder/m);
  });

  it('says in JSON why a rule has no witness', async () => {
    const rules = JSON.parse((await cli(['rules', '--format', 'json'])).stdout) as Array<{ id: string; witness?: string; witnessImpossible?: string }>;
    expect(rules.find((r) => r.id === 'member-removed')).toMatchObject({ witness: 'builder' });
    expect(rules.find((r) => r.id === 'stability-reduced')).toMatchObject({ witness: 'impossible', witnessImpossible: expect.stringContaining('no consumer code') });
  });
});

describe('witnesses', () => {
  it('diff --verify proves the major finding with code that fails against the new release', async () => {
    const { code, stdout } = await cli(['diff', ...example, '--verify', '--format', 'json']);
    expect(code).toBe(0);
    const major = JSON.parse(stdout).findings.find((f: { rule: string }) => f.rule === 'enum-member-added');
    expect(major.witness).toMatchObject({ status: 'verified', code: expect.stringContaining('import * as $0 from "greeter";'), error: { line: expect.any(Number) } });
  });

  it('diff does not verify unless asked; check does unless told not to', async () => {
    const findings = async (args: string[]) => JSON.parse((await cli([...args, '--format', 'json'])).stdout).findings as Array<{ witness?: unknown }>;
    expect((await findings(['diff', ...example])).some((f) => f.witness)).toBe(false);
    expect((await findings(['check', ...example])).some((f) => f.witness)).toBe(true);
    expect((await findings(['check', ...example, '--no-verify'])).some((f) => f.witness)).toBe(false);
  });

  it('the text report shows the witness under its finding', async () => {
    const { stdout } = await cli(['check', ...example]);
    expect(stdout).toContain('Witnesses: 1 verified');
    expect(stdout).toMatch(/Volume\.Loud {2}\[enum-member-added\][\s\S]*witness verified: against the new release, \d+:\d+ /);
    expect(stdout).toContain('      │ import * as $0 from "greeter";');
  });
});

describe('api-semver check and next', () => {
  it('check exits 1 when the declared version is not enough, and says what is needed', async () => {
    const { code, stdout } = await cli(['check', ...example]);
    expect(code).toBe(1);
    expect(stdout).toContain('Version: 1.4.0 → 1.5.0: not enough (a major change needs 2.0.0 or later, not 1.5.0)');
  });

  it('check exits 0 when the version is enough, with versions in the JSON', async () => {
    const { code, stdout } = await cli(['check', ...example, '--new-version', '2.0.0', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).versions).toEqual({
      old: '1.4.0',
      new: '2.0.0',
      required: 'major',
      next: '2.0.0',
      ok: true,
      reason: '2.0.0 is enough for a major change (smallest valid: 2.0.0)',
    });
  });

  it('check exits 1 when the version does not increase', async () => {
    const { code, stdout } = await cli(['check', ...example, '--new-version', '1.3.0']);
    expect(code).toBe(1);
    expect(stdout).toContain('versions must increase');
  });

  it('check with --baseline-line exits 2 when the baseline is on another major line', async () => {
    const { code, stderr } = await cli(['check', ...example, '--new-version', '2.0.1', '--baseline-line']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/baseline 1\.4\.0 is not on the 2\.x line/);
  });

  it('check exits 2 for an invalid version', async () => {
    const { code, stderr } = await cli(['check', ...example, '--old-version', 'one']);
    expect(code).toBe(2);
    expect(stderr).toBe('api-semver: --old-version: "one" is not a valid semantic version\n');
  });

  it('next prints only the smallest valid version', async () => {
    expect(await cli(['next', ...example])).toMatchObject({ code: 0, stdout: '2.0.0\n' });
    expect(await cli(['next', ...example, '--old-version', '0.4.1'])).toMatchObject({ code: 0, stdout: '0.5.0\n' });
  });

  it('a bad policy file exits 2 naming the file and the key', async () => {
    const dir = tempDir({ 'policy.json': '{"additions":"sometimes"}' });
    const { code, stderr } = await cli(['check', ...example, '--config', path.join(dir, 'policy.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/policy\.json: additions: must be one of "minor", "patch"\n$/);
  });
});

describe('api-semver report', () => {
  it('writes a report that serves as a baseline: X against its own report reports nothing', async () => {
    const dir = tempDir({});
    const file = path.join(dir, 'greeter.api.md');
    expect((await cli(['report', example[0]!, '-o', file])).code).toBe(0);
    const same = await cli(['diff', file, example[0]!, '--format', 'json']);
    expect(JSON.parse(same.stdout)).toEqual({ schemaVersion: 1, bump: 'patch', findings: [] });
    const changed = await cli(['diff', file, example[1]!, '--format', 'json']);
    expect(JSON.parse(changed.stdout).bump).toBe('major');
  });

  it('is stable across runs and starts with a readable header', async () => {
    const [a, b] = await Promise.all([cli(['report', example[0]!]), cli(['report', example[0]!])]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^# API report: greeter 1\.4\.0\n/);
    expect(a.stdout).toContain('```ts\nexport function greet(options: GreetOptions): Greeting\n```');
  });

  it('check --report fails on an out-of-date report with its diff, and --update-report rewrites it', async () => {
    const dir = tempDir({});
    const file = path.join(dir, 'greeter.api.md');
    await cli(['report', example[0]!, '-o', file]);
    const stale = await cli(['check', ...example, '--new-version', '2.0.0', '--report', file]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`API report ${file} is out of date`);
    expect(stale.stdout).toMatch(/^\+ {2}Loud = 2$/m);
    const updated = await cli(['check', ...example, '--new-version', '2.0.0', '--report', file, '--update-report']);
    expect(updated.code).toBe(0);
    expect((await cli(['check', ...example, '--new-version', '2.0.0', '--report', file])).code).toBe(0);
  });

  it('refuses a markdown file that is not a report', async () => {
    const dir = tempDir({ 'notes.api.md': '# just notes\n' });
    const { code, stderr } = await cli(['diff', path.join(dir, 'notes.api.md'), example[1]!]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not an api-semver API report/);
  });

  it('refuses a report written before surface schema versions with exit 2 and the command that regenerates it', async () => {
    const dir = tempDir({ 'old.api.md': '# API report: greeter\n\n```json api-semver-surface\n{"header":{},"surface":{"entries":[],"items":{}}}\n```\n' });
    const file = path.join(dir, 'old.api.md');
    const { code, stderr } = await cli(['diff', file, example[1]!]);
    expect(code).toBe(2);
    expect(stderr).toBe(`api-semver: ${file}: written by an older api-semver (surface schema 1; this one reads 2): regenerate it with \`api-semver report -o ${file}\`\n`);
  });
});

describe('api-semver check --changesets', () => {
  const changeset = (bump: string) => `---\n"greeter": ${bump}\n"other-package": major\n---\n\nGreet louder.\n`;
  it.each([
    ['minor', 1, /Changesets: not enough \(\.changeset\/loud\.md declare minor, but the changes need major: declare "greeter": major\)/],
    ['major', 0, /Changesets: ok \(\.changeset\/loud\.md declare major, enough for major\)/],
  ])('a changeset declaring %s exits %i', async (bump, code, message) => {
    const dir = tempDir({ '.changeset/loud.md': changeset(bump), '.changeset/README.md': '# Changesets\n' });
    const result = await cli(['check', path.join(repo, example[0]!), path.join(repo, example[1]!), '--changesets', '.changeset'], dir);
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(message);
  });

  it('fails when no changeset names the package, saying what to declare', async () => {
    const dir = tempDir({ '.changeset/other.md': '---\n"other-package": patch\n---\n' });
    const result = await cli(['check', path.join(repo, example[0]!), path.join(repo, example[1]!), '--changesets', '.changeset'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no changeset declares a bump for greeter: add one declaring "greeter": major');
  });
});

describe('CLI conventions', () => {
  const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;

  it.each([['--version'], ['-V']])('%s prints the version', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([['-h'], ['--help'], ['help']])('%s prints the usage with every command', async (flag) => {
    const { code, stdout } = await cli([flag]);
    expect(code).toBe(0);
    for (const command of ['diff', 'check', 'merge', 'next', 'report', 'rules']) expect(stdout).toContain(`api-semver ${command}`);
  });

  it.each(['diff', 'check', 'merge', 'next', 'report', 'rules'])('%s -h, --help and help %s print its help, without complaining about its arguments', async (command) => {
    const [short, long, help] = await Promise.all([cli([command, '-h']), cli([command, '--help']), cli(['help', command])]);
    expect(short.code).toBe(0);
    expect(short.stderr).toBe('');
    expect(short.stdout).toMatch(new RegExp(`^api-semver ${command}\\b`));
    expect(long).toEqual(short);
    expect(help).toEqual(short);
  });

  it('suggests the command meant by a mistyped one', async () => {
    const { code, stderr } = await cli(['dif', 'a', 'b']);
    expect(code).toBe(2);
    expect(stderr).toBe("api-semver: unknown command dif: did you mean diff?\nRun 'api-semver --help' for usage.\n");
  });

  it("names an unknown option once, suggests the command's option meant, and points to the command's help", async () => {
    const check = await cli(['check', '--fail-on', 'minor']);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe("api-semver: unknown option --fail-on for check\nRun 'api-semver check --help' for usage.\n");
    const diff = await cli(['diff', ...example, '--failon', 'major']);
    expect(diff.stderr).toBe("api-semver: unknown option --failon for diff; did you mean --fail-on?\nRun 'api-semver diff --help' for usage.\n");
  });

  it('names the missing argument', async () => {
    const { code, stderr } = await cli(['diff', 'git:v1.0.0']);
    expect(code).toBe(2);
    expect(stderr).toBe("api-semver: missing argument <new>\nRun 'api-semver diff --help' for usage.\n");
    expect((await cli(['diff'])).stderr).toMatch(/^api-semver: missing arguments <old> <new>\n/);
  });

  it.each(['report', 'next'])('%s refuses --format, which does not apply to it', async (command) => {
    const { code, stdout, stderr } = await cli([command, 'examples/greeter/v2', '--format', 'json', '--quiet']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`api-semver: unknown option --format for ${command}\nRun 'api-semver ${command} --help' for usage.\n`);
  });

  it('refuses --format without a value instead of falling back to text', async () => {
    const { code, stdout, stderr } = await cli(['diff', ...example, '--format']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("api-semver: option --format needs a value\nRun 'api-semver diff --help' for usage.\n");
  });

  it('exits quietly when the reader closes the pipe (| head)', async () => {
    const child = spawn(process.execPath, [bin, 'rules'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('report -o creates the folders of the file it writes', async () => {
    const dir = tempDir({});
    const file = path.join(dir, 'api', 'nested', 'greeter.api.md');
    const { code, stderr } = await cli(['report', path.join(repo, 'examples/greeter/v2'), '-o', file, '--quiet'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('greeter');
  });

  it('an unusable $GITHUB_STEP_SUMMARY is a warning, and the annotations and exit code still count', async () => {
    const { code, stdout } = await cli(['diff', ...example, '--format', 'github', '--fail-on', 'major', '--quiet'], repo, { GITHUB_STEP_SUMMARY: tempDir({}) });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::warning::api-semver: could not write the job summary /m);
    expect(stdout).toContain('::error file=index.d.ts,line=5,title=enum-member-added (major)');
  });

  it('reads NO_COLOR and FORCE_COLOR as no-color.org and Node do', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true); // an empty NO_COLOR does not count
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true); // FORCE_COLOR wins, as in Node
  });

  it('FORCE_COLOR colours the text report when stdout is not a terminal', async () => {
    const { stdout } = await cli(['diff', ...example, '--quiet'], repo, { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(stdout).toContain('\u001b[');
  });
});
