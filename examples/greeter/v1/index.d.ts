/** How loud a greeting is. */
export declare enum Volume {
  Quiet = 0,
  Normal = 1,
}

export interface GreetOptions {
  name: string;
  volume?: Volume;
}

export interface Greeting {
  readonly text: string;
  readonly volume: Volume;
}

export declare function greet(options: GreetOptions): Greeting;

export declare function shout(text: string): string;

export declare class Greeter {
  constructor(prefix: string);
  greet(name: string): string;
}
