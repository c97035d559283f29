/**
 * Orders strings by UTF-16 code unit, as `Array.prototype.sort` does without a comparator: the same on every
 * machine and locale (`localeCompare` is neither), which keeps output byte-identical.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
