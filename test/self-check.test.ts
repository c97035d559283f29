import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, InputError, readSurface, type ApiSurface } from '../src/index.js';

// Self-check on large, real declaration files the project already installs: a release diffed against
// itself must report nothing. Two forms are checked for each: the same surface object on both sides, and
// a second, independent read of the same files (a second TypeScript Program), which is what a user's
// `api-semver x x` does. Each read is slow (seconds to tens of seconds), so the first read is shared.

const root = path.resolve(import.meta.dirname, '..');
const TIMEOUT = 120_000;

const key = (f: { rule: string; path: string; bump: string }) => `${f.bump} ${f.rule} ${f.path}`;

/** Reads @types/node as a package directory; falls back to its index.d.ts if the directory cannot be read. */
async function readTypesNode(): Promise<ApiSurface> {
  try {
    return await readSurface(path.join(root, 'node_modules/@types/node'));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return readSurface(path.join(root, 'node_modules/@types/node/index.d.ts'));
  }
}

const targets: Array<{ name: string; read: () => Promise<ApiSurface> }> = [
  { name: 'ts-morph (lib/ts-morph.d.ts)', read: () => readSurface(path.join(root, 'node_modules/ts-morph/lib/ts-morph.d.ts')) },
  { name: '@types/node (package directory)', read: readTypesNode },
];

describe('self-check on installed declaration files', () => {
  for (const target of targets) {
    let first: Promise<ApiSurface> | undefined;
    const firstRead = () => (first ??= target.read());

    it(
      `${target.name} against the same surface reports zero findings`,
      async () => {
        const surface = await firstRead();
        expect(Object.keys(surface.items).length).toBeGreaterThan(100); // not a vacuous check
        const analysis = analyze(surface, surface);
        expect({ bump: analysis.bump, findings: analysis.findings.map(key) }).toEqual({ bump: 'patch', findings: [] });
      },
      TIMEOUT,
    );

    // Two independent reads must agree: this caught members keyed by a `unique symbol` being named by
    // TypeScript's per-Program symbol ids (`__@dispose@1050`); see fixtures/scenario--unique-symbol-key.
    it(
      `${target.name} against a second, independent read reports zero findings`,
      async () => {
        const surface = await firstRead();
        const again = await target.read();
        const analysis = analyze(surface, again);
        expect({ bump: analysis.bump, findings: analysis.findings.map(key) }).toEqual({ bump: 'patch', findings: [] });
      },
      TIMEOUT,
    );
  }
});
