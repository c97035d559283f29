import type { PairKind } from '../diff/pairs.js';
import type { Rule } from '../rules/define.js';

/** The README's rule table and `api-semver rules --format markdown`: generated, so docs cannot drift from code. */
export function renderRulesMarkdown(rules: Rule<PairKind>[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.bump} | ${escape(r.description)} |`);
  return ['| rule | default bump | when |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}

export function renderRulesText(rules: Rule<PairKind>[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.bump.padEnd(5)}  ${r.description}`).join('\n') + '\n';
}
