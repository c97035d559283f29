/** How loud a greeting is. */
export declare enum Volume {
  Quiet = 0,
  Normal = 1,
  Loud = 2,
}

export interface GreetOptions {
  name: string;
  volume?: Volume;
  /** Added in 1.5: a language tag such as `en`. */
  locale?: string;
}

export interface Greeting {
  readonly text: string;
  readonly volume: Volume;
  readonly locale: string;
}

export declare function greet(options: GreetOptions): Greeting;

/** @deprecated Use {@link greet} with `Volume.Loud`. */
export declare function shout(text: string | number): string;

export declare class Greeter {
  constructor(prefix: string, suffix?: string);
  greet(name: string): string;
}
