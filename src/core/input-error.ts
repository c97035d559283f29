/**
 * The input cannot be used: a missing path, a file that is not a declaration
 * file, a broken package.json. The CLI prints `file:line: message` and exits
 * with 2, so the message should read well after a location and must not repeat
 * the file itself.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    public readonly file?: string,
    public readonly line?: number,
  ) {
    super(message);
  }
}

/** How an input error reads on one line wherever it is shown: `file:line: message`, each part only when known. */
export function formatInputError(error: InputError): string {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
  return `${where}${error.message}`;
}
