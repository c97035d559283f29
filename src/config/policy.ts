import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import type { Bump } from '../versions/bump.js';
import { InputError } from '../load/input-error.js';
import { parseJsonSource } from '../load/package-files.js';

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

/**
 * The policy file's JSON Schema (shipped for editors as `schema/policy.schema.json`) is what validation
 * walks, so the two cannot disagree. It uses a small part of JSON Schema; `format: "api-semver-rule"`
 * names a rule of the catalog, which the schema alone cannot list.
 */
interface Schema {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'integer';
  enum?: string[];
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: false | Schema;
  propertyNames?: Schema;
  required?: string[];
  items?: Schema;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  format?: 'api-semver-rule';
}

const policySchema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../schema/policy.schema.json', import.meta.url)), 'utf8'),
) as Schema;

class PolicyError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws a PolicyError naming the first key (in the file's order) that the schema refuses. */
function validate(value: unknown, schema: Schema, key: string, ruleIds: readonly string[]): void {
  const fail = (message: string): never => {
    throw new PolicyError(key, message);
  };
  const expected = (what: string) => `must be ${schema.title ?? what}`;
  if (schema.enum && (typeof value !== 'string' || !schema.enum.includes(value))) fail(`must be one of ${schema.enum.map((v) => `"${v}"`).join(', ')}`);
  if (schema.format === 'api-semver-rule' && (typeof value !== 'string' || !ruleIds.includes(value))) {
    fail(`unknown rule ${JSON.stringify(value)} (see api-semver rules)`);
  }
  switch (schema.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(expected('true or false'));
      return;
    case 'integer':
      if (!Number.isInteger(value) || (schema.minimum !== undefined && (value as number) < schema.minimum)) fail(expected('an integer'));
      return;
    case 'string':
      if (typeof value !== 'string' || value.length < (schema.minLength ?? 0) || (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))) {
        fail(expected('a string'));
      }
      return;
    case 'array': {
      const items = schema.items;
      const itemFails = (item: unknown) => {
        try {
          validate(item, items!, key, ruleIds);
          return false;
        } catch (error) {
          if (error instanceof PolicyError) return true;
          throw error;
        }
      };
      if (!Array.isArray(value)) fail(expected(`an array of ${items?.title ?? 'values'}`));
      // Arrays of plain values are named as a whole; arrays of objects by the entry, for the key inside it.
      if (items?.type === 'object') (value as unknown[]).forEach((item, i) => validate(item, items, `${key}[${i}]`, ruleIds));
      else if (items && (value as unknown[]).some(itemFails)) fail(expected(`an array of ${items.title ?? 'values'}`));
      return;
    }
    case 'object': {
      if (!isRecord(value)) fail(expected('an object'));
      const properties = schema.properties ?? {};
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
        // Own keys only: `constructor` or `__proto__` in the file are names like any other.
        const property = Object.hasOwn(properties, name) ? properties[name] : schema.additionalProperties;
        if (!property) throw new PolicyError(`${key}.${name}`, `unknown key (known: ${Object.keys(properties).join(', ')})`);
        if (schema.propertyNames) validate(name, schema.propertyNames, `${key}.${name}`, ruleIds);
        validate(inner, property, `${key}.${name}`, ruleIds);
      }
      for (const name of schema.required ?? []) {
        if (!Object.hasOwn(value as object, name)) throw new PolicyError(`${key}.${name}`, `is required${schema.description ? `: ${schema.description}` : ''}`);
      }
      return;
    }
  }
}

/** Validates a policy object, naming the offending key, and fills in the defaults. */
export function parsePolicy(raw: unknown, file: string, ruleIds: readonly string[]): Policy {
  try {
    validate(raw, policySchema, '', ruleIds);
  } catch (error) {
    if (error instanceof PolicyError) throw new InputError(`${error.key.replace(/^\./, '') || '(top level)'}: ${error.message}`, file);
    throw error;
  }
  const given = raw as Partial<Policy> & { stability?: Partial<Policy['stability']> };
  const pick = <K extends keyof Policy>(name: K): Policy[K] => (Object.hasOwn(given, name) ? (given[name] as Policy[K]) : defaultPolicy[name]);
  const stability: Partial<Policy['stability']> = given.stability ?? {};
  return {
    unstableMajors: pick('unstableMajors'),
    stability: {
      unstableTags: (stability.unstableTags ?? defaultPolicy.stability.unstableTags).map((t) => t.replace(/^@/, '')),
      maxBump: stability.maxBump ?? defaultPolicy.stability.maxBump,
      untaggedIsPublic: stability.untaggedIsPublic ?? defaultPolicy.stability.untaggedIsPublic,
    },
    deprecation: pick('deprecation'),
    additions: pick('additions'),
    redeployablePrereleases: pick('redeployablePrereleases'),
    baselineLine: pick('baselineLine'),
    // Looked up by rule id: no inherited name may answer.
    rules: Object.assign(Object.create(null) as Policy['rules'], pick('rules')),
    ignore: pick('ignore'),
  };
}

/** Policies are a few levels deep; this bounds the reader's recursion on a hostile file. */
const MAX_DEPTH = 32;

/**
 * Reads JSON with comments and trailing commas (TypeScript's tsconfig syntax) as plain data: objects
 * without a prototype, so that a key such as `__proto__` stays a key instead of replacing one.
 */
export function parseJsonc(text: string, file: string): unknown {
  const fail = (message: string, node: ts.Node | undefined): never => {
    const line = node ? source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 : undefined;
    throw new InputError(message, file, line);
  };
  const source = parseJsonSource(file, text);
  const syntax = source.parseDiagnostics?.[0];
  if (syntax) {
    const line = syntax.start === undefined ? undefined : source.getLineAndCharacterOfPosition(syntax.start).line + 1;
    throw new InputError(ts.flattenDiagnosticMessageText(syntax.messageText, ' '), file, line);
  }
  const convert = (node: ts.Expression, depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`, node);
    if (ts.isObjectLiteralExpression(node)) {
      const object = Object.create(null) as Record<string, unknown>;
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property) || !(ts.isStringLiteral(property.name) || ts.isIdentifier(property.name))) fail('expected a "key": value pair', property);
        const { name, initializer } = property as ts.PropertyAssignment;
        Object.defineProperty(object, (name as ts.StringLiteral).text, { value: convert(initializer, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => convert(element, depth + 1));
    if (ts.isStringLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    return fail('not a JSON value', node);
  };
  const root = source.statements[0]?.expression;
  if (root === undefined) return fail('empty file: the top level must be an object', undefined);
  return convert(root, 0);
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

/** Only a regular file is read: reading a pipe would wait for a writer forever. */
async function readRegularFile(file: string): Promise<string> {
  if (!(await stat(file)).isFile()) throw new Error('not a regular file');
  return readFile(file, 'utf8');
}

/** Finds and reads the policy; without one, the defaults (plain SemVer with npm's caret rules). */
export async function loadPolicy(source: PolicySource, ruleIds: readonly string[]): Promise<{ policy: Policy; file?: string }> {
  const shown = (file: string) => path.relative(source.cwd, file).split(path.sep).join('/') || file;
  const candidates = source.config
    ? [path.resolve(source.cwd, source.config)]
    : source.folders.flatMap((folder) => CONFIG_FILES.map((name) => path.join(folder, name)));
  for (const file of candidates) {
    const text = await readRegularFile(file).catch((error: NodeJS.ErrnoException) => {
      if (source.config) throw new InputError(`cannot read the config file: ${error.code ?? error.message}`, shown(file));
      return undefined;
    });
    if (text === undefined) continue;
    return { policy: parsePolicy(parseJsonc(text, shown(file)), shown(file), ruleIds), file: shown(file) };
  }
  const embedded = source.packageJson?.['api-semver'];
  if (embedded !== undefined) {
    const file = `${source.packageJsonFile ?? 'package.json'} ("api-semver")`;
    return { policy: parsePolicy(embedded, file, ruleIds), file };
  }
  return { policy: defaultPolicy };
}
