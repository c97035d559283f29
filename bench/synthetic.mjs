// Synthetic packages of realistic shape for the scaling benchmark and the test suite's work guard:
// groups of an options interface, a result interface, a function between them, a class, an enum and an alias,
// referring to each other as real packages do. Deterministic: the same size gives the same text.

/** The declaration file of a package with about `exports` exports; `variant` 1 changes a few of them. */
export function syntheticDeclarations(exports, variant = 0) {
  const groups = Math.max(1, Math.round(exports / 6));
  const parts = [];
  for (let i = 0; i < groups; i++) {
    const changed = variant === 1 && i % 97 === 0;
    parts.push(
      `export interface Options${i} {`,
      `  readonly id: string;`,
      `  limit?: number;`,
      `  mode: 'fast' | 'safe'${changed ? " | 'lazy'" : ''};`,
      `  tags: readonly string[];`,
      `  onEvent?: (event: Result${i}, index: number) => void;`,
      `}`,
      `export interface Result${i} {`,
      `  readonly value: number;`,
      `  readonly items: Array<Options${i}>;`,
      `  readonly level: Level${i};`,
      `  next?: Result${i};`,
      `}`,
      `export declare function run${i}(options: Options${i}${changed ? ', signal?: AbortSignal' : ''}): Promise<Result${i}>;`,
      `export declare class Service${i}<T = string> {`,
      `  constructor(options: Options${i});`,
      `  readonly name: string;`,
      `  get(key: T): Result${i} | undefined;`,
      `  set(key: T, value: Result${i}): this;`,
      `  static create(options?: Partial<Options${i}>): Service${i};`,
      `}`,
      `export declare enum Level${i} { Low = 0, High = 1 }`,
      `export type Handler${i} = (result: Result${i}) => boolean | Promise<boolean>;`,
    );
  }
  return parts.join('\n') + '\n';
}
