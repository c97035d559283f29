import type { ApiSurface, ExportTarget } from '../model/surface.js';

/** Old id → the new ids that name the same declaration for some consumer, where the two differ. */
export type CorrespondingIds = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Ids name items by the first path that reaches them, so one declaration can have other ids in the other
 * release: zod 3.25 exports v3 at the root and v4 at `./v4`, so v4's `ZodIntersection` is `./v4:ZodIntersection`
 * there (v3's class has `ZodIntersection`), while zod 4.0 exports v4 at the root, where it is `ZodIntersection`.
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
