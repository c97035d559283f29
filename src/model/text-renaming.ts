import { ts } from 'ts-morph';
import { rewriteChildren } from './printing.js';

/**
 * The checker's text of a type with some of its type names (the generic parameters it is bound to) put aside:
 * `form` is the text with each of them replaced by a numbered placeholder, `names` says which name each number
 * stands for. Two texts with one form are the same type once each placeholder gets the same argument, however
 * the declarations named their parameters: `keyof BaseType` in `SetOptional` and `keyof ObjectType` in
 * type-fest 6's `KeysOfUnion`. Only names in type positions are replaced (references, and the parameters a
 * text declares itself, which keeps the renaming consistent where one shadows another); a property named like
 * a parameter stays as written.
 */
export interface RenamedText {
  form: string;
  names: string[];
}

const renamed = new Map<string, RenamedText>();

export function renameTypeNames(text: string, names: ReadonlySet<string>): RenamedText {
  const key = `${[...names].sort().join(' ')}\u0000${text}`;
  let result = renamed.get(key);
  if (!result) {
    result = rename(text, names);
    renamed.set(key, result);
  }
  return result;
}

/**
 * Whether two texts may have one form (see renameTypeNames), asked before parsing them: compared with every
 * bound name put aside wherever it stands, texts that differ elsewhere are told apart without a parse.
 */
export function mayRenameAlike(a: string, aNames: ReadonlySet<string>, b: string, bNames: ReadonlySet<string>): boolean {
  if (a === b) return true;
  const blank = (text: string, names: ReadonlySet<string>) => text.replace(/[\w$]+/g, (word) => (names.has(word) ? '\u0001' : word));
  return blank(a, aNames) === blank(b, bNames);
}

function rename(text: string, names: ReadonlySet<string>): RenamedText {
  const file = ts.createSourceFile('text.ts', `type T = ${text};`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const order: string[] = [];
  const rewrite = (node: ts.Node): string => {
    if (!ts.isIdentifier(node) || !names.has(node.text) || !inTypePosition(node)) return rewriteChildren(node, file, rewrite);
    if (!order.includes(node.text)) order.push(node.text);
    return `\u0001${order.indexOf(node.text)}`;
  };
  const type = (file.statements[0] as ts.TypeAliasDeclaration).type;
  // What the parse leaves after the type (text it could not read as one) stays part of the form.
  return { form: rewrite(type) + file.text.slice(type.end, -1), names: order };
}

/** A name standing as a type: a reference's, or a type parameter's a text declares itself. */
function inTypePosition(name: ts.Identifier): boolean {
  const parent = name.parent;
  return (ts.isTypeReferenceNode(parent) && parent.typeName === name) || (ts.isTypeParameterDeclaration(parent) && parent.name === name);
}
