// The benchmark: `npm run bench` (builds first). Separate from the tests, and unlike them it fetches real
// releases from the npm registry with the tool's own npm source (`npm:` specs, the tool's npm cache).
//
// For every pair, two child processes, one after the other, each with its own peak RSS:
//   node --expose-gc bench/pair.mjs  <old> <new>   the tool's full diff, by phase (load, model, diff+rules, report)
//   node --expose-gc bench/floor.mjs <old> <new>   the floor: the same files and Program, every export's type printed
// each doing one warm-up (which also fills the npm cache) and then the measured runs; the median is reported.
// Then the scaling section: synthetic packages of 1k, 10k and 50k exports (bench/synthetic.mjs), variant 0 → 1.
//
// Writes bench/results.json and bench/results.md; prints progress on stderr and the Markdown on stdout.
// A pair that fails (fetch error, crash, out of memory, timeout) is reported as failed with its message.
// Exit code 1 when a pair failed; missed targets are reported, not turned into an exit code.
// `node bench/run.mjs --render` rewrites results.md from results.json without measuring.
//
// Environment: BENCH_RUNS (3), BENCH_WARMUPS (1), BENCH_TIMEOUT_S (300, per child process of a pair),
// BENCH_SCALING_TIMEOUT_S (1200, per child process of a synthetic size),
// BENCH_ONLY (comma-separated pair names or "scaling": run only those), BENCH_SCALING=0 (skip scaling).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticDeclarations } from './synthetic.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

const RUNS = intEnv('BENCH_RUNS', 3);
const WARMUPS = intEnv('BENCH_WARMUPS', 1);
const TIMEOUT_S = intEnv('BENCH_TIMEOUT_S', 300);
// The 50k-export package alone takes minutes per run: the scaling children get a longer limit.
const SCALING_TIMEOUT_S = intEnv('BENCH_SCALING_TIMEOUT_S', 1200);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined;

const PAIRS = [
  { name: '@types/node 20.19.x → 22.x', id: 'types-node', old: 'npm:@types/node@^20.19.0', new: 'npm:@types/node@^22' },
  { name: 'typescript 5.8.3 → 5.9.3', id: 'typescript', old: 'npm:typescript@5.8.3', new: 'npm:typescript@5.9.3' },
  { name: 'date-fns 3.6.0 → 4.1.0', id: 'date-fns', old: 'npm:date-fns@3.6.0', new: 'npm:date-fns@4.1.0' },
  { name: 'type-fest 4.41.0 → 5.0.0', id: 'type-fest', old: 'npm:type-fest@4.41.0', new: 'npm:type-fest@5.0.0' },
  { name: 'zod 3.25.76 → 4.0.0', id: 'zod', old: 'npm:zod@3.25.76', new: 'npm:zod@4.0.0' },
  { name: 'rxjs 6.6.7 → 7.8.2', id: 'rxjs', old: 'npm:rxjs@6.6.7', new: 'npm:rxjs@7.8.2' },
];
const SCALING_SIZES = [1000, 10_000, 50_000];

const TARGETS = { ratio: 1.5, typesNodeWallMs: 10_000, peakRssMb: 1536, scalingPerExport: 1.2, verifyRatio: 2 };

function intEnv(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
}

const progress = (message) => process.stderr.write(`${message}\n`);

/** Runs one child script on a pair; resolves to its JSON, or to { ok: false, error } however it failed. */
function runChild(script, label, oldSpec, newSpec, { timeoutS = TIMEOUT_S, extra = [] } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--expose-gc', path.join(here, script), oldSpec, newSpec, '--runs', String(RUNS), '--warmups', String(WARMUPS), ...extra],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    const stderrTail = [];
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        progress(`  ${label} ${line}`);
        stderrTail.push(line);
        if (stderrTail.length > 40) stderrTail.shift();
      }
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `could not start: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (partial) stderrTail.push(partial);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (timedOut) return resolve({ ok: false, error: `timed out after ${timeoutS} s (killed)` });
      const lastJson = stdout.trim().split('\n').reverse().find((line) => line.startsWith('{'));
      let result;
      try {
        result = lastJson ? JSON.parse(lastJson) : undefined;
      } catch {
        result = undefined;
      }
      if (result && (result.ok || result.error)) return resolve(result);
      const text = stderrTail.join('\n');
      const oom = /heap out of memory|Allocation failed|OutOfMemory|out of memory/i.test(text);
      const fatal = stderrTail.find((l) => /FATAL ERROR|heap out of memory/.test(l));
      const meaningful = fatal ? fatal.slice(fatal.indexOf('FATAL ERROR') >= 0 ? fatal.indexOf('FATAL ERROR') : 0).trim() : stderrTail.filter((l) => l.trim() && !/^\s+at |^\s*\d+: 0x|^<--- |^\s*$/.test(l)).slice(-3).join(' | ');
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve({ ok: false, error: `${oom ? 'out of memory' : 'crashed'} after ${seconds} s (${how})${meaningful ? `: ${meaningful}` : ''}` });
    });
  });
}

async function benchPair(pair) {
  progress(`\n== ${pair.name}: ${pair.old} → ${pair.new}`);
  const tool = await runChild('pair.mjs', '[tool]', pair.old, pair.new);
  progress(tool.ok ? `  tool: ${fmtMs(tool.wallMs)} median, peak RSS ${tool.peakRssMb} MB` : `  tool FAILED: ${tool.error}`);
  const floor = await runChild('floor.mjs', '[floor]', pair.old, pair.new);
  progress(floor.ok ? `  floor: ${fmtMs(floor.wallMs)} median, peak RSS ${floor.peakRssMb} MB` : `  floor FAILED: ${floor.error}`);
  const result = { name: pair.name, id: pair.id, old: pair.old, new: pair.new, status: tool.ok && floor.ok ? 'ok' : 'failed' };
  if (!tool.ok) result.error = `tool: ${tool.error}`;
  else if (!floor.ok) result.error = `floor: ${floor.error}`;
  result.tool = tool;
  result.floor = floor;
  if (tool.ok && floor.ok) {
    // The floor is the work after loading (Program + walk); the load phase is the same code on both sides
    // and is compared apart: the ratio is the tool's model+diff+report against the floor's program+walk.
    Object.assign(result, floorRatios(tool, floor));
    // Whole walls, load included on both sides (diluted by the load, which is noisy: network, cache, GC).
    result.wallRatio = round2(tool.wallMs / floor.wallMs);
    progress(
      `  ratio to floor: ${result.ratio}x (whole walls, load included: ${result.wallRatio}x); ` +
        `to the checker floor: ${result.checkerRatio}x, which is itself ${result.floorGap}x the floor`,
    );
  }
  return result;
}

async function benchScaling() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'api-semver-bench-'));
  const rows = [];
  try {
    for (const size of SCALING_SIZES) {
      const sides = {};
      for (const variant of [0, 1]) {
        const folder = path.join(dir, `exports-${size}`, variant === 0 ? 'old' : 'new');
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, 'index.d.ts'), syntheticDeclarations(size, variant));
        sides[variant] = folder;
      }
      progress(`\n== synthetic, ${size} exports: variant 0 → 1 (${dir})`);
      const scalingOptions = { timeoutS: SCALING_TIMEOUT_S, extra: ['--no-verify'] };
      const tool = await runChild('pair.mjs', '[tool]', sides[0], sides[1], scalingOptions);
      progress(tool.ok ? `  tool: ${fmtMs(tool.wallMs)} median, peak RSS ${tool.peakRssMb} MB` : `  tool FAILED: ${tool.error}`);
      const floor = await runChild('floor.mjs', '[floor]', sides[0], sides[1], scalingOptions);
      progress(floor.ok ? `  floor: ${fmtMs(floor.wallMs)} median, peak RSS ${floor.peakRssMb} MB` : `  floor FAILED: ${floor.error}`);
      const row = { exports: size, status: tool.ok ? 'ok' : 'failed', tool, floor };
      if (!tool.ok) row.error = tool.error;
      if (tool.ok && floor.ok) {
        Object.assign(row, floorRatios(tool, floor));
      }
      // Paths are temporary: keep the sizes, not the folders.
      for (const r of [tool, floor]) {
        delete r.old;
        delete r.new;
        delete r.resolved;
      }
      rows.push(row);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const at = (n) => rows.find((r) => r.exports === n && r.status === 'ok');
  const small = at(10_000);
  const large = at(50_000);
  const growth =
    small && large
      ? {
          timeRatio: round2(large.tool.wallMs / small.tool.wallMs),
          perExport: round2(large.tool.wallMs / small.tool.wallMs / 5),
          rssRatio: round2(large.tool.peakRssMb / small.tool.peakRssMb),
        }
      : undefined;
  return { sizes: rows, growth10kTo50k: growth };
}

function ms(x) {
  return Math.round(x * 10) / 10;
}

/**
 * The tool's work after loading (model+diff+rules+report) against the floor's (program+walk), and against
 * the checker floor, which adds the member types any diff must have the checker resolve (floor.mjs);
 * `floorGap` is how far the second is above the first: past the target ratio, no tool that compares
 * members can meet the target against the floor.
 */
function floorRatios(tool, floor) {
  const work = tool.wallMs - tool.phasesMs.load;
  const floorMs = ms(floor.phasesMs.program + floor.phasesMs.walk);
  const checkerFloorMs = ms(floorMs + floor.phasesMs.members);
  return {
    floorMs,
    ratio: round2(work / floorMs),
    checkerFloorMs,
    checkerRatio: round2(work / checkerFloorMs),
    floorGap: round2(checkerFloorMs / floorMs),
  };
}

function round2(x) {
  return Math.round(x * 100) / 100;
}

function fmtMs(value) {
  if (value === undefined) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function verdicts(pairs, scaling) {
  const list = [];
  const okPairs = pairs.filter((p) => p.status === 'ok');
  const failed = pairs.filter((p) => p.status !== 'ok');
  if (pairs.length) {
    const over = okPairs.filter((p) => p.ratio > TARGETS.ratio);
    const unreachable = okPairs.filter((p) => p.floorGap > TARGETS.ratio);
    list.push({
      target: `every pair within ${TARGETS.ratio}x of its floor (model+diff+rules+report ÷ program+walk)`,
      met: over.length === 0 && failed.length === 0,
      detail:
        [
          over.length ? `over: ${over.map((p) => `${p.id} ${p.ratio}x`).join(', ')}` : '',
          unreachable.length
            ? `out of reach of any tool that compares members for ${unreachable.map((p) => `${p.id} (the checker floor alone is ${p.floorGap}x)`).join(', ')}`
            : '',
          failed.length ? `failed: ${failed.map((p) => p.id).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ') || `worst ${Math.max(...okPairs.map((p) => p.ratio))}x`,
    });
    const overChecker = okPairs.filter((p) => p.checkerRatio > TARGETS.ratio);
    list.push({
      target: `every pair within ${TARGETS.ratio}x of its checker floor (model+diff+rules+report ÷ program+walk+members; not the issue's target, shown beside it)`,
      met: overChecker.length === 0 && failed.length === 0,
      detail: overChecker.length
        ? `over: ${overChecker.map((p) => `${p.id} ${p.checkerRatio}x`).join(', ')}`
        : `worst ${Math.max(...okPairs.map((p) => p.checkerRatio))}x`,
    });
    const measured = okPairs.filter((p) => verifyRatio(p.tool) !== undefined);
    const costly = measured.filter((p) => verifyRatio(p.tool) > TARGETS.verifyRatio);
    list.push({
      target: `every pair's diff with --verify within ${TARGETS.verifyRatio}x of the diff without (CPU time)`,
      met: costly.length === 0 && measured.length === okPairs.length && failed.length === 0,
      detail: costly.length
        ? `over: ${costly.map((p) => `${p.id} ${verifyRatio(p.tool)}x`).join(', ')}`
        : measured.length
          ? `worst ${Math.max(...measured.map((p) => verifyRatio(p.tool)))}x`
          : 'not measured',
    });
    const node = pairs.find((p) => p.id === 'types-node');
    if (node) {
      list.push({
        target: `@types/node 20→22 under ${TARGETS.typesNodeWallMs / 1000} s wall`,
        met: node.tool?.ok === true && node.tool.wallMs < TARGETS.typesNodeWallMs,
        detail: node.tool?.ok ? fmtMs(node.tool.wallMs) : `failed: ${node.error}`,
      });
    }
    const rssOver = pairs.filter((p) => p.tool?.peakRssMb >= TARGETS.peakRssMb);
    const maxRss = Math.max(...pairs.map((p) => (p.tool?.ok ? p.tool.peakRssMb : 0)));
    const unmeasured = pairs.filter((p) => !p.tool?.ok);
    list.push({
      target: `peak RSS under 1.5 GB (${TARGETS.peakRssMb} MB) for every pair`,
      // A pair whose tool run failed has no complete peak: the target is then not established for it.
      met: rssOver.length ? false : unmeasured.length ? 'incomplete' : true,
      detail: [
        rssOver.length ? `over: ${rssOver.map((p) => `${p.id} ${p.tool.peakRssMb} MB`).join(', ')}` : `max ${maxRss} MB over the pairs that completed`,
        unmeasured.length
          ? `not established for ${unmeasured.map((p) => `${p.id} (failed${p.tool?.peakRssMb ? ` at ${p.tool.peakRssMb} MB` : ''})`).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  if (scaling) {
    const g = scaling.growth10kTo50k;
    list.push({
      target: `linear scaling: (time 50k / time 10k) / 5 ≤ ${TARGETS.scalingPerExport}`,
      met: g !== undefined && g.perExport <= TARGETS.scalingPerExport,
      detail: g ? `${g.perExport} (time ×${g.timeRatio}, RSS ×${g.rssRatio})` : 'not measured (a size failed)',
    });
  }
  return list;
}

function markdown(results) {
  const { machine, pairs, scaling, targets } = results;
  const lines = [];
  lines.push('# api-semver benchmark', '');
  lines.push(
    `${machine.date} · ${machine.cores} cores (${machine.cpu}) · ${machine.memoryGb} GB RAM · Node ${machine.node} · ${machine.platform} · ` +
      `TypeScript ${machine.typescript} (bundled by ts-morph) · median of ${results.config.runs} runs after ${results.config.warmups} warm-up`,
    '',
    `Load average (1 min) ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end (${machine.cores} cores): ` +
      'the benchmark itself accounts for about 1; much more means other processes shared the CPU and inflated the wall times (results.json also has each run\'s CPU time).',
    '',
  );
  if (pairs.length) {
    lines.push('## Real packages (fetched with `npm:` specs)', '');
    lines.push('| pair | resolved | bump (findings) | wall (median) | load | model | diff+rules | report | peak RSS | floor (program+walk) | floor load | floor RSS | ratio to floor | checker floor (+members) | ratio to checker floor | wall ratio incl. load | check, cached baseline | verify: + time (witnesses) | diff with verify ÷ without (CPU) | the same, main thread only |');
    lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const p of pairs) {
      const t = p.tool?.ok ? p.tool : undefined;
      const f = p.floor?.ok ? p.floor : undefined;
      const version = (label) => label.slice(label.lastIndexOf('@') + 1);
      const resolved = t ? `${version(t.resolved.old)} → ${version(t.resolved.new)}` : '–';
      if (!t) {
        lines.push(`| ${p.name} | – | **failed**: ${escape(p.error)} | | | | | | ${p.tool?.peakRssMb ? `${p.tool.peakRssMb} MB` : ''} | ${f ? fmtMs(f.phasesMs.program + f.phasesMs.walk) : ''} | ${f ? fmtMs(f.phasesMs.load) : ''} | ${f ? `${f.peakRssMb} MB` : ''} | | | | | | | | |`);
        continue;
      }
      lines.push(
        `| ${p.name} | ${resolved} | ${t.bump} (${t.findings}) | ${fmtMs(t.wallMs)} | ${fmtMs(t.phasesMs.load)} | ${fmtMs(t.phasesMs.model)} | ${fmtMs(t.phasesMs.diff)} | ${fmtMs(t.phasesMs.report)} | ${t.peakRssMb} MB | ` +
          (f
            ? `${fmtMs(p.floorMs)} | ${fmtMs(f.phasesMs.load)} | ${f.peakRssMb} MB | ${p.ratio}x | ${fmtMs(p.checkerFloorMs)} | ${p.checkerRatio}x | ${p.wallRatio}x |`
            : `**floor failed**: ${escape(p.error)} | | | | | | |`) +
          ` ${fmtMs(t.cachedBaselineMs)} | +${fmtMs(t.witnessMs)} (${witnessSummary(t.witnesses)}) | ${ratioCell(verifyRatio(t))} | ${ratioCell(mainThreadVerifyRatio(t))} |`,
      );
    }
    lines.push('');
  }
  if (scaling) {
    lines.push('## Scaling (synthetic, `bench/synthetic.mjs`, variant 0 → 1)', '');
    lines.push('| exports | wall (median) | load | model | diff+rules | report | peak RSS | floor (program+walk) | ratio to floor | checker floor (+members) | ratio to checker floor |');
    lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of scaling.sizes) {
      const t = r.tool;
      if (!t.ok) {
        lines.push(`| ${r.exports} | **failed**: ${escape(r.error)} | | | | | | | | | |`);
        continue;
      }
      lines.push(
        `| ${r.exports} | ${fmtMs(t.wallMs)} | ${fmtMs(t.phasesMs.load)} | ${fmtMs(t.phasesMs.model)} | ${fmtMs(t.phasesMs.diff)} | ${fmtMs(t.phasesMs.report)} | ${t.peakRssMb} MB | ${r.floor.ok ? fmtMs(r.floorMs) : 'failed'} | ${r.ratio ?? '–'}${r.ratio ? 'x' : ''} | ` +
          `${r.floor.ok ? fmtMs(r.checkerFloorMs) : 'failed'} | ${r.checkerRatio ?? '–'}${r.checkerRatio ? 'x' : ''} |`,
      );
    }
    const g = scaling.growth10kTo50k;
    lines.push('', g ? `10k → 50k: time ×${g.timeRatio} (÷5 = ${g.perExport}), peak RSS ×${g.rssRatio}.` : '10k → 50k: not measured (a size failed).', '');
  }
  lines.push('## Targets', '');
  for (const t of targets) lines.push(`- ${t.met === true ? '✅' : t.met === 'incomplete' ? '⚠️' : '❌'} ${t.target}: ${t.detail}`);
  lines.push(
    '',
    '## Method',
    '',
    '- Each pair runs in two child processes, `node --expose-gc bench/pair.mjs <old> <new>` (the tool) and `bench/floor.mjs` (the floor), ' +
      'so peak RSS (`process.resourceUsage().maxRSS`, whole process, warm-up included) is one pair\'s alone. Each does one warm-up, ' +
      'which also fills the npm cache and parses TypeScript\'s lib files once per process, then the measured runs with a full GC before each.',
    '- **wall** is one run of the pipeline in the process (load + model + diff+rules + report), median of the runs; process start and module loading are not in it. ' +
      'CPU time per run (all threads, GC included) is in results.json.',
    '- Tool phases: **load** = `loadRelease` on both sides (pacote through the tool\'s npm cache, untar, read, entry points); ' +
      '**model** = `buildSurface` on both sides (Program + surface); **diff+rules** = `analyze`; **report** = JSON rendering. ' +
      'The surface cache of `diff` is not used: every run builds both surfaces. The warm-up runs the library\'s `diff`, and the measured pipeline must print the same JSON.',
    '- Floor: the same `loadRelease` files and the same `createProgram` Program on each side, then every export of every entry point ' +
      '(`getExportsOfModule`, `getTypeOfSymbol`, `typeToString`); a global-script entry (@types/node) is walked through its ambient `declare module` blocks. ' +
      '**ratio to floor** = the tool\'s model+diff+rules+report ÷ the floor\'s program+walk (the targets use it); the load phase is the same code on both sides and is shown apart, ' +
      'and "wall ratio incl. load" divides the whole walls (diluted by the load, which varies run to run with the cache and the network).',
    '- **checker floor** = the floor plus its `members` phase: the checker resolving, one level deep from the same exports, what any comparison of members needs and the walk ' +
      'never asks for (the declared type of every exported interface, class and type alias, since `getTypeOfSymbol` of a type is `any`; every property\'s type; ' +
      'every signature\'s parameter and return types; index signatures; generic parameters\' constraints and defaults), with nothing printed, converted or kept. ' +
      'Where it alone is more than 1.5x the floor, the 1.5x target against the floor is out of reach of any tool that compares members; ' +
      '**ratio to checker floor** is the tool against it.',
    '- **check, cached baseline**: load both sides, read the old surface from the surface cache (filled in the warm-up), build the new one, analyze: what a repeated `check` ' +
      'against an immutable baseline (npm version, tarball, git commit) costs. **verify**: what `--verify` adds to the diff (writing every witness and compiling them all, ' +
      'one Program per side for most, one per side for each witness that merges declarations into the package), with the witnesses\' outcomes; neither is in the wall time. ' +
      '**diff with verify ÷ without** = (the run\'s CPU time + the witnesses\' CPU time) ÷ the run\'s CPU time (the issue\'s target: at most 2x); **main thread only** is the same ratio of the main thread\'s CPU time (Linux\'s /proc), without V8\'s background threads: concurrent GC and the optimizing compiler, which compiles TypeScript\'s checker again for each new Program (its functions are closures of each checker): where the two ratios agree, the cost is the checker\'s own work, not V8\'s.',
    `- A child that fails (fetch error, crash, out of memory, over ${TIMEOUT_S} s; ${SCALING_TIMEOUT_S} s for a synthetic size) makes its pair **failed**, with the message.`,
    '- Scaling: `bench/synthetic.mjs` packages written to a temporary folder (one `index.d.ts` per side), the same two children (without the library `diff` check in the warm-up); ' +
      'linear growth means time(50k) ÷ time(10k) ≈ 5.',
    '',
  );
  return lines.join('\n');
}

/**
 * What `--verify` costs, as the issue's target reads: the run's CPU time (load, model, diff+rules, report)
 * plus the witnesses' ÷ the run's. CPU, not wall: eight processes shared the machine's cores.
 */
function verifyRatio(tool) {
  return tool.witnessCpuMs === undefined ? undefined : round2((tool.cpuMs + tool.witnessCpuMs) / tool.cpuMs);
}

/**
 * The same ratio counting the main thread alone, where the system tells: what the checker itself does, without
 * V8's background threads (concurrent GC, and the optimizing compiler, which compiles TypeScript's checker again for
 * every new Program, whose functions are that checker's closures). Not the target: it tells whether the cost is the
 * checker's work or V8's.
 */
function mainThreadVerifyRatio(tool) {
  return tool.witnessMainCpuMs === undefined || !tool.mainCpuMs ? undefined : round2((tool.mainCpuMs + tool.witnessMainCpuMs) / tool.mainCpuMs);
}

const ratioCell = (ratio) => (ratio === undefined ? '–' : `${ratio}x`);

/** `214 verified, 347 refuted, 67 unverified; 385 now possible`: major findings first, then positive witnesses. */
function witnessSummary(outcomes = {}) {
  const part = (prefix) =>
    ['verified', 'refuted', 'unverified']
      .filter((status) => outcomes[prefix + status])
      .map((status) => `${outcomes[prefix + status]} ${prefix ? (status === 'verified' ? 'now possible' : `${status} positive`) : status}`)
      .join(', ');
  return [part(''), part('possible-')].filter(Boolean).join('; ') || 'none';
}

function escape(text) {
  return String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

async function main() {
  const started = Date.now();
  const loadStart = round2(os.loadavg()[0]);
  const selected = PAIRS.filter((p) => !ONLY || ONLY.includes(p.id));
  const wantScaling = process.env.BENCH_SCALING !== '0' && (!ONLY || ONLY.includes('scaling'));
  progress(`api-semver bench: ${selected.length} pairs${wantScaling ? ' + scaling' : ''}, ${RUNS} runs after ${WARMUPS} warm-up, ${TIMEOUT_S} s limit per child`);

  const pairs = [];
  for (const pair of selected) pairs.push(await benchPair(pair));
  const scaling = wantScaling ? await benchScaling() : undefined;

  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  let typescript = 'unknown';
  try {
    const { ts } = await import('ts-morph');
    typescript = ts.version;
  } catch {
    // reported as unknown
  }
  const cpus = os.cpus();
  const results = {
    schemaVersion: 1,
    machine: {
      date: new Date().toISOString(),
      cores: cpus.length,
      cpu: cpus[0]?.model?.trim() ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      typescript,
      tool: require('../package.json').version,
      loadAverage: { start: loadStart, end: round2(os.loadavg()[0]) },
    },
    config: { runs: RUNS, warmups: WARMUPS, timeoutS: TIMEOUT_S, scalingTimeoutS: SCALING_TIMEOUT_S, ...(ONLY ? { only: ONLY } : {}) },
    targets: [],
    pairs,
    ...(scaling ? { scaling } : {}),
    durationS: Math.round((Date.now() - started) / 1000),
  };
  results.targets = verdicts(pairs, scaling);
  const md = markdown(results);
  await writeFile(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(path.join(here, 'results.md'), md);
  progress(`\nwrote bench/results.json and bench/results.md (${results.durationS} s)\n`);
  process.stdout.write(md);
  if (pairs.some((p) => p.status !== 'ok') || scaling?.sizes.some((r) => r.status !== 'ok')) process.exitCode = 1;
}

if (process.argv.includes('--render')) {
  // Re-renders results.md from results.json (after a change to the table layout), without measuring again.
  const { readFile } = await import('node:fs/promises');
  const results = JSON.parse(await readFile(path.join(here, 'results.json'), 'utf8'));
  results.targets = verdicts(results.pairs, results.scaling);
  await writeFile(path.join(here, 'results.md'), markdown(results));
  await writeFile(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
} else {
  await main();
}
