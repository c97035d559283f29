import { ts } from 'ts-morph';
import { InputError } from '../core/input-error.js';

/**
 * Parses a declaration file. TypeScript's parser recurses once per level of nesting, so a file nested some
 * hundreds deep (625 nested tuple types are enough) exhausts the stack: the compiler itself cannot read it,
 * and a consumer's `tsc` fails the same way. That is bad input, named by file and by the line where the
 * nesting is deepest, never an internal error.
 */
export function parseDeclaration(fileName: string, text: string, options: ts.ScriptTarget | ts.CreateSourceFileOptions, shownAs = fileName): ts.SourceFile {
  try {
    return ts.createSourceFile(fileName, text, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new InputError('nested too deeply for the TypeScript parser', shownAs, deepestPoint(text).line);
  }
}

/** Where bracket nesting first reaches its greatest depth (and that depth), counted by the scanner (strings and comments skipped). */
export function deepestPoint(text: string): { depth: number; line: number } {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  let depth = 0;
  let deepest = 0;
  let at = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.OpenBracketToken || token === ts.SyntaxKind.OpenParenToken || token === ts.SyntaxKind.LessThanToken) {
      if (++depth > deepest) [deepest, at] = [depth, scanner.getTokenStart()];
    } else if (token === ts.SyntaxKind.CloseBraceToken || token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseParenToken || token === ts.SyntaxKind.GreaterThanToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return { depth: deepest, line: text.slice(0, at).split('\n').length };
}
