import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { atLeast, type Bump } from '../engine/bump.js';
import { appendFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { apiReport, check, checkReport, diff, next, type CheckOptions, type DiffReport } from '../engine/diff.js';
import { renderGithub, renderGithubSummary } from '../reporters/github.js';
import { renderMarkdown } from '../reporters/markdown.js';
import { renderSarif } from '../reporters/sarif.js';
import { InputError } from '../load/input-error.js';
import { renderJson } from '../reporters/json.js';
import { renderRulesMarkdown, renderRulesText } from '../reporters/rules-table.js';
import { renderText } from '../reporters/text.js';
import { catalog } from '../rules/catalog.js';

const EXIT_OK = 0;
const EXIT_CHECK_FAILED = 1;
const EXIT_UNUSABLE = 2;

/** The only place that parses arguments, writes to the console and decides the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const parser = yargs(argv)
    .scriptName('api-semver')
    .usage('$0 <command> [options]')
    .command(
      'diff <old> <new>',
      'Diff the public API of two releases and report the minimum SemVer bump',
      (y) => releases(y).option('fail-on', { choices: ['major', 'minor', 'patch'] as const, describe: 'Exit 1 when the required bump reaches this level' }),
      async (args) => {
        const report = await diff(args.old, args.new, args.config ? { config: args.config } : {});
        const failOn = args['fail-on'] as Bump | undefined;
        await render(report, args.format, { ...(failOn ? { failOn } : {}), pathPrefix: args['path-prefix'] });
        if (failOn && report.findings.some((f) => f.accepted === undefined) && atLeast(report.bump, failOn)) exitCode = EXIT_CHECK_FAILED;
      },
    )
    .command(
      'check <old> <new>',
      "Diff two releases and check that the new version number is enough for the changes (exit 1 when it is not)",
      (y) =>
        versionOptions(releases(y))
          .option('report', { type: 'string', describe: 'A committed API report (.api.md): fail when it no longer describes the new release' })
          .option('update-report', { type: 'boolean', describe: 'Rewrite the --report file instead of failing when it is out of date' })
          .option('changesets', { type: 'string', describe: 'Check the pending changesets in this folder (e.g. .changeset) instead of the new version number' }),
      async (args) => {
        const report = await check(args.old, args.new, { ...checkOptions(args), ...(args.changesets ? { changesets: args.changesets } : {}) });
        await render(report, args.format, { pathPrefix: args['path-prefix'] });
        if (!(report.changesets ?? report.versions).ok) exitCode = EXIT_CHECK_FAILED;
        if (args.report && !(await reportIsCurrent(args.report, args.new, args['update-report'] === true, args.config))) exitCode = EXIT_CHECK_FAILED;
      },
    )
    .command(
      'next <old> <new>',
      'Print the smallest valid version for the new release (for release scripts)',
      (y) => versionOptions(releases(y)),
      async (args) => {
        write(`${(await next(args.old, args.new, checkOptions(args))).next}\n`);
      },
    )
    .command(
      'report [spec]',
      'Write the API report of a release: a canonical text of its whole public surface, to commit and review',
      (y) =>
        y
          .positional('spec', { type: 'string', default: '.', describe: 'The release (default: the current directory)' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write to this file (e.g. api/<name>.api.md) instead of stdout' }),
      async (args) => {
        const text = await apiReport(args.spec);
        if (args.output) await writeFile(args.output, text);
        else write(text);
      },
    )
    .command(
      'rules',
      'List the rule catalog: id, default bump, description',
      (y) => y.option('format', { choices: ['text', 'markdown', 'json'] as const, default: 'text' as const }),
      (args) => {
        const rules = catalog;
        const output =
          args.format === 'markdown'
            ? renderRulesMarkdown(rules)
            : args.format === 'json'
              ? JSON.stringify(rules.map(({ id, title, bump, description }) => ({ id, title, bump, description })), null, 2) + '\n'
              : renderRulesText(rules);
        process.stdout.write(output);
      },
    )
    .demandCommand(1, 'Name a command: diff, check, next, report or rules.')
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await parser.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof InputError) {
      const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
      process.stderr.write(`api-semver: ${where}${error.message}\n`);
      return EXIT_UNUSABLE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`api-semver: ${error.message}\nRun 'api-semver --help' for usage.\n`);
      return EXIT_UNUSABLE;
    }
    process.stderr.write(`api-semver: internal error: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
}

class UsageError extends Error {}

type Format = 'text' | 'json' | 'markdown' | 'github' | 'sarif';

/** Writes a report in the chosen format; for GitHub Actions also the job summary, when the runner asks for one. */
async function render(report: DiffReport, format: Format, options: { failOn?: Bump; pathPrefix?: string | undefined }): Promise<void> {
  const prefix = options.pathPrefix ? { pathPrefix: options.pathPrefix } : {};
  switch (format) {
    case 'json':
      return write(renderJson(report));
    case 'markdown':
      return write(renderMarkdown(report));
    case 'sarif':
      return write(renderSarif(report, catalog, { toolVersion: toolVersion(), ...prefix }));
    case 'github': {
      write(renderGithub(report, { ...(options.failOn ? { failOn: options.failOn } : {}), ...prefix }));
      const summary = process.env['GITHUB_STEP_SUMMARY'];
      if (summary) await appendFile(summary, renderGithubSummary(report));
      return;
    }
    default:
      return write(renderText(report, { color: useColor() }));
  }
}

function toolVersion(): string {
  const manifest = createRequire(import.meta.url)('../../package.json') as { version: string };
  return manifest.version;
}

/** `check --report`: the committed report must describe the new release; prints what changed when it does not. */
async function reportIsCurrent(file: string, spec: string, update: boolean, config: string | undefined): Promise<boolean> {
  const result = await checkReport(file, spec, config ? { config } : {});
  if (result.upToDate) return true;
  if (update) {
    await writeFile(file, result.current);
    process.stderr.write(`api-semver: updated ${file}\n`);
    return true;
  }
  write(`\nAPI report ${file} is out of date (run with --update-report to rewrite it):\n\n${result.patch}\n`);
  write(`Changes since the committed report:\n${renderText(result.changes, { color: useColor() })}`);
  return false;
}

const write = (text: string): void => {
  process.stdout.write(text);
};
const useColor = () => process.stdout.isTTY === true && !('NO_COLOR' in process.env);

function releases<T>(y: Argv<T>) {
  return y
    .positional('old', { type: 'string', demandOption: true, describe: 'Old release: a .d.ts file or a package directory' })
    .positional('new', { type: 'string', demandOption: true, describe: 'New release: a .d.ts file or a package directory' })
    .option('format', {
      choices: ['text', 'json', 'markdown', 'github', 'sarif'] as const,
      default: 'text' as const,
      describe: 'text for terminals, json for programs, markdown for a pull-request comment, github for Actions annotations (and $GITHUB_STEP_SUMMARY), sarif for code scanning',
    })
    .option('path-prefix', { type: 'string', describe: 'Prepended to package-relative files in github and sarif output, so they point at repository paths' })
    .option('config', { type: 'string', describe: 'Policy file (default: api-semver.config.json beside the new release or in cwd, or "api-semver" in its package.json)' });
}

function versionOptions<T>(y: Argv<T>) {
  return y
    .option('old-version', { type: 'string', describe: "The old release's version (default: its package.json)" })
    .option('new-version', { type: 'string', describe: "The new release's version (default: its package.json)" })
    .option('baseline-line', { type: 'boolean', describe: 'LTS lines: require the old release to be on the new version\'s major line' });
}

function checkOptions(args: { config?: string | undefined; 'old-version'?: string | undefined; 'new-version'?: string | undefined; 'baseline-line'?: boolean | undefined }): CheckOptions {
  return {
    ...(args.config ? { config: args.config } : {}),
    ...(args['old-version'] ? { oldVersion: args['old-version'] } : {}),
    ...(args['new-version'] ? { newVersion: args['new-version'] } : {}),
    ...(args['baseline-line'] !== undefined ? { baselineLine: args['baseline-line'] } : {}),
  };
}

export async function run(): Promise<void> {
  process.exitCode = await main(hideBin(process.argv));
}
