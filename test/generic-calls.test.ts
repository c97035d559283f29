import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, readSurface } from '../src/index.js';

// Generic signatures rewritten the way date-fns 3 → 4 rewrote `add`: the parameter spelled through an alias,
// the result typed by a new type parameter that defaults to the old one, an optional parameter added. Every
// call, with type arguments inferred or written out, resolves as before, so nothing may come out major.
// The shapes are those inference follows in declarations (see src/rules/type-arg-inference.ts).

const CONSTRAINTS = ['', ' extends string', ' extends Stamp'];
/** A parameter's type with the type parameter `X` written in. */
const PARAM_SHAPES = ['X', 'X | number', 'X | number | string', 'X[]', 'readonly X[]', '{ value: X }', 'Box<X>'];
/** A result's type with the result's type parameter `X` written in. */
const RESULT_SHAPES = ['X', 'X[]', 'X | undefined', 'Box<X>'];

const PRELUDE = 'export interface Stamp {\n  at: number;\n}\nexport interface Box<T> {\n  value: T;\n}\n';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function release(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-semver-generic-'));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.d.ts'), PRELUDE + text);
  return dir;
}

const spell = (shape: string, name: string) => shape.replaceAll('X', name);

describe('generic signatures respelled as date-fns 4 did', () => {
  it('report nothing major', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CONSTRAINTS),
        fc.constantFrom(...PARAM_SHAPES),
        fc.constantFrom(...RESULT_SHAPES),
        async (constraint, param, result) => {
          const old = `export declare function add<DateType${constraint}>(date: ${spell(param, 'DateType')}, amount: number): ${spell(result, 'DateType')};\n`;
          const next =
            `export type DateArg<D${constraint}> = ${spell(param, 'D')};\n` +
            `export declare function add<DateType${constraint}, ResultDate${constraint} = DateType>(date: DateArg<DateType>, amount: number, options?: { in?: ResultDate }): ${spell(result, 'ResultDate')};\n`;
          const analysis = analyze(await readSurface(release(old)), await readSurface(release(next)));
          expect(analysis.findings.filter((f) => f.bump === 'major').map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('report a result whose type parameter no longer follows the inferred one', async () => {
    const old = 'export declare function add<DateType extends Stamp>(date: DateType | number, amount: number): DateType;\n';
    const next = 'export declare function add<DateType extends Stamp, ResultDate extends Stamp = Stamp>(date: DateType | number, amount: number): ResultDate;\n';
    const analysis = analyze(await readSurface(release(old)), await readSurface(release(next)));
    expect(analysis.findings.filter((f) => f.bump === 'major').map((f) => `${f.rule} ${f.path}`)).toEqual(['return-type-changed add']);
  });
});
