import { getLibFiles } from '@ts-morph/common';
import type { ApiSurface } from '../model/surface.js';

// The checker's text of a type names another package's types as bare names (@trpc/server 10's
// `APIGatewayProxyEvent` of `aws-lambda`), which a witness module cannot see. Where the model met that name as
// one package's type elsewhere in the release, the witness writes it through that package.

/** Package by type name, for every other package's type the model met in a release, by surface. */
const packagesBySurface = new WeakMap<ApiSurface, Map<string, Set<string>>>();

/**
 * The package whose type a bare name of the checker's text is: the one package the release meets a type of
 * that name from, unless TypeScript's lib declares the name too (then the text may mean the global).
 */
export function externalPackageOf(surface: ApiSurface, name: string): string | undefined {
  // Most bare names are the lib's own: those are settled without walking the release (0.6 s for @types/lodash).
  if (libGlobals().has(name)) return undefined;
  const packages = packagesOf(surface).get(name);
  return packages?.size === 1 ? [...packages][0] : undefined;
}

function packagesOf(surface: ApiSurface): Map<string, Set<string>> {
  let found = packagesBySurface.get(surface);
  if (found) return found;
  const index = new Map<string, Set<string>>();
  // Converted types share their parts: each is walked once.
  const seen = new WeakSet<object>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const type = value as { k?: unknown; pkg?: unknown; name?: unknown };
    if (type.k === 'external' && typeof type.pkg === 'string' && type.pkg !== 'lib' && typeof type.name === 'string') {
      const head = type.name.split('.')[0]!;
      index.set(head, (index.get(head) ?? new Set()).add(type.pkg));
    }
    Object.values(value).forEach(walk);
  };
  walk(surface.items);
  packagesBySurface.set(surface, (found = index));
  return found;
}

let globals: Set<string> | undefined;

/**
 * Names TypeScript's lib files declare, read once per process from their text (which comes with its whitespace
 * squeezed out, `…;interface Error{…`); names declared inside namespaces count too, which only leaves more names bare.
 */
function libGlobals(): Set<string> {
  if (globals) return globals;
  globals = new Set();
  const declaration = /\b(?:interface|type|class|var|let|const|function|namespace|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const { text } of getLibFiles()) for (const match of text.matchAll(declaration)) globals.add(match[1]!);
  return globals;
}
