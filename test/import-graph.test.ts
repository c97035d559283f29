import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// README's Layout section lists the parts of src/ from top to bottom: a part may import only parts listed below
// it. This test reads every import of src/ (type-only ones included: they tie the layers together as much as
// any other) and holds the code to that order, so the README and the imports cannot drift apart.

const repo = path.resolve(import.meta.dirname, '..');
const src = path.join(repo, 'src');

/** The part of src/ a file belongs to: its top folder (`engine/`), or itself for a file at the top (`index.ts`). */
function partOf(file: string): string {
  const [first, ...rest] = path.relative(src, file).split(path.sep);
  return rest.length ? `${first}/` : first!;
}

/** The module specifiers a file names: imports, `export … from`, `import type`, `import()` and `require()`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

interface Edge {
  from: string;
  to: string;
  /** One import that makes it, for the message. */
  example: string;
}

/** The imports between parts of src/, one edge per pair of parts. */
function partGraph(): Edge[] {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(src, name))
    .sort();
  const edges = new Map<string, Edge>();
  for (const file of files) {
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (path.relative(src, target).startsWith('..')) continue;
      const [from, to] = [partOf(file), partOf(target.replace(/\.js$/, '.ts'))];
      if (from !== to && !edges.has(`${from} ${to}`)) edges.set(`${from} ${to}`, { from, to, example: `${path.relative(repo, file)} imports ${specifier}` });
    }
  }
  return [...edges.values()];
}

/** The parts README's `## Layout` section lists, top to bottom: the first cell of each row of its table. */
function layoutOrder(readme: string): string[] {
  const start = readme.indexOf('\n## Layout\n');
  if (start === -1) return [];
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
}

/** A cycle of parts, as the path around it, or undefined. */
function findCycle(edges: Edge[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const done = new Set<string>();
  const visit = (part: string, trail: string[]): string[] | undefined => {
    const seen = trail.indexOf(part);
    if (seen !== -1) return [...trail.slice(seen), part];
    if (done.has(part)) return undefined;
    for (const to of next.get(part) ?? []) {
      const cycle = visit(to, [...trail, part]);
      if (cycle) return cycle;
    }
    done.add(part);
    return undefined;
  };
  for (const part of next.keys()) {
    const cycle = visit(part, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph of src/', () => {
  const edges = partGraph();
  const order = layoutOrder(readFileSync(path.join(repo, 'README.md'), 'utf8'));

  it('reads type-only imports, re-exports, import() and require() as imports', () => {
    const text = [
      "import type { A } from './a.js';",
      "export type { B } from '../b/b.js';",
      "export * from './c.js';",
      "type D = import('./d.js').D;",
      "const e = require('./e.js');",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', '../b/b.js', './c.js', './d.js', './e.js']);
  });

  it('sees the imports between parts (the test is not vacuous)', () => {
    expect(edges.length).toBeGreaterThan(20);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'engine/', to: 'rules/' }));
  });

  it("README's Layout section lists every part of src/", () => {
    const parts = readdirSync(src, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    expect(order.length).toBeGreaterThan(5);
    expect(parts.filter((part) => !order.includes(part))).toEqual([]);
    expect(new Set(order).size).toBe(order.length);
  });

  it('has no cycle between parts', () => {
    expect(findCycle(edges)).toBeUndefined();
  });

  it("imports only downwards in README's Layout order", () => {
    const upwards = edges.filter(({ from, to }) => order.indexOf(to) <= order.indexOf(from)).map((edge) => `${edge.from} → ${edge.to} (${edge.example})`);
    expect(upwards).toEqual([]);
  });

  it('finds a cycle where there is one', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, example: '' });
    expect(findCycle([edge('a/', 'b/'), edge('b/', 'c/'), edge('c/', 'a/')])).toEqual(['a/', 'b/', 'c/', 'a/']);
    expect(findCycle([edge('a/', 'b/'), edge('a/', 'c/'), edge('b/', 'c/')])).toBeUndefined();
  });
});
