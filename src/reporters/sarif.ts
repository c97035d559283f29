import type { Location, Log, PhysicalLocation, ReportingDescriptor, Result, Run } from 'sarif';
import type { DiffReport } from '../engine/diff-report.js';
import type { Bump } from '../core/bump.js';
import type { Finding } from '../engine/findings.js';
import { notedMessage } from './finding-notes.js';
import { findingLevel, joinPrefix, locate, verdictTitle } from './github.js';

/** What SARIF needs of a rule: plain data, so callers can pass the catalog or a subset. */
export interface SarifRule {
  id: string;
  title: string;
  description: string;
  bump: Bump;
  /** The rule's documentation page (`helpUri`). */
  docs?: string;
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
  return renderSarifLog([sarifRun(report, rules, options)]);
}

/** A SARIF log of the given runs (a workspace has one run per package). */
export function renderSarifLog(runs: Run[]): string {
  const log: Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
  return JSON.stringify(log, null, 2) + '\n';
}

/** One run: the tool with every rule described, and a result per finding (and for a failing verdict). */
export function sarifRun(report: DiffReport, rules: ReadonlyArray<SarifRule>, options: SarifOptions): Run {
  const usesBase = !options.pathPrefix;
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
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
    // Probable mistakes are about the run, not a place in the code: notifications, which code scanning lists apart.
    ...(report.warnings?.length
      ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.warnings.map((text) => ({ level: 'warning' as const, message: { text } })) }] }
      : {}),
    // Always present: an empty array says "ran and found nothing", an absent one "did not run".
    results: [
      ...(report.verdict && !report.verdict.ok ? [verdictResult(report, options.pathPrefix, usesBase)] : []),
      ...report.findings.map((f) => result(f, report, index.get(f.rule), options.pathPrefix, usesBase)),
    ],
  };
}

function descriptor(rule: SarifRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    // Descriptions are written as Markdown (they fill the README's table); code scanning renders help.markdown.
    help: { text: rule.description, markdown: rule.description },
    ...(rule.docs !== undefined ? { helpUri: rule.docs } : {}),
    defaultConfiguration: { level: levels[rule.bump] },
  };
}

/**
 * Why a check failed, as a note on the package.json that declares the version: code scanning rejects a
 * result without a physical location, and the verdict has no other file.
 */
function verdictResult(report: DiffReport, pathPrefix: string | undefined, usesBase: boolean): Result {
  return {
    ruleId: VERDICT_RULE,
    level: 'note',
    message: { text: `${verdictTitle(report)}: ${report.verdict!.reason}` },
    locations: [{ physicalLocation: physical({ file: joinPrefix(pathPrefix, 'package.json') }, usesBase) }],
  };
}

/** The ruleId of the failing verdict's result; it is not a catalog rule, so it has no descriptor. */
export const VERDICT_RULE = 'api-semver-check';

function physical(where: { file: string; line?: number }, usesBase: boolean): PhysicalLocation {
  return {
    artifactLocation: { uri: toUri(where.file), ...(usesBase ? { uriBaseId: PKGROOT } : {}) },
    ...(where.line !== undefined ? { region: { startLine: where.line } } : {}),
  };
}

const sarifLevels = { error: 'error', warning: 'warning', notice: 'note' } as const;

function result(f: Finding, report: DiffReport, ruleIndex: number | undefined, pathPrefix: string | undefined, usesBase: boolean): Result {
  // Code scanning rejects the whole upload for a result without a file: an unplaced finding sits on package.json.
  const where = locate(f, pathPrefix) ?? { file: joinPrefix(pathPrefix, 'package.json') };
  const location: Location = {
    physicalLocation: physical(where, usesBase),
    // The API path is what the finding is about; it survives when a declaration moves to another line or file.
    logicalLocations: [{ fullyQualifiedName: f.path }],
  };
  return {
    ruleId: f.rule,
    // A rule missing from the given list still yields valid SARIF (ruleId alone), not an index that points nowhere.
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    // An accepted finding keeps its bump's level: the suppression already says it does not count.
    level: f.accepted !== undefined ? levels[f.bump] : sarifLevels[findingLevel(f, report)],
    message: { text: notedMessage(f) },
    locations: [location],
    ...(f.accepted !== undefined ? { suppressions: [{ kind: 'external' as const, justification: f.accepted }] } : {}),
    ...(f.stability !== undefined || f.undecided || f.resolutions
      ? {
          properties: {
            ...(f.stability !== undefined ? { stability: f.stability } : {}),
            ...(f.undecided ? { undecided: true, ...(f.undecidedReason ? { undecidedReason: f.undecidedReason } : {}) } : {}),
            ...(f.resolutions ? { resolutions: f.resolutions } : {}),
          },
        }
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
