/**
 * One line on stderr saying what is happening (fetching, analysing), rewritten in place; only on a
 * terminal, so logs and pipes stay clean.
 */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): { step: (text: string) => void; done: () => void } {
  const live = enabled && stream.isTTY === true;
  let shown = false;
  return {
    step(text) {
      if (!live) return;
      stream.write(`\r\u001b[K${text}…`);
      shown = true;
    },
    done() {
      if (!shown) return;
      stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
