import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error -- plain JavaScript without declarations: the action runs on runners without a build of its own
import { cliArgs, commentBody, MARKER, markerFor, MAX_COMMENT_LENGTH, nextLink, packageName, readInputs, safeBaseline, WORKSPACES_MARKER } from '../action/run.mjs';
import { apiReportOf } from '../src/engine/api-report-check.js';
import { readRelease } from '../src/engine/releases.js';
import { startRun } from '../src/engine/run.js';
import { FakeRegistry, release } from './fake-registry.js';
import { git, library, shallowClone, workspace, write } from './git-repos.js';
import { tempDir } from './temp-dir.js';

// The action as a runner starts it: its entry as a child process with no arguments and the inputs in INPUT_<NAME>
// variables, the runner's files (event payload, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) in a temp folder and the GitHub
// API replaced by a loopback server. Most tests run action/run.mjs on the built sources; the last ones run the
// bundle the runner starts (action/dist/index.mjs) as a runner downloads it.
const repo = path.resolve(import.meta.dirname, '..');
const script = path.join(repo, 'action/run.mjs');
const timeout = 180_000; // a loaded machine

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  accept: string | undefined;
  body: string;
}
type Handler = (req: Recorded, res: ServerResponse, origin: string) => void;

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A fake GitHub API on 127.0.0.1 that records every request; `handle` answers them. */
async function fakeApi(handle: Handler): Promise<{ origin: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handle(recorded, res, origin);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({ close: () => server.close() });
  return { origin, requests };
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

const prEvent = { action: 'synchronize', number: 7, pull_request: { number: 7 }, repository: { full_name: 'octo/widgets' } };
const pushEvent = { ref: 'refs/heads/main', repository: { full_name: 'octo/widgets' } };

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** How many times the CLI started (each start is one analysis). */
  analyses: number;
}

/**
 * A module every node process of the run preloads: it counts the starts of the entry with arguments, which is how
 * the Action runs the CLI (each start is one analysis).
 */
const counter = (file: string, entry: string) =>
  `import { appendFileSync } from 'node:fs';\nif (process.argv[1] === ${JSON.stringify(entry)} && process.argv.length > 2) appendFileSync(${JSON.stringify(file)}, 'run\\n');\n`;

/** An input as the runner passes it to a JavaScript action: INPUT_ and the name in capitals, hyphens kept. */
const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

interface ActionOptions {
  event: object;
  eventName: string;
  /** Inputs by their action.yml names; the defaults run check on the shipped example. */
  inputs?: Record<string, string>;
  apiUrl?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** The entry the runner starts (default action/run.mjs). */
  entry?: string;
}

/** Runs the action on the shipped example (v1 → v2: a major change declared as 1.5.0). */
async function runAction(options: ActionOptions): Promise<ActionRun> {
  const entry = options.entry ?? script;
  const dir = tempDir({ 'event.json': JSON.stringify(options.event), 'output.txt': '', 'summary.md': '', 'starts.txt': '' });
  write(dir, { 'count.mjs': counter(path.join(dir, 'starts.txt'), entry) });
  const inputs: Record<string, string> = {
    baseline: 'examples/greeter/v1',
    package: 'examples/greeter/v2',
    'fail-on': 'major',
    command: 'check',
    config: '',
    comment: 'true',
    'github-token': 'test-token',
    ...options.inputs,
  };
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(name)));
  Object.assign(env, {
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.cwd ?? repo,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_REPOSITORY: 'octo/widgets',
    NODE_OPTIONS: `--import ${pathToFileURL(path.join(dir, 'count.mjs')).href}`,
    // Never the real API: without a fake server, a closed loopback port.
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    ...options.env,
  });
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [entry], { cwd: options.cwd ?? repo, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
  const outputs = Object.fromEntries(
    readFileSync(path.join(dir, 'output.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const analyses = readFileSync(path.join(dir, 'starts.txt'), 'utf8').split('\n').filter(Boolean).length;
  return { code, stdout, stderr, outputs, summary: readFileSync(path.join(dir, 'summary.md'), 'utf8'), analyses };
}

/** What every run on the example must produce, whatever happens to the comment. */
function expectVerdict(run: ActionRun): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.outputs).toEqual({ bump: 'major', 'next-version': '2.0.0', ok: 'false', result: 'fail' });
  // Annotations on repository paths (the package is examples/greeter/v2 inside the workspace).
  expect(run.stdout).toContain('::error file=examples/greeter/v2/index.d.ts,line=5,title=enum-member-added (major)::enum member Volume.Loud was added');
  expect(run.stdout).toMatch(/^::warning file=examples\/greeter\/v2\/index\.d\.ts,line=24,title=param-type-widened/m);
  expect(run.summary.startsWith(`${MARKER}\nRequires **major** (declared 1.5.0, needs 2.0.0)`)).toBe(true);
  expect(run.analyses).toBe(1);
}

/** The sticky comment of the example package (examples/greeter/v2 is named greeter). */
const greeterMarker = '<!-- api-semver: greeter -->';

const commentsPath = '/repos/octo/widgets/issues/7/comments';

describe('the GitHub Action (action/run.mjs)', () => {
  it(
    'posts one new comment when the pull request has none',
    async () => {
      const api = await fakeApi((req, res) => {
        if (req.method === 'GET' && req.url === `${commentsPath}?per_page=100`) return json(res, 200, [{ id: 1, body: 'Looks good' }]);
        if (req.method === 'POST' && req.url === commentsPath) return json(res, 201, { id: 99, html_url: 'https://github.test/c/99' });
        json(res, 404, { message: 'Not Found' });
      });
      const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin });
      expectVerdict(run);
      expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${commentsPath}?per_page=100`, `POST ${commentsPath}`]);
      for (const request of api.requests) {
        expect(request.authorization).toBe('Bearer test-token');
        expect(request.accept).toBe('application/vnd.github+json');
      }
      const posted = JSON.parse(api.requests[1]!.body) as { body: string };
      expect(posted.body.startsWith(`${greeterMarker}\n`)).toBe(true);
      // the same Markdown as the job summary, under the package's marker
      expect(posted.body).toBe(run.summary.replace(MARKER, greeterMarker));
      expect(run.stdout).toContain('api-semver: comment created (https://github.test/c/99)');
      expect(run.stdout).not.toContain('::warning::');
    },
    timeout,
  );

  it(
    'updates the marker comment found on a later page, and posts nothing',
    async () => {
      const api = await fakeApi((req, res, origin) => {
        if (req.method === 'GET' && req.url === `${commentsPath}?per_page=100`) {
          const link = `<${origin}${commentsPath}?per_page=100&page=2>; rel="next", <${origin}${commentsPath}?per_page=100&page=2>; rel="last"`;
          return json(res, 200, [{ id: 1, body: 'first' }, { id: 2, body: `quoting: ${MARKER}` }], { Link: link });
        }
        if (req.method === 'GET' && req.url === `${commentsPath}?per_page=100&page=2`) {
          const link = `<${origin}${commentsPath}?per_page=100&page=1>; rel="prev", <${origin}${commentsPath}?per_page=100&page=1>; rel="first"`;
          return json(res, 200, [{ id: 3, body: 'second' }, { id: 42, body: `${MARKER}\nRequires **minor** (an older run)` }], { Link: link });
        }
        if (req.method === 'PATCH' && req.url === '/repos/octo/widgets/issues/comments/42') return json(res, 200, { id: 42, html_url: 'https://github.test/c/42' });
        json(res, 404, { message: 'Not Found' });
      });
      const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin });
      expectVerdict(run);
      expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        `GET ${commentsPath}?per_page=100`,
        `GET ${commentsPath}?per_page=100&page=2`,
        'PATCH /repos/octo/widgets/issues/comments/42',
      ]);
      expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
      expect(api.requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
      const patched = JSON.parse(api.requests[2]!.body) as { body: string };
      expect(patched.body.startsWith(`${greeterMarker}\nRequires **major**`)).toBe(true);
      expect(run.stdout).toContain('api-semver: comment updated (https://github.test/c/42)');
    },
    timeout,
  );

  it(
    "under NODE_ENV=production, updates this package's comment and leaves another package's alone",
    async () => {
      const other = `${markerFor('@octo/other')}\nRequires **minor**`;
      const api = await fakeApi((req, res) => {
        if (req.method === 'GET') return json(res, 200, [{ id: 5, body: other }, { id: 8, body: `${greeterMarker}\nRequires **patch** (an older run)` }]);
        if (req.method === 'PATCH' && req.url === '/repos/octo/widgets/issues/comments/8') return json(res, 200, { id: 8 });
        json(res, 404, { message: 'Not Found' });
      });
      const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin, env: { NODE_ENV: 'production' } });
      expectVerdict(run);
      expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${commentsPath}?per_page=100`, 'PATCH /repos/octo/widgets/issues/comments/8']);
      expect(run.stdout).toContain('api-semver: comment updated');
    },
    timeout,
  );

  it(
    'warns, and keeps the verdict, when the job summary cannot be written',
    async () => {
      const run = await runAction({ event: pushEvent, eventName: 'push', inputs: { comment: 'false' }, env: { GITHUB_STEP_SUMMARY: tempDir({}) } });
      expect(run.code, run.stderr).toBe(1);
      expect(run.outputs).toMatchObject({ bump: 'major', result: 'fail' });
      expect(run.stdout).toMatch(/^::warning::api-semver: could not write the job summary: /m);
      expect(run.analyses).toBe(1);
    },
    timeout,
  );

  it(
    "makes no API call when comment is 'false'",
    async () => {
      const api = await fakeApi((_req, res) => json(res, 500, { message: 'unexpected' }));
      const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin, inputs: { comment: 'false' } });
      expectVerdict(run);
      expect(api.requests).toEqual([]);
    },
    timeout,
  );

  it(
    'makes no API call when the event is not a pull request',
    async () => {
      const api = await fakeApi((_req, res) => json(res, 500, { message: 'unexpected' }));
      const run = await runAction({ event: pushEvent, eventName: 'push', apiUrl: api.origin });
      expectVerdict(run);
      expect(api.requests).toEqual([]);
      expect(run.stdout).toContain('api-semver: not a pull request, no comment');
    },
    timeout,
  );

  it(
    "warns when the API refuses the comment, and keeps the CLI's exit code and outputs",
    async () => {
      const api = await fakeApi((req, res) => {
        if (req.method === 'GET') return json(res, 200, []);
        json(res, 403, { message: 'Resource not accessible by integration' });
      });
      const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin });
      expectVerdict(run);
      expect(run.stdout).toContain(
        `::warning::api-semver: could not post the pull-request comment: POST ${commentsPath} answered 403: Resource not accessible by integration`,
      );
      expect(run.stdout).not.toContain('test-token');
    },
    timeout,
  );

  it(
    'runs diff with fail-on: no next-version, and the same annotations',
    async () => {
      const run = await runAction({ event: pushEvent, eventName: 'push', inputs: { command: 'diff', 'fail-on': 'major', comment: 'false' } });
      expect(run.code, run.stderr).toBe(1);
      expect(run.outputs).toEqual({ bump: 'major', ok: 'false', result: 'fail' });
      expect(run.stdout).toContain('::error file=examples/greeter/v2/index.d.ts,line=5,title=enum-member-added (major)');
      expect(run.summary.startsWith(MARKER)).toBe(true);
      expect(run.analyses).toBe(1);
    },
    timeout,
  );

  it('refuses unusable inputs with exit 2 before running anything', async () => {
    const run = await runAction({ event: pushEvent, eventName: 'push', inputs: { command: 'publish' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error title=api-semver could not run::api-semver: input "command" must be check or diff, not "publish"');
    expect(run.outputs).toEqual({ ok: 'false', result: 'error' });
    expect(run.summary).toBe('');
  });

  it('exits 2 with the CLI message when a release cannot be read, and comments nothing', async () => {
    const api = await fakeApi((_req, res) => json(res, 500, { message: 'unexpected' }));
    const run = await runAction({ event: prEvent, eventName: 'pull_request', apiUrl: api.origin, inputs: { baseline: 'examples/greeter/v0' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^api-semver: .*examples\/greeter\/v0/m);
    expect(run.stdout).toMatch(/^::error title=api-semver could not run::.*examples\/greeter\/v0/m);
    expect(run.outputs).toEqual({ ok: 'false', result: 'error' });
    expect(api.requests).toEqual([]);
  }, timeout);
});

describe('the Action in a repository (issue 14)', () => {
  const registry = new FakeRegistry();
  beforeAll(() => registry.start());
  afterAll(() => registry.stop());
  const inRepository = (cwd: string, inputs: Record<string, string>, event: object = pushEvent, apiUrl?: string) =>
    runAction({
      event,
      eventName: event === pushEvent ? 'push' : 'pull_request',
      cwd,
      ...(apiUrl ? { apiUrl } : {}),
      inputs: { package: '.', comment: 'false', ...inputs },
      env: { npm_config_registry: registry.url, XDG_CACHE_HOME: tempDir({}), NPM_CONFIG_USERCONFIG: path.join(cwd, 'no-npmrc'), RUNNER_TEMP: tempDir({}) },
    });

  it(
    'situation 6: a pull request that regenerates the committed report is still checked against the base commit\'s report',
    async () => {
      const dir = library();
      git(dir, 'checkout', '-q', 'main');
      write(dir, { 'api/mylib.api.md': apiReportOf(await readRelease(dir, startRun({ cwd: dir }))) });
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'API report');
      const base = git(dir, 'rev-parse', 'HEAD').trim();
      git(dir, 'checkout', '-q', 'feature');
      git(dir, 'checkout', '-q', 'main', '--', 'api');
      // The pull request does what the report's header asks: regenerate it.
      write(dir, { 'api/mylib.api.md': apiReportOf(await readRelease(dir, startRun({ cwd: dir }))) });
      const event = { ...prEvent, pull_request: { number: 7, base: { sha: base } } };
      const run = await inRepository(dir, { baseline: 'api/mylib.api.md' }, event);
      expect(run.code, run.stderr).toBe(1);
      expect(run.outputs).toMatchObject({ bump: 'major', ok: 'false', result: 'fail' });
      expect(run.stdout).toMatch(/^::error title=api-semver%3A version not enough \(major changes\)::version 1\.0\.0 is reused/m);
      expect(run.summary).toContain(`Baseline: git:${base}:api/mylib.api.md (named as the old release)`);
    },
    timeout,
  );

  it(
    'situation 3 and 10: a shallow checkout without a baseline is result=error with an annotation, never ok',
    async () => {
      const clone = shallowClone(library());
      const run = await inRepository(clone, { baseline: '' });
      expect(run.code).toBe(2);
      expect(run.outputs).toEqual({ ok: 'false', result: 'error' });
      expect(run.stdout).toMatch(/^::error title=api-semver could not run::cannot find the baseline: .*shallow clone.*fetch-depth: 0/m);
    },
    timeout,
  );

  // The workspace of git-repos.ts: @demo/mylib broken on the branch, js-only without types, fresh-pkg never released.
  const onWorkspace = (root: string, inputs: Record<string, string>, apiUrl: string) =>
    inRepository(root, { baseline: '', workspaces: 'true', verify: 'false', comment: 'true', ...inputs }, prEvent, apiUrl);

  /** A fake GitHub API that keeps the pull request's comments. */
  const commentStore = () => {
    const comments: Array<{ id: number; body: string }> = [{ id: 1, body: `${markerFor('@demo/mylib')}\nRequires **major**` }];
    return fakeApi((req, res) => {
      if (req.method === 'GET') return json(res, 200, comments);
      const { body } = JSON.parse(req.body) as { body: string };
      if (req.method === 'POST') return json(res, 201, comments[comments.push({ id: 100 + comments.length, body }) - 1]);
      const comment = comments.find((c) => req.url === `/repos/octo/widgets/issues/comments/${c.id}`);
      if (req.method === 'PATCH' && comment) return json(res, 200, Object.assign(comment, { body }));
      json(res, 404, { message: 'Not Found' });
    });
  };

  it(
    'workspaces: one analysis of every package, their annotations, the highest bump, the exit code, and one combined comment updated in place',
    async () => {
      const root = workspace();
      const api = await commentStore();
      const run = await onWorkspace(root, {}, api.origin);
      // The CLI's exit code for the workspace: 1, a package's version is not enough and none failed to run.
      expect(run.code, run.stderr).toBe(1);
      expect(run.analyses).toBe(1);
      expect(run.outputs).toEqual({ bump: 'major', ok: 'false', result: 'fail' });
      expect(run.stdout).toMatch(/^::error file=packages\/mylib\/index\.d\.ts,line=\d+,/m);
      expect(run.stdout).toMatch(/^::notice title=api-semver%3A js-only skipped::/m);
      expect(run.summary.startsWith(`${MARKER}\nAPI check of 3 packages: 1 failing`)).toBe(true);
      expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
      const posted = (JSON.parse(api.requests[1]!.body) as { body: string }).body;
      // One comment for the workspace, beside (not over) a single-package run's comment.
      expect(posted).toBe(run.summary.replace(MARKER, WORKSPACES_MARKER));
      for (const name of ['@demo/mylib', 'js-only', 'fresh-pkg']) expect(posted).toContain(`| \`${name}\` |`);

      // The next push fixes the version: the same comment is updated, no second one.
      write(root, { 'packages/mylib/package.json': JSON.stringify({ name: '@demo/mylib', version: '2.0.0', exports: { '.': { types: './index.d.ts' } } }) });
      const again = await onWorkspace(root, {}, api.origin);
      expect(again.code, again.stderr).toBe(0);
      expect(again.outputs).toEqual({ bump: 'major', ok: 'true', result: 'pass' });
      expect(api.requests.slice(2).map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${commentsPath}?per_page=100`, 'PATCH /repos/octo/widgets/issues/comments/101']);
      expect(again.stdout).toContain('api-semver: comment updated');
    },
    timeout,
  );

  it(
    'workspaces: a package that cannot be checked is result=error and exit 2, as the CLI exits, with the others reported',
    async () => {
      const root = workspace();
      write(root, { 'packages/broken/package.json': JSON.stringify({ name: 'broken', version: '1.0.0', types: 'missing.d.ts' }) });
      const api = await commentStore();
      const run = await onWorkspace(root, {}, api.origin);
      expect(run.code, run.stderr).toBe(2);
      expect(run.outputs).toEqual({ bump: 'major', ok: 'false', result: 'error' });
      expect(run.stdout).toMatch(/^::error title=api-semver%3A broken could not be checked::/m);
      expect(run.stdout).toMatch(/^::error file=packages\/mylib\/index\.d\.ts,/m);
      expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    },
    timeout,
  );

  it(
    "workspaces with shard: that shard's packages, its JSON report for the merge job, and no comment",
    async () => {
      const root = workspace();
      const api = await commentStore();
      const run = await onWorkspace(root, { shard: '2/2' }, api.origin);
      expect(run.code, run.stderr).toBe(0);
      expect(run.analyses).toBe(1);
      expect(api.requests).toEqual([]);
      expect(run.stdout).toContain('api-semver: shard 2/2, no comment: the job that merges the shards posts it');
      const report = JSON.parse(readFileSync(run.outputs['report']!, 'utf8')) as { shard: unknown; workspaces: Array<{ name: string }> };
      expect(report.shard).toEqual({ index: 2, count: 2, packages: 3 });
      expect(report.workspaces.map((w) => w.name)).toEqual(['js-only']);
      expect(run.outputs).toMatchObject({ ok: 'true', result: 'pass' });
    },
    timeout,
  );

  it('safeBaseline reads a committed report from the base commit only on pull requests', () => {
    const dir = library();
    const inputs = readInputs({ INPUT_BASELINE: 'api/x.api.md' });
    const sha = 'a'.repeat(40);
    const eventFile = path.join(tempDir({ 'event.json': JSON.stringify({ ...prEvent, pull_request: { number: 7, base: { sha } } }) }), 'event.json');
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile };
    expect(safeBaseline(inputs, env, dir)).toMatchObject({ baseline: `git:${sha}:api/x.api.md`, report: 'api/x.api.md' });
    expect(safeBaseline(inputs, { GITHUB_EVENT_NAME: 'push' }, dir)).toBe(inputs);
    expect(safeBaseline(readInputs({ INPUT_BASELINE: 'npm:x@1' }), env, dir).baseline).toBe('npm:x@1');
    expect(cliArgs({ ...inputs, report: 'api/x.api.md' })).toContain('--report');
    expect(cliArgs(readInputs({ INPUT_CHANGESETS: '.changeset' })).slice(-2)).toEqual(['--changesets', '.changeset']);
    expect(() => readInputs({ INPUT_COMMAND: 'diff', INPUT_BASELINE: 'b', INPUT_CHANGESETS: '.changeset' })).toThrow(/check only/);
  });
});

describe('action/run.mjs helpers', () => {
  it('reads the rel="next" link of a Link header', () => {
    expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=9>; rel="last"')).toBe('https://api.github.com/x?page=2');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('reads the inputs with their defaults and refuses bad values', () => {
    expect(readInputs({ INPUT_BASELINE: 'api/x.api.md' })).toEqual({
      baseline: 'api/x.api.md',
      package: '.',
      failOn: 'major',
      command: 'check',
      config: '',
      changesets: '',
      comment: true,
      token: '',
      verify: undefined,
      fetchDeps: false,
      args: [],
      workspaces: false,
      shard: '',
    });
    expect(readInputs({ INPUT_BASELINE: 'b', 'INPUT_FAIL-ON': 'minor', INPUT_COMMENT: 'False' })).toMatchObject({ failOn: 'minor', comment: false });
    expect(readInputs({}).baseline).toBe('');
    expect(cliArgs(readInputs({}))).toEqual(['check', '.', '--format', 'json', '--quiet']);
    expect(() => readInputs({ INPUT_COMMAND: 'diff' })).toThrow(/"baseline" is required with command diff/);
    expect(() => readInputs({ INPUT_BASELINE: 'b', 'INPUT_FAIL-ON': 'huge' })).toThrow(/"fail-on" must be/);
    expect(() => readInputs({ INPUT_BASELINE: 'b', INPUT_COMMENT: 'maybe' })).toThrow(/"comment" must be/);
    expect(() => readInputs({ INPUT_BASELINE: '--help' })).toThrow(/not an option/);
  });

  it('passes verify, fetch-deps and extra arguments on, and refuses arguments that would replace the JSON report', () => {
    const inputs = readInputs({ INPUT_VERIFY: 'false', 'INPUT_FETCH-DEPS': 'true', INPUT_ARGS: ' --offline   --baseline-line ' });
    expect(cliArgs(inputs)).toEqual(['check', '.', '--format', 'json', '--quiet', '--no-verify', '--fetch-deps', '--offline', '--baseline-line']);
    expect(cliArgs(readInputs({ INPUT_VERIFY: 'true' }))).toContain('--verify');
    expect(cliArgs(readInputs({}))).not.toContain('--no-verify');
    for (const arg of ['--format', '--format=text', '-o', '--help', '-V']) expect(() => readInputs({ INPUT_ARGS: `--offline ${arg}` }), arg).toThrow(/input "args" cannot hold/);
    expect(() => readInputs({ INPUT_VERIFY: 'sometimes' })).toThrow(/"verify" must be/);
  });

  it('runs check --workspaces (and a shard of it) for the workspaces input, and refuses inputs that do not apply', () => {
    expect(cliArgs(readInputs({ INPUT_WORKSPACES: 'true' }))).toEqual(['check', '--workspaces', '--format', 'json', '--quiet']);
    expect(cliArgs(readInputs({ INPUT_WORKSPACES: 'true', INPUT_SHARD: '2/4' })).slice(0, 4)).toEqual(['check', '--workspaces', '--shard', '2/4']);
    expect(() => readInputs({ INPUT_WORKSPACES: 'true', INPUT_COMMAND: 'diff', INPUT_BASELINE: 'b' })).toThrow(/"workspaces" works with command check only/);
    expect(() => readInputs({ INPUT_WORKSPACES: 'true', INPUT_PACKAGE: 'packages/a' })).toThrow(/do not apply with workspaces/);
    expect(() => readInputs({ INPUT_SHARD: '1/2' })).toThrow(/set workspaces too/);
    expect(() => readInputs({ INPUT_WORKSPACES: 'true', INPUT_SHARD: 'first' })).toThrow(/"shard" must be i\/n/);
  });

  it('cuts a report too long for a comment at a line, keeping the marker', () => {
    const long = `${MARKER}\n${'| a | b |\n'.repeat(10_000)}`;
    const body = commentBody(long) as string;
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toMatch(/\| a \| b \|\n\n… The report is too long/);
    expect(commentBody('short')).toBe('short');
    const named = commentBody(`${greeterMarker}\n${'x'.repeat(MAX_COMMENT_LENGTH)}`) as string;
    expect(named.startsWith(`${greeterMarker}\n\n… The report is too long`)).toBe(true);
  });

  it("names the sticky comment's package, from its package.json or the release as given", () => {
    expect(packageName('examples/greeter/v2', repo)).toBe('greeter');
    expect(packageName('types/index.d.ts', repo)).toBe('types/index.d.ts');
    expect(markerFor('@scope/pkg')).toBe('<!-- api-semver: @scope/pkg -->');
    expect(markerFor('a-->b<c>')).toBe('<!-- api-semver: a-bc -->');
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(repo, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { required?: boolean; default?: string }>;
    outputs: Record<string, { value?: string }>;
    runs: { using: string; main: string; steps?: unknown };
  };

  it('is a JavaScript action on the runner\'s Node 24 whose entry is the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.mjs' });
    expect(existsSync(path.join(repo, action.runs.main))).toBe(true);
  });

  it('declares every input the script reads, under the names the runner passes', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'baseline', 'changesets', 'command', 'comment', 'config', 'fail-on', 'fetch-deps', 'github-token', 'package', 'shard', 'verify', 'workspaces']);
    const given = {
      baseline: 'old',
      package: 'new',
      'fail-on': 'minor',
      command: 'check',
      config: 'policy.json',
      changesets: '.changeset',
      comment: 'false',
      'github-token': 't',
      verify: 'true',
      'fetch-deps': 'true',
      args: '--offline',
      workspaces: 'false',
      shard: '',
    };
    const env = Object.fromEntries(Object.entries(given).map(([name, value]) => [inputVariable(name), value]));
    expect(readInputs(env)).toEqual({
      baseline: 'old',
      package: 'new',
      failOn: 'minor',
      command: 'check',
      config: 'policy.json',
      changesets: '.changeset',
      comment: false,
      token: 't',
      verify: true,
      fetchDeps: true,
      args: ['--offline'],
      workspaces: false,
      shard: '',
    });
  });

  it('declares the defaults and the outputs the script writes', () => {
    expect(action.inputs['baseline']?.required).toBe(false);
    expect(action.inputs['package']?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('major');
    expect(action.inputs['command']?.default).toBe('check');
    expect(action.inputs['comment']?.default).toBe('true');
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['verify']?.default).toBe('');
    expect(action.inputs['fetch-deps']?.default).toBe('false');
    // A JavaScript action's outputs are what it writes to $GITHUB_OUTPUT: no value expressions.
    expect(action.inputs['workspaces']?.default).toBe('false');
    expect(action.outputs).toEqual({ bump: expect.any(Object), 'next-version': expect.any(Object), ok: expect.any(Object), report: expect.any(Object), result: expect.any(Object) });
    for (const output of Object.values(action.outputs)) expect(output.value).toBeUndefined();
  });
});

describe('the bundled Action (action/dist/index.mjs)', () => {
  /** What a runner downloads for `uses: owner/api-semver@ref`: the repository's files at that ref (here, the work tree's files git would commit). */
  function downloadedAction(): string {
    const folder = tempDir({});
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!existsSync(path.join(repo, file))) continue; // deleted in the work tree
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      copyFileSync(path.join(repo, file), path.join(folder, file));
    }
    return folder;
  }

  it(
    'runs the analysis once under NODE_ENV=production with nothing installed or built, and posts the comment',
    async () => {
      const action = downloadedAction();
      expect(existsSync(path.join(action, 'node_modules')) || existsSync(path.join(action, 'dist'))).toBe(false);
      // The user's repository, and a PATH on which npm, npx and tsc only say that they were called.
      const workspace = tempDir({});
      cpSync(path.join(repo, 'examples/greeter'), path.join(workspace, 'examples/greeter'), { recursive: true });
      const called = path.join(tempDir({}), 'called.txt');
      const tools = tempDir({});
      for (const tool of ['npm', 'npx', 'tsc']) {
        writeFileSync(path.join(tools, tool), `#!/bin/sh\necho ${tool} "$@" >> '${called}'\nexit 1\n`);
        chmodSync(path.join(tools, tool), 0o755);
      }
      const api = await fakeApi((req, res) => {
        if (req.method === 'GET') return json(res, 200, []);
        if (req.method === 'POST' && req.url === commentsPath) return json(res, 201, { id: 99, html_url: 'https://github.test/c/99' });
        json(res, 404, { message: 'Not Found' });
      });
      const main = (parse(readFileSync(path.join(action, 'action.yml'), 'utf8')) as { runs: { main: string } }).runs.main;
      const run = await runAction({
        entry: path.join(action, main),
        cwd: workspace,
        event: prEvent,
        eventName: 'pull_request',
        apiUrl: api.origin,
        env: { NODE_ENV: 'production', PATH: `${tools}${path.delimiter}${process.env['PATH'] ?? ''}`, XDG_CACHE_HOME: tempDir({}) },
      });
      expectVerdict(run);
      expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${commentsPath}?per_page=100`, `POST ${commentsPath}`]);
      expect((JSON.parse(api.requests[1]!.body) as { body: string }).body).toBe(run.summary.replace(MARKER, greeterMarker));
      expect(existsSync(called) ? readFileSync(called, 'utf8') : '').toBe('');
      expect(existsSync(path.join(action, 'node_modules')) || existsSync(path.join(action, 'dist'))).toBe(false);
    },
    timeout,
  );

  it(
    'is the CLI when started with arguments: the version it was built from, and a surface cache keyed by its own build',
    async () => {
      const bundle = path.join(repo, 'action/dist/index.mjs');
      const { stdout } = await promisify(execFile)(process.execPath, [bundle, '--version']);
      expect(stdout).toBe(`${(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version}\n`);
      // Tarballs cannot change, so their surfaces are cached; the bundle has no dist/ to fingerprint the cache with.
      const dir = tempDir({});
      writeFileSync(path.join(dir, 'old.tgz'), release('lib', '1.0.0'));
      writeFileSync(path.join(dir, 'new.tgz'), release('lib', '1.1.0'));
      const env = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), NO_COLOR: '1' };
      const diff = () => promisify(execFile)(process.execPath, [bundle, 'diff', 'old.tgz', 'new.tgz', '--format', 'json'], { cwd: dir, env });
      const entries = () => readdirSync(path.join(dir, 'cache/api-semver/surfaces')).sort();
      const first = await diff();
      expect(entries()).toHaveLength(2);
      const cached = entries();
      const second = await diff();
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe('');
      expect(entries()).toEqual(cached);
      // The key's build part is the digest of the bundle's own code (with the fingerprint's placeholder in its place,
      // as scripts/build-action.mjs computed it), so any other bundle keys its entries apart.
      const text = readFileSync(bundle, 'utf8');
      const fingerprint = /fingerprint:"([0-9a-f]{64})"/.exec(text)?.[1] ?? '';
      expect(createHash('sha256').update(text.replaceAll(fingerprint, 'api-semver-bundle-fingerprint-placeholder')).digest('hex')).toBe(fingerprint);
    },
    timeout,
  );
});
