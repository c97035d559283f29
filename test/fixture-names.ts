import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const fixturesRoot = path.resolve(import.meta.dirname, '../fixtures');

/** Every fixture folder (one with an expected.json), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(fixturesRoot, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort();
}
