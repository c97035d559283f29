import path from 'node:path';
import type { DiffReport } from '../engine/diff-report.js';
import { compareBumps, type Bump } from '../core/bump.js';
import type { Finding } from '../engine/findings.js';
import { notedMessage } from './finding-notes.js';
import { renderMarkdown } from './markdown.js';

export interface GithubOptions {
  /** Findings at this bump or above are errors, one level below warnings, the rest notices. Default `major`. */
  failOn?: Bump;
  /** Prepended to the package-relative files, so annotations land on the repository's paths. */
  pathPrefix?: string;
}

/**
 * GitHub Actions workflow commands: one annotation per finding, in the report's order, and for a failing check
 * one error that says why it failed first.
 */
export function renderGithub(report: DiffReport, options: GithubOptions = {}): string {
  const failOn = options.failOn ?? 'major';
  const lines = report.findings.map((f) => {
    const level = findingLevel(f, report, failOn);
    const where = locate(f, options.pathPrefix);
    const properties = [
      ...(where ? [`file=${escapeProperty(where.file)}`] : []),
      ...(where?.line !== undefined ? [`line=${where.line}`] : []),
      `title=${escapeProperty(`${f.rule} (${f.bump}${f.accepted !== undefined ? ', accepted' : ''})`)}`,
    ];
    const text = `${notedMessage(f)}${f.accepted !== undefined ? ` (accepted: ${f.accepted})` : ''}`;
    return `::${level} ${properties.join(',')}::${escapeData(text)}`;
  });
  if (report.verdict && !report.verdict.ok) lines.unshift(`::error title=${escapeProperty(verdictTitle(report))}::${escapeData(report.verdict.reason)}`);
  lines.push(...warningAnnotations(report.warnings ?? []));
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Probable mistakes as warning annotations: they do not fail the step, but CI shows them. */
export function warningAnnotations(warnings: readonly string[]): string[] {
  return warnings.map((warning) => `::warning title=${escapeProperty('api-semver: probably a mistake')}::${escapeData(warning)}`);
}

/** `api-semver: version not enough (major changes)`: the failing verdict's headline. */
export function verdictTitle(report: DiffReport): string {
  const what = { version: 'version not enough', changesets: 'changesets not enough', report: 'API report out of date' }[report.verdict?.by ?? 'version'];
  return `api-semver: ${what} (${report.bump} changes)`;
}

/**
 * A finding's level: notice when accepted, else by its bump against `failOn`. Only a failing check shows
 * errors: when the verdict passes (the version already allows the changes) nothing on the pull request is red.
 */
export function findingLevel(f: Finding, report: DiffReport, failOn: Bump = 'major'): 'error' | 'warning' | 'notice' {
  if (f.accepted !== undefined) return 'notice';
  const level = levelFor(f.bump, failOn);
  return level === 'error' && report.verdict?.ok ? 'warning' : level;
}

/** For $GITHUB_STEP_SUMMARY (which the CLI writes): the same Markdown as the pull-request comment. */
export function renderGithubSummary(report: DiffReport): string {
  return renderMarkdown(report);
}

function levelFor(bump: Bump, failOn: Bump): 'error' | 'warning' | 'notice' {
  const below = compareBumps(failOn, bump);
  return below <= 0 ? 'error' : below === 1 ? 'warning' : 'notice';
}

/**
 * Where a finding points: the new release's declaration, or the old one's when the thing is gone; its source line
 * when a declaration map leads there. A side without a file (the engine's placeholder for a location it does not
 * know) is skipped rather than printed as `file=`.
 */
export function locate(f: Finding, pathPrefix?: string): { file: string; line?: number } | undefined {
  const side = [f.new, f.old].find((s) => s !== undefined && s.file !== '');
  if (!side) return undefined;
  const at = side.source ?? side;
  const file = joinPrefix(pathPrefix, at.file);
  return at.line >= 1 ? { file, line: at.line } : { file };
}

/** Joins a user-given prefix (`packages/a/`, `./packages/a`, `packages\a`) to a package-relative file with `/`. */
export function joinPrefix(pathPrefix: string | undefined, file: string): string {
  const prefix = (pathPrefix ?? '').replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (prefix === '' || prefix === '.') return file;
  // A source file beside the package (`../shared/x.ts`, through a declaration map) lands on its own path.
  return file.startsWith('../') ? path.posix.normalize(`${prefix}/${file}`) : `${prefix}/${file}`;
}

// The runner's own escaping (toolkit/core command.ts): a raw newline would end the command, a raw `::` or `,`
// inside a property would be read as the end of the property list or of the value.
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
