import { ts } from 'ts-morph';

/**
 * The checker prints an instantiated `Pick<T, K>` as the mapped type it stands for: got 16's
 * `Except<T, K> = Pick<T, Exclude<keyof T, K>>` comes out as `{ [P in Exclude<keyof T, K>]: T[P]; }`.
 * Written back, that mapped type is no longer homomorphic (its keys are not `keyof T` nor a parameter
 * constrained to it), so it drops `T`'s optional and readonly modifiers, and the witness's type would demand
 * every optional property. Such a mapped type, keys drawn from `keyof T` by `Exclude` or `Extract` and each
 * mapped to `T[P]`, is written as the `Pick` it came from.
 */
export function withPicks(text: string): string {
  if (!text.includes(' in ')) return text;
  const prefix = 'type T = ';
  const file = ts.createSourceFile('text.ts', `${prefix}${text}`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    const pick = ts.isMappedTypeNode(node) ? picked(node, file) : undefined;
    if (!pick) return ts.forEachChild(node, visit);
    edits.push({ start: node.getStart(file) - prefix.length, end: node.getEnd() - prefix.length, text: `Pick<${withPicks(pick.object)}, ${withPicks(pick.keys)}>` });
  };
  visit(file.statements[0]!);
  return edits.reduceRight((result, edit) => `${result.slice(0, edit.start)}${edit.text}${result.slice(edit.end)}`, text);
}

/** The object and key texts of `{ [P in Exclude<keyof T, K>]: T[P] }` (or `Extract`), without modifiers or `as`. */
function picked(node: ts.MappedTypeNode, file: ts.SourceFile): { object: string; keys: string } | undefined {
  const constraint = node.typeParameter.constraint;
  if (node.readonlyToken || node.questionToken || node.nameType || !constraint || !node.type || !ts.isIndexedAccessTypeNode(node.type)) return undefined;
  const filter = ts.isTypeReferenceNode(constraint) && ts.isIdentifier(constraint.typeName) ? constraint.typeName.text : undefined;
  const source = filter === 'Exclude' || filter === 'Extract' ? (constraint as ts.TypeReferenceNode).typeArguments?.[0] : undefined;
  if (!source || !ts.isTypeOperatorNode(source) || source.operator !== ts.SyntaxKind.KeyOfKeyword) return undefined;
  const { objectType, indexType } = node.type;
  const index = bare(indexType);
  if (!ts.isTypeReferenceNode(index) || index.typeName.getText(file) !== node.typeParameter.name.text) return undefined;
  const object = bare(objectType).getText(file);
  return object === bare(source.type).getText(file) ? { object, keys: constraint.getText(file) } : undefined;
}

function bare(node: ts.TypeNode): ts.TypeNode {
  return ts.isParenthesizedTypeNode(node) ? bare(node.type) : node;
}
