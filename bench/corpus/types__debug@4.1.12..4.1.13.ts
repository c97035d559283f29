// @types/debug 4.1.12 → 4.1.13 (a patch release): Debug.names and Debug.skips went from RegExp[] to string[];
// the tool says major (property-type-changed, unverified). Reading them as the regular expressions 4.1.12
// declared fails against 4.1.13 (TS2339 on `source`).
import debug from 'debug';

export const enabledPatterns: string[] = debug.names.map((pattern) => pattern.source);
