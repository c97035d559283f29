import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkApiReport } from '../src/engine/api-report-check.js';
import { readRelease } from '../src/engine/releases.js';
import { startRun } from '../src/engine/run.js';
import { InputError } from '../src/core/input-error.js';
import { parseApiReport, renderApiReport, SURFACE_SCHEMA } from '../src/model/api-report.js';
import type { ApiSurface } from '../src/model/surface.js';
import { defaultPolicy, diff, readSurface } from '../src/index.js';
import { fixtureNames, fixturesRoot } from './fixture-names.js';
import { tempDir } from './temp-dir.js';

const header = { name: 'fixture', version: '1.0.0' };

/** The surface as a report records it: without source locations, nor the notes on how the release's API was found. */
function withoutLocations(surface: ApiSurface): ApiSurface {
  const { notes: _notes, ...api } = surface;
  return JSON.parse(JSON.stringify(api, (key, value: unknown) => (key === 'location' && typeof value === 'object' && value !== null && 'line' in value ? undefined : value))) as ApiSurface;
}

/** The lines of the report's surface block, fences excluded. */
function dataLines(report: string): string[] {
  return report.slice(report.lastIndexOf('```json api-semver-surface')).split('\n').slice(1, -2);
}

/** A package whose entry point holds the given declarations. */
function packageOf(declarations: string[]): string {
  return tempDir({
    'package.json': JSON.stringify({ name: 'generated', version: '1.0.0', types: 'index.d.ts' }),
    'index.d.ts': `${declarations.join('\n')}\n`,
  });
}

describe('the API report surface block', () => {
  it.each(fixtureNames().flatMap((name) => [`${name}/old`, `${name}/new`]))('reads back the surface it was written from: %s', async (side) => {
    const surface = await readSurface(path.join(fixturesRoot, side), { surfaceCache: false });
    const report = renderApiReport(surface, header);
    const read = parseApiReport(report, 'x.api.md')!;
    expect(read).toEqual({ header, surface: withoutLocations(surface) });
    expect(renderApiReport(read.surface, read.header)).toBe(report);
  });

  it('keeps exports and dependencies named like the fields it leaves out', async () => {
    const dir = packageOf(['export declare const location: { line: number };', 'export declare function positions(): string[];']);
    const surface = await readSurface(dir, { surfaceCache: false });
    expect(parseApiReport(renderApiReport(surface, header), 'x.api.md')!.surface).toEqual(withoutLocations(surface));
    expect(Object.keys(surface.entries[0]!.exports)).toEqual(['location', 'positions']);
  });

  it('changing one declaration changes one line of the data block', async () => {
    const declaration = (i: number, type: string) => `export interface Item${i} { value: ${type}; next?: Item${(i + 1) % 6} }`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.constantFrom('number', 'boolean', 'string[]'), async (changed, type) => {
        const before = Array.from({ length: 6 }, (_, i) => declaration(i, 'string'));
        const after = before.map((text, i) => (i === changed ? declaration(i, type) : text));
        const [old, next] = await Promise.all([before, after].map(async (d) => dataLines(renderApiReport(await readSurface(packageOf(d), { surfaceCache: false }), header))));
        expect(next.length).toBe(old!.length);
        const differing = next!.filter((line, i) => line !== old![i]);
        expect(differing).toHaveLength(1);
        expect(differing[0]).toContain(`"id":"Item${changed}"`);
      }),
      { numRuns: 4 },
    );
  });

  it('lays out one head line, one line per entry point and one line per item, items sorted by id', async () => {
    const surface = await readSurface(packageOf(['export declare const b: 1;', 'export declare const a: 2;']), { surfaceCache: false });
    const lines = dataLines(renderApiReport(surface, header)).map((line) => JSON.parse(line) as Record<string, { id?: string }>);
    expect(lines[0]).toEqual({ schema: SURFACE_SCHEMA, header });
    expect(lines.slice(1).map((line) => Object.keys(line)[0])).toEqual(['entry', 'item', 'item']);
    expect(lines.slice(2).map((line) => line['item']!.id)).toEqual(['a', 'b']);
  });
});

describe('reports of another schema version', () => {
  const dir = packageOf(['export declare class Box { get size(): number; }']);
  const current = async () => renderApiReport(await readSurface(dir, { surfaceCache: false }), header);
  const rejection = (run: () => unknown): InputError => {
    try {
      run();
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('no InputError');
  };

  it('refuses a report from before versioning (one JSON object) instead of misreading its accessors', async () => {
    const report = await current();
    const block = report.lastIndexOf('```json api-semver-surface');
    const surface = parseApiReport(report, 'x.api.md')!.surface;
    const unversioned = `${report.slice(0, block)}\`\`\`json api-semver-surface\n${JSON.stringify({ header, surface })}\n\`\`\`\n`;
    const error = rejection(() => parseApiReport(unversioned, 'api/box.api.md'));
    expect([error.message, error.file]).toEqual([
      `written by an older api-semver (surface schema 1; this one reads ${SURFACE_SCHEMA}): regenerate it with \`api-semver report -o api/box.api.md\``,
      'api/box.api.md',
    ]);
  });

  it('refuses a report of a newer schema', async () => {
    const report = (await current()).replace(`{"schema":${SURFACE_SCHEMA},`, `{"schema":${SURFACE_SCHEMA + 1},`);
    expect(rejection(() => parseApiReport(report, 'x.api.md')).message).toMatch(/^written by a newer api-semver \(surface schema \d+; this one reads \d+\)/);
  });

  it('names the line of a damaged surface block', async () => {
    const report = (await current()).replace(/\n\{"item":/, '\n{"item":oops');
    const error = rejection(() => parseApiReport(report, 'x.api.md'));
    expect(error.message).toMatch(/^the surface block is damaged/);
    expect(report.split('\n')[error.line! - 1]).toMatch(/^\{"item":oops/);
  });

  it('as a baseline the older report is an InputError, and check --report still sees it as out of date', async () => {
    const file = path.join(dir, 'box.api.md');
    writeFileSync(file, '# API report\n\n```json api-semver-surface\n{"header":{},"surface":{"entries":[],"items":{}}}\n```\n');
    await expect(diff(file, dir, { policy: defaultPolicy, surfaceCache: false })).rejects.toThrow(/surface schema 1/);
    const run = startRun({ policy: defaultPolicy, surfaceCache: false });
    const result = await checkApiReport(file, await readRelease(dir, run), run);
    expect(result.upToDate).toBe(false);
    expect(parseApiReport(result.current, file)).toBeDefined();
  });

  it('check --report diffs a committed report whatever its file is named', async () => {
    const file = path.join(tempDir({}), 'box.md');
    const earlier = packageOf(['export declare class Box { get size(): number; get name(): string; }']);
    writeFileSync(file, renderApiReport(await readSurface(earlier, { surfaceCache: false }), header));
    const run = startRun({ policy: defaultPolicy, surfaceCache: false });
    const result = await checkApiReport(file, await readRelease(dir, run), run);
    expect(result.upToDate).toBe(false);
    expect(result.changes.findings.map((f) => [f.rule, f.path])).toEqual([['member-removed', 'Box.name']]);
  });
});
