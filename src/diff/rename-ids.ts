import type { ApiItem, ApiSurface } from '../model/surface.js';

/**
 * The surface with every id renamed by `rename` where it occurs: the items' keys, and the values under `id`
 * (items, export targets, type references) and `declaredIn` (members), nothing else. Only what holds a renamed
 * id is copied, each shared part once: hono 4's surface is 6 MB of JSON.
 */
export function renameIds(surface: ApiSurface, rename: (id: string) => string): ApiSurface {
  const done = new Map<object, unknown>();
  const walk = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    if (done.has(value)) return done.get(value);
    const entries = Object.entries(value);
    const mapped = entries.map(([key, v]) => ((key === 'id' || key === 'declaredIn') && typeof v === 'string' ? rename(v) : walk(v)));
    const changed = mapped.some((w, i) => w !== entries[i]![1]);
    const result = !changed ? value : Array.isArray(value) ? mapped : Object.fromEntries(entries.map(([key], i) => [key, mapped[i]]));
    done.set(value, result);
    return result;
  };
  const items = Object.fromEntries(Object.entries(surface.items).map(([id, item]) => [rename(id), walk(item) as ApiItem]));
  return { ...surface, entries: walk(surface.entries) as ApiSurface['entries'], items };
}
