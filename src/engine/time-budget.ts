import vm from 'node:vm';
import { forgetLibTrees } from '../compiler/lib-files.js';
import { forgetReleaseTrees } from '../model/project.js';
import { InputError } from '../core/input-error.js';

/** Where the work stands, kept current by the work itself (one assignment per declaration), for the message. */
export interface Activity {
  /** What is being done, as a phrase: `analysing npm:x@1.0.0`, `compiling the witnesses`. */
  doing: string;
  /** The declaration the checker is resolving, where known: its API path and package-relative place. */
  declaration?: { path: string; file?: string | undefined; line?: number | undefined } | undefined;
}

/** The time limit ran out: the input is one the compiler cannot answer for in time. */
export class TimeLimitReached extends InputError {}

// Node's timers and vm timeouts take at most 2^31 - 1 ms (24.8 days); a longer budget is as good as none.
const LONGEST_WAIT = 2 ** 31 - 1;

let stopper: { context: vm.Context; script: vm.Script } | undefined;

/**
 * A wall-clock budget for one comparison. TypeScript's checker is synchronous and can take exponential time
 * (conditional types nested in their true branch), so a timer on the event loop would never fire while it
 * works: synchronous work runs through `run`, which stops it where it stands with the watchdog Node keeps for
 * `vm` timeouts (a thread that terminates the running script in place; not even its `finally` blocks run, and
 * what it had half built belongs to this comparison alone, which ends, except the lib trees Programs share, which
 * are dropped). Asynchronous work (downloads, git) is raced against the same clock by `race`.
 */
export class TimeBudget {
  readonly activity: Activity = { doing: 'starting' };
  private readonly deadline: number | undefined;

  /** `seconds` 0 or undefined: no limit. */
  constructor(private readonly seconds: number | undefined) {
    this.deadline = seconds ? Date.now() + seconds * 1000 : undefined;
  }

  /** Sets what is being done from now on. */
  doing(what: string): void {
    this.activity.doing = what;
    this.activity.declaration = undefined;
  }

  /** Runs synchronous work, stopped with TimeLimitReached when the budget runs out. */
  run<T>(task: () => T): T {
    if (this.deadline === undefined) return task();
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.exhausted();
    stopper ??= { context: vm.createContext({ task: undefined }), script: new vm.Script('task()') };
    stopper.context['task'] = task;
    try {
      return stopper.script.runInContext(stopper.context, { timeout: Math.min(Math.ceil(left), LONGEST_WAIT) }) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        // The library goes on living after a stopped comparison: nothing half built may outlive it.
        forgetLibTrees();
        forgetReleaseTrees();
        throw this.exhausted();
      }
      throw error;
    } finally {
      stopper.context['task'] = undefined;
    }
  }

  /** Waits for asynchronous work, rejecting with TimeLimitReached when the budget runs out first. */
  async race<T>(work: Promise<T>): Promise<T> {
    if (this.deadline === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.exhausted()), Math.min(Math.max(0, this.deadline! - Date.now()), LONGEST_WAIT));
    });
    try {
      return await Promise.race([work, expiry]);
    } finally {
      clearTimeout(timer);
    }
  }

  private exhausted(): TimeLimitReached {
    const { doing, declaration } = this.activity;
    const where = declaration ? `, at ${declaration.path}` : '';
    const advice = 'raise the limit with --timeout <seconds>, or --timeout 0 for none';
    const message = `time limit of ${this.seconds} s reached while ${doing}${where} (TypeScript's checker can take exponential time, e.g. on conditional types nested in their true branch): ${advice}`;
    return new TimeLimitReached(message, declaration?.file, declaration?.line);
  }
}
