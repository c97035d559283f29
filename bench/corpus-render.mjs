// bench/corpus-results.md from the results JSON: totals, the pairs, the rules, what failed, the consumer files.
import { verdictVersusNumbers } from './corpus-tally.mjs';

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(results) {
  const t = results.totals;
  const f = t.findings;
  const lines = [
    '# Ecosystem corpus',
    '',
    'Written by `npm run corpus` (bench/corpus.mjs): `api-semver diff npm:<pkg>@<old> npm:<pkg>@<new> --verify --format json`,',
    'one child process per pair of bench/corpus-pairs.json, one pair at a time. Wall times and peak RSS depend on the',
    `machine and its load (last run: ${results.machine?.cores ?? '?'} cores, Node ${results.machine?.node ?? '?'}, load average ${results.machine?.loadAverage?.join(' ') ?? '?'}).`,
    '',
    '## Totals',
    '',
    '| | |',
    '| --- | --- |',
    `| pairs (packages; DefinitelyTyped pairs) | ${t.pairs} (${t.packages}; ${t.definitelyTyped}) |`,
    `| ended with a report | ${t.ok} |`,
    `| refused (exit 2, input error) | ${t.refused} |`,
    `| crashed (internal error, signal) | ${t.crashed} |`,
    `| timed out | ${t.timedOut} |`,
    `| findings: major / minor / patch | ${f.major} / ${f.minor} / ${f.patch} |`,
    `| majors verified / refuted / unverified | ${f.verified} (${t.verifiedPercent}%) / ${f.refuted} (${t.refutedPercent}%) / ${f.unverified} (${t.unverifiedPercent}%) |`,
    `| undecided findings | ${f.undecided} (${t.undecidedPercent}% of all findings) |`,
    `| pairs called major | ${t.calledMajor} |`,
    `| of them without a single verified major | ${t.calledMajorWithoutVerifiedMajor.length} (and ${t.calledMajorOnlyByRulesWithoutWitness.length} whose only majors are of rules that can have no witness) |`,
    `| verdict above the version numbers | ${t.aboveTheNumbers.length} |`,
    `| major release found below major | ${t.majorReleaseMissed.length} |`,
    `| wall time, all pairs; largest peak RSS | ${t.wallS} s; ${t.maxPeakRssMb} MB |`,
    '',
    '## Pairs',
    '',
    'M/m/p: major, minor and patch findings; V/R/U: major findings verified, refuted, unverified by their witness;',
    '"numbers": the bump the version numbers imply (in 0.y.z a change of y claims a break).',
    '',
    '| pair | types | numbers | exit | bump | vs numbers | M/m/p | V/R/U | undecided | wall s | RSS MB | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of results.pairs) {
    const ok = p.status === 'ok';
    lines.push(
      `| ${cell(p.id)} | ${p.types === 'DefinitelyTyped' ? 'DT' : 'self'} | ${p.implied} | ${p.exitCode ?? '—'} | ${ok ? p.bump : `**${p.status}**`} | ` +
        `${ok ? verdictVersusNumbers(p.bump, p.implied) : '—'} | ${ok ? `${p.findings.major}/${p.findings.minor}/${p.findings.patch}` : '—'} | ` +
        `${ok ? `${p.findings.verified}/${p.findings.refuted}/${p.findings.unverified}` : '—'} | ${ok ? p.findings.undecided : '—'} | ${p.wallS} | ${p.peakRssMb ?? '—'} | ` +
        `${cell(ok ? p.issue : p.error)} |`,
    );
  }
  lines.push('', '## Per rule', '', '| rule | major | minor | patch | verified | refuted | unverified | undecided |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [rule, r] of Object.entries(t.rules)) {
    lines.push(`| ${rule} | ${r.major} | ${r.minor} | ${r.patch} | ${r.verified} | ${r.refuted} | ${r.unverified} | ${r.undecided} |`);
  }
  const failed = results.pairs.filter((p) => p.status !== 'ok');
  lines.push('', '## What fails', '');
  if (failed.length === 0) lines.push('Every pair ended with a report.');
  for (const p of failed) lines.push(`- \`${p.id}\` (${p.status}): ${p.error}`);
  lines.push('', '## Pairs called major without a verified major finding', '');
  lines.push(t.calledMajorWithoutVerifiedMajor.length === 0 ? 'None.' : t.calledMajorWithoutVerifiedMajor.map((id) => `\`${id}\``).join(', '));
  if (t.calledMajorOnlyByRulesWithoutWitness.length) {
    const ids = t.calledMajorOnlyByRulesWithoutWitness.map((id) => `\`${id}\``).join(', ');
    lines.push('', `Called major only by rules that can have no witness (the rule table says why): ${ids}.`);
  }
  lines.push('', '## Consumer files', '');
  lines.push(
    'For a pair whose verdict differs from its version numbers, `bench/corpus/<pair>.ts` is a consumer that the compiler',
    'settles: `npm run corpus -- --consumers` type-checks it against each release (with its dependencies\' types, fetched by the',
    "tool's npm source; nothing of the package runs). A break shows as compiles against old, fails against new.",
    '',
  );
  const consumers = results.consumers ?? [];
  if (consumers.length === 0) lines.push('None run yet.');
  else {
    lines.push('| pair | tool says | old release | new release | compiler says | first error against new |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of consumers) {
      const pair = results.pairs.find((p) => p.id === c.id);
      lines.push(`| ${cell(c.id)} | ${pair?.bump ?? '—'} | ${c.old.ok ? 'compiles' : 'fails'} | ${c.new.ok ? 'compiles' : 'fails'} | ${c.verdict} | ${cell(c.new.errors[0] ?? '')} |`);
    }
  }
  return lines.join('\n') + '\n';
}
