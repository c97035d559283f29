import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff, InputError, readSurface, type DiffReport } from '../src/index.js';
import { catalog } from '../src/rules/catalog.js';
import { parseChangeset } from '../src/config/changesets.js';
import { parseJsonc, parsePolicy } from '../src/config/policy.js';
import { loadRelease, parsePackageJson } from '../src/load/package-files.js';
import { readTarball } from '../src/load/tarball.js';
import { tarOf, tgz, type TarEntry } from './fake-registry.js';
import { tempDir } from './temp-dir.js';

/**
 * Hostile input, generated. The property everywhere: the tool answers (a valid report, a policy, a file
 * map) or refuses with an InputError naming the input, in one line; never another error, never a hang, and
 * a cache, however damaged, never changes the verdict. `npm test` runs a few cases of each; `npm run fuzz`
 * (FUZZ_SCALE=n) runs n times as many, and adds deeply nested declarations.
 */
const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
const long = scale > 1;
const runs = (quick: number) => quick * scale;
// Each property's time grows with the scale; a hang still ends the run.
const timeout = 60_000 * scale;
const tried = new Map<string, number>();
const count = (what: string) => tried.set(what, (tried.get(what) ?? 0) + 1);
afterAll(() => {
  if (long) console.log(`fuzz (FUZZ_SCALE=${scale}): ${[...tried].map(([what, n]) => `${what} ${n}`).join(', ')}; ${[...tried.values()].reduce((a, b) => a + b, 0)} cases`);
});

const repo = path.resolve(import.meta.dirname, '..');
const greeterV1 = readFileSync(path.join(repo, 'examples/greeter/v1/index.d.ts'), 'utf8');
const ids = catalog.map((rule) => rule.id);
const BUMPS = ['major', 'minor', 'patch'];

/** The answer, or the InputError that refuses the input; anything else fails the property. */
async function settle<T>(work: () => Promise<T> | T, input: string | RegExp): Promise<T | InputError> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.file, `an InputError names the input: ${error.message}`).toMatch(input);
    expect(error.message).not.toMatch(/\n/);
    expect(error.message).not.toMatch(/Maximum call stack|is not a function|Cannot read properties|ERR_/);
    return error;
  }
}

function expectValidReport(report: DiffReport): void {
  expect(BUMPS).toContain(report.bump);
  for (const finding of report.findings) {
    expect(ids).toContain(finding.rule);
    expect(BUMPS).toContain(finding.bump);
    expect(typeof finding.path).toBe('string');
    expect(typeof finding.message).toBe('string');
  }
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

const verdict = (report: DiffReport) => ({ bump: report.bump, findings: report.findings.map((f) => `${f.bump} ${f.rule} ${f.path} ${f.message}`) });

// ------------------------------------------------------------------ declaration files

const TOKENS = ['{', '}', '(', ')', '<', '>', '[', ']', ';', ',', ':', '=', '=>', '|', '&', '?', '...', "'", '"', '`', '/*', '*/', '//', '\n', 'export', 'declare', 'default', 'namespace', 'interface', 'class', 'extends', 'keyof', 'typeof', 'infer', 'import("x")', 'unique symbol', '\u0000', '\uFEFF', '\uD800', '@deprecated', '/// <reference path="../../../etc/passwd" />'];

const mutation = fc.record({
  op: fc.constantFrom('delete', 'insert', 'duplicate'),
  at: fc.nat(),
  length: fc.nat({ max: 60 }),
  token: fc.constantFrom(...TOKENS),
});

function mutate(text: string, mutations: Array<{ op: string; at: number; length: number; token: string }>): string {
  let out = text;
  for (const { op, at, length, token } of mutations) {
    const i = at % (out.length + 1);
    if (op === 'delete') out = out.slice(0, i) + out.slice(i + length);
    else if (op === 'insert') out = out.slice(0, i) + token + out.slice(i);
    else out = out.slice(0, i) + out.slice(i, i + length).repeat(3) + out.slice(i);
  }
  return out;
}

const release = (text: string) => tempDir({ 'package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', types: 'index.d.ts' }), 'index.d.ts': text });

async function diffAgainstGreeter(text: string): Promise<void> {
  const dir = release(text);
  // With a time budget, as the CLI runs: a conditional type nested deep is exponential for the checker, and is
  // stopped naming the input instead of hanging the run.
  const result = await settle(() => diff(path.join(repo, 'examples/greeter/v1'), dir, { surfaceCache: false, timeout: 20 }), /index\.d\.ts|package\.json|^\S/);
  if (!(result instanceof InputError)) expectValidReport(result);
}

describe('mutated declaration files', () => {
  it('diff answers or names the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        count('mutated declarations');
        await diffAgainstGreeter(mutate(greeterV1, mutations));
      }),
      { numRuns: runs(4) },
    );
  }, timeout);
});

// Every construct nested deep. Kept to the long run: bounded recursion in the model is another change.
describe.runIf(long)('deeply nested declarations', () => {
  const constructs: Array<[string, string]> = [
    ['Array<', '>'],
    ['{ a: ', ' }'],
    ['(', ')'],
    ['(x: ', ') => void'],
    ['() => ', ''],
    ['Promise<', '>'],
    ['[', ']'],
    ['string | ', ''],
    ['X extends string ? ', ' : never'],
    ['keyof ', ''],
    ['readonly ', '[]'],
  ];
  it('diff answers or names the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...constructs), fc.integer({ min: 50, max: 6000 }), fc.boolean(), async ([open, close], depth, inNamespaces) => {
        count('deep nesting');
        const type = `${open.repeat(depth)}number${close.repeat(depth)}`;
        const text = inNamespaces
          ? `export declare namespace N0 {${Array.from({ length: depth }, (_, i) => ` namespace N${i + 1} {`).join('')} const a: ${type};${' }'.repeat(depth)} }\n`
          : `export type X = string;\nexport declare const a: ${type};\n`;
        await diffAgainstGreeter(text);
      }),
      { numRuns: runs(1) },
    );
  }, timeout);
});

// ------------------------------------------------------------------ tarballs

const segment = fc.constantFrom('package', 'index.d.ts', 'lib', 'a.d.ts', 'package.json', '..', '.', '', '/', 'C:', '\\', 'node_modules', 'tsconfig.json', 'x'.repeat(120));
const archivePath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
const body = fc.oneof(
  fc.constantFrom('export declare const a: 1;\n', '{"name":"x","version":"1.0.0","types":"index.d.ts"}', '{', 'export {', '\uFFFD\u0000'),
  fc.string({ maxLength: 200 }),
);
const tarEntry: fc.Arbitrary<TarEntry> = fc.record(
  {
    path: archivePath,
    body,
    type: fc.constantFrom('File', 'File', 'Directory', 'SymbolicLink', 'Link'),
    linkpath: archivePath,
    size: fc.oneof(fc.nat({ max: 2048 }), fc.constant(1 << 30)),
  },
  { requiredKeys: ['path', 'body', 'type'] },
);
const damage = fc.record({ cut: fc.option(fc.nat()), flip: fc.option(fc.tuple(fc.nat(), fc.nat({ max: 255 }))) });

describe('hostile tarballs', () => {
  it('readTarball answers with package-relative files, or names the archive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tarEntry, { maxLength: 8 }), fc.boolean(), fc.boolean(), damage, async (entries, gzip, eof, { cut, flip }) => {
        count('tarballs');
        let data = tarOf(entries, { gzip, eof });
        if (cut !== null) data = data.subarray(0, cut % (data.length + 1));
        if (flip !== null && data.length > 0) {
          data = Buffer.from(data);
          data[flip[0] % data.length] = flip[1];
        }
        const files = await settle(() => readTarball(data, 'hostile.tgz'), /^hostile\.tgz$/);
        if (files instanceof InputError) return;
        for (const name of files.keys()) {
          expect(name).not.toMatch(/^[/\\]|^[a-zA-Z]:|(^|\/)\.\.(\/|$)/);
        }
      }),
      { numRuns: runs(60) },
    );
  }, timeout);
});

// ------------------------------------------------------------------ package.json

const manifestValue = fc.oneof(
  fc.constantFrom('./index.d.ts', 'index.d.ts', './lib/a.d.ts', './*', './lib/*.d.ts', '../outside.d.ts', '/etc/passwd', '', 'constructor', null, 1, true),
  fc.jsonValue({ maxDepth: 3 }),
);
const manifestKey = fc.constantFrom('name', 'version', 'types', 'typings', 'main', 'exports', 'typesVersions', 'dependencies', 'peerDependencies', '__proto__', 'constructor', 'toString', '.', './sub', 'types@>=4', '*', 'import', 'default');
const manifestObject: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  object: fc.dictionary(manifestKey, fc.oneof({ maxDepth: 3 }, manifestValue, tie('object')), { maxKeys: 6 }),
})).object;

describe('hostile package.json shapes', () => {
  it('a release loads, and its surface is built, or package.json is named', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(manifestObject, fc.jsonValue({ maxDepth: 2 })), fc.boolean(), async (manifest, build) => {
        count('package.json shapes');
        const dir = tempDir({ 'package.json': JSON.stringify(manifest) ?? 'null', 'index.d.ts': 'export declare const a: 1;\n', 'lib/a.d.ts': 'export interface A { a: string }\n' });
        const named = /package\.json|\.d\.ts|^\/|^\S/;
        await settle(() => (build ? readSurface(dir, { surfaceCache: false }) : loadRelease(dir, dir)), named);
      }),
      { numRuns: runs(12) },
    );
  }, timeout);
});

// ------------------------------------------------------------------ policies

const policyKey = fc.constantFrom('unstableMajors', 'stability', 'unstableTags', 'maxBump', 'untaggedIsPublic', 'deprecation', 'additions', 'rules', 'ignore', 'rule', 'path', 'reason', 'export-removed', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '$schema');
const policyValue = fc.constantFrom('minor', 'patch', 'major', 'off', 'export-removed', '@beta', '', ' ', 0, -1, 1.5, true, null, [], {});
const policyObject: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  object: fc.dictionary(policyKey, fc.oneof({ maxDepth: 3 }, policyValue, tie('object'), fc.array(tie('object'), { maxLength: 2 }), fc.array(policyValue, { maxLength: 3 })), { maxKeys: 5 }),
})).object;

function expectValidPolicy(policy: ReturnType<typeof parsePolicy>): void {
  for (const [id, level] of Object.entries(policy.rules)) {
    expect(ids).toContain(id);
    expect(['off', ...BUMPS]).toContain(level);
  }
  expect(Object.getPrototypeOf(policy.rules)).toBeNull();
  expect(['minor', 'patch']).toContain(policy.additions);
  expect(['minor', 'patch']).toContain(policy.stability.maxBump);
}

describe('hostile policies', () => {
  it('a policy object is accepted whole or refused naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(policyObject, fc.jsonValue({ maxDepth: 3 })), async (raw) => {
        count('policy shapes');
        const policy = await settle(() => parsePolicy(raw, 'api-semver.config.json', ids), /^api-semver\.config\.json$/);
        if (!(policy instanceof InputError)) expectValidPolicy(policy);
      }),
      { numRuns: runs(300) },
    );
  }, timeout);

  it('a policy file, read from text with prototype keys and damage, is data or a named error', async () => {
    await fc.assert(
      fc.asyncProperty(policyObject, fc.array(mutation, { maxLength: 2 }), async (raw, mutations) => {
        count('policy texts');
        const text = mutate(JSON.stringify(raw, null, 2).replace(/"\$schema"/g, '"__proto__"'), mutations);
        const policy = await settle(() => parsePolicy(parseJsonc(text, 'api-semver.config.jsonc'), 'api-semver.config.jsonc', ids), /^api-semver\.config\.jsonc$/);
        if (!(policy instanceof InputError)) expectValidPolicy(policy);
      }),
      { numRuns: runs(300) },
    );
  }, timeout);
});

describe('JSON nested deep', () => {
  it('a policy or a package.json nested to any depth is read or refused naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(['[', ']'], ['{"rules":', '}'], ['{"exports":', '}']), fc.boolean(), async (depth, [open, close], closed) => {
        count('deep JSON');
        const text = open.repeat(depth) + '0' + (closed ? close.repeat(depth) : '');
        await settle(() => parsePolicy(parseJsonc(text, 'api-semver.config.json'), 'api-semver.config.json', ids), /^api-semver\.config\.json$/);
        await settle(() => parsePackageJson(`{"a":${text}}`, 'package.json'), /^package\.json$/);
      }),
      { numRuns: runs(5) },
    );
  }, timeout);
});

// ------------------------------------------------------------------ changesets

const yamlLine = fc.oneof(
  fc.tuple(fc.constantFrom('"greeter"', 'greeter', '"constructor"', '__proto__', '"toString"', '? greeter', '<<', '&a greeter', '*a', '!!str greeter', '[greeter]'), fc.constantFrom('major', 'minor', 'patch', '!foo major', '*a', '&a major', '[major]', '{a: 1}', '', '|', '"major"', 'null')).map(([k, v]) => `${k}: ${v}`),
  fc.constantFrom('---', '...', '%YAML 1.2', '- greeter', '  nested: major', '\t"greeter": major', '# comment', '"unterminated'),
  fc.string({ maxLength: 30 }),
);

describe('hostile changesets', () => {
  it('front matter is a map of names to values, or a named one-line error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(yamlLine, { maxLength: 8 }), async (lines) => {
        count('changesets');
        const releases = await settle(() => parseChangeset(`---\n${lines.join('\n')}\n---\n\nSummary.\n`, '.changeset/x.md'), /^\.changeset\/x\.md$/);
        if (!(releases instanceof InputError)) expect(releases).toBeInstanceOf(Map);
      }),
      { numRuns: runs(300) },
    );
  }, timeout);
});

// ------------------------------------------------------------------ cache entries

describe('corrupted surface cache entries', () => {
  let oldTgz: string;
  let newTgz: string;
  let cold: ReturnType<typeof verdict>;
  let pristine: Map<string, string>;
  beforeAll(async () => {
    const dir = tempDir({});
    const pack = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), tgz([{ path: 'package/package.json', body: JSON.stringify({ name: 'greeter', version: '1.0.0', types: 'index.d.ts' }) }, { path: 'package/index.d.ts', body: text }]));
      return path.join(dir, name);
    };
    oldTgz = pack('old.tgz', greeterV1);
    newTgz = pack('new.tgz', readFileSync(path.join(repo, 'examples/greeter/v2/index.d.ts'), 'utf8'));
    cold = verdict(await diff(oldTgz, newTgz, { surfaceCache: false }));
    const warm = tempDir({});
    await diff(oldTgz, newTgz, { surfaceCache: warm });
    pristine = new Map(readdirSync(warm).map((name) => [name, readFileSync(path.join(warm, name), 'utf8')]));
    expect(pristine.size).toBe(2);
  });

  const corruption = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.constantFrom('0', 'a', '{', '"', '\n', ' ', 'ÿ') }),
    fc.record({ kind: fc.constant('swap' as const) }),
    fc.record({ kind: fc.constant('replace' as const), text: fc.oneof(fc.json(), fc.constantFrom('{"entries":[],"items":{}}', '', '\n', 'null')) }),
    fc.record({ kind: fc.constant('folder' as const) }),
  );

  it('a damaged entry never changes the verdict: it is rebuilt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(corruption, { minLength: 1, maxLength: 2 }), fc.nat(), async (corruptions, which) => {
        count('cache corruptions');
        const cache = tempDir({});
        const names = [...pristine.keys()];
        for (const [name, text] of pristine) writeFileSync(path.join(cache, name), text);
        for (const c of corruptions) {
          const name = names[which % names.length]!;
          const file = path.join(cache, name);
          if (statSync(file).isDirectory()) break;
          const text = readFileSync(file, 'utf8');
          if (c.kind === 'cut') writeFileSync(file, text.slice(0, c.at % (text.length + 1)));
          else if (c.kind === 'flip') {
            const i = c.at % Math.max(1, text.length);
            writeFileSync(file, text.slice(0, i) + c.char + text.slice(i + 1));
          } else if (c.kind === 'swap') writeFileSync(file, pristine.get(names[(which + 1) % names.length]!)!);
          else if (c.kind === 'replace') writeFileSync(file, c.text);
          else {
            // An entry that is a folder can be neither read nor replaced.
            rmSync(file, { force: true, recursive: true });
            mkdirSync(file);
          }
        }
        expect(verdict(await diff(oldTgz, newTgz, { surfaceCache: cache }))).toEqual(cold);
      }),
      { numRuns: runs(6) },
    );
  }, timeout);
});
