// globby 16.1.1 → 16.2.0 (a minor release): the options parameters went from Options to GlobbyOptions (Options and
// one more optional member); the tool said major (param-type-changed, undecided, refuted) and now says minor
// (GlobbyOptions added). Calls written against 16.1.1, with either overload, compile against both releases.
import { globby, globbySync, type Options } from 'globby';

const options: Options = { cwd: '/tmp', gitignore: true, onlyFiles: true };
export const paths: Promise<string[]> = globby('*.ts', options);
export const entries = globby(['*.ts'], { ...options, objectMode: true });
export const sync: string[] = globbySync('*.ts', options);
