import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

// Each folder is a versioning policy (api-semver.config.json) applied to an old/new pair with declared
// versions, and the hand-written verdict: the findings after the policy and whether the version is enough.
const root = path.resolve(import.meta.dirname, '../fixtures/policies');
const names = existsSync(root)
  ? readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'expected.json')))
      .map((d) => d.name)
      .sort()
  : [];

interface Expected {
  bump: string;
  findings: Array<{ rule: string; path: string; bump: string; accepted?: boolean }>;
  versions: { old: string; new: string; required: string; next: string; ok: boolean };
}

const key = (f: { rule: string; path: string; bump: string; accepted?: unknown }) =>
  `${f.bump} ${f.rule} ${f.path}${f.accepted ? ' (accepted)' : ''}`;

describe('policy fixtures', () => {
  it('exist', () => expect(names.length).toBeGreaterThan(0));
  for (const name of names) {
    it(name, async () => {
      const dir = path.join(root, name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      const config = path.join(dir, 'api-semver.config.json');
      const report = await check(path.join(dir, 'old'), path.join(dir, 'new'), existsSync(config) ? { config } : {});
      const { old, new: next, required, next: smallest, ok } = report.versions;
      expect({
        bump: report.bump,
        findings: report.findings.map(key).sort(),
        versions: { old, new: next, required, next: smallest, ok },
      }).toEqual({ bump: expected.bump, findings: expected.findings.map(key).sort(), versions: expected.versions });
    });
  }
});
