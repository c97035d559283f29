import { ts } from 'ts-morph';

/**
 * The parts of a declaration as its author spelled them, read back from the one-line texts the surface keeps
 * (`Signature.text`, `Member.text`, `ApiItem.text`) with TypeScript's parser. Messages quote these: the model's
 * own types name generic parameters by position, sort unions and spell out default type arguments, which
 * means nothing to a reader. Each part is undefined where the text does not parse or does not write it.
 */
export interface TypeParamSpelling {
  name: string;
  /** The whole parameter: `const T extends string = "a"`. */
  text: string;
  constraint?: string;
  default?: string;
}

export interface SignatureSpelling {
  typeParams: TypeParamSpelling[];
  thisType?: string;
  /** The type of each parameter, `this` excluded (it is no parameter calls pass). */
  params: Array<string | undefined>;
  returns?: string;
}

export interface ItemSpelling {
  typeParams: TypeParamSpelling[];
  /** A variable's type or an alias's body. */
  type?: string;
}

/** `<T>(value: T): T` (a `Signature.text`). */
export function spellSignature(text: string): SignatureSpelling | undefined {
  const { statements, spell } = parse(`declare function f${text};`);
  const declaration = statements.find(ts.isFunctionDeclaration);
  if (!declaration) return undefined;
  const [first, ...rest] = declaration.parameters;
  const hasThis = first && ts.isIdentifier(first.name) && first.name.text === 'this';
  return {
    typeParams: typeParams(declaration.typeParameters, spell),
    ...(hasThis && first.type ? { thisType: spell(first.type) } : {}),
    params: (hasThis ? rest : declaration.parameters).map((p) => p.type && spell(p.type)),
    ...(declaration.type ? { returns: spell(declaration.type) } : {}),
  };
}

/** `readonly name?: string`, `[key: string]: number` (a property's `Member.text`): the type. */
export function spellMemberType(text: string): string | undefined {
  const { statements, spell } = parse(`interface I { ${text} }`);
  const member = statements.find(ts.isInterfaceDeclaration)?.members[0];
  const type = member && (ts.isPropertySignature(member) || ts.isIndexSignatureDeclaration(member)) ? member.type : undefined;
  return type && spell(type);
}

/** `type Id<T> = …`, `const x: …` (or `let`, `var`), `class Box<T> extends Base` (an `ApiItem.text`): type parameters and type. */
export function spellItem(text: string): ItemSpelling | undefined {
  const { statements, spell } = parse(itemSource(text.split('\n')[0]!));
  const statement = statements[0];
  if (!statement) return undefined;
  if (ts.isTypeAliasDeclaration(statement)) return { typeParams: typeParams(statement.typeParameters, spell), type: spell(statement.type) };
  if (ts.isVariableStatement(statement)) {
    const type = statement.declarationList.declarations[0]?.type;
    return { typeParams: [], ...(type ? { type: spell(type) } : {}) };
  }
  if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isFunctionDeclaration(statement)) {
    return { typeParams: typeParams(statement.typeParameters, spell) };
  }
  return undefined;
}

/** Item texts start with their declaration kinds (`class interface Foo<T>` for merged ones): one statement that parses. */
function itemSource(header: string): string {
  if (header.startsWith('type ')) return `${header};`;
  if (/^(?:const|let|var|function) /.test(header)) return `declare ${header};`;
  const kinds = /^((?:class|interface|enum|namespace|function|variable|type)\s+)+/.exec(header)?.[0] ?? '';
  const rest = header.slice(kinds.length);
  return kinds.includes('class') ? `declare class ${rest} {}` : `interface ${rest} {}`;
}

type Spell = (node: ts.Node) => string;

function typeParams(list: ts.NodeArray<ts.TypeParameterDeclaration> | undefined, spell: Spell): TypeParamSpelling[] {
  return (list ?? []).map((p) => ({
    name: p.name.text,
    text: spell(p),
    ...(p.constraint ? { constraint: spell(p.constraint) } : {}),
    ...(p.default ? { default: spell(p.default) } : {}),
  }));
}

/** The statements of a text and how to quote a node of it on one line (sliced: no parent pointers, half the cost). */
function parse(source: string): { statements: readonly ts.Statement[]; spell: Spell } {
  const file = ts.createSourceFile('spelling.d.ts', source, ts.ScriptTarget.Latest, false);
  const spell = (node: ts.Node) => source.slice(node.getStart(file), node.end).replace(/\s+/g, ' ');
  // A text that does not parse as what it claims to be spells nothing: better no type than a wrong one.
  const diagnostics = (file as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  return { statements: diagnostics?.length ? [] : file.statements, spell };
}

/**
 * A change as a message quotes it, `{ old, new }`: nothing where one side does not spell the part, or spells it
 * as the other does (what changed is then what a name means, which the declarations show).
 */
export function spelledChange(old: string | undefined, next: string | undefined): { old?: string; new?: string } {
  return old !== undefined && next !== undefined && old !== next ? { old, new: next } : {};
}
