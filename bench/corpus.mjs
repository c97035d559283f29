// The ecosystem corpus: `npm run corpus` (builds first; not part of `npm test`). It fetches real releases with
// the tool's own npm source (the CLI's `npm:` specs, the tool's npm cache) and runs, for every pair of
// bench/corpus-pairs.json, one child process of the built CLI:
//   api-semver diff npm:<pkg>@<old> npm:<pkg>@<new> --verify --format json
// one pair at a time (the machine is shared), each under a time limit, with its exit code, wall time and peak RSS.
// It writes bench/corpus-results.json (every pair in the list's order, per-rule tallies, totals) and
// bench/corpus-results.md (the same as tables).
//
//   node bench/corpus.mjs                     every pair
//   node bench/corpus.mjs --only chalk        only pairs whose id contains the text (repeatable); the other
//                                             pairs keep their last results, so a rerun costs only what changed
//   node bench/corpus.mjs --missing           only pairs without a result yet (an interrupted run resumes)
//   node bench/corpus.mjs --render            rewrite the Markdown from the JSON, nothing run
//   node bench/corpus.mjs --consumers         compile bench/corpus/<id>.ts against both releases (see consumers.mjs)
//   --timeout <s>                             per-pair limit (default 300, or CORPUS_TIMEOUT_S)
//   --cli <file>                              the built CLI to run (default bin/api-semver.js here): a copy of a
//                                             build keeps measuring it while this checkout is rebuilt
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { impliedBump, pairId, readPairs } from './corpus-pairs.mjs';
import { renderMarkdown } from './corpus-render.mjs';
import { summarise, tallyFindings } from './corpus-tally.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const RESULTS_JSON = path.join(here, 'corpus-results.json');
const RESULTS_MD = path.join(here, 'corpus-results.md');

const progress = (message) => process.stderr.write(`${message}\n`);

function parseArgs(argv) {
  const args = {
    only: [],
    missing: false,
    render: false,
    consumers: false,
    timeoutS: Number(process.env.CORPUS_TIMEOUT_S || 300),
    cli: path.join(root, 'bin', 'api-semver.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') args.only.push(argv[++i] ?? '');
    else if (arg === '--missing') args.missing = true;
    else if (arg === '--render') args.render = true;
    else if (arg === '--consumers') args.consumers = true;
    else if (arg === '--timeout') args.timeoutS = Number(argv[++i]);
    else if (arg === '--cli') args.cli = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (!Number.isFinite(args.timeoutS) || args.timeoutS <= 0) throw new Error('--timeout needs a number of seconds');
  return args;
}

async function readResults() {
  if (!existsSync(RESULTS_JSON)) return { pairs: [], consumers: [] };
  return JSON.parse(await readFile(RESULTS_JSON, 'utf8'));
}

/** Runs the CLI on one pair under /usr/bin/time (for the child's peak RSS) in a scratch folder, so no config of this repository applies. */
function runPair(pair, { timeoutS, cli }, scratch) {
  return new Promise((resolve) => {
    const timeFile = path.join(scratch, `${pairId(pair)}.time`.replace(/[/]/g, '_'));
    const started = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%M', '-o', timeFile, process.execPath, cli, 'diff', `npm:${pair.package}@${pair.old}`, `npm:${pair.package}@${pair.new}`, '--verify', '--format', 'json'],
      { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    let timedOut = false;
    // /usr/bin/time forwards no signal: the child's own process group is killed, the CLI with it.
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const wallS = Math.round((performance.now() - started) / 100) / 10;
      const rssKb = Number((await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop());
      resolve({ code, signal, timedOut, wallS, peakRssMb: Number.isFinite(rssKb) && rssKb > 0 ? Math.round(rssKb / 1024) : null, stdout, stderr });
    });
  });
}

/** What one run says about a pair, in the order the results keep. */
function pairRecord(pair, run) {
  const record = {
    id: pairId(pair),
    package: pair.package,
    old: pair.old,
    new: pair.new,
    types: pair.package.startsWith('@types/') ? 'DefinitelyTyped' : 'self-typed',
    implied: impliedBump(pair.old, pair.new),
    ...(pair.issue ? { issue: pair.issue } : {}),
    status: 'ok',
    exitCode: run.code,
    wallS: run.wallS,
    peakRssMb: run.peakRssMb,
  };
  const firstLine = run.stderr.split('\n').find((line) => line.trim() !== '');
  if (run.timedOut) return { ...record, status: 'timeout', exitCode: null, error: `timed out after ${run.wallS} s` };
  let report;
  try {
    report = run.code === 0 ? JSON.parse(run.stdout) : undefined;
  } catch {
    report = undefined;
  }
  if (!report) {
    // The CLI's own refusals are exit 2; above that, the process died (a signal's 128 + n, as /usr/bin/time reports it).
    const crashed = run.signal !== null || run.code > 2 || /internal error|Maximum call stack|heap out of memory|FATAL ERROR/i.test(run.stderr);
    return { ...record, status: crashed ? 'crashed' : 'refused', error: firstLine ?? `exit code ${run.code}${run.signal ? `, ${run.signal}` : ''}` };
  }
  return { ...record, bump: report.bump, ...tallyFindings(report.findings) };
}

function machine() {
  return { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
}

async function toolCommit() {
  return new Promise((resolve) => {
    const child = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', () => resolve(out.trim() || 'unknown'));
  });
}

async function write(results) {
  results.totals = summarise(results.pairs);
  await writeFile(RESULTS_JSON, JSON.stringify(results, null, 2) + '\n');
  await writeFile(RESULTS_MD, renderMarkdown(results));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pairs = await readPairs();
  const previous = await readResults();
  if (args.render) return write(previous);
  if (args.consumers) {
    const { runConsumers } = await import('./corpus-consumers.mjs');
    previous.consumers = await runConsumers(pairs, previous.consumers ?? [], { only: args.only, progress });
    return write(previous);
  }
  const byId = new Map(previous.pairs.map((p) => [p.id, p]));
  const chosen = pairs.filter((pair) => {
    const id = pairId(pair);
    if (args.only.length > 0 && !args.only.some((text) => id.includes(text))) return false;
    return !args.missing || !byId.has(id);
  });
  const commit = await toolCommit();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'api-semver-corpus-'));
  progress(`corpus: ${chosen.length} of ${pairs.length} pairs, one at a time, ${args.timeoutS} s each at most (tool ${commit})`);
  try {
    for (const [index, pair] of chosen.entries()) {
      const run = await runPair(pair, args, scratch);
      const record = { ...pairRecord(pair, run), toolCommit: commit };
      byId.set(record.id, record);
      const what = record.status === 'ok' ? `${record.bump} (${record.findings.major}/${record.findings.minor}/${record.findings.patch})` : `${record.status}: ${record.error}`;
      progress(`[${index + 1}/${chosen.length}] ${record.id}: ${what}, ${record.wallS} s, ${record.peakRssMb ?? '?'} MB`);
      // Written after every pair: an interrupted run keeps what it measured (and --missing resumes it).
      await write({ ...previous, machine: machine(), pairs: pairs.map((p) => byId.get(pairId(p))).filter(Boolean) });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  progress(`corpus: ${error.message}`);
  process.exitCode = 2;
});
