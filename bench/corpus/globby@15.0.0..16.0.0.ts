// globby 15.0.0 → 16.0.0 (a major release): the object-mode overloads now also take `{stats: true}` and
// GitignoreOptions gained optional members; the tool said major (param-type-changed, undecided, refuted) and now
// says minor (parameters widened, members added). Calls written against 15.0.0 compile against both releases: a
// major release for reasons the types do not show.
import { globby, globbySync, isGitIgnored, type Options } from 'globby';

const options: Options = { cwd: '/tmp', gitignore: true };
export const paths: Promise<string[]> = globby('*.ts', options);
export const entries = globby(['*.ts'], { ...options, objectMode: true });
export const sync: string[] = globbySync('*.ts', options);
export const ignored = isGitIgnored({ cwd: '/tmp' });
