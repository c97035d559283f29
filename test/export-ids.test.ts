import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignExportIds } from '../src/diff/export-ids.js';
import type { ApiItem, ApiSurface, TypeExpr } from '../src/model/surface.js';

// Ids are declared names, given first come first served; exports at the same path must still correspond.
// Surfaces here are plain data: a namespace per module, each exporting some of a few shared names.

const NAMES = ['exists', 'map', 'of', 'toString'];
const MODULES = ['either', 'option', 'reader'];

/** A surface where each module exports the names chosen for it, ids given in `order` of modules (the first takes the bare name). */
function surface(exported: Record<string, string[]>, order: readonly string[]): ApiSurface {
  const items: Record<string, ApiItem> = {};
  const item = (id: string, path: string, extra: Partial<ApiItem> = {}): ApiItem => ({ id, path, kinds: ['function'], exported: true, typeParams: [], positions: ['output'], tags: { release: 'public' }, text: '', ...extra });
  for (const module of order) {
    const exports: Record<string, { id: string; typeOnly: boolean }> = {};
    for (const name of exported[module] ?? []) {
      const id = Object.hasOwn(items, name) ? `${module}.${name}` : name;
      // Each function returns a reference to its module's namespace: references are renamed with ids.
      const returns: TypeExpr = { k: 'ref', id: module };
      items[id] = item(id, `${module}.${name}`, { signatures: [{ typeParams: [], params: [], returns }] });
      exports[name] = { id, typeOnly: false };
    }
    items[module] = item(module, module, { kinds: ['namespace'], exports });
  }
  const root = Object.fromEntries(order.map((m) => [m, { id: m, typeOnly: false }]));
  return { entries: [{ subpath: '.', file: 'index.d.ts', exports: root }], items };
}

const exportsArb = fc.record(Object.fromEntries(MODULES.map((m) => [m, fc.subarray(NAMES)])) as Record<string, fc.Arbitrary<string[]>>);
const orderArb = fc.shuffledSubarray(MODULES, { minLength: MODULES.length, maxLength: MODULES.length });

const idsByPath = (s: ApiSurface) => new Map(Object.values(s.items).filter((i) => i.exported).map((i) => [i.path, i.id]));

describe('alignExportIds', () => {
  it('gives an export the old id of the same path, keeps ids unique and references whole', () => {
    fc.assert(
      fc.property(exportsArb, exportsArb, orderArb, orderArb, (oldExports, newExports, oldOrder, newOrder) => {
        const old = surface(oldExports, oldOrder);
        const next = surface(newExports, newOrder);
        const aligned = alignExportIds(old, next);
        const [before, after] = [idsByPath(old), idsByPath(aligned)];
        for (const [path, id] of after) if (before.has(path)) expect(id).toBe(before.get(path));
        // Every item is still there under an id of its own, and every id in it names an item.
        expect(Object.keys(aligned.items).length).toBe(Object.keys(next.items).length);
        for (const [id, item] of Object.entries(aligned.items)) expect(item.id).toBe(id);
        const referenced = JSON.stringify(aligned).match(/"id":"[^"]+"/g) ?? [];
        for (const ref of referenced) expect(Object.hasOwn(aligned.items, ref.slice(6, -1))).toBe(true);
        expect([...after.keys()].sort()).toEqual([...idsByPath(next).keys()].sort());
      }),
    );
  });

  it('leaves a surface whose exports already correspond as it is', () => {
    fc.assert(
      fc.property(exportsArb, orderArb, (exported, order) => {
        const old = surface(exported, order);
        expect(alignExportIds(old, surface(exported, order))).toEqual(old);
      }),
    );
  });

  it('pairs fp-ts 2.0\'s Option.exists with 1.19\'s, not with Either\'s new one met first', () => {
    const old = surface({ option: ['exists'] }, ['either', 'option']);
    const next = surface({ either: ['exists'], option: ['exists'] }, ['either', 'option']);
    const aligned = alignExportIds(old, next);
    expect(idsByPath(aligned).get('option.exists')).toBe('exists');
    expect(idsByPath(aligned).get('either.exists')).toBe('either.exists');
  });
});
