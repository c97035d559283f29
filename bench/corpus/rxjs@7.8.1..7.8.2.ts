// rxjs 7.8.1 → 7.8.2 (a patch release): Subscriber.next(value?: T) became next(value: T); the tool says major
// (param-made-required, verified). A subscriber of a value-less stream calling next() without an argument
// compiles against 7.8.1 and fails against 7.8.2 (TS2554).
import type { Subscriber } from 'rxjs';

export function tick(subscriber: Subscriber<number>): void {
  subscriber.next();
}
