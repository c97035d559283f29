// @types/yargs 17.0.34 → 17.0.35: yargs/yargs's parentRequire went from NodeRequire to NodeJS.Require, which
// @types/node declares as the same type; the tool reported a major (issue 12). A consumer passing a require
// function compiles against both: no break.
import { createRequire } from 'node:module';
import Yargs from 'yargs/yargs';

export const argv = Yargs(['--verbose'], '.', createRequire(import.meta.url)).parseSync();
