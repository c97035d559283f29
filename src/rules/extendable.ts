import type { ApiItem } from '../model/surface.js';

/**
 * Consumers can write `class Mine extends C`: an exported class whose constructors are not all private. What
 * a subclass declares must then agree with every member of the new release (TS2410-TS2425, TS2610, TS2611).
 */
export function extendable(item: ApiItem): boolean {
  if (!item.exported || !item.kinds.includes('class') || !item.constructors) return false;
  return item.constructors.length === 0 || item.constructors.some((c) => c.visibility !== 'private');
}
