// One pair, the tool's full diff: `node --expose-gc bench/pair.mjs <old> <new> [--runs 3] [--warmups 1] [--no-verify]`.
// Prints one JSON line: the median wall time and the median of each phase, every run, the peak RSS.
//
// The phases are the library's own steps, called one after the other as `diff` calls them:
//   load   loadRelease on both sides (npm: fetch through pacote and the tool's npm cache, untar, read files,
//          resolve entry points),
//   model  buildSurface on both sides (one TypeScript Program each, the surface extracted from it),
//   diff   analyze (pairs, rules, policy) — "diff+rules",
//   report the JSON rendering of the result.
// The surface cache of `diff` (if any) is not used: every run builds both surfaces, which is the work the
// floor is compared with. The warm-up is the library's `diff` itself (it also fills the npm cache and
// TypeScript's shared lib trees); the measured pipeline must give the same JSON, or the pair fails
// (--no-verify skips that call: the warm-up is then the pipeline alone).
//
// Two more measurements follow the runs, outside their wall time, phases and peak RSS:
//   cached     `check` against a baseline whose surface is in the surface cache: load both sides, read the old
//              surface from the cache (filled by a first, unmeasured call), build only the new one, analyze;
//   witnesses  what verification adds to diff: writing a witness for every major finding (and the positive
//              ones of minor findings) and compiling them all, one extra Program per side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPolicy, diff } from '../dist/index.js';
import { analyze } from '../dist/engine/analyze.js';
import { catalog } from '../dist/rules/catalog.js';
import { cachedSurface } from '../dist/engine/surface-cache.js';
import { verifyWitnesses, witnessPackageName } from '../dist/engine/witnesses.js';
import { loadRelease } from '../dist/load/package-files.js';
import { buildSurface } from '../dist/model/build.js';
import { renderJson } from '../dist/reporters/json.js';
import { log, mainThreadCpuMs, measure, parseArgs } from './measure.mjs';

/** A `process.cpuUsage()` difference in milliseconds (all threads, GC included). */
const cpuMs = ({ user, system }) => (user + system) / 1000;

const args = parseArgs(process.argv.slice(2));
const cwd = process.cwd();
const surfaceCache = mkdtempSync(path.join(tmpdir(), 'api-semver-bench-'));
let reference;
/** The last measured run's releases and surfaces, for the measurements after the runs. */
let last;

await measure('pair', args, async ({ warmup }) => {
  const options = warmup ? { onProgress: (step) => log('pair', step) } : {};
  if (warmup && args.verify) {
    reference = renderJson(await diff(args.old, args.new, { cwd, policy: defaultPolicy, surfaceCache: false, ...options }));
    // The library's diff is garbage now: collected before the pipeline, so the peak RSS is one diff's, not two.
    globalThis.gc?.();
  }
  const t0 = performance.now();
  const oldFiles = await loadRelease(args.old, cwd, options);
  const newFiles = await loadRelease(args.new, cwd, options);
  const t1 = performance.now();
  const oldSurface = buildSurface(oldFiles);
  const newSurface = buildSurface(newFiles);
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const main2 = mainThreadCpuMs();
  const { bump, findings, comparisons } = analyze(oldSurface, newSurface, defaultPolicy);
  const t3 = performance.now();
  const analyzeCpu = process.cpuUsage(cpu2);
  const analyzeMainCpuMs = main2 === undefined ? undefined : mainThreadCpuMs() - main2;
  const json = renderJson({ schemaVersion: 1, bump, findings });
  const t4 = performance.now();
  if (reference !== undefined && json !== reference) throw new Error('the measured pipeline does not give the JSON the library diff gives');

  last = { oldFiles, newFiles, oldSurface, newSurface, analyzeMs: t3 - t2, analyzeCpuMs: cpuMs(analyzeCpu), analyzeMainCpuMs };
  return {
    phases: { load: t1 - t0, model: t2 - t1, diff: t3 - t2, report: t4 - t3 },
    details: {
      resolved: { old: oldFiles.source ?? args.old, new: newFiles.source ?? args.new },
      files: { old: oldFiles.files.size, new: newFiles.files.size },
      entries: { old: oldFiles.entries.length, new: newFiles.entries.length },
      items: { old: Object.keys(oldSurface.items).length, new: Object.keys(newSurface.items).length },
      bump,
      findings: findings.length,
      undecided: findings.filter((f) => f.undecided).length,
      comparisons,
      reportBytes: json.length,
    },
  };
}, async () => {
  const { oldFiles, newFiles, oldSurface, newSurface, analyzeMs, analyzeCpuMs, analyzeMainCpuMs } = last;
  await cachedSurface(oldFiles, surfaceCache, () => oldSurface);
  const c0 = performance.now();
  const [cachedOld, cachedNew] = [await loadRelease(args.old, cwd), await loadRelease(args.new, cwd)];
  const baseline = await cachedSurface(cachedOld, surfaceCache, () => buildSurface(cachedOld));
  analyze(baseline, buildSurface(cachedNew), defaultPolicy);
  const cachedBaselineMs = Math.round(performance.now() - c0);

  globalThis.gc?.();
  const w0 = performance.now();
  const wCpu = process.cpuUsage();
  const wMain = mainThreadCpuMs();
  const name = witnessPackageName(oldFiles, newFiles);
  const witnessed = analyze(oldSurface, newSurface, defaultPolicy, catalog, { witnesses: name });
  verifyWitnesses(witnessed.findings, name, oldFiles, newFiles);
  const witnessMs = Math.round(performance.now() - w0 - analyzeMs);
  const witnessCpuMs = Math.round(cpuMs(process.cpuUsage(wCpu)) - analyzeCpuMs);
  const witnessMainCpuMs = wMain === undefined ? undefined : Math.round(mainThreadCpuMs() - wMain - analyzeMainCpuMs);
  const witnesses = {};
  for (const f of witnessed.findings) {
    if (!f.witness) continue;
    const label = `${f.witness.possible ? 'possible-' : ''}${f.witness.status}`;
    witnesses[label] = (witnesses[label] ?? 0) + 1;
  }
  return { cachedBaselineMs, witnessMs, witnessCpuMs, ...(witnessMainCpuMs === undefined ? {} : { witnessMainCpuMs }), witnesses, peakRssWithExtrasMb: Math.round(process.resourceUsage().maxRSS / 1024) };
});
