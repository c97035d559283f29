import { defaultPolicy, type Policy } from '../config/policy.js';
import { correspondModuleShapes } from '../diff/module-shape.js';
import { alignExportIds, correspondingIds } from '../diff/export-ids.js';
import { pairSurfaces, type Pair, type PairKind } from '../diff/pairs.js';
import { Relator } from '../model/relation.js';
import type { ApiSurface, Tags } from '../model/surface.js';
import { catalog } from '../rules/catalog.js';
import type { FindingData, Report, Rule } from '../rules/define.js';
import { compareBumps, maxBump, type Bump } from '../core/bump.js';
import { sides, type Finding } from './findings.js';
import { offerSettlement, writePossible, writeWitness } from './witnesses.js';
import { compareStrings } from '../core/compare.js';

export interface AnalyzeOptions {
  /** Write a witness for every major finding, importing the package under this name (see `verifyWitnesses`). */
  witnesses?: string;
}

export interface Analysis {
  bump: Bump;
  findings: Finding[];
  /** Type pairs compared: a machine-independent measure of the work done. */
  comparisons: number;
}

/** Runs the catalog over every pair and applies the project's policy to what the rules report. */
export function analyze(
  old: ApiSurface,
  next: ApiSurface,
  policy: Policy = defaultPolicy,
  rules: Rule<PairKind>[] = catalog,
  options: AnalyzeOptions = {},
): Analysis {
  const shapes = correspondModuleShapes(old, next);
  const shaped = { old: shapes.old, new: alignExportIds(shapes.old, shapes.new) };
  const corresponding = correspondingIds(shaped.old, shaped.new);
  const relator = new Relator(shaped, corresponding);
  const byKind = new Map<PairKind, Rule<PairKind>[]>();
  for (const rule of rules) {
    if (policy.rules[rule.id] === 'off') continue;
    for (const on of Array.isArray(rule.on) ? rule.on : [rule.on]) byKind.set(on, [...(byKind.get(on) ?? []), rule]);
  }
  const findings: Finding[] = [];
  const context = { relator, surfaces: shaped };
  for (const pair of pairSurfaces(shaped.old, shaped.new, corresponding)) {
    for (const rule of byKind.get(pair.on) ?? []) {
      rule.check(
        pair,
        (report = {}) => {
          const data = report.data ?? {};
          const found = finding(rule, pair, report, policy);
          if (options.witnesses !== undefined && found.bump === 'major') {
            found.witness = writeWitness(rule, pair, data, shaped.old, options.witnesses);
            // Only what the model left undecided may be settled by the compiler (see `settleRefuted`).
            if (found.undecided && rule.settle) {
              const settle = rule.settle;
              offerSettlement(found.witness, (relation) => {
                const settled = settle(pair, relation, context);
                if (!settled) return undefined;
                return policy.rules[settled.rule.id] === 'off' ? null : finding(settled.rule, pair, settled.report, policy);
              });
            }
          }
          if (options.witnesses !== undefined && found.bump === 'minor' && rule.possible) {
            found.witness = writePossible(rule.possible, pair, data, shaped.new, options.witnesses);
          }
          findings.push(found);
        },
        context,
      );
    }
  }
  findings.sort(compareFindings);
  return { bump: requiredBump(findings), findings, comparisons: relator.comparisons };
}

/** The bump the findings need: the highest of those the policy did not accept. */
export function requiredBump(findings: Finding[]): Bump {
  return maxBump(...findings.filter((f) => f.accepted === undefined).map((f) => f.bump));
}

/** The order of a report's findings: by path, then rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.path, b.path) || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message);
}

/** The tag that makes API unstable under the policy, if any: the old release's tags are the promise made. */
function unstableTag(tags: Tags, policy: Policy): string | undefined {
  const { unstableTags, untaggedIsPublic } = policy.stability;
  if (unstableTags.includes(tags.release)) return tags.release;
  const custom = tags.modifiers?.find((m) => unstableTags.includes(m));
  if (custom) return custom;
  if (!untaggedIsPublic && tags.release === 'public' && !tags.modifiers?.includes('public')) return 'untagged';
  return undefined;
}

function finding(rule: Rule<PairKind>, pair: Pair, report: Report, policy: Policy): Finding {
  const override = policy.rules[rule.id];
  let bump: Bump = override && override !== 'off' ? override : (report.bump ?? rule.bump);
  if (!override && rule.policySetting && bump === 'minor') bump = policy[rule.policySetting];
  const tag = unstableTag(pair.stability, policy);
  const capped = tag !== undefined && compareBumps(bump, policy.stability.maxBump) > 0;
  if (capped) bump = policy.stability.maxBump;
  const accepted = policy.ignore.find((entry) => entry.rule === rule.id && entry.path === pair.path)?.reason;
  const data: FindingData = report.data ?? {};
  // A rule's empty phrase (`who: ''` where nobody else breaks) says nothing a reader of the data needs.
  const shown = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== ''));
  return {
    rule: rule.id,
    bump,
    path: pair.path,
    message: rule.message({ ...data, path: pair.path }),
    ...(Object.keys(shown).length ? { data: shown } : {}),
    ...sides(pair),
    ...(capped ? { stability: tag } : {}),
    ...(report.undecided !== undefined ? { undecided: true as const, undecidedReason: report.undecided } : {}),
    ...(accepted !== undefined ? { accepted } : {}),
  };
}
