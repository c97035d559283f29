import { ts } from 'ts-morph';
import type { PackageFiles } from '../load/package-files.js';

/**
 * The release as consumers of its public API see it: declarations tagged `@internal` are removed, as API
 * Extractor's public rollup removes them. Without this a witness for "made internal" would still compile.
 * Files that never mention the tag are passed through untouched (and unparsed).
 */
export function publicFiles(release: PackageFiles): PackageFiles {
  let changed = false;
  const files = new Map<string, string>();
  for (const [name, text] of release.files) {
    const trimmed = text.includes('@internal') && /\.d\.[cm]?ts$/.test(name) ? trimInternal(name, text) : text;
    changed ||= trimmed !== text;
    files.set(name, trimmed);
  }
  return changed ? { ...release, files } : release;
}

const printer = ts.createPrinter({ removeComments: false });

function trimInternal(name: string, text: string): string {
  const sourceFile = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const internal = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node): ts.Node | undefined => {
      if (node !== sourceFile && isDeclarationLike(node) && internal(node)) return undefined;
      return ts.visitEachChild(node, visit, context);
    };
    return (root) => ts.visitEachChild(root, visit, context);
  };
  const [result] = ts.transform(sourceFile, [transformer]).transformed;
  return printer.printFile(result!);
}

function isDeclarationLike(node: ts.Node): boolean {
  return ts.isStatement(node) || ts.isClassElement(node) || ts.isTypeElement(node) || ts.isEnumMember(node);
}
