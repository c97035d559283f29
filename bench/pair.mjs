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
import { analyze, defaultPolicy, diff } from '../dist/index.js';
import { loadRelease } from '../dist/load/package-files.js';
import { buildSurface } from '../dist/model/build.js';
import { renderJson } from '../dist/reporters/json.js';
import { log, measure, parseArgs } from './measure.mjs';

const args = parseArgs(process.argv.slice(2));
const cwd = process.cwd();
let reference;

await measure('pair', args, async ({ warmup }) => {
  const options = warmup ? { onProgress: (step) => log('pair', step) } : {};
  if (warmup && args.verify) {
    reference = renderJson(await diff(args.old, args.new, { cwd, policy: defaultPolicy, surfaceCache: false, ...options }));
  }
  const t0 = performance.now();
  const oldFiles = await loadRelease(args.old, cwd, options);
  const newFiles = await loadRelease(args.new, cwd, options);
  const t1 = performance.now();
  const oldSurface = buildSurface(oldFiles);
  const newSurface = buildSurface(newFiles);
  const t2 = performance.now();
  const { bump, findings, comparisons } = analyze(oldSurface, newSurface, defaultPolicy);
  const t3 = performance.now();
  const json = renderJson({ schemaVersion: 1, bump, findings });
  const t4 = performance.now();
  if (reference !== undefined && json !== reference) throw new Error('the measured pipeline does not give the JSON the library diff gives');
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
});
