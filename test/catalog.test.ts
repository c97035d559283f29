import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
import { replaceRulesTable } from '../src/reporters/rules-table.js';
import { fixtureNames } from './fixture-names.js';

const repo = path.resolve(import.meta.dirname, '..');

function expectedRules(name: string): string[] {
  const expected = JSON.parse(readFileSync(path.join(repo, 'fixtures', name, 'expected.json'), 'utf8')) as {
    findings: Array<{ rule: string }>;
  };
  return expected.findings.map((f) => f.rule);
}

describe('catalog', () => {
  const fixtures = fixtureNames().map((name) => ({ name, rules: expectedRules(name) }));

  it('has unique ids named <subject>-<change>', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });

  it.each(rules.map((r) => r.id))('%s has a fixture that triggers it and a near-miss that must not', (id) => {
    expect(fixtures.filter((f) => f.rules.includes(id)).map((f) => f.name)).not.toEqual([]);
    const nearMisses = fixtures.filter((f) => f.name.startsWith(`${id}--`) && !f.rules.includes(id));
    expect(nearMisses.map((f) => f.name)).not.toEqual([]);
  });

  it('every id is written out in src/rules, so grep finds the rule', () => {
    const dir = path.join(repo, 'src/rules');
    const source = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8'))
      .join('\n');
    expect(rules.map((r) => r.id).filter((id) => !source.includes(`'${id}'`))).toEqual([]);
  });

  it('fixtures name only rules that exist', () => {
    const ids = new Set(rules.map((r) => r.id));
    const unknown = fixtures.flatMap((f) => f.rules.filter((r) => !ids.has(r)).map((r) => `${f.name}: ${r}`));
    expect(unknown).toEqual([]);
  });

  it("README's rule table is current (regenerate with npm run docs:rules)", () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(replaceRulesTable(readme, rules)).toBe(readme);
  });
});
