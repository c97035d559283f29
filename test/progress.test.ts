import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progress line', () => {
  it('rewrites one line on a terminal and clears it when done', () => {
    const { written, stream: s } = stream(true);
    const progress = createProgress(s, true);
    progress.step('fetching greeter@1.4.0');
    progress.step('analysing npm:greeter@1.4.0');
    progress.done();
    progress.done();
    expect(written).toEqual(['\r\u001b[Kfetching greeter@1.4.0…', '\r\u001b[Kanalysing npm:greeter@1.4.0…', '\r\u001b[K']);
  });

  it('writes nothing when not a terminal, or when quiet', () => {
    for (const [tty, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { written, stream: s } = stream(tty);
      const progress = createProgress(s, enabled);
      progress.step('fetching');
      progress.done();
      expect(written).toEqual([]);
    }
  });
});
