import { ts } from 'ts-morph';

/** A larger result is not written: it would cost the checker more than the witness proves. */
const MAX_RESULT_CHARS = 4096;

const PRINT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** How deep an object type is written out member by member where its printed text names something. */
const MAX_DEPTH = 2;

/** An object type with more properties is not written out: each property's type is resolved to write it. */
const MAX_PROPERTIES = 32;

/**
 * A text of the type that names nothing (see `closed`), so that it means the same type in any Program: the
 * checker's own print where that is closed, else, for an object type the print calls by the helpers that made
 * it (type-fest 6.0.2's `Exact<Record<string, number>, { 0: number }>` prints as `ExactProperties<…> & Record<0,
 * never> & RequireNone<0>`), its structure as the checker resolves it: each property with its optionality and
 * closed type, and each index signature (`{ [x: string]: number; '0': never; }`). `readonly` is left out: no
 * assignment sees it. Undefined where neither is closed.
 */
export function closedText(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): string | undefined {
  const text = written(checker, type, node, MAX_DEPTH);
  return text !== undefined && text.length <= MAX_RESULT_CHARS ? text : undefined;
}

function written(checker: ts.TypeChecker, type: ts.Type, node: ts.Node, depth: number): string | undefined {
  const printed = checker.typeToString(type, node, PRINT);
  if (closed(printed)) return printed;
  return depth > 0 ? structure(checker, type, node, depth - 1) : undefined;
}

/**
 * An object type or an intersection of object types written as one type literal. Only those whose print is a
 * composition (anonymous, mapped or intersected): an interface or class is a declaration whose members may be
 * generic, and callable types have signatures a literal would have to write with their generics.
 */
function structure(checker: ts.TypeChecker, type: ts.Type, node: ts.Node, depth: number): string | undefined {
  const parts = type.isIntersection() ? type.types : [type];
  if (!parts.every((part) => part.flags & ts.TypeFlags.Object && !checker.isArrayType(part) && !checker.isTupleType(part))) return undefined;
  if (!type.isIntersection() && !((type as ts.ObjectType).objectFlags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped))) return undefined;
  if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length || checker.getSignaturesOfType(type, ts.SignatureKind.Construct).length) return undefined;
  const properties = checker.getPropertiesOfType(type);
  if (properties.length > MAX_PROPERTIES) return undefined;
  const members: string[] = [];
  for (const info of checker.getIndexInfosOfType(type)) {
    const [key, value] = [written(checker, info.keyType, node, 0), written(checker, info.type, node, depth)];
    if (key === undefined || value === undefined) return undefined;
    members.push(`[x: ${key}]: ${value};`);
  }
  for (const property of properties) {
    // Symbol-keyed and private names have no key a literal can write.
    if (property.name.startsWith('__@') || property.name.startsWith('#')) return undefined;
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const value = propertyType(checker, property, optional, node, depth);
    if (value === undefined) return undefined;
    members.push(`${JSON.stringify(property.name)}${optional ? '?' : ''}: ${value};`);
  }
  return `{ ${members.join(' ')} }`;
}

/**
 * An optional property's type without the "missing" type the checker adds for its optionality under
 * exactOptionalPropertyTypes (an `undefined` other than the checker's own `undefined` type), as it is written.
 */
function propertyType(checker: ts.TypeChecker, property: ts.Symbol, optional: boolean, node: ts.Node, depth: number): string | undefined {
  const type = checker.getTypeOfSymbol(property);
  const missing = (t: ts.Type) => optional && (t.flags & ts.TypeFlags.Undefined) !== 0 && t !== checker.getUndefinedType();
  const types = type.isUnion() ? type.types.filter((t) => !missing(t)) : missing(type) ? [] : [type];
  if (types.length === 0) return 'never';
  if (types.length === (type.isUnion() ? type.types.length : 1)) return written(checker, type, node, depth);
  const texts = types.map((t) => written(checker, t, node, depth));
  return texts.every((t) => t !== undefined) ? texts.map((t) => `(${t})`).join(' | ') : undefined;
}

/**
 * A type text that names nothing: no reference, query or import, so it is the same type in any Program. Nor
 * `any`: a use whose old result holds it proves nothing either way, and a type the old release cannot resolve
 * (too deep an instantiation, an argument outside a constraint) is an error that prints as `any`.
 */
function closed(text: string): boolean {
  if (text.length > MAX_RESULT_CHARS || /\bany\b/.test(text)) return false;
  const parsed = ts.createSourceFile('result.ts', `type T = ${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  if (parsed.statements.length !== 1) return false;
  const open = (node: ts.Node): boolean =>
    ts.isTypeReferenceNode(node) || ts.isTypeQueryNode(node) || ts.isImportTypeNode(node) || ts.isInferTypeNode(node) || ts.isTypeParameterDeclaration(node) || node.kind === ts.SyntaxKind.ThisType || (ts.forEachChild(node, open) ?? false);
  return !open((parsed.statements[0] as ts.TypeAliasDeclaration).type);
}
