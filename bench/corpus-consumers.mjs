// The corpus's consumer files: `npm run corpus -- --consumers [--only <text>]`. For a pair whose verdict differs
// from its version numbers, bench/corpus/<pair id>.ts (or .mts/.cts) is code a consumer could have written
// against the old release; the compiler settles the dispute by type-checking it against each release.
//
// Each release is laid out in a scratch folder as npm would install it, declarations only: the package and,
// through its `dependencies` and `peerDependencies`, every package it depends on that ships types (or else its
// @types package), all fetched with the tool's own npm source (its cache). Nothing of any package runs; the
// consumer is only type-checked (strict, NodeNext, skipLibCheck), and only its own diagnostics count.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { typedPackageOf, typesPackageOf } from '../dist/load/imports.js';
import { fetchNpmRelease } from '../dist/load/npm.js';
import { pairId } from './corpus-pairs.mjs';

const CONSUMERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
const EXTENSIONS = ['.ts', '.mts', '.cts'];
// A dependency tree wider than this is cut: the consumer's own diagnostics rarely need the far leaves.
const MAX_PACKAGES = 60;
const DECLARATION = /\.d\.[cm]?ts$/;

const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  esModuleInterop: true,
  // Consumers are Node programs: Node's own types are there as in any Node project.
  types: ['node'],
};
const NODE_TYPES = { name: '@types/node', range: '^20', required: false };

/** Runs every consumer file (of the pairs matching `only`); the results of the others are kept. */
export async function runConsumers(pairs, previous, { only, progress }) {
  const results = new Map(previous.map((c) => [c.id, c]));
  for (const pair of pairs) {
    const id = pairId(pair);
    if (only.length > 0 && !only.some((text) => id.includes(text))) continue;
    const file = EXTENSIONS.map((ext) => path.join(CONSUMERS, id + ext)).find(existsSync);
    if (!file) {
      results.delete(id);
      continue;
    }
    const old = await compileAgainst(file, pair.package, pair.old);
    const next = await compileAgainst(file, pair.package, pair.new);
    const verdict = !old.ok ? 'fails against the old release' : next.ok ? 'compiles against both: no break' : 'breaks: compiles against old, fails against new';
    results.set(id, { id, file: path.basename(file), old, new: next, verdict });
    progress(`${id}: ${verdict}${next.errors[0] ? ` (${next.errors[0]})` : ''}`);
  }
  return pairs.map((p) => results.get(pairId(p))).filter(Boolean);
}

async function compileAgainst(consumerFile, name, version) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'api-semver-consumer-'));
  try {
    await install(dir, name, version);
    // A .ts consumer is an ES module (as most are written today); a .cts one is CommonJS.
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'corpus-consumer', private: true, type: 'module' }));
    const target = path.join(dir, `consumer${path.extname(consumerFile)}`);
    await writeFile(target, ts.sys.readFile(consumerFile));
    const program = ts.createProgram([target], COMPILER_OPTIONS);
    const source = program.getSourceFile(target);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return { version, ok: diagnostics.length === 0, errors: diagnostics.map(describe) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describe(diagnostic) {
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  return `${line + 1}:${character + 1} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
}

/** The release and its typed dependencies under dir/node_modules, flat, the first version met of each name winning (as npm hoists). */
async function install(dir, name, version) {
  // Node's types come last, so that a version the package itself depends on wins.
  const queue = [{ name, range: version, required: true }];
  let nodeTypesQueued = false;
  const placed = new Set();
  while (placed.size < MAX_PACKAGES) {
    if (queue.length === 0 && !nodeTypesQueued) {
      queue.push(NODE_TYPES);
      nodeTypesQueued = true;
    }
    if (queue.length === 0) break;
    const { name: pkg, range, required } = queue.shift();
    if (placed.has(pkg)) continue;
    const files = await typedRelease(pkg, range, required);
    if (!files) continue;
    placed.add(pkg);
    for (const [file, text] of files) {
      if (file !== 'package.json' && !DECLARATION.test(file)) continue;
      const to = path.join(dir, 'node_modules', pkg, file);
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, text);
    }
    const manifest = JSON.parse(files.get('package.json') ?? '{}');
    for (const field of ['dependencies', 'peerDependencies']) {
      for (const [dep, depRange] of Object.entries(manifest[field] ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        // An @types package that depends on the package it types (a stub) would install it nested, under its
        // own node_modules, where the consumer's imports never look: the consumer's copy stays untyped.
        if (dep === typedPackageOf(pkg)) continue;
        if (!placed.has(dep)) queue.push({ name: dep, range: depRange, required: false });
      }
    }
  }
}

/** A release's files when it has declarations; else, for a dependency, its @types package; a dependency found nowhere is left out. */
async function typedRelease(name, range, required) {
  const fetched = await fetchNpmRelease(name, range, {}).catch((error) => {
    if (required) throw error;
    return undefined;
  });
  if (required || (fetched && [...fetched.files.keys()].some((file) => DECLARATION.test(file)))) return fetched?.files;
  if (name.startsWith('@types/')) return undefined;
  return (await fetchNpmRelease(typesPackageOf(name), 'latest', {}).catch(() => undefined))?.files;
}
