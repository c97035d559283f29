import { readFileSync } from 'node:fs';

// Shared by the child scripts (pair.mjs, floor.mjs): argument parsing, the run loop and the JSON they print.
// Each child measures one pair of releases in a process of its own, so its peak RSS is its own.

/** `<old> <new> [--runs N] [--warmups N] [--no-verify]` */
export function parseArgs(argv) {
  const positional = [];
  const options = { runs: 3, warmups: 1, verify: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs' || arg === '--warmups') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) usage(`${arg} needs a whole number`);
      options[arg.slice(2)] = value;
    } else if (arg === '--no-verify') {
      options.verify = false;
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) usage('two releases are needed');
  if (options.runs < 1) usage('--runs must be at least 1');
  return { old: positional[0], new: positional[1], ...options };
}

function usage(message) {
  process.stderr.write(`${message}\nusage: node --expose-gc bench/<pair|floor>.mjs <old> <new> [--runs N] [--warmups N] [--no-verify]\n`);
  process.exit(2);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * CPU milliseconds the process's main thread has used, where the system tells (Linux's /proc), else undefined.
 * `process.cpuUsage()` also counts V8's own threads: concurrent GC and the optimizing compiler, which re-optimizes
 * TypeScript's checker for every new Program (its functions are closures of each checker). The split shows how
 * much of a phase is the checker's work and how much V8's.
 */
export function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Milliseconds, to a tenth. */
export const ms = (value) => Math.round(value * 10) / 10;

export function log(label, message) {
  process.stderr.write(`[${label}] ${message}\n`);
}

/**
 * Runs `once` (which returns `{ phases: {name: ms}, ...details }`) `warmups` times unmeasured, then `runs`
 * times measured, with a full GC before each run when --expose-gc is on (GC of the previous run's garbage
 * is not charged to the next). Then `after` (optional), whose details join the output: it runs once the peak
 * RSS is taken, so what it measures does not count in it. Prints one JSON line on stdout: medians, every
 * run, peak RSS.
 */
export async function measure(label, args, once, after) {
  const started = performance.now();
  try {
    const gc = globalThis.gc ?? (() => undefined);
    if (!globalThis.gc) log(label, 'warning: run with --expose-gc for a clean heap before each run');
    let details;
    let warmup;
    for (let i = 0; i < args.warmups; i++) {
      log(label, `warm-up ${i + 1}/${args.warmups}`);
      const result = await once({ warmup: true });
      warmup = result.phases;
      details = result.details;
    }
    const runs = [];
    for (let i = 0; i < args.runs; i++) {
      gc();
      const cpuBefore = process.cpuUsage();
      const mainBefore = mainThreadCpuMs();
      const result = await once({ warmup: false });
      // CPU time of the whole process (GC helper threads included): compared with the wall, it shows
      // time spent waiting (the network, or other processes on a busy machine).
      const cpu = process.cpuUsage(cpuBefore);
      const mainCpu = mainBefore === undefined ? undefined : mainThreadCpuMs() - mainBefore;
      details = result.details;
      const wall = Object.values(result.phases).reduce((a, b) => a + b, 0);
      runs.push({ wall: ms(wall), cpu: ms((cpu.user + cpu.system) / 1000), ...(mainCpu === undefined ? {} : { mainCpu }), phases: Object.fromEntries(Object.entries(result.phases).map(([k, v]) => [k, ms(v)])) });
      log(label, `run ${i + 1}/${args.runs}: ${(wall / 1000).toFixed(2)} s`);
    }
    const phases = Object.fromEntries(Object.keys(runs[0].phases).map((name) => [name, ms(median(runs.map((r) => r.phases[name])))]));
    const output = {
      ok: true,
      old: args.old,
      new: args.new,
      wallMs: ms(median(runs.map((r) => r.wall))),
      cpuMs: ms(median(runs.map((r) => r.cpu))),
      ...(runs.every((r) => r.mainCpu !== undefined) ? { mainCpuMs: median(runs.map((r) => r.mainCpu)) } : {}),
      phasesMs: phases,
      runs,
      ...(warmup ? { warmupMs: Object.fromEntries(Object.entries(warmup).map(([k, v]) => [k, ms(v)])) } : {}),
      // resourceUsage().maxRSS is in kibibytes: the peak of the whole process, warm-up included (and `after` not).
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...(after ? await after() : {}),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      totalMs: ms(performance.now() - started),
      ...details,
    };
    process.stdout.write(JSON.stringify(output) + '\n');
  } catch (error) {
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${error.file ? ` (${error.file}${error.line ? `:${error.line}` : ''})` : ''}` : String(error);
    log(label, `failed: ${message}`);
    if (error instanceof Error && error.stack && !error.file) process.stderr.write(error.stack + '\n');
    process.stdout.write(JSON.stringify({ ok: false, old: args.old, new: args.new, error: message, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
    process.exitCode = 1;
  }
}
