import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diff, InputError } from '../src/index.js';
import { LIB_DIR, libSourceFile } from '../src/compiler/lib-files.js';
import { TimeBudget, TimeLimitReached } from '../src/engine/time-budget.js';
import { tempDir } from './temp-dir.js';

// Issue 16, "never a hang": TypeScript's checker takes exponential time on conditional types nested in their
// true branch, and the tool asks the same checker, so one comparison runs under a wall-clock budget.
const bin = path.resolve(import.meta.dirname, '..', 'bin', 'api-semver.js');

/** A declaration the checker needs minutes for (depth 24: well past a minute with tsc 6.0). */
function nestedConditional(depth: number, tail = 'never'): string {
  let body = 'X';
  for (let i = 0; i < depth; i++) body = `X extends string ? ${body} : ${tail}`;
  return `// A conditional type nested ${depth} levels deep in its true branch: exponential for the checker.\nexport type Deep<X> = ${body};\nexport declare function deep<X>(x: X): Deep<X>;\n`;
}

describe('a wall-clock budget per comparison', () => {
  it('the CLI stops a comparison that runs out of time: exit 2 naming the file, no internal error', async () => {
    const dir = tempDir({ 'old/index.d.ts': nestedConditional(24), 'new/index.d.ts': nestedConditional(24, 'never | 1') });
    const run = await promisify(execFile)(process.execPath, [bin, 'diff', 'old/index.d.ts', 'new/index.d.ts', '--timeout', '1'], { cwd: dir }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(run.code).toBe(2);
    // One line naming the file: as the declaration's place (`new/index.d.ts:2: …`) or, before the checker
    // reached a declaration, as the release being analysed.
    expect(run.stderr).toMatch(/^api-semver: (new\/index\.d\.ts:2: )?time limit of 1 s reached while analysing new\/index\.d\.ts[^\n]*--timeout 0 for none\n$/);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('the library stops as well, with an InputError; timeout 0 means no limit', async () => {
    const dir = tempDir({ 'old.d.ts': nestedConditional(24), 'new.d.ts': nestedConditional(24, 'never | 1') });
    const error = await diff('old.d.ts', 'new.d.ts', { cwd: dir, timeout: 0.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^time limit of 0\.5 s reached while analysing new\.d\.ts/);
    const plain = tempDir({ 'old.d.ts': 'export declare const a: 1;\n', 'new.d.ts': 'export declare const a: 1;\nexport declare const b: 2;\n' });
    expect((await diff('old.d.ts', 'new.d.ts', { cwd: plain, timeout: 0 })).bump).toBe('minor');
  });

  it('synchronous work is stopped where it stands and named by the declaration last reported', () => {
    const budget = new TimeBudget(0.2);
    budget.doing('analysing npm:x@1.0.0');
    budget.activity.declaration = { path: 'Deep', file: 'index.d.ts', line: 2 };
    let error: unknown;
    try {
      budget.run(() => {
        for (;;);
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TimeLimitReached);
    expect(error).toMatchObject({ file: 'index.d.ts', line: 2 });
    expect((error as Error).message).toMatch(/^time limit of 0\.2 s reached while analysing npm:x@1\.0\.0, at Deep \(/);
    // Errors of the work itself pass through unchanged, and a budget already spent stops before starting.
    expect(() => new TimeBudget(60).run(() => JSON.parse('{'))).toThrow(SyntaxError);
    expect(() => budget.run(() => 1)).toThrow(TimeLimitReached);
  });

  it('a stopped comparison leaves no half-bound lib tree behind for the next Program of the process', () => {
    // Programs share the parsed lib files and bind into them; one stopped mid-binding must not hand them on.
    const before = libSourceFile(`${LIB_DIR}/lib.es5.d.ts`);
    expect(libSourceFile(`${LIB_DIR}/lib.es5.d.ts`)).toBe(before);
    expect(() =>
      new TimeBudget(0.1).run(() => {
        for (;;);
      }),
    ).toThrow(TimeLimitReached);
    const after = libSourceFile(`${LIB_DIR}/lib.es5.d.ts`);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('asynchronous work is raced against the same clock', async () => {
    const budget = new TimeBudget(0.1);
    budget.doing('reading npm:x@1.0.0');
    await expect(budget.race(new Promise(() => undefined))).rejects.toThrow(/time limit of 0\.1 s reached while reading npm:x@1\.0\.0/);
    expect(await new TimeBudget(undefined).race(Promise.resolve(3))).toBe(3);
  });
});
