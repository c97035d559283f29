import { describe, expect, it } from 'vitest';
import { workspacePackages } from '../src/load/workspaces.js';
import { tempDir } from './temp-dir.js';

const pkg = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, version: '1.0.0', ...extra });

describe('workspacePackages', () => {
  it('reads npm workspaces, skipping private packages and node_modules', async () => {
    const root = tempDir({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/b/package.json': pkg('b'),
      'packages/a/package.json': pkg('@scope/a'),
      'packages/internal/package.json': pkg('internal', { private: true }),
      'packages/a/node_modules/dep/package.json': pkg('dep'),
    });
    expect(await workspacePackages(root)).toEqual([
      { dir: 'packages/a', name: '@scope/a' },
      { dir: 'packages/b', name: 'b' },
    ]);
  });

  it('reads yarn { packages } and negated patterns', async () => {
    const root = tempDir({
      'package.json': JSON.stringify({ name: 'root', workspaces: { packages: ['libs/*', '!libs/legacy'] } }),
      'libs/x/package.json': pkg('x'),
      'libs/legacy/package.json': pkg('legacy'),
    });
    expect(await workspacePackages(root)).toEqual([{ dir: 'libs/x', name: 'x' }]);
  });

  it('reads pnpm-workspace.yaml', async () => {
    const root = tempDir({
      'package.json': pkg('root'),
      'pnpm-workspace.yaml': "packages:\n  - 'tools/*'\n",
      'tools/t/package.json': pkg('t'),
    });
    expect(await workspacePackages(root)).toEqual([{ dir: 'tools/t', name: 't' }]);
  });

  it('says so when there are no workspaces', async () => {
    await expect(workspacePackages(tempDir({ 'package.json': pkg('solo') }))).rejects.toThrow(/no workspaces/);
  });
});
