// execa 10.1.1 → 10.2.0, a minor release the tool calls major, with 8 verified findings: `$`'s result lost its
// writable stdin (`$`cmd`.stdin` is `Writable` in 10.1.1 and `null` in 10.2.0, written below), and the option-merging
// helpers were rewritten (`OptionsType & NewOptionsType` became `MergeOptions<…>`, `NodeOptions`, `ResultAll`,
// `ResultStdio` and `SubprocessAll` became conditional types distributing over `OptionsType`), and
// `SubprocessAsyncIterable` gained a third type parameter with a default. Calls, bound methods, results assigned
// to the old types, pipes, iteration and explicit type arguments written against 10.1.1 are checked here.
import {
  $,
  execa,
  execaNode,
  execaSync,
  ExecaError,
  type ExecaMethod,
  type ExecaScriptMethod,
  type Options,
  type Result,
  type ResultPromise,
  type Subprocess,
  type SyncOptions,
  type SyncResult,
} from 'execa';

export async function run(): Promise<void> {
  const result = await execa('echo', ['hi']);
  const asResult: Result = result;
  const text: string = result.stdout;
  const lines: string[] = (await execa({ lines: true })`ls`).stdout;
  const all: string = (await execa('ls', { all: true })).all;
  const buffered: Uint8Array = (await execa('ls', { encoding: 'buffer' })).stdout;

  const bound: ExecaMethod<{ cwd: string }> = execa({ cwd: '/tmp' });
  const nested = bound({ timeout: 10 });
  const fromNested: string = (await nested('pwd')).stdout;

  const subprocess: ResultPromise<{ all: true }> = execa('ls', { all: true });
  const typed: Subprocess<{ all: true }> = subprocess;
  for await (const line of typed) {
    const chunk: string = line;
    void chunk;
  }
  for await (const part of subprocess.iterable({ binary: true })) {
    const bytes: Uint8Array = part;
    void bytes;
  }
  const piped: Result<{}> = await execa('ls').pipe('sort');
  const pipedTo: string = (await execa('ls').pipe(execa('sort'))).stdout;

  const node: Result = await execaNode('script.js', ['--flag']);
  const nodeBound = execaNode({ nodeOptions: ['--no-warnings'] });
  const nodeOut: string = (await nodeBound('script.js')).stdout;
  const ipc: unknown[] = (await execaNode('script.js', { ipc: true })).ipcOutput;

  const script: ExecaScriptMethod<{ cwd: string }> = $({ cwd: '/tmp' });
  const scriptOut: string = (await script`ls`).stdout;
  const scriptSync: SyncResult = $.sync`ls`;
  $`cat`.stdin.write('input');

  const sync: SyncResult<SyncOptions> = execaSync('ls', ['-l']);
  const syncOut: string = execaSync('ls').stdout;
  const boundSync = execaSync({ cwd: '/tmp' });
  const boundSyncOut: string = boundSync('ls').stdout;

  const options: Options = { all: true, stripFinalNewline: false };
  const withOptions: Result<Options> = await execa('ls', options);
  try {
    await execa('false');
  } catch (error) {
    if (error instanceof ExecaError) {
      const code: number | undefined = error.exitCode;
      void code;
    }
  }
  void [asResult, text, lines, all, buffered, fromNested, piped, pipedTo, node, nodeOut, ipc, scriptOut, scriptSync, sync, syncOut, boundSyncOut, withOptions];
}
