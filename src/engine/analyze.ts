import { pairSurfaces, type Pair, type PairKind } from '../diff/pairs.js';
import { Relator } from '../model/relation.js';
import type { ApiSurface } from '../model/surface.js';
import { catalog } from '../rules/catalog.js';
import type { Rule } from '../rules/define.js';
import { maxBump, type Bump } from './bump.js';
import { sides, type Finding } from './findings.js';

export interface Analysis {
  bump: Bump;
  findings: Finding[];
  /** Type pairs compared: a machine-independent measure of the work done. */
  comparisons: number;
}

/** Runs the catalog over every pair and applies the stability tags' cap. */
export function analyze(old: ApiSurface, next: ApiSurface, rules: Rule<PairKind>[] = catalog): Analysis {
  const relator = new Relator({ old, new: next });
  const byKind = new Map<PairKind, Rule<PairKind>[]>();
  for (const rule of rules) {
    for (const on of Array.isArray(rule.on) ? rule.on : [rule.on]) byKind.set(on, [...(byKind.get(on) ?? []), rule]);
  }
  const findings: Finding[] = [];
  for (const pair of pairSurfaces(old, next)) {
    for (const rule of byKind.get(pair.on) ?? []) {
      rule.check(
        pair as never,
        (report = {}) => findings.push(finding(rule, pair, report.bump ?? rule.bump, report.data ?? {}, report.undecided)),
        { relator },
      );
    }
  }
  findings.sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.message, b.message));
  return { bump: maxBump(...findings.map((f) => f.bump)), findings, comparisons: relator.comparisons };
}

function finding(rule: Rule<PairKind>, pair: Pair, bump: Bump, data: Record<string, string>, undecided: boolean | undefined): Finding {
  const capped = bump === 'major' && (pair.stability === 'beta' || pair.stability === 'alpha');
  const message = rule.message({ path: pair.path, ...data });
  return {
    rule: rule.id,
    bump: capped ? 'minor' : bump,
    path: pair.path,
    message: [message, capped ? ` (@${pair.stability}: capped at minor)` : '', undecided ? ' (undecided: assumed breaking)' : ''].join(''),
    ...sides(pair),
    ...(capped ? { stability: pair.stability } : {}),
    ...(undecided ? { undecided: true as const } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
