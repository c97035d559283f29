import { describe, expect, it } from 'vitest';
import { resolveEntryPoints } from '../src/load/entry-points.js';
import { InputError } from '../src/core/input-error.js';
import { emitDeclarations, isSourceProject } from '../src/load/typescript-source.js';

const packageJson = JSON.stringify({ name: 'demo', version: '1.0.0', types: './dist/index.d.ts' });
const tsconfig = JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true }, include: ['src'] });

const sources = {
  'src/index.ts': [
    "import type { External } from 'other-package';",
    "export { helper } from './util';",
    '',
    '/** Greets. */',
    'export function greet(name: string, times = 1) {',
    '  return `hello ${name}`.repeat(times);',
    '}',
    '',
    'export interface Options {',
    '  loud?: boolean;',
    '  external: External;',
    '}',
    '',
    'export class Greeter {',
    '  private count = 0;',
    '  constructor(readonly options: Options) {}',
    '  greet(name: string): string {',
    '    this.count++;',
    '    return greet(name);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/util.ts': 'export const helper = (x: number) => x * 2;\n',
};

function project(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('isSourceProject', () => {
  it('needs a tsconfig.json and a TypeScript source', () => {
    expect(isSourceProject(project({ 'tsconfig.json': '{}', 'src/a.ts': '' }))).toBe(true);
    expect(isSourceProject(project({ 'tsconfig.json': '{}', 'src/a.mts': '' }))).toBe(true);
    expect(isSourceProject(project({ 'tsconfig.json': '{}', 'index.d.ts': '' }))).toBe(false);
    expect(isSourceProject(project({ 'src/a.ts': '', 'package.json': '{}' }))).toBe(false);
    expect(isSourceProject(project({ 'tsconfig.build.json': '{}', 'src/a.ts': '' }))).toBe(false);
  });
});

describe('emitDeclarations', () => {
  it('emits the declarations where package.json expects them', () => {
    const input = project({ 'package.json': packageJson, 'tsconfig.json': tsconfig, ...sources, 'README.md': 'x' });
    const out = emitDeclarations(input, 'pkg');
    expect([...out.keys()]).toEqual(['dist/index.d.ts', 'dist/util.d.ts', 'package.json']);
    expect(out.get('package.json')).toBe(packageJson);
    expect(out.get('dist/index.d.ts')).toBe(
      [
        "import type { External } from 'other-package';",
        "export { helper } from './util';",
        '/** Greets. */',
        'export declare function greet(name: string, times?: number): string;',
        'export interface Options {',
        '    loud?: boolean;',
        '    external: External;',
        '}',
        'export declare class Greeter {',
        '    readonly options: Options;',
        '    private count;',
        '    constructor(options: Options);',
        '    greet(name: string): string;',
        '}',
        '',
      ].join('\n'),
    );
    expect(out.get('dist/util.d.ts')).toBe('export declare const helper: (x: number) => number;\n');
    // The result is a loadable release.
    expect(resolveEntryPoints(JSON.parse(packageJson), [...out.keys()])).toEqual([{ subpath: '.', file: 'dist/index.d.ts' }]);
    // The input is not changed.
    expect(input.has('dist/index.d.ts')).toBe(false);
  });

  it('lays files out as TypeScript 5 did when rootDir is not set', () => {
    const config = JSON.stringify({ compilerOptions: { outDir: 'dist', moduleResolution: 'node', target: 'es5' } });
    const out = emitDeclarations(project({ 'package.json': packageJson, 'tsconfig.json': config, ...sources }), 'pkg');
    expect([...out.keys()]).toEqual(['dist/index.d.ts', 'dist/util.d.ts', 'package.json']);
  });

  it('follows extends, and keeps declarationDir and hand-written declarations', () => {
    const out = emitDeclarations(
      project({
        'package.json': packageJson,
        'configs/base.json': JSON.stringify({ compilerOptions: { rootDir: '../src', declarationDir: '../types', stripInternal: true } }),
        // Comments and trailing commas are fine in tsconfig files.
        'tsconfig.json': '{\n  // the build\n  "extends": "./configs/base.json",\n  "include": ["src"],\n}\n',
        'src/index.ts': 'export const a: number = 1;\n/** @internal */\nexport const hidden = 2;\n',
        'src/globals.d.ts': 'declare const BUILD: string;\n',
      }),
      'pkg',
    );
    expect([...out.keys()]).toEqual(['package.json', 'src/globals.d.ts', 'types/index.d.ts']);
    expect(out.get('types/index.d.ts')).toBe('export declare const a: number;\n');
  });

  it('emits through type errors and unresolved imports', () => {
    const out = emitDeclarations(
      project({
        'tsconfig.json': tsconfig,
        'src/index.ts': "import { thing } from 'missing';\nexport const n: number = 'text';\nexport const t = thing;\n",
      }),
      'pkg',
    );
    expect(out.get('dist/index.d.ts')).toBe('export declare const n: number;\nexport declare const t: any;\n');
  });

  it('carries on past an extends it cannot follow, and emits .d.mts for .mts', () => {
    const config = JSON.stringify({ extends: '@tsconfig/node20/tsconfig.json', compilerOptions: { outDir: 'dist' } });
    const out = emitDeclarations(
      project({ 'tsconfig.json': config, 'src/index.mts': 'export const m = 1 as const;\n' }),
      'pkg',
    );
    expect([...out]).toEqual([['dist/index.d.mts', 'export declare const m: 1;\n']]);
  });

  it('names the file and line of a syntax error', () => {
    const error = thrown(() =>
      emitDeclarations(
        project({ 'tsconfig.json': tsconfig, ...sources, 'src/util.ts': 'export const a = 1;\nexport function (\n' }),
        'git:v1.0.0:packages/demo',
      ),
    );
    expect(error.file).toBe('git:v1.0.0:packages/demo/src/util.ts');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/expected/);
  });

  it('names the file and line of a broken tsconfig', () => {
    const error = thrown(() =>
      emitDeclarations(project({ 'tsconfig.json': '{\n  "compilerOptions": {\n    "outDir": "dist" "x"\n}', ...sources }), 'git:v1'),
    );
    expect(error.file).toBe('git:v1:tsconfig.json');
    expect(error.line).toBe(3);
  });

  it('refuses a project whose declarations cannot be emitted', () => {
    const config = JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', isolatedDeclarations: true } });
    const error = thrown(() =>
      emitDeclarations(
        project({
          'tsconfig.json': config,
          'src/index.ts': 'function make() {\n  return { a: 1 };\n}\nexport const made = make();\n',
        }),
        'old',
      ),
    );
    expect(error.file).toBe('old/src/index.ts');
    expect(error.line).toBe(4);
    expect(error.message).toBe(
      'cannot emit declarations: Variable must have an explicit type annotation with --isolatedDeclarations.',
    );
  });

  it('refuses declarations TypeScript cannot write even without isolatedDeclarations', () => {
    const error = thrown(() =>
      emitDeclarations(
        project({ 'tsconfig.json': tsconfig, 'src/index.ts': '\nexport const Mixin = class {\n  private x = 1;\n};\n' }),
        '.',
      ),
    );
    expect(error.file).toBe('src/index.ts');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^cannot emit declarations: .*may not be private or protected/);
  });

  it('refuses a folder without tsconfig.json or without inputs', () => {
    expect(thrown(() => emitDeclarations(project({ 'src/a.ts': '' }), 'pkg')).message).toMatch(/no tsconfig\.json/);
    const error = thrown(() => emitDeclarations(project({ 'tsconfig.json': tsconfig, 'lib/a.ts': '' }), 'pkg'));
    expect(error.message).toMatch(/No inputs were found/);
  });
});
