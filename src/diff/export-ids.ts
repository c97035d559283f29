import type { ApiItem, ApiSurface, ExportTarget } from '../model/surface.js';
import { renameIds } from './rename-ids.js';

/**
 * Item ids are declared names, so that a type keeps its identity when it moves between files, and a name two
 * exports share goes to the first one the model meets: fp-ts 1.19 has one `exists` (Option's), 2.0 adds
 * Either's, met first, so `exists` is Option's on one side and Either's on the other, and Option's would be
 * compared with Either's. An export reached at the same path on both sides is the same export to consumers:
 * the new release's item takes the old one's id, and an item of the new release that held that id moves to
 * its own export path (or, were that taken, a numbered variant). Ids are rewritten everywhere they occur.
 */
export function alignExportIds(old: ApiSurface, next: ApiSurface): ApiSurface {
  const oldByPath = new Map(exported(old).map((item) => [item.path, item.id]));
  const renames = new Map<string, string>();
  for (const item of exported(next)) {
    const id = oldByPath.get(item.path);
    if (id !== undefined && id !== item.id) renames.set(item.id, id);
  }
  if (!renames.size) return next;
  const taken = new Set([...Object.keys(old.items), ...Object.keys(next.items), ...renames.values()]);
  for (const id of new Set(renames.values())) {
    // The item that held the id under its name keeps a name of its own.
    if (!Object.hasOwn(next.items, id) || renames.has(id)) continue;
    const path = next.items[id]!.path;
    let fresh = path;
    for (let n = 2; taken.has(fresh); n++) fresh = `${path}~${n}`;
    taken.add(fresh);
    renames.set(id, fresh);
  }
  return renameIds(next, (id) => renames.get(id) ?? id);
}

function exported(surface: ApiSurface): ApiItem[] {
  return Object.values(surface.items).filter((item) => item.exported);
}

/** Old id → the new ids that name the same declaration for some consumer, where the two differ. */
export type CorrespondingIds = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Where two declarations share a name, the one met later takes its path as id, so one declaration can have
 * another id in the other release, and `alignExportIds` cannot give it one id for every import: zod 3.25 exports
 * v3 at the root and v4 at `./v4`, so v4's `ZodIntersection` is `./v4:ZodIntersection` there (v3's class has
 * `ZodIntersection`), while zod 4.0 exports v4 at the root, where it is `ZodIntersection`, and v3's at `./v3`.
 * An import of the same subpath and name meets the same declaration in both releases: those ids correspond,
 * and the comparison treats them as one named type (and pairs their items) as it does equal ids.
 */
export function correspondingIds(old: ApiSurface, next: ApiSurface): CorrespondingIds {
  const found = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const walk = (oldExports: Record<string, ExportTarget>, newExports: Record<string, ExportTarget>): void => {
    for (const [name, o] of Object.entries(oldExports)) {
      const n = newExports[name];
      const key = n && `${o.id}\u0000${n.id}`;
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const [oldItem, newItem] = [old.items[o.id], next.items[n.id]];
      if (!oldItem || !newItem) continue;
      if (o.id !== n.id) found.set(o.id, (found.get(o.id) ?? new Set()).add(n.id));
      // A namespace reached under both names is met member by member under them.
      if (oldItem.exports && newItem.exports) walk(oldItem.exports, newItem.exports);
    }
  };
  for (const entry of old.entries) {
    const other = next.entries.find((e) => e.subpath === entry.subpath && e.ambient === entry.ambient);
    if (other) walk(entry.exports, other.exports);
  }
  return found;
}
