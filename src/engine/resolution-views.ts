import path from 'node:path';
import { compareSubpaths, isDeclarationFile, resolveViews, type ResolutionView } from '../load/entry-points.js';
import type { EntryPoint, PackageFiles } from '../load/package-files.js';

/** The entry points both releases have under some other resolution than an ES module importer's, and who meets them. */
export interface View {
  names: ResolutionView[];
  old: EntryPoint[];
  new: EntryPoint[];
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
  const other = Object.hasOwn(view, subpath) ? view[subpath] : undefined;
  if (other === undefined) return false;
  const primary = release.entries.find((entry) => entry.subpath === subpath)?.file;
  if (other === primary) return false;
  return other === null || primary === undefined || !twins(release.files, primary, other);
}

/**
 * Declarations a build emitted once per module format: the same text but for the relative module specifiers,
 * which lead to the same files or to twins in turn (`./match.cjs` and `./match.js`). Anything else, or a
 * specifier that leads nowhere, is not a twin: the view is analysed.
 */
function twins(files: ReadonlyMap<string, string>, a: string, b: string, assumed = new Set<string>()): boolean {
  if (a === b || assumed.has(`${a}\0${b}`)) return true;
  assumed.add(`${a}\0${b}`);
  const [textA, textB] = [files.get(a), files.get(b)];
  if (textA === undefined || textB === undefined) return false;
  const [specsA, specsB] = [relativeSpecifiers(textA), relativeSpecifiers(textB)];
  if (specsA.length !== specsB.length || textA.replace(SPECIFIER, specifierSlot) !== textB.replace(SPECIFIER, specifierSlot)) return false;
  return specsA.every((spec, i) => {
    const [fileA, fileB] = [resolveRelative(files, a, spec), resolveRelative(files, b, specsB[i]!)];
    return fileA !== undefined && fileB !== undefined && twins(files, fileA, fileB, assumed);
  });
}

// A quoted module specifier or reference path; relative ones are compared by where they lead.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bpath\s*=\s*)(['"])([^'"\n]*)\2/g;

function specifierSlot(match: string, before: string, quote: string, specifier: string): string {
  return isRelative(before, specifier) ? `${before}${quote}<relative>${quote}` : match;
}

function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].filter((m) => isRelative(m[1]!, m[3]!)).map((m) => m[3]!);
}

function isRelative(before: string, specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || /path\s*=\s*$/.test(before);
}

/** The declaration file a relative specifier of `from` leads to, as TypeScript substitutes extensions. */
function resolveRelative(files: ReadonlyMap<string, string>, from: string, specifier: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = target.replace(/\.(d\.)?([cm]?)[jt]sx?$/, '');
  const format = /\.(?:d\.)?([cm]?)[jt]sx?$/.exec(target)?.[1] ?? '';
  return [target, `${stem}.d.${format}ts`, `${target}.d.ts`, `${target}/index.d.ts`].find((file) => isDeclarationFile(file) && files.has(file));
}

function sameEntries(a: EntryPoint[], b: EntryPoint[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.subpath === b[i]!.subpath && entry.file === b[i]!.file);
}
