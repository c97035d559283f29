import semver from 'semver';
import { ts } from 'ts-morph';
import { InputError } from '../core/input-error.js';
import type { EntryPoint } from './package-files.js';
import { compareStrings } from '../core/compare.js';

export interface ResolveOptions {
  /**
   * The TypeScript version that `types@<range>` conditions and `typesVersions`
   * are matched against. Defaults to the compiler the model is built with, so
   * the entry points are the ones that compiler would see.
   */
  typescriptVersion?: string;
  /**
   * Receives a note for each `exports` subpath left out because the declaration file it names is not in the
   * package (date-fns 4.2.0, preact 10.29.8): a consumer importing it gets no types there either.
   */
  leftOut?: string[];
}

// The conditions TypeScript matches when it resolves types under
// node16/nodenext (bundler drops `node`). `import` and `require` are never
// active together: TypeScript picks one by the importing file's format. We
// take the view of an ES module importer, the one bundler and modern Node
// consumers share, and fall back to a CommonJS importer's view for subpaths
// that only `require` serves. Matching both at once would let the package's
// key order flip a dual package between its .d.cts and .d.mts per subpath.
const ESM_CONDITIONS: ReadonlySet<string> = new Set(['types', 'import', 'node', 'default']);
const CJS_CONDITIONS: ReadonlySet<string> = new Set(['types', 'require', 'node', 'default']);
const ANY_CONDITION: ReadonlySet<string> = new Set([...ESM_CONDITIONS, ...CJS_CONDITIONS]);

// Errors come out naming `package.json` relative to the package; loadRelease
// replaces it with the path the user can open.
const PACKAGE_JSON = 'package.json';

type Json = Record<string, unknown>;

interface Context {
  files: ReadonlySet<string>;
  version: string;
}

/** `null` is an explicit exclusion; `undefined` means "try the next alternative". */
type Outcome = { file: string } | null | undefined;

/**
 * The entry points a TypeScript consumer can import, with the declaration file
 * each one leads to. `fileNames` are package-relative posix paths; nothing is
 * read from disk.
 */
export function resolveEntryPoints(
  packageJson: Json,
  fileNames: readonly string[],
  options: ResolveOptions = {},
): EntryPoint[] {
  const ctx: Context = {
    files: new Set(fileNames),
    version: options.typescriptVersion ?? ts.version,
  };
  // A release that ships no declarations at all and names none (a deprecated @types stub, a JS-only release)
  // has no entry points, and the model says so; one that names a missing file, or whose declarations no entry
  // point reaches, is a packaging mistake.
  const namesTypes = LEGACY_FIELDS.some((name) => name !== 'main' && typeof packageJson[name] === 'string' && packageJson[name] !== '');
  if (!namesTypes && !fileNames.some(isDeclarationFile)) return [];
  // TypeScript treats any falsy `exports` as absent, and with `exports`
  // present it ignores types/typings/main/typesVersions altogether.
  const entries = packageJson.exports
    ? fromExports(packageJson, ctx, [...fileNames].filter(isDeclarationFile).sort(compareStrings), options.leftOut ?? [])
    : fromLegacyFields(packageJson, ctx);
  return entries.sort((a, b) => compareSubpaths(a.subpath, b.subpath));
}

/**
 * The other ways consumers resolve a package with `exports`, and where each entry point leads under them:
 * `require`, a CommonJS importer under node16/nodenext (the `require` condition before `import`: a dual
 * package's `.d.cts`), and `node10`, which never reads `exports` (the `types`/`typings` field, `typesVersions`,
 * the files beside the path). Per subpath of `entries` (the ES module importer's view), the file, or null where
 * that resolution finds no declarations. Empty for a package without `exports`: there every importer resolves
 * through the legacy fields, which `entries` already are.
 */
export function resolveViews(
  packageJson: Json,
  fileNames: readonly string[],
  entries: readonly EntryPoint[],
  options: ResolveOptions = {},
): Partial<Record<ResolutionView, Record<string, string | null>>> {
  if (!packageJson.exports) return {};
  const ctx: Context = { files: new Set(fileNames), version: options.typescriptVersion ?? ts.version };
  const map = toSubpathMap(packageJson.exports);
  const patterns = Object.keys(map).filter(isPatternSubpath).sort(comparePatternKeys);
  const require: Record<string, string | null> = {};
  const node10: Record<string, string | null> = {};
  for (const entry of entries) {
    const found = entry.resolution === 'node10' ? undefined : lookupSubpath(map, patterns, entry.subpath);
    // A subpath only `import` serves is met by `require` consumers as by the others (or not at all).
    const cjs = found && resolveTarget(found.target, found.star, ctx, CJS_CONDITIONS, []);
    require[entry.subpath] = cjs ? cjs.file : entry.file;
    node10[entry.subpath] = node10Resolution(packageJson, entry.subpath, ctx) ?? null;
  }
  return { require, node10 };
}

export type ResolutionView = 'require' | 'node10';

/** TypeScript's notion of a declaration file, including `x.d.css.ts` for arbitrary extensions. */
export function isDeclarationFile(fileName: string): boolean {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  return /\.d\.[mc]?ts$/.test(base) || (base.endsWith('.ts') && base.includes('.d.'));
}

export function compareSubpaths(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '.') return -1;
  if (b === '.') return 1;
  return compareStrings(a, b);
}

// ---------------------------------------------------------------- exports

function fromExports(pkg: Json, ctx: Context, declarationFiles: string[], leftOut: string[]): EntryPoint[] {
  const map = toSubpathMap(pkg.exports);
  const found = new Map<string, string>();
  const node10 = new Map<string, string>();
  const wildcard = new Set<string>();
  const keys = Object.keys(map).sort(compareSubpaths);
  const patterns = keys.filter(isPatternSubpath).sort(comparePatternKeys);

  for (const key of keys) {
    if (!isExactSubpath(key)) continue;
    const missing: string[] = [];
    const outcome = resolveForTypes(map[key], undefined, ctx, missing);
    if (outcome) {
      found.set(key, outcome.file);
    } else if (outcome === undefined) {
      // node10 resolution (still what most consumers compile with) never reads `exports`: it finds the types
      // of `pkg` and `pkg/sub` through types/typings/typesVersions and the files beside the path (rxjs 7.0.0).
      const file = node10Resolution(pkg, key, ctx);
      if (file !== undefined) node10.set(key, file);
      // A declaration file named outright but absent is a packaging mistake; TypeScript then tries the next
      // condition and finds no types for that subpath, so the subpath is left out and the others still count.
      else if (missing.length > 0) leftOut.push(`exports '${key}' → ${missing[0]}: file not found; left out (a consumer importing it gets no types there)`);
    }
  }

  for (const key of patterns) {
    // A pattern stands for unboundedly many subpaths; the ones that matter are
    // those that land on a declaration file we have, so run the targets
    // backwards from each file and then confirm by resolving forwards, which
    // also applies more specific patterns, exact keys and null exclusions.
    const templates = collectTemplates(map[key], ctx);
    for (const file of declarationFiles) {
      const subpath = firstSubpathLeadingTo(file, key, templates, map, patterns, ctx);
      if (subpath !== undefined && !found.has(subpath.subpath)) {
        found.set(subpath.subpath, subpath.file);
        wildcard.add(subpath.subpath);
      }
    }
  }

  if (found.size === 0 && node10.size === 0) {
    // Every subpath named a declaration file the package lacks: to consumers it ships no declarations.
    if (leftOut.length > 0) return [];
    throw new InputError(
      'no entry point leads to type declarations (no subpath in exports leads to a .d.ts, .d.mts or .d.cts file, nor does node10 resolution through types/typings/typesVersions)',
      PACKAGE_JSON,
    );
  }
  return [
    ...[...found].map(([subpath, file]) => ({ subpath, file, ...(wildcard.has(subpath) ? { wildcard: true } : {}) })),
    ...[...node10].filter(([subpath]) => !found.has(subpath)).map(([subpath, file]) => ({ subpath, file, resolution: 'node10' as const })),
  ];
}

/** The declaration file node10 resolution finds for an `exports` subpath, if any. */
function node10Resolution(pkg: Json, subpath: string, ctx: Context): string | undefined {
  if (subpath === '.') return legacyRoot(pkg, ctx).file;
  const rel = subpath.slice(2);
  return mapThroughTypesVersions(pkg.typesVersions, rel, ctx) ?? legacyCandidates(rel).find((c) => ctx.files.has(c));
}

function toSubpathMap(exportsField: unknown): Json {
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) return { '.': exportsField };
  if (!isObject(exportsField)) {
    throw new InputError('exports must be a string, an array or an object', PACKAGE_JSON);
  }
  const keys = Object.keys(exportsField);
  const subpaths = keys.filter((k) => k.startsWith('.'));
  if (subpaths.length === keys.length) return exportsField;
  if (subpaths.length === 0) return { '.': exportsField };
  // Node refuses to load such a package (ERR_INVALID_PACKAGE_CONFIG), so there
  // is no API to speak of.
  throw new InputError(
    `exports mixes subpaths ('${subpaths[0]}') with conditions ('${keys.find((k) => !k.startsWith('.'))}')`,
    PACKAGE_JSON,
  );
}

function isExactSubpath(key: string): boolean {
  return (key === '.' || key.startsWith('./')) && !key.includes('*') && !key.endsWith('/');
}

// Keys ending in '/' are the folder mappings Node removed in v17; ignored.
function isPatternSubpath(key: string): boolean {
  return key.startsWith('./') && hasOneStar(key);
}

function hasOneStar(s: string): boolean {
  const i = s.indexOf('*');
  return i !== -1 && i === s.lastIndexOf('*');
}

/** Node's lookup: an exact key wins, else the most specific matching pattern (`patterns` sorted by comparePatternKeys). */
function lookupSubpath(
  map: Json,
  patterns: readonly string[],
  subpath: string,
): { target: unknown; star?: string } | undefined {
  if (Object.hasOwn(map, subpath) && isExactSubpath(subpath)) return { target: map[subpath] };
  for (const key of patterns) {
    const star = key.indexOf('*');
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length >= key.length && subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
      return { target: map[key], star: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  return undefined;
}

// Node's PATTERN_KEY_COMPARE: longer prefix first, then longer key.
function comparePatternKeys(a: string, b: string): number {
  const baseA = a.indexOf('*') + 1;
  const baseB = b.indexOf('*') + 1;
  if (baseA !== baseB) return baseB - baseA;
  return b.length - a.length;
}

function resolveForTypes(target: unknown, star: string | undefined, ctx: Context, missing: string[]): Outcome {
  const esm = resolveTarget(target, star, ctx, ESM_CONDITIONS, missing);
  return esm !== undefined ? esm : resolveTarget(target, star, ctx, CJS_CONDITIONS, missing);
}

/**
 * The first outcome in the order TypeScript tries alternatives: arrays left to right, conditions in key order,
 * depth first. Walked with an explicit stack: conditions may nest to any depth (3,000 levels are valid JSON).
 */
function resolveTarget(
  target: unknown,
  star: string | undefined,
  ctx: Context,
  conditions: ReadonlySet<string>,
  missing: string[],
): Outcome {
  const pending: unknown[] = [target];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null) return null;
    if (typeof next === 'string') {
      const rel = exportTargetPath(next, star);
      if (rel === undefined) continue;
      const file = declarationCandidates(rel).find((c) => ctx.files.has(c));
      if (file !== undefined) return { file };
      if (isDeclarationFile(rel)) missing.push(`./${rel}`);
      continue;
    }
    // Unlike Node, TypeScript moves on to the next alternative when a target's
    // file is missing, in arrays and in conditions alike; we follow TypeScript.
    pending.push(...alternatives(next, (condition) => conditionApplies(condition, conditions, ctx)).reverse());
  }
  return undefined;
}

/** The alternatives an array or a conditions object offers, in the order they are tried. */
function alternatives(target: unknown, applies: (condition: string) => boolean): unknown[] {
  if (Array.isArray(target)) return target;
  if (!isObject(target)) return [];
  return Object.entries(target).flatMap(([condition, value]) => (applies(condition) ? [value] : []));
}

function conditionApplies(condition: string, conditions: ReadonlySet<string>, ctx: Context): boolean {
  if (conditions.has(condition)) return true;
  return condition.startsWith('types@') && rangeIncludes(condition.slice('types@'.length), ctx.version);
}

function rangeIncludes(range: string, version: string): boolean {
  // TypeScript's own VersionRange accepts prereleases of its version.
  return semver.validRange(range) !== null && semver.satisfies(version, range, { includePrerelease: true });
}

/** The package-relative path an exports target names, or undefined if Node would reject the target. */
function exportTargetPath(target: string, star: string | undefined): string | undefined {
  if (!target.startsWith('./')) return undefined;
  if (hasInvalidSegment(target.slice(2))) return undefined;
  if (star !== undefined && hasInvalidSegment(star)) return undefined;
  const rel = star === undefined ? target.slice(2) : target.slice(2).replaceAll('*', star);
  return rel === '' ? undefined : rel;
}

function hasInvalidSegment(path: string): boolean {
  return path.split('/').some((s) => s === '.' || s === '..' || s.toLowerCase() === 'node_modules');
}

/** Every string target containing `*` that a matching condition can reach, in the order they are tried. */
function collectTemplates(target: unknown, ctx: Context): string[] {
  const out: string[] = [];
  const pending: unknown[] = [target];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('*') && !out.includes(next)) out.push(next);
    } else {
      pending.push(...alternatives(next, (condition) => conditionApplies(condition, ANY_CONDITION, ctx)).reverse());
    }
  }
  return out;
}

function firstSubpathLeadingTo(
  file: string,
  key: string,
  templates: string[],
  map: Json,
  patterns: readonly string[],
  ctx: Context,
): EntryPoint | undefined {
  // Preimages come in the order consumers would write them (the JS name first)
  // so a catch-all like `"./*": "./*"` yields `./dist/a.js`, not `./dist/a.d.ts`.
  for (const preimage of targetsLeadingTo(file)) {
    for (const template of templates) {
      const star = matchTemplate(template.slice(2), preimage);
      if (star === undefined || star === '' || hasEmptySegment(star)) continue;
      const subpath = key.replace('*', star);
      const found = lookupSubpath(map, patterns, subpath);
      if (found === undefined) continue;
      const outcome = resolveForTypes(found.target, found.star, ctx, []);
      if (outcome) return { subpath, file: outcome.file };
    }
  }
  return undefined;
}

function hasEmptySegment(star: string): boolean {
  return star.split('/').some((s) => s === '');
}

/** The value of `*` that turns template into path; every `*` must take the same value, as Node substitutes all of them. */
function matchTemplate(template: string, path: string): string | undefined {
  const pattern = template
    .split('*')
    .map((part, i) => (i === 0 ? '' : i === 1 ? '(.+)' : '\\1') + escapeRegExp(part))
    .join('');
  return new RegExp(`^${pattern}$`, 's').exec(path)?.[1];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// -------------------------------------------------- extension substitution

/**
 * The declaration files TypeScript looks for when a package points at `rel`
 * (tryAddingExtensions): `x.js` → `x.d.ts`, `x.mjs` → `x.d.mts`,
 * `x.cjs` → `x.d.cts`, `x.css` → `x.d.css.ts`.
 */
function declarationCandidates(rel: string): string[] {
  if (isDeclarationFile(rel)) return [rel];
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return [`${rel}.d.ts`];
  const stem = rel.slice(0, rel.length - (base.length - dot));
  const ext = base.slice(dot);
  switch (ext) {
    case '.js':
    case '.jsx':
    case '.ts':
    case '.tsx':
      return [`${stem}.d.ts`];
    case '.mjs':
    case '.mts':
      return [`${stem}.d.mts`];
    case '.cjs':
    case '.cts':
      return [`${stem}.d.cts`];
    default:
      return [`${stem}.d${ext}.ts`];
  }
}

/** The inverse of declarationCandidates, preferred spelling first. */
function targetsLeadingTo(file: string): string[] {
  const ext = /\.d\.([mc]?)ts$/.exec(file);
  if (ext) {
    const stem = file.slice(0, ext.index);
    switch (ext[1]) {
      case 'm':
        return [`${stem}.mjs`, file, `${stem}.mts`];
      case 'c':
        return [`${stem}.cjs`, file, `${stem}.cts`];
      default:
        return [`${stem}.js`, file, `${stem}.ts`, `${stem}.jsx`, `${stem}.tsx`, stem];
    }
  }
  const base = file.slice(file.lastIndexOf('/') + 1);
  const arbitrary = /^(.*)\.d(\.[^.]+)\.ts$/.exec(base);
  if (arbitrary) return [`${file.slice(0, file.length - base.length)}${arbitrary[1]}${arbitrary[2]}`, file];
  return [file];
}

// ------------------------------------------------ types / typings / main

const LEGACY_FIELDS = ['typings', 'types', 'main'] as const;

function fromLegacyFields(pkg: Json, ctx: Context): EntryPoint[] {
  // Packages without `exports` imitate subpaths with exact `typesVersions` keys (`pkg/utils` → a file);
  // keys naming a file (`index.d.ts`) remap the root instead.
  const { file, fieldName, fieldValue } = legacyRoot(pkg, ctx);
  if (file !== undefined) return [{ subpath: '.', file }, ...typesVersionsSubpaths(pkg.typesVersions, ctx)];

  if (fieldName === 'types' || fieldName === 'typings') {
    throw new InputError(`${fieldName} → ${fieldValue}: file not found`, PACKAGE_JSON);
  }
  if (fieldName === 'main') {
    throw new InputError(
      `no entry point leads to type declarations (no exports/types/typings, main → ${fieldValue} has no declaration file next to it, and no index.d.ts)`,
      PACKAGE_JSON,
    );
  }
  throw new InputError(
    'no entry point leads to type declarations (no exports/types/typings and no index.d.ts)',
    PACKAGE_JSON,
  );
}

/** The root's declaration file under node10 resolution, and the field that named it. */
function legacyRoot(pkg: Json, ctx: Context): { file?: string; fieldName?: string; fieldValue?: string } {
  // TypeScript reads `typings` before `types`, and looks at `main` only when
  // neither is set; a set but missing field falls back to index, not to main.
  const fieldName = LEGACY_FIELDS.find((name) => typeof pkg[name] === 'string' && pkg[name] !== '');
  const named: { fieldName?: string; fieldValue?: string } = fieldName === undefined ? {} : { fieldName, fieldValue: pkg[fieldName] as string };
  const fieldValue = named.fieldValue;
  const rel = fieldValue === undefined ? 'index' : packageRelative(fieldValue);
  const mapped = rel === undefined ? undefined : mapThroughTypesVersions(pkg.typesVersions, rel, ctx);
  if (mapped !== undefined) return { file: mapped, ...named };
  const beside = fieldValue !== undefined && rel !== undefined ? legacyCandidates(rel).find((c) => ctx.files.has(c)) : undefined;
  if (beside !== undefined) return { file: beside, ...named };
  return ctx.files.has('index.d.ts') ? { file: 'index.d.ts', ...named } : named;
}

/** Normalised package-relative path, or undefined when it points outside the package. */
function packageRelative(value: string): string | undefined {
  const parts: string[] = [];
  for (const segment of value.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  if (value.startsWith('/')) return undefined;
  return parts.join('/');
}

// Fields outside `exports` may also name a folder, as `require` allows.
function legacyCandidates(rel: string): string[] {
  if (rel === '') return ['index.d.ts'];
  return [...declarationCandidates(rel), `${rel}/index.d.ts`];
}

function mapThroughTypesVersions(typesVersions: unknown, moduleName: string, ctx: Context): string | undefined {
  if (!isObject(typesVersions)) return undefined;
  // Only the first range that matches counts, even if its mapping finds nothing.
  const range = Object.keys(typesVersions).find((r) => rangeIncludes(r, ctx.version));
  if (range === undefined) return undefined;
  const paths = typesVersions[range];
  if (!isObject(paths)) return undefined;

  const match = matchPathsKey(Object.keys(paths), moduleName);
  if (match === undefined) return undefined;
  const substitutions = paths[match.key];
  for (const substitution of Array.isArray(substitutions) ? substitutions : [substitutions]) {
    if (typeof substitution !== 'string') continue;
    const rel = packageRelative(match.star === undefined ? substitution : substitution.replace('*', match.star));
    if (rel === undefined) continue;
    const file = legacyCandidates(rel).find((c) => ctx.files.has(c));
    if (file !== undefined) return file;
  }
  return undefined;
}

function typesVersionsSubpaths(typesVersions: unknown, ctx: Context): EntryPoint[] {
  if (!isObject(typesVersions)) return [];
  const range = Object.keys(typesVersions).find((r) => rangeIncludes(r, ctx.version));
  const paths = range === undefined ? undefined : typesVersions[range];
  if (!isObject(paths)) return [];
  return Object.keys(paths)
    .filter((key) => !key.includes('*') && key !== 'index' && !/\.(d\.)?[cm]?[jt]s$/.test(key) && packageRelative(key) === key && key !== '')
    .flatMap((key) => {
      const file = mapThroughTypesVersions(typesVersions, key, ctx);
      return file === undefined ? [] : [{ subpath: `./${key}`, file }];
    })
    .sort((a, b) => compareSubpaths(a.subpath, b.subpath));
}

/** TypeScript's `paths` matching: an exact key wins, else the matching pattern with the longest prefix. */
function matchPathsKey(keys: string[], name: string): { key: string; star?: string } | undefined {
  if (keys.includes(name) && !name.includes('*')) return { key: name };
  let best: { key: string; star: string; prefix: number } | undefined;
  for (const key of keys) {
    if (!hasOneStar(key)) continue;
    const i = key.indexOf('*');
    const prefix = key.slice(0, i);
    const suffix = key.slice(i + 1);
    if (name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix)) {
      if (best === undefined || prefix.length > best.prefix) {
        best = { key, star: name.slice(prefix.length, name.length - suffix.length), prefix: prefix.length };
      }
    }
  }
  return best && { key: best.key, star: best.star };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
