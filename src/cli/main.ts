import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { atLeast, type Bump } from '../engine/bump.js';
import { diff } from '../engine/diff.js';
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
      (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, describe: 'Old release: a .d.ts file or a package directory' })
          .positional('new', { type: 'string', demandOption: true, describe: 'New release: a .d.ts file or a package directory' })
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' })
          .option('fail-on', { choices: ['major', 'minor', 'patch'] as const, describe: 'Exit 1 when the required bump reaches this level' }),
      async (args) => {
        const report = await diff(args.old, args.new);
        const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
        process.stdout.write(args.format === 'json' ? renderJson(report) : renderText(report, { color }));
        const failOn = args['fail-on'] as Bump | undefined;
        if (failOn && report.findings.length > 0 && atLeast(report.bump, failOn)) exitCode = EXIT_CHECK_FAILED;
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
    .demandCommand(1, 'Name a command: diff or rules.')
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

export async function run(): Promise<void> {
  process.exitCode = await main(hideBin(process.argv));
}
