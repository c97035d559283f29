import { InputError } from '../core/input-error.js';
import type { ApiSurface } from './surface.js';

/** Neither side has an API to compare: a JavaScript-only package, which a workspace run skips with a note. */
export class NoDeclarations extends InputError {}

/**
 * A release without declarations met against one with them is a comparison, not an error: the bare side gets
 * the other side's entry points with nothing exported, so every export comes out removed (or added) one by one
 * and the bare side's note says why. Two bare releases have no API to compare.
 */
export function alignDeclarationless(old: ApiSurface, next: ApiSurface): [ApiSurface, ApiSurface] {
  if (old.declarationless && next.declarationless) {
    throw new NoDeclarations('neither release ships type declarations (no .d.ts, .d.mts or .d.cts file): there is no API to compare');
  }
  if (old.declarationless) return [emptied(old, next), next];
  if (next.declarationless) return [old, emptied(next, old)];
  return [old, next];
}

function emptied(bare: ApiSurface, other: ApiSurface): ApiSurface {
  const entries = other.entries.filter((entry) => !entry.ambient).map((entry) => ({ subpath: entry.subpath, file: entry.file, exports: {} }));
  return { ...bare, entries };
}
