import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { DiffReport } from '../engine/diff.js';
import type { Bump } from '../engine/bump.js';
import type { Finding } from '../engine/findings.js';
import { locate } from './github.js';

/** What SARIF needs of a rule: plain data, so callers can pass the catalog or a subset. */
export interface SarifRule {
  id: string;
  title: string;
  description: string;
  bump: Bump;
}

export interface SarifOptions {
  /** driver.version: the caller knows the package version; a reporter reads no files. */
  toolVersion: string;
  /** Makes URIs repository-relative (no uriBaseId); without it they are relative to the package root `PKGROOT`. */
  pathPrefix?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const PKGROOT = 'PKGROOT';

const levels: Record<Bump, 'error' | 'warning' | 'note'> = { major: 'error', minor: 'warning', patch: 'note' };

/** SARIF 2.1.0 for code-scanning upload: one run, every catalog rule described, one result per finding. */
export function renderSarif(report: DiffReport, rules: ReadonlyArray<SarifRule>, options: SarifOptions): string {
  const usesBase = !options.pathPrefix;
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'api-semver',
            version: options.toolVersion,
            rules: rules.map(descriptor),
          },
        },
        ...(usesBase
          ? {
              originalUriBaseIds: {
                [PKGROOT]: {
                  description: { text: 'The root of the release the file belongs to: the old release for removals, the new one otherwise.' },
                },
              },
            }
          : {}),
        // Always present: an empty array says "ran and found nothing", an absent one "did not run".
        results: report.findings.map((f) => result(f, index.get(f.rule), options.pathPrefix, usesBase)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function descriptor(rule: SarifRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    // Descriptions are written as Markdown (they fill the README's table); code scanning renders help.markdown.
    help: { text: rule.description, markdown: rule.description },
    defaultConfiguration: { level: levels[rule.bump] },
  };
}

function result(f: Finding, ruleIndex: number | undefined, pathPrefix: string | undefined, usesBase: boolean): Result {
  const where = locate(f, pathPrefix);
  const location: Location = {
    ...(where
      ? {
          physicalLocation: {
            artifactLocation: { uri: toUri(where.file), ...(usesBase ? { uriBaseId: PKGROOT } : {}) },
            ...(where.line !== undefined ? { region: { startLine: where.line } } : {}),
          },
        }
      : {}),
    // The API path is what the finding is about; it survives when a declaration moves to another line or file.
    logicalLocations: [{ fullyQualifiedName: f.path }],
  };
  return {
    ruleId: f.rule,
    // A rule missing from the given list still yields valid SARIF (ruleId alone), not an index that points nowhere.
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: levels[f.bump],
    message: { text: `${f.path}: ${f.message}` },
    locations: [location],
    ...(f.accepted !== undefined ? { suppressions: [{ kind: 'external' as const, justification: f.accepted }] } : {}),
    ...(f.stability !== undefined || f.undecided
      ? { properties: { ...(f.stability !== undefined ? { stability: f.stability } : {}), ...(f.undecided ? { undecided: true } : {}) } }
      : {}),
  };
}

/** artifactLocation.uri is a URI reference: spaces, `#`, `?` and `%` in file names must be percent-encoded. */
function toUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%40/g, '@'))
    .join('/');
}
