// commander 7.2.0 → 8.0.0: `export =` became ES named exports (issue 12), and inside the names that correspond:
// Help.visibleArguments() returns Argument[] instead of { term, description } (TS2339 on `term`), an
// addHelpText callback must return a string (TS2769 for one returning nothing), CommanderStatic is gone (TS2305).
import { Command, Help } from 'commander';
import type { CommanderStatic } from 'commander';

const program = new Command();
export const terms: string[] = new Help().visibleArguments(program).map((argument) => argument.term);
program.addHelpText('after', () => undefined);
export type Static = CommanderStatic;
