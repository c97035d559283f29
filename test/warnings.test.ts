import { execFile } from 'node:child_process';
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, diff } from '../src/index.js';
import { renderGithub } from '../src/reporters/github.js';
import { renderMarkdown } from '../src/reporters/markdown.js';
import { renderSarif } from '../src/reporters/sarif.js';
import { renderText } from '../src/reporters/text.js';
import { catalog } from '../src/rules/catalog.js';
import { tempDir } from './temp-dir.js';

// What is probably a mistake (issue 15, item 5) is said on stderr and in the report, and never changes the verdict.
const bin = path.resolve(import.meta.dirname, '../bin/api-semver.js');
const declaration = '// the API as last built\nexport declare const a: number;\n';
const manifest = (types: string) => JSON.stringify({ name: 'lib', version: '1.0.0', types });

/** Sets a file's modification time, in seconds after an arbitrary fixed moment. */
function touch(dir: string, file: string, seconds: number): void {
  const at = 1_700_000_000 + seconds;
  utimesSync(path.join(dir, file), at, at);
}

/** A workspace folder holding the old release (`old/`) and a built package (`lib/`), and the warnings of diffing them. */
async function warningsOf(files: Record<string, string>, times: Record<string, number>, options: { config?: string } = {}) {
  const cwd = tempDir({ 'old/index.d.ts': declaration, ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`lib/${name}`, text])) });
  for (const [file, seconds] of Object.entries(times)) touch(cwd, `lib/${file}`, seconds);
  const warned: string[] = [];
  const report = await diff('old/index.d.ts', 'lib', { cwd, surfaceCache: false, onWarning: (message) => warned.push(message), ...options });
  expect(warned).toEqual(report.warnings ?? []);
  return report.warnings;
}

const tsProject = {
  'package.json': manifest('dist/index.d.ts'),
  'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', declaration: true, strict: true }, include: ['src'] }),
  'src/index.ts': 'export const a: number = 1;\n',
  'dist/index.d.ts': declaration,
};

describe('declarations older than their sources', () => {
  it('are named with the source they are built from, by the tsconfig', async () => {
    expect(await warningsOf(tsProject, { 'dist/index.d.ts': 0, 'src/index.ts': 60 })).toEqual([
      'lib/dist/index.d.ts is older than lib/src/index.ts, which it is built from: the declarations may be stale; rebuild them before checking',
    ]);
  });

  it('are not reported when the build is newer, or older by no more than a checkout takes', async () => {
    expect(await warningsOf(tsProject, { 'dist/index.d.ts': 60, 'src/index.ts': 0 })).toBeUndefined();
    expect(await warningsOf(tsProject, { 'dist/index.d.ts': 0, 'src/index.ts': 0.5 })).toBeUndefined();
  });

  it('follow the tsconfig folder as rootDir (TypeScript 6) and count every stale file', async () => {
    const files = {
      ...tsProject,
      'package.json': manifest('dist/src/index.d.ts'),
      'src/index.ts': "export * from './more.js';\n",
      'src/more.ts': 'export const a: number = 1;\n',
      'dist/src/index.d.ts': "// the entry\nexport * from './more.js';\n",
      'dist/src/more.d.ts': declaration,
      'dist/index.d.ts': undefined,
    };
    const defined = Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
    expect(await warningsOf(defined, { 'dist/src/index.d.ts': 0, 'dist/src/more.d.ts': 0, 'src/index.ts': 10, 'src/more.ts': 10 })).toEqual([
      'lib/dist/src/index.d.ts is older than lib/src/index.ts, which it is built from (and 1 more declaration file): the declarations may be stale; rebuild them before checking',
    ]);
  });

  it('are found through the declaration map when there is no tsconfig', async () => {
    const files = {
      'package.json': manifest('types/index.d.ts'),
      'types/index.d.ts': `${declaration}//# sourceMappingURL=index.d.ts.map\n`,
      'types/index.d.ts.map': JSON.stringify({ version: 3, file: 'index.d.ts', sources: ['../src/index.ts'], mappings: '' }),
      'src/index.ts': 'export const a: number = 1;\n',
    };
    expect(await warningsOf(files, { 'types/index.d.ts': 0, 'src/index.ts': 5 })).toEqual([
      'lib/types/index.d.ts is older than lib/src/index.ts, which it is built from: the declarations may be stale; rebuild them before checking',
    ]);
  });

  it('are not looked for in a source project whose declarations are emitted in memory', async () => {
    const { 'dist/index.d.ts': _, ...unbuilt } = tsProject;
    expect(await warningsOf(unbuilt, { 'src/index.ts': 60 })).toBeUndefined();
  });

  it('show in every format: text, Markdown, annotations, SARIF notifications; stderr from the CLI', async () => {
    const cwd = tempDir({ 'old/index.d.ts': declaration, ...Object.fromEntries(Object.entries(tsProject).map(([name, text]) => [`lib/${name}`, text])) });
    touch(cwd, 'lib/dist/index.d.ts', 0);
    touch(cwd, 'lib/src/index.ts', 60);
    const report = await diff('old/index.d.ts', 'lib', { cwd, surfaceCache: false });
    const warning = report.warnings![0]!;
    expect(renderText(report, { color: false })).toContain(`\nWarning: ${warning}\n`);
    expect(renderMarkdown(report)).toContain(`\n⚠️ Warning: ${warning}\n`);
    expect(renderGithub(report)).toBe(`::warning title=api-semver%3A probably a mistake::${warning}\n`);
    const sarif = JSON.parse(renderSarif(report, catalog, { toolVersion: '0.0.0' })) as { runs: Array<{ invocations: unknown }> };
    expect(sarif.runs[0]!.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: warning } }] }]);
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'diff', 'old/index.d.ts', 'lib', '--format', 'json'], { cwd, env: { ...process.env, XDG_CACHE_HOME: tempDir({}) } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`api-semver: warning: ${warning}\n`);
    expect((JSON.parse(run.stdout) as { warnings: string[] }).warnings).toEqual([warning]);
  });
});

describe('policy ignore entries that matched nothing', () => {
  const removal = { 'package.json': manifest('index.d.ts'), 'index.d.ts': '// a removed\nexport declare const b: number;\n' };
  const config = (ignore: unknown[]) => JSON.stringify({ $schema: './node_modules/api-semver/schema/policy.schema.json', ignore });

  it('are named with their index and their policy file; the entries that matched are not', async () => {
    const files = {
      ...removal,
      'api-semver.config.json': config([
        { rule: 'export-removed', path: 'a', reason: 'agreed' },
        { rule: 'export-removed', path: 'c', reason: 'shipped long ago' },
        { rule: 'export-added', path: 'a', reason: 'a rule that never fires on that path' },
      ]),
    };
    expect(await warningsOf(files, {})).toEqual([
      'lib/api-semver.config.json: ignore[1] (rule export-removed, path c) matched no finding: remove it, or correct its rule or path',
      'lib/api-semver.config.json: ignore[2] (rule export-added, path a) matched no finding: remove it, or correct its rule or path',
    ]);
    expect(await warningsOf({ ...removal, 'api-semver.config.json': config([{ rule: 'export-removed', path: 'a', reason: 'agreed' }]) }, {})).toBeUndefined();
  });

  it('are warned about by check too, and name the package.json key that holds the policy', async () => {
    const cwd = tempDir({
      'old/package.json': JSON.stringify({ name: 'lib', version: '1.0.0', types: 'index.d.ts' }),
      'old/index.d.ts': declaration,
      'lib/package.json': JSON.stringify({ name: 'lib', version: '2.0.0', types: 'index.d.ts', 'api-semver': { ignore: [{ rule: 'export-removed', path: 'x', reason: 'old' }] } }),
      'lib/index.d.ts': declaration,
    });
    const report = await check('old', 'lib', { cwd, surfaceCache: false });
    expect(report.warnings).toEqual(['lib/package.json ("api-semver"): ignore[0] (rule export-removed, path x) matched no finding: remove it, or correct its rule or path']);
    expect(report.verdict.ok).toBe(true);
  });
});
