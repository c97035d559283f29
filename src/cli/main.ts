import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { atLeast, BUMPS, type Bump } from '../core/bump.js';
import { bundledBuild } from '../engine/bundled-build.js';
import { apiReportOf, checkApiReport } from '../engine/api-report-check.js';
import { checkReleases } from '../engine/check.js';
import type { DiffReport } from '../engine/diff-report.js';
import { readReleasePair } from '../engine/release-pair.js';
import { readRelease, type Release } from '../engine/releases.js';
import { startRun, type CheckOptions, type Run } from '../engine/run.js';
import { checkWorkspaces } from '../engine/workspaces.js';
import { mergeShardFiles, workspaceReport, type WorkspaceReport } from '../engine/workspace-report.js';
import { parseShard } from '../engine/shards.js';
import { diff, next } from '../index.js';
import { formatInputError, InputError } from '../core/input-error.js';
import { escapeData, renderGithub, renderGithubSummary } from '../reporters/github.js';
import { renderJson } from '../reporters/json.js';
import { renderMarkdown } from '../reporters/markdown.js';
import { renderRulesMarkdown, renderRulesText } from '../reporters/rules-table.js';
import { renderSarif } from '../reporters/sarif.js';
import { renderText } from '../reporters/text.js';
import { renderWorkspaces, renderWorkspacesGithub, renderWorkspacesMarkdown, renderWorkspacesSarif } from '../reporters/workspaces.js';
import { rules } from '../rules/info.js';
import { createProgress } from './progress.js';

const EXIT_OK = 0;
const EXIT_CHECK_FAILED = 1;
const EXIT_UNUSABLE = 2;

type Format = 'text' | 'json' | 'markdown' | 'github' | 'sarif';

interface CommonArgs {
  format?: Format | undefined;
  'path-prefix'?: string | undefined;
  config?: string | undefined;
  offline?: boolean | undefined;
  registry?: string | undefined;
  'fetch-deps'?: boolean | undefined;
  quiet?: boolean | undefined;
  verify?: boolean | undefined;
  timeout?: number | undefined;
}

interface VersionArgs extends CommonArgs {
  baseline?: string | undefined;
  'old-version'?: string | undefined;
  'new-version'?: string | undefined;
  'baseline-line'?: boolean | undefined;
}

/** The only place that parses arguments, writes to the console and decides the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const fail = () => {
    exitCode = EXIT_CHECK_FAILED;
  };
  // The options of the command being parsed, for suggesting one when an option is mistyped.
  let options: string[] = [];
  const remember = <T>(y: Argv<T>): Argv<T> => {
    options = Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
    return y;
  };
  const parser = yargs(argv)
    .scriptName('api-semver')
    .usage('$0 <command> [options]')
    .command(
      'diff <old> <new>',
      'Diff the public API of two releases and report the minimum SemVer bump',
      (y) =>
        remember(
          formats(common(y.positional('old', release('Old')).positional('new', release('New'))))
            .option('fail-on', {
              choices: BUMPS,
              describe: 'Exit 1 when the required bump reaches this level',
            })
            .option('verify', { type: 'boolean', default: false, describe: verifyHelp }),
        ),
      async (args) => {
        const report = await diff(args.old!, args.new!, sourceOptions(args));
        const failOn = args['fail-on'];
        await render(report, args, failOn);
        if (failOn && report.findings.some((f) => f.accepted === undefined) && atLeast(report.bump, failOn)) fail();
      },
    )
    .command(
      'check [old] [new]',
      'Check that the new version number is enough for the changes (exit 1 when it is not). With one release (or none: the current directory), the baseline is its newest published version below it, or the newest version tag',
      (y) =>
        remember(versions(formats(common(y.positional('old', release('Old (or, alone, the new)')).positional('new', release('New')))))
          .option('report', { type: 'string', describe: 'A committed API report (.api.md): fail when it no longer describes the new release' })
          .option('update-report', { type: 'boolean', describe: 'Rewrite the --report file instead of failing when it is out of date' })
          .option('changesets', { type: 'string', describe: 'Check the pending changesets in this folder (e.g. .changeset) instead of the new version number' })
          .option('workspaces', { type: 'boolean', describe: 'Check every public package of the npm, yarn or pnpm workspace in the current directory' })
          .option('package', { type: 'string', array: true, describe: 'With --workspaces: check only the package with this name (repeatable)' })
          .option('exclude', { type: 'string', array: true, describe: 'With --workspaces: leave out packages whose name or folder matches this glob (repeatable)' })
          .option('shard', { type: 'string', requiresArg: true, describe: 'With --workspaces: check only shard i of n (e.g. 2/4), for CI jobs in parallel; api-semver merge joins their JSON reports' })
          .option('verify', { type: 'boolean', default: true, describe: `${verifyHelp} (--no-verify to skip)` })),
      async (args) => {
        if (args.workspaces) {
          const shard = args.shard === undefined ? undefined : parseShard(args.shard);
          const run = await checkWorkspaces(process.cwd(), {
            ...checkOptions(args),
            ...(args.changesets ? { changesets: args.changesets } : {}),
            ...(args.package ? { packages: args.package } : {}),
            ...(args.exclude ? { exclude: args.exclude } : {}),
            ...(shard ? { shard } : {}),
          });
          const report = workspaceReport(run, { toolVersion: toolVersion(), settings: workspaceSettings(args) }, shard);
          exitCode = await renderWorkspaceReport(report, args);
          return;
        }
        if (args.package || args.exclude || args.shard) throw new UsageError('--package, --exclude and --shard select packages of --workspaces');
        const [oldSpec, newSpec] = sides(args);
        const run = startRun({ ...checkOptions(args), ...(args.changesets ? { changesets: args.changesets } : {}) });
        // Read once: the committed report is compared with the same release the check compares with its baseline.
        const pair = await readReleasePair(oldSpec, newSpec, run);
        const { report } = await checkReleases(pair, run, false);
        // A stale committed report fails the check like a version that is not enough: one verdict for every format.
        const stale = args.report ? await staleReport(args.report, pair.next, args['update-report'] === true, run) : undefined;
        if (stale && report.verdict.ok) report.verdict = { ok: false, by: 'report', reason: stale.reason };
        await render(report, args);
        if (stale && args.format === 'text') write(stale.details);
        else if (stale) process.stderr.write(stale.details);
        if (!report.verdict.ok) fail();
      },
    )
    .command(
      'merge <reports..>',
      'Merge the JSON reports of the shards of check --workspaces --shard into one report, one summary and one exit code',
      (y) =>
        remember(
          formats(y.positional('reports', { type: 'string', array: true, describe: 'The JSON report of every shard (check --workspaces --shard i/n --format json)' })),
        ),
      async (args) => {
        exitCode = await renderWorkspaceReport(await mergeShardFiles(args.reports!), args);
      },
    )
    .command(
      'next [old] [new]',
      'Print the smallest valid version for the new release (for release scripts)',
      (y) => remember(versions(common(y.positional('old', release('Old (or, alone, the new)')).positional('new', release('New'))))),
      async (args) => {
        const [oldSpec, newSpec] = sides(args);
        write(`${(await next(oldSpec, newSpec, checkOptions(args))).next}\n`);
      },
    )
    .command(
      'report [spec]',
      'Write the API report of a release: a canonical text of its whole public surface, to commit and review',
      (y) =>
        remember(
          common(y.positional('spec', { type: 'string', default: '.', describe: 'The release (default: the current directory)' })).option('output', {
            alias: 'o',
            type: 'string',
            describe: 'Write to this file (e.g. api/<name>.api.md) instead of stdout (its folder is created)',
          }),
        ),
      async (args) => {
        const text = apiReportOf(await readRelease(args.spec, startRun(sourceOptions(args))));
        if (args.output) {
          await mkdir(path.dirname(path.resolve(args.output)), { recursive: true });
          await writeFile(args.output, text);
        } else write(text);
      },
    )
    .command(
      'rules',
      'List the rule catalog: id, default bump, whether breaking findings come with a witness, description',
      (y) => remember(y.option('format', { choices: ['text', 'markdown', 'json'] as const, default: 'text' as const, requiresArg: true })),
      (args) => {
        const output =
          args.format === 'markdown'
            ? renderRulesMarkdown(rules)
            : args.format === 'json'
              ? JSON.stringify(rules, null, 2) + '\n'
              : renderRulesText(rules);
        write(output);
      },
    )
    .command('help [command]', 'Show the help of a command', (y) => y.positional('command', { type: 'string', describe: 'The command' }), async (args) => {
      exitCode = await main(args.command ? [args.command, '--help'] : ['--help']);
    })
    .demandCommand(1, 'Name a command: diff, check, merge, next, report or rules.')
    .option('debug', { type: 'boolean', global: true, describe: 'On an internal error, print its stack trace' })
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(toolVersion())
    .alias('version', 'V')
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own errors (an option without its value) are usage errors too; a command's errors pass through.
      throw error && error.name !== 'YError' ? error : new UsageError(message ?? error.message);
    });
  try {
    await parser.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof InputError) {
      unusable(argv, formatInputError(error));
      return EXIT_UNUSABLE;
    }
    if (error instanceof UsageError) {
      const command = commandOf(argv);
      unusable(argv, usageMessage(error.message, argv, command, options));
      process.stderr.write(`Run 'api-semver ${command ? `${command} ` : ''}--help' for usage.\n`);
      return EXIT_UNUSABLE;
    }
    reportInternalError(error, argv.includes('--debug'));
    return EXIT_UNUSABLE;
  } finally {
    progress?.done();
  }
}

class UsageError extends Error {}

const COMMANDS = ['diff', 'check', 'merge', 'next', 'report', 'rules'] as const;
type Command = (typeof COMMANDS)[number];
/** Each command's positionals, as yargs counts them, for naming the one that is missing. */
const POSITIONALS: Record<Command, string[]> = { diff: ['<old>', '<new>'], check: [], merge: ['<reports..>'], next: [], report: [], rules: [] };

/** The command the arguments name (the first word), or undefined. */
function commandOf(argv: string[]): Command | undefined {
  return COMMANDS.find((command) => command === argv.find((arg) => !arg.startsWith('-')));
}

/**
 * yargs' messages in the words of this CLI: the missing argument by name, and the unknown options without the
 * camelCase twins yargs adds for every kebab-case name.
 */
function usageMessage(message: string, argv: string[], command: Command | undefined, options: string[]): string {
  const missing = /^Not enough non-option arguments: got (\d+)/.exec(message);
  if (missing && command) {
    const names = POSITIONALS[command].slice(Number(missing[1]));
    if (names.length) return `missing ${names.length === 1 ? 'argument' : 'arguments'} ${names.join(' ')}`;
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(', ');
    const kebab = names.filter((name) => !names.some((other) => other !== name && other.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) === name));
    const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);
    const suggestions = kebab.flatMap((name) => {
      const near = closest(name, options);
      return near ? [`did you mean ${flag(near)}?`] : [];
    });
    return [`unknown ${kebab.length === 1 ? 'option' : 'options'} ${kebab.map(flag).join(', ')}${command ? ` for ${command}` : ''}`, ...suggestions].join('; ');
  }
  const value = /^Not enough arguments following: (.*)$/.exec(message);
  if (value) return `option --${value[1]} needs a value`;
  const recommended = /^Did you mean (.*)\?$/.exec(message);
  if (recommended) return `unknown command ${argv.find((arg) => !arg.startsWith('-'))}: did you mean ${recommended[1]}?`;
  return message;
}

/** The known name a mistyped one most likely meant: at most two edits away (and closer than its own length). */
function closest(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && distance < name.length && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Says why the tool could not do its job: on stderr, and with `--format github` also as an error annotation,
 * since a red step whose only explanation is buried in the log reads like a failed check.
 */
function unusable(argv: string[], message: string): void {
  process.stderr.write(`api-semver: ${message}\n`);
  const format = argv.findIndex((arg) => arg === '--format' || arg.startsWith('--format='));
  const value = format === -1 ? undefined : argv[format]!.includes('=') ? argv[format]!.slice('--format='.length) : argv[format + 1];
  if (value === 'github') process.stdout.write(`::error title=api-semver could not run::${escapeData(message)}\n`);
}

/** Bad input is an InputError; anything else reaching here is a bug in the tool, and is reported as one. */
function reportInternalError(error: unknown, debug: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `api-semver: internal error: ${message}\n` +
      'This is a bug in api-semver, not a problem with your input. Please report it with the command you ran' +
      (debug ? ' and the stack below.\n' : ', and the stack that --debug prints.\n'),
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

let progress: ReturnType<typeof createProgress> | undefined;

const verifyHelp = 'Prove each major finding: write consumer code for it and compile it against both releases';

const release = (which: string) =>
  ({ type: 'string', describe: `${which} release: a .d.ts file, a package directory, a .tgz, npm:<name>@<range>, git:<ref>[:<dir>] or an .api.md report` }) as const;

/** The report formats, for the commands that print a report (report and next print one thing only). */
function formats<T>(y: Argv<T>) {
  return y
    .option('format', {
      choices: ['text', 'json', 'markdown', 'github', 'sarif'] as const,
      default: 'text' as const,
      requiresArg: true,
      describe: 'text for terminals, json for programs, markdown for a pull-request comment, github for Actions annotations (and $GITHUB_STEP_SUMMARY), sarif for code scanning',
    })
    .option('path-prefix', { type: 'string', describe: 'Prepended to package-relative files in github and sarif output, so they point at repository paths' });
}

function common<T>(y: Argv<T>) {
  return y
    .option('config', { type: 'string', describe: 'Policy file (default: api-semver.config.json beside the new release or in cwd, or "api-semver" in its package.json)' })
    .option('offline', { type: 'boolean', describe: 'Use only the npm cache, never the registry' })
    .option('registry', { type: 'string', describe: 'npm registry (default: from your .npmrc)' })
    .option('fetch-deps', { type: 'boolean', describe: 'Fetch the types of imported packages that are not installed, at the ranges package.json declares' })
    .option('quiet', { type: 'boolean', describe: 'No progress line on stderr' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT, requiresArg: true, describe: 'Seconds one comparison may take before it stops with exit 2 naming the declaration being resolved (0: no limit)' });
}

/** Ten times the slowest real release pair measured (fp-ts 1 → 2 with witnesses, 46 s on a loaded 2-core machine). */
const DEFAULT_TIMEOUT = 600;

function versions<T>(y: Argv<T>) {
  return y
    .option('baseline', { type: 'string', describe: 'The old release, when only the new one is given as an argument' })
    .option('old-version', { type: 'string', describe: "The old release's version (default: its package.json)" })
    .option('new-version', { type: 'string', describe: "The new release's version (default: its package.json)" })
    .option('baseline-line', { type: 'boolean', describe: "LTS lines: the baseline must be on the new version's major line" });
}

/** `check new`, `check old new`, or `check` alone for the current directory; `--baseline` names the old one. */
function sides(args: VersionArgs & { old?: string | undefined; new?: string | undefined }): [string | undefined, string] {
  if (args.new !== undefined) return [args.old, args.new];
  return [args.baseline, args.old ?? '.'];
}

function sourceOptions(args: CommonArgs) {
  progress ??= createProgress(process.stderr, args.quiet !== true);
  const timeout = args.timeout ?? DEFAULT_TIMEOUT;
  if (!Number.isFinite(timeout) || timeout < 0) throw new UsageError('--timeout takes a number of seconds, 0 or more (0: no limit)');
  return {
    timeout,
    ...(args.config ? { config: args.config } : {}),
    ...(args.offline ? { offline: true } : {}),
    ...(args.registry ? { registry: args.registry } : {}),
    ...(args['fetch-deps'] ? { fetchDeps: true } : {}),
    ...(args.verify ? { verify: true } : {}),
    onProgress: progress.step,
    onWarning: (message: string) => {
      progress?.done();
      process.stderr.write(`api-semver: warning: ${message}\n`);
    },
  };
}

function checkOptions(args: VersionArgs): CheckOptions {
  return {
    ...sourceOptions(args),
    ...(args['old-version'] ? { oldVersion: args['old-version'] } : {}),
    ...(args['new-version'] ? { newVersion: args['new-version'] } : {}),
    ...(args['baseline-line'] !== undefined ? { baselineLine: args['baseline-line'] } : {}),
  };
}

/** Writes a report in the chosen format; for GitHub Actions also the job summary, when the runner asks for one. */
async function render(report: DiffReport, args: CommonArgs, failOn?: Bump): Promise<void> {
  progress?.done();
  const prefix = args['path-prefix'] ? { pathPrefix: args['path-prefix'] } : {};
  switch (args.format) {
    case 'json':
      return write(renderJson(report));
    case 'markdown':
      return write(renderMarkdown(report));
    case 'sarif':
      return write(renderSarif(report, rules, { toolVersion: toolVersion(), ...prefix }));
    case 'github': {
      write(renderGithub(report, { ...(failOn ? { failOn } : {}), ...prefix }));
      return appendSummary(renderGithubSummary(report));
    }
    default:
      return write(renderText(report, { color: useColor() }));
  }
}

/**
 * A workspace run (or the merge of its shards) in the chosen format: the same formats as one package, with a
 * section, run or prefix per package. Returns the worst exit code: 2 if a package could not be checked, else 1 if
 * one failed.
 */
async function renderWorkspaceReport(report: WorkspaceReport, args: CommonArgs): Promise<number> {
  progress?.done();
  const results = report.workspaces;
  const warnings = report.warnings ?? [];
  for (const warning of warnings) process.stderr.write(`api-semver: warning: ${warning}\n`);
  const prefix = args['path-prefix'] ? { pathPrefix: args['path-prefix'] } : {};
  switch (args.format) {
    case 'json':
      write(JSON.stringify(report, null, 2) + '\n');
      break;
    case 'markdown':
      write(renderWorkspacesMarkdown(results, warnings));
      break;
    case 'sarif':
      write(renderWorkspacesSarif(results, rules, { toolVersion: toolVersion(), ...prefix }));
      break;
    case 'github':
      write(renderWorkspacesGithub(results, { ...prefix, warnings }));
      await appendSummary(renderWorkspacesMarkdown(results, warnings));
      break;
    default:
      write(renderWorkspaces(results, { color: useColor() }, warnings));
  }
  const codes = results.map((r) => (r.error ? EXIT_UNUSABLE : r.report?.verdict.ok === false ? EXIT_CHECK_FAILED : EXIT_OK));
  return Math.max(...codes, EXIT_OK);
}

/**
 * What decides which packages a workspace run checks and how, as given: shards of one run must agree on it, so
 * `merge` refuses reports whose settings differ.
 */
function workspaceSettings(args: VersionArgs & { changesets?: string | undefined; package?: string[] | undefined; exclude?: string[] | undefined }): Record<string, unknown> {
  const given = {
    config: args.config,
    changesets: args.changesets,
    verify: args.verify,
    'fetch-deps': args['fetch-deps'],
    registry: args.registry,
    'baseline-line': args['baseline-line'],
    'old-version': args['old-version'],
    'new-version': args['new-version'],
    package: args.package,
    exclude: args.exclude,
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/**
 * The job summary is an extra: a runner's file that cannot be written (a read-only or missing folder) is a
 * warning annotation, and the annotations and the verdict still count.
 */
async function appendSummary(markdown: string): Promise<void> {
  const summary = process.env['GITHUB_STEP_SUMMARY'];
  if (!summary) return;
  try {
    await appendFile(summary, markdown);
  } catch (error) {
    write(`::warning::${escapeData(`api-semver: could not write the job summary ${summary}: ${(error as Error).message}`)}\n`);
  }
}

function toolVersion(): string {
  return bundledBuild?.version ?? (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/**
 * `check --report`: the committed report must describe the new release. Undefined when it does (or was just
 * rewritten); else why not, and the patch that would bring it up to date.
 */
async function staleReport(file: string, release: Release, update: boolean, run: Run): Promise<{ reason: string; details: string } | undefined> {
  const result = await checkApiReport(file, release, run);
  if (result.upToDate) return undefined;
  if (update) {
    await writeFile(file, result.current);
    process.stderr.write(`api-semver: updated ${file}\n`);
    return undefined;
  }
  const details = `\nAPI report ${file} is out of date (run with --update-report to rewrite it):\n\n${result.patch}\n` +
    `Changes since the committed report:\n${renderText(result.changes, { color: useColor() })}`;
  return { reason: `the API report ${file} is out of date: run api-semver check --report ${file} --update-report and commit it`, details };
}

const write = (text: string): void => {
  process.stdout.write(text);
};
/**
 * Colour as Node and the common libraries decide it: FORCE_COLOR wins (0 or false: none, any other value: colour),
 * then a non-empty NO_COLOR (no-color.org: an empty one does not count) turns it off, else a terminal has it.
 */
export function useColor(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !/^(0|false)$/i.test(force);
  if (env['NO_COLOR']) return false;
  return isTTY;
}

export async function run(): Promise<void> {
  const argv = hideBin(process.argv);
  // An error thrown outside the promise chain (in a stream's callback) is still a bug to report, not a crash.
  process.once('uncaughtException', (error) => {
    progress?.done();
    reportInternalError(error, argv.includes('--debug'));
    process.exit(EXIT_UNUSABLE);
  });
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
  process.exitCode = await main(argv);
  // A run stopped for time may leave a download or a child process behind that would keep Node waiting.
  if (process.exitCode === EXIT_UNUSABLE) process.exit(EXIT_UNUSABLE);
}
