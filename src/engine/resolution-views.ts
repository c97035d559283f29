import { compareSubpaths, resolveViews, type ResolutionView } from '../load/entry-points.js';
import type { EntryPoint, PackageFiles } from '../load/package-files.js';

/** The entry points both releases have under some other resolution than an ES module importer's, and who meets them. */
export interface View {
  names: ResolutionView[];
  old: EntryPoint[];
  new: EntryPoint[];
}

const CONSUMERS: Record<ResolutionView, string> = {
  require: 'consumers that require() it, through the `require` condition',
  node10: 'consumers on moduleResolution node10, through `types`/`typings` or typesVersions',
};

/** Who a view's findings concern, as a note for their message. */
export function viewNote(view: View): string {
  return ` (only for ${view.names.map((name) => CONSUMERS[name]).join('; and for ')})`;
}

/**
 * The views that need an analysis of their own: for each other resolution, the subpaths where it leads to
 * other declarations than the ES module view in either release, with each release's files there (none where
 * that resolution finds no declarations: an entry point lost for those consumers). Views that lead to the same
 * files are analysed once. A dual package whose `.d.cts` is a byte-for-byte twin of its `.d.ts` needs nothing.
 */
export function otherViews(old: PackageFiles, next: PackageFiles): View[] {
  // An API report keeps one surface and no files: there is no other view to analyse.
  if (old.files.size === 0 || next.files.size === 0) return [];
  const views: View[] = [];
  for (const name of ['require', 'node10'] as const) {
    const oldView = viewOf(name, old);
    const nextView = viewOf(name, next);
    // A subpath this resolution finds nothing for in either release is simply not there for its consumers.
    const subpaths = [...new Set([...Object.keys(oldView), ...Object.keys(nextView)])].filter(
      (subpath) => (oldView[subpath] || nextView[subpath]) && (differs(old, oldView, subpath) || differs(next, nextView, subpath)),
    );
    if (!subpaths.length) continue;
    const pick = (view: Record<string, string | null>) =>
      subpaths.flatMap((subpath) => (view[subpath] ? [{ subpath, file: view[subpath] }] : [])).sort((a, b) => compareSubpaths(a.subpath, b.subpath));
    const entries = { old: pick(oldView), new: pick(nextView) };
    const same = views.find((view) => sameEntries(view.old, entries.old) && sameEntries(view.new, entries.new));
    if (same) same.names.push(name);
    else views.push({ names: [name], ...entries });
  }
  return views;
}

/** Where the view leads per entry point; without `exports` (or package.json) every importer resolves alike. */
function viewOf(name: ResolutionView, release: PackageFiles): Record<string, string | null> {
  const view = release.packageJson && resolveViews(release.packageJson, [...release.files.keys()], release.entries)[name];
  return view ?? Object.fromEntries(release.entries.map((entry) => [entry.subpath, entry.file]));
}

function differs(release: PackageFiles, view: Record<string, string | null>, subpath: string): boolean {
  if (!Object.hasOwn(view, subpath)) return false;
  const primary = release.entries.find((entry) => entry.subpath === subpath)?.file;
  const other = view[subpath];
  if (other === primary) return false;
  return other === null || primary === undefined || !twins(release.files, primary, other);
}

// A file that imports or references others relatively is a twin only if those are too; that is not followed.
const RELATIVE = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]\.{1,2}\/|<reference\s+path=/;

/** Declarations a bundler emitted once per module format with the same text, importing nothing of the package. */
function twins(files: ReadonlyMap<string, string>, a: string, b: string): boolean {
  const text = files.get(a);
  return text !== undefined && text === files.get(b) && !RELATIVE.test(text);
}

function sameEntries(a: EntryPoint[], b: EntryPoint[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.subpath === b[i]!.subpath && entry.file === b[i]!.file);
}
