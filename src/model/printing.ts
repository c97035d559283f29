import { ts } from 'ts-morph';

/**
 * The checker's printer recurses once per level of a type, so a type nested a few hundred deep (which the
 * checker itself accepts: 355 nested object literals are enough) exhausts the stack. Such a type is named by
 * the text it was written with, which changes exactly when its declaration does; a type written nowhere (an
 * instantiation) by the printer's truncated form, which stops descending past a fixed length.
 */
export function printType(checker: ts.TypeChecker, type: ts.Type, flags: ts.TypeFormatFlags): string {
  return withinStack(
    () => checker.typeToString(type, undefined, flags),
    () => writtenText(type.aliasSymbol?.declarations?.[0] ?? type.symbol?.declarations?.[0]) ?? checker.typeToString(type, undefined, flags & ~ts.TypeFormatFlags.NoTruncation),
  );
}

/** `printType` for a signature. */
export function printSignature(checker: ts.TypeChecker, signature: ts.Signature, flags: ts.TypeFormatFlags): string {
  return withinStack(
    () => checker.signatureToString(signature, undefined, flags),
    () => writtenText(signature.getDeclaration()) ?? checker.signatureToString(signature, undefined, flags & ~ts.TypeFormatFlags.NoTruncation),
  );
}

function withinStack(print: () => string, fallback: () => string): string {
  try {
    return print();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fallback();
  }
}

function writtenText(node: ts.Node | undefined): string | undefined {
  return node && node.pos >= 0 ? node.getText().replace(/\s+/g, ' ') : undefined;
}

/** The names a type text binds itself: `infer X`, `[K in …]`, `<E>(…) =>`. */
export function boundNames(node: ts.Node, into = new Set<string>()): Set<string> {
  if (ts.isTypeParameterDeclaration(node)) into.add(node.name.text);
  ts.forEachChild(node, (child) => void boundNames(child, into));
  return into;
}

/** A node of a parsed type text written back, each child as `child` writes it: the walk of every rewriting of such a text. */
export function rewriteChildren(node: ts.Node, file: ts.SourceFile, child: (node: ts.Node) => string): string {
  const source = file.text;
  let written = '';
  let at = node.getStart(file);
  ts.forEachChild(node, (inner) => {
    written += source.slice(at, inner.getStart(file)) + child(inner);
    at = inner.end;
  });
  return written + source.slice(at, node.end);
}
