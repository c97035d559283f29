// The corpus's counting: findings of one pair by bump, witness status and rule, and the totals over all pairs.

import { compareBumps } from '../dist/core/bump.js';
import { rules as catalog } from '../dist/index.js';

/** Rules that say no consumer code can prove their breaks: a pair whose only majors are theirs is no witness's failure. */
const WITHOUT_WITNESS = new Set(catalog.filter((rule) => rule.witness === 'impossible').map((rule) => rule.id));

export function emptyTally() {
  return { major: 0, minor: 0, patch: 0, verified: 0, refuted: 0, unverified: 0, undecided: 0 };
}

function addInto(tally, other) {
  for (const key of Object.keys(tally)) tally[key] += other[key];
}

/** Per bump, majors by witness status, undecided, and the same per rule. Accepted findings are left out, as the tool leaves them out of the bump. */
export function tallyFindings(findings) {
  const rules = {};
  const totals = emptyTally();
  for (const finding of findings.filter((f) => f.accepted === undefined)) {
    rules[finding.rule] ??= emptyTally();
    for (const tally of [totals, rules[finding.rule]]) {
      tally[finding.bump] += 1;
      if (finding.bump === 'major') tally[finding.witness?.status ?? 'unverified'] += 1;
      if (finding.undecided) tally.undecided += 1;
    }
  }
  return { findings: totals, rules: sortedObject(rules) };
}

/**
 * How the verdict stands to the version numbers: `above` when the tool finds more than the release claims (a
 * break in a minor or patch release, an addition in a patch release), `missed` when a major release comes out
 * below major, else `agrees`. The first two are the pairs a consumer file under bench/corpus/ should settle.
 */
export function verdictVersusNumbers(bump, implied) {
  if (compareBumps(bump, implied) > 0) return 'above';
  if (implied === 'major' && bump !== 'major') return 'missed';
  return 'agrees';
}

const percent = (part, whole) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

/** The totals of the results file: how pairs ended, findings by bump and witness status, and per rule. */
export function summarise(pairs) {
  const ok = pairs.filter((p) => p.status === 'ok');
  const findings = emptyTally();
  const rules = {};
  for (const pair of ok) {
    addInto(findings, pair.findings);
    for (const [rule, tally] of Object.entries(pair.rules)) addInto((rules[rule] ??= emptyTally()), tally);
  }
  const all = findings.major + findings.minor + findings.patch;
  const calledMajor = ok.filter((p) => p.bump === 'major');
  const unproven = calledMajor.filter((p) => p.findings.verified === 0);
  const onlyWithoutWitness = (p) => Object.entries(p.rules).every(([rule, tally]) => tally.major === 0 || WITHOUT_WITNESS.has(rule));
  const versus = (kind) => ok.filter((p) => verdictVersusNumbers(p.bump, p.implied) === kind).map((p) => p.id);
  const status = (kind) => pairs.filter((p) => p.status === kind).length;
  return {
    pairs: pairs.length,
    packages: new Set(pairs.map((p) => p.package)).size,
    definitelyTyped: pairs.filter((p) => p.types === 'DefinitelyTyped').length,
    ok: ok.length,
    refused: status('refused'),
    crashed: status('crashed'),
    timedOut: status('timeout'),
    findings,
    allFindings: all,
    verifiedPercent: percent(findings.verified, findings.major),
    refutedPercent: percent(findings.refuted, findings.major),
    unverifiedPercent: percent(findings.unverified, findings.major),
    undecidedPercent: percent(findings.undecided, all),
    calledMajor: calledMajor.length,
    calledMajorWithoutVerifiedMajor: unproven.filter((p) => !onlyWithoutWitness(p)).map((p) => p.id),
    calledMajorOnlyByRulesWithoutWitness: unproven.filter(onlyWithoutWitness).map((p) => p.id),
    aboveTheNumbers: versus('above'),
    majorReleaseMissed: versus('missed'),
    wallS: Math.round(pairs.reduce((sum, p) => sum + (p.wallS ?? 0), 0)),
    maxPeakRssMb: Math.max(0, ...pairs.map((p) => p.peakRssMb ?? 0)),
    rules: sortedObject(rules),
  };
}

function sortedObject(object) {
  return Object.fromEntries(Object.keys(object).sort().map((key) => [key, object[key]]));
}
