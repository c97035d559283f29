// The GitHub Action: runs the api-semver analysis once (the CLI with --format json; with `workspaces`, one
// `check --workspaces` over every package), renders every other output from that one report with the CLI's own
// reporters (annotations, job summary, the pull-request comment's Markdown only when there is a comment to post),
// writes the step outputs, posts or updates the package's (or the workspace's) sticky comment, and exits with the
// CLI's exit code.
// The runner runs the one-file bundle of this module (action/dist/index.mjs, made by scripts/build-action.mjs), which
// holds the whole tool: started without arguments it is the Action, started with arguments it is the CLI, and the
// Action starts it that way for its analysis. In a built checkout this file does the same unbundled.
// Importing it runs nothing: tests call the exported functions.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderGithub, renderGithubSummary } from '../dist/reporters/github.js';
import { renderMarkdown } from '../dist/reporters/markdown.js';
import { renderWorkspacesGithub, renderWorkspacesMarkdown } from '../dist/reporters/workspaces.js';
import { maxBump } from '../dist/core/bump.js';

/** The first line of every Markdown report; comments of earlier versions of the action start with it alone. */
export const MARKER = '<!-- api-semver -->';

/**
 * The first line of a package's sticky comment: it names the package, so that the runs of a monorepo's packages
 * on one pull request keep one comment each instead of overwriting one another's.
 */
export function markerFor(name) {
  // A name cannot end the HTML comment early.
  return `<!-- api-semver: ${String(name).replace(/[<>]/g, '').replace(/-{2,}/g, '-')} -->`;
}

/** The first line of the one combined comment of a workspace run (`workspaces: 'true'`). */
export const WORKSPACES_MARKER = '<!-- api-semver: workspaces -->';

/** The package's name from its package.json, else the release as the input gives it (a .d.ts file, an npm spec). */
export function packageName(spec, cwd = process.cwd()) {
  try {
    const name = JSON.parse(readFileSync(path.join(path.resolve(cwd, spec), 'package.json'), 'utf8'))?.name;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // not a package folder: the spec names it
  }
  return spec;
}
/** This module's file (the bundle, on a runner): started with the CLI's arguments, it is the CLI. */
const SELF = fileURLToPath(import.meta.url);

const EXIT_UNUSABLE = 2;
/** GitHub rejects comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;
const COMMANDS = ['check', 'diff'];
const LEVELS = ['major', 'minor', 'patch'];
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

export class ActionInputError extends Error {}

/**
 * The action's inputs from the environment, as the runner passes them to a JavaScript action: `INPUT_` and the name
 * in capitals, hyphens kept (`INPUT_FAIL-ON`). Throws ActionInputError for a value the CLI would misread.
 */
export function readInputs(env = process.env) {
  const get = (name, fallback = '') => {
    const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
    return value.trim() === '' ? fallback : value.trim();
  };
  const inputs = {
    baseline: get('baseline'),
    package: get('package', '.'),
    failOn: get('fail-on', 'major').toLowerCase(),
    command: get('command', 'check').toLowerCase(),
    config: get('config'),
    changesets: get('changesets'),
    comment: parseBoolean('comment', get('comment', 'true')),
    token: get('github-token'),
    // Empty: the command's own default (on for check, off for diff).
    verify: get('verify') === '' ? undefined : parseBoolean('verify', get('verify')),
    fetchDeps: parseBoolean('fetch-deps', get('fetch-deps', 'false')),
    args: get('args') === '' ? [] : get('args').split(/\s+/),
    workspaces: parseBoolean('workspaces', get('workspaces', 'false')),
    shard: get('shard'),
  };
  // check finds the last release on its own (npm, then version tags); diff needs to be told.
  if (inputs.baseline === '' && inputs.command === 'diff') throw new ActionInputError('input "baseline" is required with command diff: the old release (for example api/<name>.api.md)');
  if (!COMMANDS.includes(inputs.command)) throw new ActionInputError(`input "command" must be check or diff, not "${inputs.command}"`);
  if (!LEVELS.includes(inputs.failOn)) throw new ActionInputError(`input "fail-on" must be major, minor or patch, not "${inputs.failOn}"`);
  if (inputs.changesets !== '' && inputs.command !== 'check') throw new ActionInputError('input "changesets" works with command check only');
  if (inputs.workspaces && inputs.command !== 'check') throw new ActionInputError('input "workspaces" works with command check only');
  // Each package of a workspace has its own baseline, and the workspace is the working directory.
  if (inputs.workspaces && (inputs.baseline !== '' || inputs.package !== '.')) throw new ActionInputError('inputs "baseline" and "package" do not apply with workspaces: every package is checked against its own baseline');
  if (inputs.shard !== '' && !inputs.workspaces) throw new ActionInputError('input "shard" splits a workspace run: set workspaces too');
  if (inputs.shard !== '' && !/^\d+\/\d+$/.test(inputs.shard)) throw new ActionInputError(`input "shard" must be i/n (e.g. 2/4), not "${inputs.shard}"`);
  for (const name of ['baseline', 'package', 'config', 'changesets']) {
    if (inputs[name] !== '' && inputs[name].startsWith('-')) throw new ActionInputError(`input "${name}" must be a release or a path, not an option ("${inputs[name]}")`);
  }
  // Every output is rendered from the one JSON report: an argument that changes what the CLI prints would lose it.
  const taken = inputs.args.find((arg) => /^(--format|-o|--output|--help|-h|--version|-V)(=|$)/.test(arg));
  if (taken) throw new ActionInputError(`input "args" cannot hold ${taken.split('=')[0]}: the action reads the CLI's JSON report`);
  return inputs;
}

function parseBoolean(name, value) {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new ActionInputError(`input "${name}" must be 'true' or 'false', not "${value}"`);
}

/**
 * Where the package's files are in the repository, for `--path-prefix`: the CLI's annotations name files relative
 * to the package root, GitHub wants them relative to the repository. Only for a local package inside the workspace.
 */
export function pathPrefix(spec, workspace, cwd = process.cwd()) {
  if (/^(npm|git):/.test(spec) || /\.(tgz|api\.md)$/.test(spec)) return undefined;
  const absolute = path.resolve(cwd, spec);
  let directory;
  try {
    directory = statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  } catch {
    return undefined;
  }
  const relative = path.relative(path.resolve(cwd, workspace), directory);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** The CLI's arguments for the one analysis: its JSON report is what every output is rendered from. */
export function cliArgs(inputs) {
  const releases = inputs.workspaces
    ? ['--workspaces', ...(inputs.shard ? ['--shard', inputs.shard] : [])]
    : [...(inputs.baseline ? [inputs.baseline] : []), inputs.package];
  return [
    inputs.command,
    ...releases,
    '--format',
    'json',
    '--quiet',
    ...(inputs.command === 'diff' ? ['--fail-on', inputs.failOn] : []),
    ...(inputs.config ? ['--config', inputs.config] : []),
    ...(inputs.changesets ? ['--changesets', inputs.changesets] : []),
    ...(inputs.report ? ['--report', inputs.report] : []),
    ...(inputs.verify === undefined ? [] : [inputs.verify ? '--verify' : '--no-verify']),
    ...(inputs.fetchDeps ? ['--fetch-deps'] : []),
    ...inputs.args,
  ];
}

/**
 * A committed API report as the baseline must come from the pull request's base commit: the pull request
 * regenerates its own copy (the report's header asks for that), and a copy read from the working tree would make
 * every change its own baseline. So on a pull request `api/x.api.md` becomes `git:<base-sha>:api/x.api.md`, and
 * `--report api/x.api.md` checks that the working tree's copy is current. Elsewhere the inputs stay as given.
 */
export function safeBaseline(inputs, env = process.env, cwd = process.cwd()) {
  if (inputs.command !== 'check' || !inputs.baseline.endsWith('.api.md') || inputs.baseline.startsWith('git:')) return inputs;
  const base = pullRequest(env)?.baseSha;
  if (base === undefined) return inputs;
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0) {
    log(`::warning::api-semver: not in a git repository, so the baseline report ${inputs.baseline} is read from the working tree`);
    return inputs;
  }
  const file = path.relative(top.stdout.trim(), path.resolve(cwd, inputs.baseline)).split(path.sep).join('/');
  return { ...inputs, baseline: `git:${base}:${file}`, report: inputs.baseline };
}

/** The `result` output: pass (exit 0), fail (exit 1: the check failed) or error (the check could not run). */
export function resultOf(code) {
  return code === 0 ? 'pass' : code === 1 ? 'fail' : 'error';
}

/**
 * Runs the CLI with its stdout captured. stderr passes through, and is also returned, so that a run that could not
 * do its job can be turned into an annotation.
 */
export function runCli(args, { env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SELF, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const chunks = [];
    const errors = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => {
      errors.push(chunk);
      process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      log(`::error::could not run api-semver: ${error.message}`);
      resolve({ code: EXIT_UNUSABLE, stdout: '', stderr: '' });
    });
    child.on('close', (code) =>
      resolve({ code: code ?? EXIT_UNUSABLE, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errors).toString('utf8') }),
    );
  });
}

/** Appends `name=value` lines to $GITHUB_OUTPUT (the heredoc form for a multi-line value); skips undefined values. */
export function writeOutputs(file, outputs) {
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    const string = String(value);
    if (!string.includes('\n')) {
      text += `${name}=${string}\n`;
      continue;
    }
    let delimiter = 'API_SEMVER_EOF';
    while (string.includes(delimiter)) delimiter += '_';
    text += `${name}<<${delimiter}\n${string}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

/** The pull request this run is for, from the event payload, or undefined when the event is not a pull request. */
export function pullRequest(env = process.env) {
  const event = env.GITHUB_EVENT_NAME;
  if (event && !PULL_REQUEST_EVENTS.includes(event)) return undefined;
  if (!env.GITHUB_EVENT_PATH) return undefined;
  let payload;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch (error) {
    log(`::warning::api-semver: could not read the event payload ${env.GITHUB_EVENT_PATH}: ${error.message}`);
    return undefined;
  }
  const number = payload?.pull_request?.number;
  const fullName = payload?.repository?.full_name ?? env.GITHUB_REPOSITORY;
  if (typeof number !== 'number' || typeof fullName !== 'string' || !fullName.includes('/')) return undefined;
  const [owner, repo] = fullName.split('/');
  const sha = payload.pull_request.base?.sha;
  return { owner, repo, number, ...(typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? { baseSha: sha } : {}) };
}

/** The `rel="next"` URL of a Link header, or undefined. */
export function nextLink(header) {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    const rel = match && /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(match[2]);
    if (rel && (rel[1] ?? rel[2]).toLowerCase().split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

/** A body GitHub accepts: a report longer than a comment may be is cut at a line, pointing at the job summary. */
export function commentBody(markdown) {
  if (markdown.length <= MAX_COMMENT_LENGTH) return markdown;
  const note = '\n\n… The report is too long for a comment and was cut here: the job summary has all of it.\n';
  const cut = markdown.slice(0, MAX_COMMENT_LENGTH - note.length);
  return cut.slice(0, Math.max(cut.lastIndexOf('\n'), cut.indexOf('\n'))) + note;
}

class ApiError extends Error {}

async function request(url, token, method = 'GET', body) {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'api-semver-action',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    let detail = '';
    try {
      const message = (await response.json())?.message;
      if (typeof message === 'string') detail = `: ${message.slice(0, 200)}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError(`${method} ${new URL(url).pathname} answered ${response.status}${detail}`);
  }
  return response;
}

const repoPath = ({ owner, repo }) => `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;

const firstLine = (body) => (typeof body === 'string' ? body.trimStart().split('\n', 1)[0].trim() : undefined);

/**
 * The first comment on the pull request whose first line is `marker`, following the Link pages; without one, the
 * first comment an earlier version of the action wrote (the bare MARKER), which this run takes over.
 */
export async function findComment({ apiUrl, token, owner, repo, number, marker = MARKER }) {
  const origin = new URL(apiUrl).origin;
  let url = `${apiUrl}${repoPath({ owner, repo })}/issues/${number}/comments?per_page=100`;
  let legacy;
  for (let page = 0; url !== undefined && page < 1000; page++) {
    const response = await request(url, token);
    const comments = await response.json();
    if (!Array.isArray(comments)) throw new ApiError(`GET ${new URL(url).pathname} did not answer a list of comments`);
    const found = comments.find((c) => firstLine(c?.body) === marker);
    if (found) return found;
    legacy ??= comments.find((c) => firstLine(c?.body) === MARKER);
    const next = nextLink(response.headers.get('link'));
    url = next === undefined ? undefined : new URL(next, url).href;
    // The token goes only to the API it was given for.
    if (url !== undefined && new URL(url).origin !== origin) throw new ApiError(`the next page of comments is on another host (${new URL(url).origin})`);
  }
  return legacy;
}

/** Updates the sticky comment, or creates it. Returns what it did: created, updated or unchanged. */
export async function upsertComment({ apiUrl, token, owner, repo, number, body }) {
  const existing = await findComment({ apiUrl, token, owner, repo, number, marker: firstLine(body) });
  if (existing && existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
  const response = existing
    ? await request(`${apiUrl}${repoPath({ owner, repo })}/issues/comments/${existing.id}`, token, 'PATCH', { body })
    : await request(`${apiUrl}${repoPath({ owner, repo })}/issues/${number}/comments`, token, 'POST', { body });
  const comment = await response.json().catch(() => ({}));
  return { action: existing ? 'updated' : 'created', id: comment?.id ?? existing?.id, url: comment?.html_url };
}

/** Runs the action; returns the exit code (the CLI's, or 2 when the inputs are unusable). */
export async function main(env = process.env, cwd = process.cwd()) {
  let inputs;
  const unusable = (message) => {
    if (message) log(`::error title=api-semver could not run::${escapeData(message)}`);
    writeOutputs(env.GITHUB_OUTPUT, { ok: 'false', result: 'error' });
    return EXIT_UNUSABLE;
  };
  try {
    inputs = safeBaseline(readInputs(env), env, cwd);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    return unusable(`api-semver: ${error.message}`);
  }

  // The one analysis. A bad input stops here, as an annotation with the CLI's message.
  const json = await runCli(cliArgs(inputs), { env });
  let report;
  try {
    report = JSON.parse(json.stdout);
  } catch {
    report = undefined;
  }
  // A workspace run reports a package that could not be checked (exit 2) inside its report, with the others.
  const usable = inputs.workspaces ? Array.isArray(report?.workspaces) : json.code !== EXIT_UNUSABLE && typeof report?.bump === 'string';
  if (!usable) {
    const said = json.stderr.split('\n').filter((line) => line.startsWith('api-semver: ')).map((line) => line.slice('api-semver: '.length));
    return unusable(said.join('\n') || 'api-semver printed no report');
  }
  const code = json.code;

  const prefix = pathPrefix(inputs.package, env.GITHUB_WORKSPACE || cwd, cwd);
  const view = inputs.workspaces ? workspaceView(report, prefix) : packageView(report, inputs, prefix, cwd);
  process.stdout.write(view.annotations);
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(env.GITHUB_STEP_SUMMARY, view.summary);
    } catch (error) {
      log(`::warning::api-semver: could not write the job summary: ${oneLine(error.message)}`);
    }
  }

  writeOutputs(env.GITHUB_OUTPUT, {
    bump: view.bump,
    'next-version': view.nextVersion,
    ok: code === 0 ? 'true' : 'false',
    result: resultOf(code),
    report: inputs.shard ? saveShardReport(json.stdout, inputs.shard, env) : undefined,
  });

  if (inputs.comment && inputs.shard) log(`api-semver: shard ${inputs.shard}, no comment: the job that merges the shards posts it`);
  else if (inputs.comment) {
    const target = pullRequest(env);
    if (target === undefined) log('api-semver: not a pull request, no comment');
    else if (!inputs.token) log('::warning::api-semver: no github-token, so no pull-request comment');
    else {
      const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
      const body = commentBody(view.comment());
      try {
        const result = await upsertComment({ apiUrl, token: inputs.token, ...target, body });
        log(`api-semver: comment ${result.action}${result.url ? ` (${result.url})` : ''}`);
      } catch (error) {
        // The comment is a convenience: its failure (a fork's read-only token, an outage) never changes the verdict.
        log(`::warning::api-semver: could not post the pull-request comment: ${oneLine(describe(error))}`);
      }
    }
  }
  return code;
}

/** What the action shows of one package's report; the comment's Markdown is rendered only when it is posted. */
function packageView(report, inputs, prefix, cwd) {
  return {
    annotations: renderGithub(report, { ...(inputs.command === 'diff' ? { failOn: inputs.failOn } : {}), ...(prefix ? { pathPrefix: prefix } : {}) }),
    summary: renderGithubSummary(report),
    bump: report.bump,
    nextVersion: typeof report.versions?.next === 'string' ? report.versions.next : undefined,
    comment: () => renderMarkdown(report).replace(MARKER, markerFor(packageName(inputs.package, cwd))),
  };
}

/**
 * What the action shows of a workspace run: every package in one summary and one comment, the highest bump, and no
 * next version (each package has its own).
 */
function workspaceView(report, prefix) {
  const warnings = report.warnings ?? [];
  const markdown = renderWorkspacesMarkdown(report.workspaces, warnings);
  const bumps = report.workspaces.flatMap((r) => (r.report ? [r.report.bump] : []));
  return {
    annotations: renderWorkspacesGithub(report.workspaces, { ...(prefix ? { pathPrefix: prefix } : {}), warnings }),
    summary: markdown,
    bump: bumps.length ? maxBump(...bumps) : undefined,
    nextVersion: undefined,
    comment: () => markdown.replace(MARKER, WORKSPACES_MARKER),
  };
}

/** A shard's JSON report, for the job that merges the shards (`api-semver merge`): returns its path. */
function saveShardReport(text, shard, env) {
  const file = path.join(env.RUNNER_TEMP || tmpdir(), `api-semver-shard-${shard.replace('/', '-of-')}.json`);
  writeFileSync(file, text);
  return file;
}

/** fetch's own errors say only "fetch failed": the cause (ECONNREFUSED, a timeout) is the useful part. */
const describe = (error) => (error?.cause?.message ? `${error.message} (${error.cause.message})` : String(error?.message ?? error));
const oneLine = (text) => String(text).replace(/\s+/g, ' ');
/** The runner's escaping of an annotation's message (toolkit/core command.ts). */
const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
function log(line) {
  process.stdout.write(`${line}\n`);
}

function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // The runner starts an action's entry with no arguments; the CLI always has some (its command).
  if (process.argv.length > 2) {
    const { run } = await import('../dist/cli/main.js');
    await run();
  } else {
    try {
      process.exitCode = await main();
    } catch (error) {
      log(`::error::api-semver action: internal error: ${oneLine(error?.message ?? error)}`);
      process.exitCode = EXIT_UNUSABLE;
    }
  }
}
