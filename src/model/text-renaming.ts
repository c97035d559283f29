import { ts } from 'ts-morph';

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
  const prefix = 'type T = ';
  const file = ts.createSourceFile('text.ts', `${prefix}${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const spans: Array<{ start: number; end: number; name: string }> = [];
  const visit = (node: ts.Node): void => {
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isTypeParameterDeclaration(node) ? node.name : undefined;
    if (name && ts.isIdentifier(name) && names.has(name.text)) spans.push({ start: name.getStart(file), end: name.end, name: name.text });
    ts.forEachChild(node, visit);
  };
  visit((file.statements[0] as ts.TypeAliasDeclaration).type);
  const order: string[] = [];
  let form = '';
  let at = prefix.length;
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    if (!order.includes(span.name)) order.push(span.name);
    form += `${file.text.slice(at, span.start)}\u0001${order.indexOf(span.name)}`;
    at = span.end;
  }
  return { form: form + file.text.slice(at, file.text.length - 1), names: order };
}
