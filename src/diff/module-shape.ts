import type { ApiItem, ApiSurface, EntrySurface, ExportTarget } from '../model/surface.js';
import { renameIds } from './rename-ids.js';
import { constituents, flatMembers } from './value-members.js';

/**
 * `export =` of a namespace (or of a value merged with one) and ES exports meet consumers through the same
 * names: `import { Command }` and `import * as x` reach the namespace's members as they reach named exports,
 * and a default import (under esModuleInterop) reaches the `export =` value as it reaches `export default`.
 * When an entry point changes from one shape to the other, the side with `export =` is restated in the other's
 * terms before anything is paired: its namespace members and the value itself (as `default`) become exports of
 * the entry, and their items take the ids of the names they correspond to, so that `Help` is compared with
 * `Help` member by member (and every type that mentions it counts it as the same type). `export=` itself stays,
 * so what only `import x = require()` met is still reported as gone.
 */
export function correspondModuleShapes(old: ApiSurface, next: ApiSurface): { old: ApiSurface; new: ApiSurface } {
  const renames = { old: new Map<string, string>(), new: new Map<string, string>() };
  const restated = { old: new Map<string, EntrySurface>(), new: new Map<string, EntrySurface>() };
  const properties = { old: [] as ApiItem[], new: [] as ApiItem[] };
  for (const oldEntry of old.entries) {
    const newEntry = next.entries.find((e) => e.subpath === oldEntry.subpath && !e.ambient);
    if (oldEntry.ambient || !newEntry) continue;
    const [side, other, withAssignment, withNames] =
      'export=' in oldEntry.exports && !('export=' in newEntry.exports)
        ? (['old', 'new', oldEntry, newEntry] as const)
        : 'export=' in newEntry.exports && !('export=' in oldEntry.exports)
          ? (['new', 'old', newEntry, oldEntry] as const)
          : [];
    if (!side) continue;
    const surfaces = { old, new: next };
    const target = withAssignment.exports['export=']!;
    const members = surfaces[side].items[target.id]?.exports;
    // A lone value (`export = parse`) has no names to correspond: its default import stays a change of its own.
    if (!members) continue;
    const exports: Record<string, ExportTarget> = { ...withAssignment.exports };
    const corresponding: Array<[string, ExportTarget]> = Object.entries(members);
    // Named imports of an `export =` module also reach the properties of its value (`import { program }`).
    for (const item of valueProperties(surfaces[side].items[target.id]!, withNames, surfaces[side])) {
      if (item.path in members) continue;
      properties[side].push(item);
      corresponding.push([item.path, { id: item.id, typeOnly: false }]);
    }
    // A default import met the `export =` value and now meets the default export: the two values are compared
    // (their items joined), while `default` itself stays an addition, since `import x = require()` never met it.
    const defaultId = withNames.exports['default']?.id;
    if (defaultId !== undefined && defaultId !== target.id && !surfaces[side].items[defaultId] && !surfaces[other].items[target.id]) {
      renames[side].set(target.id, defaultId);
    }
    for (const [name, from] of corresponding) {
      if (name in exports) continue;
      exports[name] = from;
      const to = withNames.exports[name];
      // Ids already taken on either side keep their own meaning: only a free pair of ids is joined.
      if (to && to.id !== from.id && !surfaces[side].items[to.id] && !surfaces[other].items[from.id]) renames[side].set(from.id, to.id);
    }
    restated[side].set(withAssignment.subpath, { ...withAssignment, exports });
  }
  return { old: restate(old, renames.old, restated.old, properties.old), new: restate(next, renames.new, restated.new, properties.new) };
}

/** The properties of an `export =` value that the other side exports by name, each as an exported variable of its own. */
function valueProperties(value: ApiItem, withNames: EntrySurface, surface: ApiSurface): ApiItem[] {
  const members = value.valueType && flatMembers(constituents(value.valueType), surface);
  return (members ?? [])
    .filter((m) => m.kind === 'property' && m.type && m.name in withNames.exports && m.visibility === 'public')
    .map((m) => ({
      id: `${value.id}#${m.name}`,
      path: m.name,
      kinds: ['variable'],
      exported: true,
      typeParams: [],
      valueType: m.type!,
      positions: ['output'],
      tags: m.tags ?? value.tags,
      text: m.text,
      ...(m.location ? { location: m.location } : {}),
    }));
}

/** The surface with entries replaced and ids renamed everywhere they occur (a renamed namespace's members with it). */
function restate(surface: ApiSurface, renames: Map<string, string>, entries: Map<string, EntrySurface>, added: ApiItem[]): ApiSurface {
  if (entries.size === 0) return surface;
  const rename = (id: string): string => {
    const exact = renames.get(id);
    if (exact !== undefined) return exact;
    for (let dot = id.lastIndexOf('.'); dot > 0; dot = id.lastIndexOf('.', dot - 1)) {
      const prefix = renames.get(id.slice(0, dot));
      if (prefix !== undefined) return prefix + id.slice(dot);
    }
    return id;
  };
  const withEntries = {
    ...surface,
    entries: surface.entries.map((e) => (e.ambient ? e : (entries.get(e.subpath) ?? e))),
    items: { ...surface.items, ...Object.fromEntries(added.map((item) => [item.id, item])) },
  };
  const renamed = renames.size === 0 ? withEntries : renameIds(withEntries, rename);
  // A namespace member of `export =` is now met as a named export: `export=.Help` is `Help`.
  const prefixes = [...entries.keys()].map((subpath) => (subpath === '.' ? 'export=.' : `${subpath}:export=.`));
  const shapePath = (path: string) => {
    const prefix = prefixes.find((p) => path.startsWith(p));
    return prefix === undefined ? path : prefix.slice(0, -'export=.'.length) + path.slice(prefix.length);
  };
  return { ...renamed, items: Object.fromEntries(Object.entries(renamed.items).map(([id, item]) => [id, { ...item, path: shapePath(item.path) }])) };
}
