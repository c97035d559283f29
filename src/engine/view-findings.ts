import type { EntryPoint } from '../load/package-files.js';
import { catalog } from '../rules/catalog.js';
import { analyze } from './analyze.js';
import type { Finding } from './findings.js';
import type { ReleasePair } from './release-pair.js';
import { surfaceOf, type Release } from './releases.js';
import type { View } from './resolution-views.js';
import type { Run } from './run.js';
import { verifyFindings } from './witnesses.js';

/**
 * The findings only consumers of another resolution meet (`require` of a dual package's `.d.cts`, node10's
 * `types` field): each release analysed with that view's entry points, keeping what the ES module view did not
 * already report, noted with who it concerns, and with witnesses compiled against that view's files.
 */
export async function viewFindings(view: View, pair: ReleasePair, known: Finding[], packageName: string, run: Run): Promise<Finding[]> {
  const { options, budget } = run;
  const as = `as ${view.names.join(' and ')} resolution sees it`;
  const withEntries = async (release: Release, entries: EntryPoint[], which: string): Promise<Release> => {
    const files = { ...release.files, entries };
    // No entry point left for these consumers: the entry points are what was removed, not each export.
    if (!entries.length) return { ...release, files, surface: { entries: [], items: {} } };
    return { ...release, files, surface: await surfaceOf(files, `analysing ${release.files.source ?? `the ${which} release`} ${as}`, run) };
  };
  const oldView = await withEntries(pair.old, view.old, 'old');
  const nextView = await withEntries(pair.next, view.new, 'new');
  budget.doing(`comparing the releases ${as}`);
  const { findings } = budget.run(() => analyze(oldView.surface, nextView.surface, pair.policy, catalog, options.verify ? { witnesses: packageName } : {}));
  const seen = new Set(known.flatMap(findingKeys));
  const added = findings.filter((finding) => !findingKeys(finding).some((key) => seen.has(key)));
  for (const finding of added) finding.resolutions = [...view.names];
  if (options.verify) {
    budget.doing(`compiling the witnesses ${as}`);
    budget.run(() => verifyFindings(added, packageName, oldView.files, nextView.files));
  }
  return added;
}

/**
 * What makes two findings the same change: the same path and message, or, since a CommonJS file often reaches
 * the same declarations another way (`export =` a namespace: `export=.Axios.get` for `Axios.get`), the same
 * rule, last name and declaration texts on both sides.
 */
function findingKeys(finding: Finding): string[] {
  const name = finding.path.slice(Math.max(finding.path.lastIndexOf('.'), finding.path.lastIndexOf(':')) + 1);
  const byPath = ['path', finding.rule, finding.bump, finding.path, finding.message].join('\0');
  if (finding.old?.signature === undefined && finding.new?.signature === undefined) return [byPath];
  return [byPath, ['text', finding.rule, finding.bump, name, finding.old?.signature ?? '', finding.new?.signature ?? ''].join('\0')];
}
