import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageFiles } from '../src/load/package-files.js';
import { tempDir } from './temp-dir.js';

// Every surface the engine builds goes through buildSurface: wrapped here, each call is counted by the folder of
// the release it was built for. A release is read once per command, however many comparisons use it.
const built = vi.hoisted(() => new Map<string, number>());
vi.mock('../src/model/build.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/model/build.js')>();
  return {
    ...original,
    buildSurface: (files: PackageFiles, ...rest: unknown[]) => {
      built.set(files.root, (built.get(files.root) ?? 0) + 1);
      return (original.buildSurface as (...args: unknown[]) => ReturnType<typeof original.buildSurface>)(files, ...rest);
    },
  };
});

const { main } = await import('../src/cli/main.js');

const repo = path.resolve(import.meta.dirname, '..');
const [v1, v2] = ['examples/greeter/v1', 'examples/greeter/v2'].map((dir) => path.join(repo, dir)) as [string, string];

/** Runs the CLI in this process (its report swallowed) and returns its exit code and the builds per release folder. */
async function builds(args: string[]): Promise<{ code: number; builds: Record<string, number> }> {
  built.clear();
  const code = await main([...args, '--quiet']);
  return { code, builds: Object.fromEntries(built) };
}

describe('surface builds', () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('check builds each release once', async () => {
    expect(await builds(['check', v1, v2, '--new-version', '2.0.0'])).toEqual({ code: 0, builds: { [v1]: 1, [v2]: 1 } });
  });

  it('check --report builds each release once: the committed report is compared with the release the check read', async () => {
    const file = path.join(tempDir({}), 'greeter.api.md');
    expect((await builds(['report', v1, '-o', file])).builds).toEqual({ [v1]: 1 });
    // The report describes v1: out of date for v2, so its changes are diffed too.
    expect(await builds(['check', v1, v2, '--new-version', '2.0.0', '--report', file])).toEqual({ code: 1, builds: { [v1]: 1, [v2]: 1 } });
    expect(await builds(['check', v1, v2, '--new-version', '2.0.0', '--report', file, '--update-report'])).toEqual({ code: 0, builds: { [v1]: 1, [v2]: 1 } });
  });

  it('diff and next build each release once', async () => {
    expect(await builds(['diff', v1, v2])).toEqual({ code: 0, builds: { [v1]: 1, [v2]: 1 } });
    expect(await builds(['next', v1, v2])).toEqual({ code: 0, builds: { [v1]: 1, [v2]: 1 } });
  });
});
