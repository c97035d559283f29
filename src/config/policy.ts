import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ts } from 'ts-morph';
import type { Bump } from '../engine/bump.js';
import { InputError } from '../load/input-error.js';

/** A project's versioning policy: what its changes cost, where it departs from plain SemVer. */
export interface Policy {
  unstableMajors: number[];
  stability: {
    unstableTags: string[];
    maxBump: 'minor' | 'patch';
    untaggedIsPublic: boolean;
  };
  deprecation: 'minor' | 'patch';
  additions: 'minor' | 'patch';
  redeployablePrereleases: string[];
  baselineLine: boolean;
  rules: Record<string, 'off' | Bump>;
  ignore: Array<{ rule: string; path: string; reason: string }>;
}

export const defaultPolicy: Policy = {
  unstableMajors: [0],
  stability: { unstableTags: ['alpha', 'beta'], maxBump: 'minor', untaggedIsPublic: true },
  deprecation: 'minor',
  additions: 'minor',
  redeployablePrereleases: [],
  baselineLine: false,
  rules: {},
  ignore: [],
};

export const CONFIG_FILES = ['api-semver.config.json', 'api-semver.config.jsonc'];

type Check = (value: unknown, key: string) => void;

const fail = (key: string, message: string): never => {
  throw new PolicyError(key, message);
};

class PolicyError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

const oneOf =
  (...values: string[]): Check =>
  (value, key) => {
    if (typeof value !== 'string' || !values.includes(value)) fail(key, `must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
  };
const isBoolean: Check = (value, key) => {
  if (typeof value !== 'boolean') fail(key, 'must be true or false');
};
const listOf =
  (item: (value: unknown) => boolean, what: string): Check =>
  (value, key) => {
    if (!Array.isArray(value) || !value.every(item)) fail(key, `must be an array of ${what}`);
  };
const objectOf = (shape: Record<string, Check>): Check => (value, key) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(key, 'must be an object');
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    const check = shape[name];
    if (!check) fail(`${key}.${name}`, `unknown key (known: ${Object.keys(shape).join(', ')})`);
    check!(inner, `${key}.${name}`);
  }
};

function schema(ruleIds: readonly string[]): Record<string, Check> {
  const knownRule = (key: string, id: unknown) => {
    if (typeof id !== 'string' || !ruleIds.includes(id)) fail(key, `unknown rule ${JSON.stringify(id)} (see api-semver rules)`);
  };
  return {
    $schema: () => undefined,
    unstableMajors: listOf((v) => Number.isInteger(v) && (v as number) >= 0, 'non-negative integers'),
    stability: objectOf({
      unstableTags: listOf((v) => typeof v === 'string' && /^@?[A-Za-z][\w-]*$/.test(v), 'tag names'),
      maxBump: oneOf('minor', 'patch'),
      untaggedIsPublic: isBoolean,
    }),
    deprecation: oneOf('minor', 'patch'),
    additions: oneOf('minor', 'patch'),
    redeployablePrereleases: listOf((v) => typeof v === 'string' && v.length > 0, 'prerelease identifiers'),
    baselineLine: isBoolean,
    rules: (value, key) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(key, 'must be an object of rule id → "off" or a bump');
      for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
        knownRule(`${key}.${id}`, id);
        oneOf('off', 'major', 'minor', 'patch')(level, `${key}.${id}`);
      }
    },
    ignore: (value, key) => {
      if (!Array.isArray(value)) fail(key, 'must be an array of { rule, path, reason }');
      (value as unknown[]).forEach((entry, i) => {
        objectOf({ rule: (id, k) => knownRule(k, id), path: nonEmpty, reason: nonEmpty })(entry, `${key}[${i}]`);
        for (const field of ['rule', 'path', 'reason']) {
          if (!(field in (entry as object))) fail(`${key}[${i}].${field}`, 'is required: every accepted finding names its rule, path and reason');
        }
      });
    },
  };
}

const nonEmpty: Check = (value, key) => {
  if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a non-empty string');
};

/** Validates a policy object, naming the offending key, and fills in the defaults. */
export function parsePolicy(raw: unknown, file: string, ruleIds: readonly string[]): Policy {
  try {
    objectOf(schema(ruleIds))(raw, '');
  } catch (error) {
    if (error instanceof PolicyError) throw new InputError(`${error.key.replace(/^\./, '')}: ${error.message}`, file);
    throw error;
  }
  const given = raw as Partial<Policy> & { stability?: Partial<Policy['stability']> };
  return {
    ...defaultPolicy,
    ...given,
    stability: {
      ...defaultPolicy.stability,
      ...given.stability,
      unstableTags: (given.stability?.unstableTags ?? defaultPolicy.stability.unstableTags).map((t) => t.replace(/^@/, '')),
    },
  };
}

export interface PolicySource {
  /** `--config <file>`: used as given, relative to cwd. */
  config?: string;
  /** Folders to look in for api-semver.config.json(c), first match wins: the new release's, then cwd. */
  folders: string[];
  /** The new release's package.json, whose "api-semver" key is the last place looked. */
  packageJson?: Record<string, unknown>;
  packageJsonFile?: string;
  cwd: string;
}

/** Finds and reads the policy; without one, the defaults (plain SemVer with npm's caret rules). */
export async function loadPolicy(source: PolicySource, ruleIds: readonly string[]): Promise<{ policy: Policy; file?: string }> {
  const shown = (file: string) => path.relative(source.cwd, file).split(path.sep).join('/') || file;
  const candidates = source.config
    ? [path.resolve(source.cwd, source.config)]
    : source.folders.flatMap((folder) => CONFIG_FILES.map((name) => path.join(folder, name)));
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (source.config) throw new InputError(`cannot read the config file: ${(error as NodeJS.ErrnoException).code ?? error}`, shown(file));
      continue;
    }
    // TypeScript's own tsconfig reader accepts JSON with comments and trailing commas.
    const parsed = ts.parseConfigFileTextToJson(file, text);
    if (parsed.error) {
      const line = parsed.error.file && parsed.error.start !== undefined ? parsed.error.file.getLineAndCharacterOfPosition(parsed.error.start).line + 1 : undefined;
      throw new InputError(ts.flattenDiagnosticMessageText(parsed.error.messageText, ' '), shown(file), line);
    }
    return { policy: parsePolicy(parsed.config, shown(file), ruleIds), file: shown(file) };
  }
  const embedded = source.packageJson?.['api-semver'];
  if (embedded !== undefined) {
    const file = `${source.packageJsonFile ?? 'package.json'} ("api-semver")`;
    return { policy: parsePolicy(embedded, file, ruleIds), file };
  }
  return { policy: defaultPolicy };
}
