import { staleDeclarations } from '../load/stale-declarations.js';
import { alignDeclarationless } from '../model/declarationless.js';
import { catalog } from '../rules/catalog.js';
import type { Bump } from '../core/bump.js';
import { analyze, compareFindings, requiredBump } from './analyze.js';
import type { Finding } from './findings.js';
import { ignoreUse, type IgnoreUse } from './ignores.js';
import type { ReleasePair } from './release-pair.js';
import { shownFile } from './releases.js';
import { otherViews } from './resolution-views.js';
import type { Run } from './run.js';
import { addSourceLocations } from './source-locations.js';
import { viewFindings } from './view-findings.js';
import { verifyFindings, witnessPackageName } from './witnesses.js';

export interface Comparison {
  bump: Bump;
  findings: Finding[];
  /** Declaration files older than their sources, as warnings (looked for only when asked). */
  stale: string[];
  /** Which of the policy's `ignore` entries accepted a finding. */
  ignores?: IgnoreUse;
}

/**
 * The findings between two releases under their policy: the catalog's (with their witnesses compiled when
 * verifying), those of the other resolution views, and their source lines. `lookForMistakes`: also read the
 * declaration files' modification times, worth it only when someone is told what they show.
 */
export async function compareReleases(pair: ReleasePair, run: Run, lookForMistakes: boolean): Promise<Comparison> {
  const { old, next, baseline, policy, policyFile } = pair;
  const { cwd, options, budget } = run;
  const packageName = witnessPackageName(old.files, next.files);
  const [oldSurface, newSurface] = alignDeclarationless(old.surface, next.surface);
  budget.doing(`comparing ${old.spec} with ${next.spec}`);
  const { findings } = budget.run(() => analyze(oldSurface, newSurface, policy, catalog, options.verify ? { witnesses: packageName } : {}));
  if (options.verify) {
    options.onProgress?.('compiling witnesses');
    budget.doing(`compiling the witnesses of ${old.spec} → ${next.spec} (consumer code for the major findings)`);
    budget.run(() => verifyFindings(findings, packageName, old.files, next.files));
    // A finding the compiler settled may be reported by another rule, which sorts elsewhere.
    findings.sort(compareFindings);
  }
  if (baseline.spec !== undefined) {
    for (const view of otherViews(old.files, next.files)) findings.push(...(await viewFindings(view, pair, findings, packageName, run)));
    findings.sort(compareFindings);
  }
  await addSourceLocations(findings, 'old', old.files);
  await addSourceLocations(findings, 'new', next.files);
  const stale = lookForMistakes ? await Promise.all([old, next].map((release) => staleDeclarations(release.files, (file) => shownFile(release.files, file, cwd)))) : [];
  const ignores = ignoreUse(policy, policyFile, findings);
  return { bump: requiredBump(findings), findings, stale: stale.filter((w): w is string => w !== undefined), ...(ignores ? { ignores } : {}) };
}
