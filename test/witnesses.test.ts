import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, diff, readSurface, type Finding } from '../src/index.js';
import { analyze } from '../src/engine/analyze.js';
import { verifyWitnesses } from '../src/engine/witnesses.js';
import { compileWitnesses } from '../src/witness/verify.js';
import { loadRelease } from '../src/load/package-files.js';
import { defineRule } from '../src/rules/define.js';
import { useExport } from '../src/witness/consumer.js';
import { tempDir } from './temp-dir.js';

// Witness builders on the shapes that make consumer code hard to write: each pair must come out verified,
// and the witness must say what a consumer would write.

const manifest = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'shapes', version: '1.0.0', types: 'index.d.ts', ...extra });

async function witnesses(old: Record<string, string>, next: Record<string, string>): Promise<Finding[]> {
  const oldDir = tempDir({ 'package.json': manifest(), ...old });
  const newDir = tempDir({ 'package.json': manifest(), ...next });
  const report = await diff(oldDir, newDir, { verify: true, surfaceCache: false, policy: defaultPolicy });
  return report.findings.filter((f) => f.bump === 'major');
}

function only(findings: Finding[], rule: string): Finding {
  const found = findings.filter((f) => f.rule === rule);
  expect(found.map((f) => f.rule)).toEqual([rule]);
  return found[0]!;
}

describe('witness builders', () => {
  it('calls the removed overload and uses its result as the old type', async () => {
    const finding = only(
      await witnesses(
        { 'index.d.ts': 'export declare function parse(input: string): number;\nexport declare function parse(input: Uint8Array): number;\n' },
        { 'index.d.ts': 'export declare function parse(input: string): number;\n' },
      ),
      'overload-removed',
    );
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('const r: number = $0.parse(input);');
    expect(finding.witness!.code).toContain('input: Uint8Array');
  });

  it('reaches an unexported type through any path from an export: a parameter, then a property', async () => {
    const declarations = (limit: string) =>
      `interface Retry { limit: ${limit} }\ninterface Options { retry?: Retry | number }\ninterface Pool { retries: Retry[] }\nexport declare function createPool(options?: Options): Pool;\nexport {};\n`;
    const finding = only(await witnesses({ 'index.d.ts': declarations('number') }, { 'index.d.ts': declarations('string') }), 'property-type-changed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    // `retry` is also a number, so the shortest route is through the result's array.
    expect(finding.witness!.code).toContain('self: NonNullable<NonNullable<NonNullable<NonNullable<ReturnType<typeof $0.createPool>>>["retries"]>[number]>');
  });

  it.each([
    ['a class\'s constructor parameter', 'export declare class Client {\n  constructor(options: Hidden);\n}', 'ConstructorParameters<typeof $0.Client>[0]'],
    ['a tuple element', 'export declare function pair(): [number, Hidden];', 'NonNullable<ReturnType<typeof $0.pair>>[1]'],
    ['a rest parameter\'s element', 'export declare function all(first: number, ...rest: Hidden[]): void;', 'Parameters<typeof $0.all>[1]'],
  ])('reaches an unexported type through %s, where no other path does', async (_, exposing, route) => {
    const declarations = (members: string) => `interface Hidden {\n  ${members}\n}\n${exposing}\nexport {};\n`;
    const finding = only(await witnesses({ 'index.d.ts': declarations('a: number;\n  b: string;') }, { 'index.d.ts': declarations('a: number;') }), 'member-removed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain(route);
  });

  it('meets a relative `declare module "../index"` block as the package module it augments', async () => {
    const index = 'export = _;\ndeclare const _: _.LoDashStatic;\ndeclare namespace _ {\n  interface LoDashStatic {}\n}\nimport "./common/array";\n';
    const array = (size: string) => `import _ = require("../index");\ndeclare module "../index" {\n  interface LoDashStatic {\n    chunk(size: ${size}): void;\n  }\n}\n`;
    const finding = only(
      await witnesses({ 'index.d.ts': index, 'common/array.d.ts': array('number') }, { 'index.d.ts': index, 'common/array.d.ts': array('string') }),
      'param-type-changed',
    );
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('import * as $0 from "shapes";');
  });

  it('meets `declare module "."` as the folder index it augments (@types/react canary.d.ts)', async () => {
    const index = 'export interface Hooks {}\nimport "./canary";\n';
    const canary = (arg: string) => `export {};\ndeclare module "." {\n  interface Hooks {\n    use(x: ${arg}): void;\n  }\n}\n`;
    const finding = only(await witnesses({ 'index.d.ts': index, 'canary.d.ts': canary('number') }, { 'index.d.ts': index, 'canary.d.ts': canary('string') }), 'param-type-changed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
  });

  it('leaves a finding unverified, not the run failed, when a relative `declare module` augments a file no entry point leads to (fp-ts 1.x)', async () => {
    const index = 'export declare const version: string;\nimport "./lib/Array";\n';
    const array = (arg: string) => `declare module "./HKT" {\n  interface URI2HKT<A> {\n    Array: (x: ${arg}) => A;\n  }\n}\nexport {};\n`;
    const findings = await witnesses({ 'index.d.ts': index, 'lib/Array.d.ts': array('number') }, { 'index.d.ts': index, 'lib/Array.d.ts': array('string') });
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.witness).toMatchObject({ status: 'unverified', reason: expect.stringContaining('augments a file no entry point leads to') });
  });

  it('leaves a witness that would spell out more than 32 KiB of old types unverified, with the reason (type-fest 6)', async () => {
    const union = Array.from({ length: 4000 }, (_, i) => `"literal${i}"`).join(' | ');
    const finding = only(
      await witnesses({ 'index.d.ts': `export interface Box { value: ${union} }\nexport declare function get(): Box;\n` }, { 'index.d.ts': 'export interface Box {}\nexport declare function get(): Box;\n' }),
      'member-removed',
    );
    expect(finding.witness).toMatchObject({ status: 'unverified', reason: expect.stringMatching(/KiB: too large a witness to compile$/) });
  });

  it('reports an undecided finding as decided once its witness is verified, and keeps it undecided when no witness compiles', async () => {
    const alias = (no: string) => `export type Pick1<T> = T extends string ? 1 : ${no};\n`;
    const proven = only(await witnesses({ 'index.d.ts': alias('2') }, { 'index.d.ts': alias('3') }), 'type-alias-changed');
    expect(proven.witness).toMatchObject({ status: 'verified' });
    expect(proven).not.toHaveProperty('undecided');
    expect(proven).not.toHaveProperty('undecidedReason');
    // A witness that would write out more than 32 KiB of old types is not compiled (see the test below).
    const union = Array.from({ length: 4000 }, (_, i) => `"literal${i}"`).join(' | ');
    const large = (no: string) => `export type Large<T> = T extends ${union} ? 1 : ${no};\n`;
    const open = only(await witnesses({ 'index.d.ts': large('2') }, { 'index.d.ts': large('3') }), 'type-alias-changed');
    expect(open.witness).toMatchObject({ status: 'unverified' });
    expect(open).toMatchObject({ undecided: true, undecidedReason: expect.any(String) });
  });

  it('does not write a witness whose type parameter is bounded by a conditional type over a sibling (ts-pattern 5.8 P.select)', async () => {
    const select = (bound: string) =>
      `type Pattern<T> = T extends string ? { s: T } : { o: T };\nexport declare function select<input, const key extends ${bound}>(key: key): void;\n`;
    const finding = only(
      await witnesses({ 'index.d.ts': select('string | (unknown extends input ? object : Pattern<input>)') }, { 'index.d.ts': select('string') }),
      'type-param-constraint-tightened',
    );
    expect(finding.witness).toMatchObject({ status: 'unverified', reason: 'the constraint of key is a conditional type over another type parameter: too costly a witness to compile' });
  });

  it('passes type arguments under the old constraint', async () => {
    const finding = only(
      await witnesses(
        { 'index.d.ts': 'export interface Box<T extends number | string> { value: T }\n' },
        { 'index.d.ts': 'export interface Box<T extends string> { value: T }\n' },
      ),
      'type-param-constraint-tightened',
    );
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('export type Named0<T0 extends number | string> = $0.Box<T0>;');
  });

  it('reads a member of a class with private members through a value of the class', async () => {
    const cls = (extra: string) => `export declare class Store {\n  private cache;\n  get(key: string): string;\n${extra}}\n`;
    const finding = only(await witnesses({ 'index.d.ts': cls('  size: number;\n') }, { 'index.d.ts': cls('') }), 'member-removed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('export function witness(self: $0.Store): void');
  });

  it('reaches protected members from a subclass', async () => {
    const cls = (visibility: string) => `export declare class Widget {\n  ${visibility} render(): void;\n}\n`;
    const finding = only(await witnesses({ 'index.d.ts': cls('protected') }, { 'index.d.ts': cls('private') }), 'member-visibility-reduced');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('export abstract class Witness extends $0.Widget');
  });

  it('subclasses a generic abstract class, implementing its old abstract members in its generic scope', async () => {
    const cls = (extra: string) => `export declare abstract class Repo<T extends object> {\n  abstract map<U>(f: (item: T) => U): U[];\n${extra}}\n`;
    const finding = only(await witnesses({ 'index.d.ts': cls('') }, { 'index.d.ts': cls('  abstract save(item: T): void;\n') }), 'abstract-member-added');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('export class Subclass0<T0 extends object> extends $0.Repo<T0> {');
    expect(finding.witness!.code).toContain('map<S1_0>(f: { (item: T0): S1_0; }): S1_0[] { return null!; }');
  });

  it('switches exhaustively over an enum consumers receive', async () => {
    const enumOf = (members: string) => `export declare enum Level { ${members} }\nexport declare function level(): Level;\n`;
    const finding = only(await witnesses({ 'index.d.ts': enumOf('Low = 0, High = 1') }, { 'index.d.ts': enumOf('Low = 0, High = 1, Max = 2') }), 'enum-member-added');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('const n: never = e;');
  });

  it('names a const enum member through its enum', async () => {
    const finding = only(
      await witnesses({ 'index.d.ts': 'export declare const enum Flag { A = 1, B = 2 }\n' }, { 'index.d.ts': 'export declare const enum Flag { A = 1 }\n' }),
      'enum-member-removed',
    );
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('void $0.Flag.B;');
  });

  it('calls a function inside a namespace', async () => {
    const ns = (param: string) => `export declare namespace text {\n  function trim(s: ${param}): string;\n}\n`;
    const finding = only(await witnesses({ 'index.d.ts': ns('string | string[]') }, { 'index.d.ts': ns('string') }), 'param-type-narrowed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('$0.text.trim(s);');
  });

  it('calls a default export', async () => {
    const fn = (param: string) => `export default function slugify(input: ${param}): string;\n`;
    const finding = only(await witnesses({ 'index.d.ts': fn('string | number') }, { 'index.d.ts': fn('string') }), 'param-type-narrowed');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('$0.default(input);');
  });

  it('imports an `export =` module the CommonJS way', async () => {
    const fn = (ret: string) => `declare function parse(input: string): ${ret};\nexport = parse;\n`;
    const finding = only(await witnesses({ 'index.d.ts': fn('number') }, { 'index.d.ts': fn('number | undefined') }), 'return-type-widened');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('import $0 = require("shapes");');
    expect(finding.witness!.code).toContain('const r: number = $0(input);');
  });

  it('imports a subpath entry by its subpath', async () => {
    const files = (ret: string) => ({
      'package.json': manifest({ exports: { '.': { types: './index.d.ts' }, './utils': { types: './utils.d.ts' } } }),
      'index.d.ts': 'export declare const version: string;\n',
      'utils.d.ts': `export declare function slugify(input: string): ${ret};\n`,
    });
    const finding = only(await witnesses(files('string'), files('string | null')), 'return-type-widened');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('import * as $0 from "shapes/utils";');
  });

  it('shows a removed subpath with an import of it', async () => {
    const files = (withUtils: boolean) => ({
      'package.json': manifest({ exports: { '.': { types: './index.d.ts' }, ...(withUtils ? { './utils': { types: './utils.d.ts' } } : {}) } }),
      'index.d.ts': 'export declare const version: string;\n',
      'utils.d.ts': 'export declare function slugify(input: string): string;\n',
    });
    const finding = only(await witnesses(files(true), files(false)), 'entry-point-removed');
    expect(finding.witness).toMatchObject({ status: 'verified', error: { message: expect.stringContaining('shapes/utils') } });
  });

  it('implements a callback with the old parameter types', async () => {
    const on = (param: string) => `export declare function onChange(listener: (value: ${param}) => void): void;\n`;
    const finding = only(await witnesses({ 'index.d.ts': on('string') }, { 'index.d.ts': on('string | null') }), 'param-type-widened');
    expect(finding.witness).toMatchObject({ status: 'verified' });
    expect(finding.witness!.code).toContain('impl: ((value: string) => void)');
  });

  it('is unverified, with the reason, when the old release is an API report', async () => {
    const oldDir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
    const newDir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export {};\n' });
    const report = tempDir({});
    const { apiReportOf } = await import('../src/engine/api-report-check.js');
    const { readRelease } = await import('../src/engine/releases.js');
    const { startRun } = await import('../src/engine/run.js');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(report, 'old.api.md'), apiReportOf(await readRelease(oldDir, startRun({ surfaceCache: false }))));
    const result = await diff(path.join(report, 'old.api.md'), newDir, { verify: true, surfaceCache: false, policy: defaultPolicy });
    expect(result.findings[0]!.witness).toMatchObject({ status: 'unverified', reason: expect.stringContaining('API report') });
    expect(result.findings[0]!.witness!.code).toContain('$0.run');
  });
});

describe('positive witnesses', () => {
  it('show what a minor change makes possible: code the old release rejects and the new one accepts', async () => {
    const oldDir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
    const newDir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\nexport declare function stop(code: number): void;\n' });
    const report = await diff(oldDir, newDir, { verify: true, surfaceCache: false, policy: defaultPolicy });
    expect(report.findings.map((f) => f.rule)).toEqual(['export-added']);
    expect(report.findings[0]!.witness).toMatchObject({
      status: 'verified',
      possible: true,
      code: expect.stringContaining('const r: ((code: number) => void) = $0.stop;'),
      error: { message: expect.stringContaining("Property 'stop' does not exist") },
    });
  });
});

/**
 * The findings of a rule that calls every unchanged export changed, on one unchanged release, with their
 * witnesses checked: a test of what verification makes of the rule's witness.
 */
async function verifiedAgainstItself(id: string, witness: Parameters<typeof defineRule>[0]['witness']): Promise<Finding[]> {
  const rule = defineRule({
    id,
    title: 'wrong on purpose',
    description: 'A rule that is wrong: the test checks what verification makes of its witness.',
    bump: 'major',
    on: 'export',
    message: ({ path: p }) => `${p} changed (it did not)`,
    check(pair, report) {
      if (pair.old && pair.new) report({ data: { path: pair.path } });
    },
    witness,
  });
  const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
  const release = await loadRelease(dir);
  const surface = await readSurface(dir, { surfaceCache: false });
  const { findings } = analyze(surface, surface, defaultPolicy, [rule], { witnesses: 'shapes' });
  verifyWitnesses(findings, 'shapes', release, release);
  return findings;
}

describe('verification', () => {
  it('refutes a finding whose witness compiles against the new release too', async () => {
    // Every unchanged export called removed: its witnesses must come out refuted.
    const findings = await verifiedAgainstItself('always-removed', (pair, w) => useExport(w, pair.path, pair.old!.item, pair.old!.typeOnly));
    expect(findings.map((f) => f.witness?.status)).toEqual(['refuted']);
  });

  it('leaves a finding unverified, not refuted, when its witness has no move to try (@trpc/server 10 ProcedureBuilderDef)', async () => {
    // A member of a type met in no known position had a witness with no statement: `export {};` compiles
    // against every release, and it refuted two real changes.
    const findings = await verifiedAgainstItself('no-move', (_pair, w) => w.anyOf());
    expect(findings.map((f) => f.witness)).toEqual([expect.objectContaining({ status: 'unverified', reason: expect.stringContaining('no move to try') })]);
  });

  it('leaves the witnesses unverified, with the reason, when a release cannot be compiled for them', async () => {
    const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
    const release = await loadRelease(dir);
    const broken = { ...release, files: new Map([...release.files, ['index.d.ts', 'export declare function run(: void;\n']]) };
    const findings: Finding[] = [
      { rule: 'export-removed', bump: 'major', path: 'run', message: 'run', witness: { status: 'unverified', code: 'import * as $0 from "shapes";\nvoid $0.run;\n' } },
    ];
    verifyWitnesses(findings, 'shapes', release, broken);
    expect(findings[0]!.witness).toMatchObject({ status: 'unverified', reason: expect.stringContaining('the witnesses could not be compiled: index.d.ts') });
  });

  it('compiles a witness that merges declarations apart, so it cannot change another witness', async () => {
    // Alone, naming `Box<number>` fails against a `Box<T extends string>` alias; an empty interface merged
    // into the package by another witness would give `Box` a second, unconstrained declaration.
    const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'type Box<T extends string> = { v: T };\nexport { Box };\n' });
    const release = await loadRelease(dir);
    const findings: Finding[] = [
      { rule: 'export-kind-changed', bump: 'major', path: 'Box', message: 'Box', witness: { status: 'unverified', code: 'import * as $0 from "shapes";\ndeclare module "shapes" { interface Box<T> {} }\n' } },
      { rule: 'type-param-constraint-tightened', bump: 'major', path: 'Box<T>', message: 'Box', witness: { status: 'unverified', code: 'import * as $0 from "shapes";\nexport type Named = $0.Box<number>;\n' } },
    ];
    verifyWitnesses(findings, 'shapes', release, release);
    expect(findings[1]!.witness).toMatchObject({ status: 'unverified', reason: expect.stringContaining("Type 'number' does not satisfy the constraint 'string'") });
  });

  it('trims an @internal helper out of bundled export lists and keeps the public alias that uses it compiling', async () => {
    const release = await loadRelease(path.join(import.meta.dirname, '..', 'fixtures', 'internal-tag-added--bundled-export-list', 'new'));
    const code = (use: string) => `import * as $0 from "bundled";\n${use}\n`;
    const [helper, alias] = compileWitnesses(
      [code('export type Named = $0.GetInferenceHelpers<"input">;'), code('export const wrong: $0.inferRouterInputs = { type: "output" };')],
      'bundled',
      release,
      release,
    );
    expect(helper!.old?.message).toContain("has no exported member 'GetInferenceHelpers'");
    // Had the trim deleted the helper, the alias would be an error type that accepts anything.
    expect(alias!.old?.message).toContain('is not assignable to type \'"input"\'');
  });

  it('compiles against the new release only the witnesses the release they must compile against accepts', async () => {
    const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
    const release = await loadRelease(dir);
    const broken = 'import * as $0 from "shapes";\n$0.nothing();\n';
    const [major, possible] = compileWitnesses([broken, broken], 'shapes', release, release, ['old', 'new']);
    // A major witness the old release rejects proves nothing, whatever the new one says of it.
    expect(major).toEqual({ old: expect.objectContaining({ message: expect.stringContaining("Property 'nothing' does not exist") }) });
    expect(possible!.new?.message).toContain("Property 'nothing' does not exist");
  });

  it('compiles the alternative of a refuted witness and reports it where it is verified (type-fest 6 `Simplify`)', async () => {
    const simplify = (definition: string) => ({ 'index.d.ts': `export type Simplify<T> = ${definition};\n` });
    const mapped = '{[KeyType in keyof T]: T[KeyType]} & {}';
    const finding = only(
      await witnesses(simplify(mapped), simplify(`[Extract<T, (...arguments_: never) => unknown>] extends [never] ? ${mapped} : T`)),
      'type-alias-changed',
    );
    // Over a generic `T` the two definitions relate both ways; at a function type they differ.
    expect(finding.witness).toMatchObject({ status: 'verified', code: expect.stringContaining('type Old0<T0> = ') });
    expect(finding.witness!.code).toContain('const s: $0.Simplify<((() => void))> = ');
    expect(Object.keys(finding.witness!).sort()).toEqual(['code', 'error', 'status']);
  });

  it('keeps a witness that fails against the old release unverified, with the error', async () => {
    const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
    const release = await loadRelease(dir);
    const findings: Finding[] = [
      { rule: 'member-removed', bump: 'major', path: 'run', message: 'run', witness: { status: 'unverified', code: 'import * as $0 from "shapes";\n$0.nothing();\n' } },
    ];
    verifyWitnesses(findings, 'shapes', release, release);
    expect(findings[0]!.witness).toMatchObject({ status: 'unverified', reason: expect.stringContaining("Property 'nothing' does not exist") });
  });
});

/**
 * A rule that calls every unchanged export changed, with a witness of a conclusive form (see `Witness.settles`): the
 * witness compiles against the new release too, and `settle` says what its finding then is (a patch of the rule
 * `settled-on-purpose`).
 */
async function settledAgainstItself(undecided: boolean, corroborated: boolean, policy = defaultPolicy): Promise<Finding[]> {
  const settledRule = defineRule({
    id: 'settled-on-purpose',
    title: 'what the compiler settles',
    description: 'The finding a settled one becomes.',
    bump: 'patch',
    on: 'export',
    message: ({ path: p }) => `${p} changed, as nobody can observe`,
    check() {},
  });
  const rule = defineRule({
    id: 'undecided-on-purpose',
    title: 'undecided on purpose',
    description: 'A rule that cannot decide: the test checks what a refuted conclusive witness makes of it.',
    bump: 'major',
    on: 'export',
    message: ({ path: p }) => `${p} changed (it did not)`,
    check(pair, report) {
      if (pair.old && pair.new) report(undecided ? { undecided: 'the test cannot tell' } : {});
    },
    witness(pair, w) {
      useExport(w, pair.path, pair.old!.item, pair.old!.typeOnly);
      w.settles('equal', corroborated);
    },
    settle: (_pair, relation) => (relation === 'equal' ? { rule: settledRule, report: {} } : undefined),
  });
  const dir = tempDir({ 'package.json': manifest(), 'index.d.ts': 'export declare function run(): void;\n' });
  const release = await loadRelease(dir);
  const surface = await readSurface(dir, { surfaceCache: false });
  const { findings } = analyze(surface, surface, policy, [rule], { witnesses: 'shapes' });
  verifyWitnesses(findings, 'shapes', release, release);
  return findings;
}

describe('settled by the compiler', () => {
  it('reports an undecided finding whose conclusive witness is refuted as its rule settles it, undecided no more', async () => {
    const [finding] = await settledAgainstItself(true, false);
    expect(finding).toMatchObject({ rule: 'settled-on-purpose', bump: 'patch', message: 'run changed, as nobody can observe' });
    expect(finding).not.toHaveProperty('undecided');
    expect(finding!.witness).toMatchObject({ status: 'refuted', reason: expect.stringContaining('both ways') });
  });

  it('leaves a decided finding with a refuted witness as it is: that is its rule\'s bug', async () => {
    const findings = await settledAgainstItself(false, false);
    expect(findings.map((f) => [f.rule, f.bump, f.witness?.status])).toEqual([['undecided-on-purpose', 'major', 'refuted']]);
  });

  it('settles nothing where the claim needs an alternative at concrete arguments and there is none', async () => {
    const findings = await settledAgainstItself(true, true);
    expect(findings.map((f) => [f.rule, f.bump, f.undecided, f.witness?.status])).toEqual([['undecided-on-purpose', 'major', true, 'refuted']]);
  });

  it('drops the finding where the policy turns the settling rule off', async () => {
    expect(await settledAgainstItself(true, false, { ...defaultPolicy, rules: { 'settled-on-purpose': 'off' } })).toEqual([]);
  });

  it('keeps a generic alias undecided where its witness is refuted: over generic arguments the checker relates more than at each (type-fest 6 `TaggedUnion`)', async () => {
    // `-?` on the mapped type the alias indexes: over a generic `U` the checker reads `{ … }[keyof U]` as its
    // template, with or without the modifier, so the witness and its alternatives compile against the new release;
    // but `TaggedUnion<'t', { a?: { x: 1 } }>` no longer holds `undefined`, a real break.
    const tagged = (modifier: string) => ({
      'index.d.ts': `export type TaggedUnion<K extends string, U extends Record<string, Record<string, unknown>>> = { [N in keyof U]${modifier}: { [Key in K]: N } & U[N] }[keyof U];\n`,
    });
    const finding = only(await witnesses(tagged(''), tagged('-?')), 'type-alias-changed');
    expect(finding).toMatchObject({ bump: 'major', undecided: true, witness: { status: 'refuted' } });
  });

  it('keeps a constraint undecided where the new one is generic, even with its witnesses refuted (type-fest 6 `PickDeep`)', async () => {
    const paths = 'export type Paths<T, O = {}> = T extends object ? { [K in keyof T & string]: O extends { brackets: true } ? `[${K}]` : K }[keyof T & string] : never;\n';
    const pick = (bound: string) => ({ 'index.d.ts': `${paths}export type PickDeep<T, P extends ${bound}> = { picked: P; from: T };\n` });
    const finding = only(await witnesses(pick('Paths<T>'), pick('Paths<T, { brackets: true }> | (string & Record<never, never>)')), 'type-param-constraint-changed');
    expect(finding).toMatchObject({ bump: 'major', undecided: true, witness: { status: 'refuted' } });
  });

  it('keeps an alias change undecided where the witness only samples what the old release resolved (type-fest 5.9 `IntRange`)', async () => {
    // The old definition calls a helper that calls itself: no witness writes it out, the old release resolves the
    // alias at a few arguments, and the new one differs only at another (`Start` of 99).
    const helpers = [
      'type BuildTuple<L extends number, Fill, T extends unknown[] = []> = T["length"] extends L ? T : BuildTuple<L, Fill, [...T, Fill]>;',
      'type TupleOf<L extends number, Fill = unknown> = number extends L ? Fill[] : `${L}` extends `-${string}` ? [] : BuildTuple<L, Fill>;',
      'type PrivateIntRange<Start extends number, End extends number, List extends unknown[] = TupleOf<Start, never>> =',
      '  List["length"] extends End ? Exclude<List[number], never> : PrivateIntRange<Start, End, [...List, List["length"]]>;',
    ].join('\n');
    const range = (body: string) => ({ 'index.d.ts': `${helpers}\nexport type IntRange<Start extends number, End extends number> = ${body};\nexport {};\n` });
    const finding = only(await witnesses(range('PrivateIntRange<Start, End>'), range('Start extends 99 ? never : PrivateIntRange<Start, End>')), 'type-alias-changed');
    expect(finding).toMatchObject({ bump: 'major', undecided: true, witness: { status: 'refuted', reason: expect.stringContaining('at every argument tried') } });
  });

  it('does not settle a constraint whose old `any` the witness wrote `unknown`: it named fewer type arguments than consumers pass', async () => {
    const paths = 'export type Paths<T, F> = T extends object ? keyof T | F : never;\n';
    const constraint = (bound: string) => ({ 'index.d.ts': `${paths}export type Get<T, P extends ${bound}> = P;\n` });
    const finding = only(await witnesses(constraint('Paths<T, (x: any) => void>'), constraint('Paths<T, ((x: any) => void) | 1>')), 'type-param-constraint-changed');
    expect(finding.witness!.code).toContain('$0.Paths<T0, { (x: unknown): void; }>');
    expect(finding).toMatchObject({ bump: 'major', undecided: true, witness: { status: 'refuted' } });
  });
});
