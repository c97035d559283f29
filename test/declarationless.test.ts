import { describe, expect, it } from 'vitest';
import { diff } from '../src/index.js';
import { tempDir } from './temp-dir.js';

// A release without declarations against one with them is a comparison (every export removed or added, the
// note saying why), not an error. Reduced from @types/uuid 10.0.0 → 11.0.0, a deprecated stub with no declarations.

const typed = () =>
  tempDir({
    'package.json': JSON.stringify({ name: '@types/uuid', version: '10.0.0', types: 'index.d.ts' }),
    'index.d.ts': 'export declare const NIL: string;\nexport declare function v4(): string;\n',
    'v4.d.ts': 'export declare function v4(): string;\n',
  });
const stub = () => tempDir({ 'package.json': JSON.stringify({ name: '@types/uuid', version: '11.0.0', deprecated: 'uuid ships its own types' }), 'README.md': 'stub\n' });

describe('a release without declarations', () => {
  it('after one with them: every export removed, major, with the reason', async () => {
    const report = await diff(typed(), stub(), { verify: true });
    expect(report.bump).toBe('major');
    expect(report.findings.map((f) => `${f.bump} ${f.rule} ${f.path} ${f.witness?.status}`)).toEqual([
      'major export-removed NIL verified',
      'major export-removed v4 verified',
    ]);
    expect(report.notes).toEqual(['new: the release ships no type declarations (no .d.ts, .d.mts or .d.cts file): TypeScript consumers see no exports']);
  });

  it('before one with them: every export added, minor', async () => {
    const report = await diff(stub(), typed());
    expect(report.bump).toBe('minor');
    expect(report.findings.map((f) => `${f.bump} ${f.rule} ${f.path}`)).toEqual(['minor export-added NIL', 'minor export-added v4']);
  });

  it('on both sides: no API to compare, exit 2', async () => {
    await expect(diff(stub(), stub())).rejects.toThrow(/^neither release ships type declarations/);
  });
});
