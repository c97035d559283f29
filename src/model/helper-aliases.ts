import { ts } from 'ts-morph';
import { boundNames, rewriteChildren } from './printing.js';

/**
 * A file's own helper aliases, written out where the checker's text of a type names them. A type the model keeps
 * as the checker prints it (a conditional type) names the aliases of its parts (`NotAPrimitivePattern<p>`); a
 * helper that its module neither exports nor can be reached by consumers under that name is a spelling, not a
 * type of its own: ts-pattern 5.9.2 wrote 5.9.1's `p & void` as `NotAPrimitivePattern<p>`, the same parameter.
 * Only helpers whose body is plain structure are written out (no conditional, mapped or `infer` type, no generic
 * signature): an argument put in place of a parameter there means what the instantiation means, whereas a
 * conditional type distributes over an alias's argument and would not over the same argument written in place.
 */
interface Helper {
  params: readonly string[];
  /** Each parameter's default, where it has one. */
  defaults: ReadonlyArray<string | undefined>;
  body: ts.TypeNode;
}

const helpersByFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, Helper>>();

/** How deep helpers naming helpers are written out: deeper ones keep their names. */
const MAX_NESTING = 4;

/** `text` (the checker's text of a type declared in `file`) with the file's helper aliases written out. */
export function inlineHelpers(text: string, file: ts.SourceFile | undefined): string {
  const helpers = file && helpersOf(file);
  if (!file || !helpers?.size || text.length > MAX_TEXT || !mentionsAny(text, helpers)) return text;
  let known = written.get(file);
  if (!known) written.set(file, (known = new Map<string, string>()));
  let result = known.get(text);
  if (result === undefined) {
    const parsed = ts.createSourceFile('text.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    try {
      result = write((parsed.statements[0] as ts.TypeAliasDeclaration).type, parsed, helpers, new Map(), 0);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
    }
    // A helper that names its argument twice, nested in its own arguments, doubles the text at every level.
    if (result === undefined || result.length > MAX_TEXT) result = text;
    known.set(text, result);
  }
  return result;
}

/**
 * Texts are written once per file: the checker prints the same conditional type for every place it is met.
 * Past this size a text is kept as printed: writing helpers out serves short texts that differ by a spelling,
 * and the witnesses do not write out types this large anyway (see MAX_WITNESS_CHARS).
 */
const written = new WeakMap<ts.SourceFile, Map<string, string>>();
const MAX_TEXT = 16 * 1024;

/** Thrown as soon as a written-out helper passes MAX_TEXT, so that no larger text is ever built. */
class TooLarge extends Error {}

function mentionsAny(text: string, helpers: ReadonlyMap<string, Helper>): boolean {
  const words = new Set(text.match(/[\w$]+/g));
  return [...helpers.keys()].some((name) => words.has(name));
}

/** The top-level type aliases a module declares without exporting them, whose bodies are plain structure. */
function helpersOf(file: ts.SourceFile): ReadonlyMap<string, Helper> {
  let helpers = helpersByFile.get(file);
  if (helpers) return helpers;
  const found = new Map<string, Helper>();
  const exported = exportedNames(file);
  if (ts.isExternalModule(file)) {
    for (const statement of file.statements) {
      if (!ts.isTypeAliasDeclaration(statement) || exported.has(statement.name.text) || !plain(statement.type)) continue;
      const params = statement.typeParameters ?? [];
      found.set(statement.name.text, {
        params: params.map((p) => p.name.text),
        defaults: params.map((p) => p.default && flat(p.default.getText(file))),
        body: statement.type,
      });
    }
  }
  helpersByFile.set(file, (helpers = found));
  return helpers;
}

/** Names a module exports: by a modifier, or by name in an export list (`export { X }`, `export { X as Y }`). */
function exportedNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && ts.isTypeAliasDeclaration(statement)) names.add(statement.name.text);
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).getText(file));
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) names.add(statement.expression.text);
  }
  return names;
}

function plain(node: ts.Node): boolean {
  if (ts.isConditionalTypeNode(node) || ts.isMappedTypeNode(node) || ts.isInferTypeNode(node) || ts.isTypeParameterDeclaration(node) || ts.isTypeQueryNode(node)) return false;
  return !ts.forEachChild(node, (child) => (plain(child) ? undefined : true));
}

/** The names each helper's body binds, walked once per body rather than at every place it is written out. */
const boundByNode = new WeakMap<ts.Node, Set<string>>();

/**
 * Writes `node` with helper references replaced by their bodies and, inside a body, the helper's parameters by
 * the arguments (`args`, already written). Names the text binds itself (`infer X`, `[K in …]`) are not helpers.
 */
function write(node: ts.Node, file: ts.SourceFile, helpers: ReadonlyMap<string, Helper>, args: ReadonlyMap<string, string>, nesting: number): string {
  let bound = boundByNode.get(node);
  if (!bound) boundByNode.set(node, (bound = boundNames(node)));
  const rewrite = (n: ts.Node): string => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && !bound.has(n.typeName.text)) {
      const name = n.typeName.text;
      const arg = args.get(name);
      if (arg !== undefined && !n.typeArguments) return arg;
      const helper = helpers.get(name);
      // Arguments are written only for a helper: written here and again below, nested references would cost
      // twice per level (type-fest's deep `A<B<C<…>>>` texts took the analysis past 600 s).
      const given = helper && nesting < MAX_NESTING ? (n.typeArguments ?? []).map(rewrite) : [];
      if (helper && nesting < MAX_NESTING && given.length <= helper.params.length) {
        const put = new Map<string, string>();
        const complete = helper.params.every((param, i) => {
          const fallback = helper.defaults[i];
          const value = given[i] ?? (fallback && write(parse(fallback), parsedOf(fallback), helpers, put, nesting + 1));
          if (value === undefined) return false;
          put.set(param, atomic(value) ? value : `(${value})`);
          return true;
        });
        if (complete) {
          const body = write(helper.body, helper.body.getSourceFile(), helpers, put, nesting + 1);
          if (body.length > MAX_TEXT) throw new TooLarge();
          return standsAlone(n) || atomic(body) ? body : `(${body})`;
        }
      }
    }
    return rewriteChildren(n, file, rewrite);
  };
  return flat(rewrite(node));
}

const parsedDefaults = new Map<string, ts.SourceFile>();

function parsedOf(text: string): ts.SourceFile {
  let file = parsedDefaults.get(text);
  if (!file) parsedDefaults.set(text, (file = ts.createSourceFile('default.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)));
  return file;
}

function parse(text: string): ts.TypeNode {
  return (parsedOf(text).statements[0] as ts.TypeAliasDeclaration).type;
}

/** Whether a type written in place of `node` needs no parentheses: a whole branch, argument, element or member type. */
function standsAlone(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isConditionalTypeNode(parent)) return node === parent.trueType || node === parent.falseType;
  return (
    ts.isTypeReferenceNode(parent) ||
    ts.isTupleTypeNode(parent) ||
    ts.isNamedTupleMember(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isParameter(parent) ||
    ts.isParenthesizedTypeNode(parent) ||
    ts.isTypeAliasDeclaration(parent)
  );
}

/** A type text that reads as one operand: a name, a keyword, a literal, or one bracketed whole. */
function atomic(text: string): boolean {
  return /^[\w$.]+(<.*>)?(\[\])*$/.test(text) && !/[|&]/.test(text.replace(/<.*>/, '')) ? true : /^(\(.*\)|\[.*\]|\{.*\}|'[^']*'|"[^"]*")$/.test(text) && balanced(text);
}

/** Whether a bracketed text's first bracket closes at its end (`(a) | (b)` is not one bracketed whole). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0 && i < text.length - 1 && /[([{]/.test(text[0]!)) return false;
  }
  return true;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
