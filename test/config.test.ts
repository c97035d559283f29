import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp-dir.js';
import { defaultPolicy, InputError, loadPolicy, parsePolicy, rules } from '../src/index.js';

const ids = rules.map((r) => r.id);

describe('parsePolicy', () => {
  it('fills in the defaults', () => {
    expect(parsePolicy({}, 'x.json', ids)).toEqual(defaultPolicy);
    expect(parsePolicy({ stability: { maxBump: 'patch' } }, 'x.json', ids).stability).toEqual({ ...defaultPolicy.stability, maxBump: 'patch' });
  });

  it('accepts tags with or without @', () => {
    expect(parsePolicy({ stability: { unstableTags: ['@experimental', 'beta'] } }, 'x.json', ids).stability.unstableTags).toEqual(['experimental', 'beta']);
  });

  it.each([
    [{ unstableMajors: [-1] }, 'unstableMajors: must be an array of non-negative integers'],
    [{ unstableMajor: [0] }, 'unstableMajor: unknown key'],
    [{ stability: { maxBump: 'major' } }, 'stability.maxBump: must be one of "minor", "patch"'],
    [{ stability: { tags: [] } }, 'stability.tags: unknown key'],
    [{ additions: 'none' }, 'additions: must be one of "minor", "patch"'],
    [{ rules: { 'no-such-rule': 'off' } }, 'rules.no-such-rule: unknown rule "no-such-rule"'],
    [{ rules: { 'export-removed': 'never' } }, 'rules.export-removed: must be one of "off", "major", "minor", "patch"'],
    [{ ignore: [{ rule: 'export-removed', path: 'x' }] }, 'ignore[0].reason: is required'],
    [{ ignore: [{ rule: 'export-removed', path: 'x', reason: ' ' }] }, 'ignore[0].reason: must be a non-empty string'],
    [{ baselineLine: 'yes' }, 'baselineLine: must be true or false'],
    [[], ': must be an object'],
  ])('rejects %j naming the key', (raw, message) => {
    const error = (() => {
      try {
        parsePolicy(raw, 'api-semver.config.json', ids);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('api-semver.config.json');
    expect((error as InputError).message).toContain(message);
  });
});

describe('loadPolicy', () => {
  it('finds api-semver.config.jsonc beside the release and reads comments and trailing commas', async () => {
    const dir = tempDir({ 'api-semver.config.jsonc': '{\n  // preview major\n  "unstableMajors": [0, 1],\n}\n' });
    const { policy, file } = await loadPolicy({ folders: [dir], cwd: dir }, ids);
    expect(policy.unstableMajors).toEqual([0, 1]);
    expect(file).toBe('api-semver.config.jsonc');
  });

  it('prefers the release folder to cwd, and falls back to package.json "api-semver"', async () => {
    const release = tempDir({ 'api-semver.config.json': '{"additions":"patch"}' });
    const cwd = tempDir({ 'api-semver.config.json': '{"additions":"minor","deprecation":"patch"}' });
    expect((await loadPolicy({ folders: [release, cwd], cwd }, ids)).policy.additions).toBe('patch');
    const empty = tempDir({});
    const embedded = await loadPolicy({ folders: [empty], cwd: empty, packageJson: { 'api-semver': { deprecation: 'patch' } } }, ids);
    expect(embedded.policy.deprecation).toBe('patch');
    expect(embedded.file).toBe('package.json ("api-semver")');
  });

  it('uses the defaults when there is no policy', async () => {
    const empty = tempDir({});
    expect(await loadPolicy({ folders: [empty], cwd: empty }, ids)).toEqual({ policy: defaultPolicy });
  });

  it('names the file and line of a syntax error, and a missing --config', async () => {
    const dir = tempDir({ 'bad.json': '{\n  "additions": "patch"\n  "deprecation": "patch"\n}\n' });
    await expect(loadPolicy({ config: 'bad.json', folders: [], cwd: dir }, ids)).rejects.toMatchObject({ file: 'bad.json', line: 3 });
    await expect(loadPolicy({ config: 'missing.json', folders: [], cwd: dir }, ids)).rejects.toMatchObject({ file: 'missing.json' });
  });
});
