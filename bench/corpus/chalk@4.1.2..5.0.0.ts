// chalk 4.1.2 → 5.0.0: `export =` of a value merged with a namespace became ES exports (issue 12). The tool
// reported `export=` removed and every name added; a consumer of the default import meets `chalk.keyword`
// removed (TS2339 against 5.0.0).
import chalk from 'chalk';

export const warning: string = chalk.keyword('orange')('warning');
