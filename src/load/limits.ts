import { InputError } from '../core/input-error.js';

/** How much of a release is read, whatever it comes from (a tarball, a directory, a git tree). */
export interface SizeLimits {
  /** One file the release is read for (a declaration file, package.json, a tsconfig); default 32 MiB. */
  maxFileBytes?: number;
  /** All of them together (for a tarball: every entry, read or not); default 512 MiB. */
  maxBytes?: number;
}

const MiB = 1024 * 1024;
// The largest declaration files published on npm are a few MiB; a file far beyond that is an attack or a
// mistake, and a string near V8's limit (about 512 MiB) cannot even be held.
export const DEFAULT_MAX_FILE_BYTES = 32 * MiB;
export const DEFAULT_MAX_BYTES = 512 * MiB;

/**
 * Counts the files a release will hold before they are read, and refuses (exit 2, naming the file and
 * the limit) the one that passes a limit, so that no read can run out of memory or string length.
 */
export class SizeBudget {
  private readonly maxFileBytes: number;
  private readonly maxBytes: number;
  private total = 0;

  constructor(limits: SizeLimits = {}) {
    this.maxFileBytes = limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** The reason to refuse a file of this size, or undefined when it fits (and is now counted). */
  refusal(size: number): string | undefined {
    if (size > this.maxFileBytes) return `${size} bytes, more than the limit of ${this.maxFileBytes} bytes for one file`;
    this.total += size;
    if (this.total > this.maxBytes) return `the release passes the limit of ${this.maxBytes} bytes in all with this file`;
    return undefined;
  }

  /** Like refusal, as an InputError naming the file. */
  take(file: string, size: number): void {
    const refusal = this.refusal(size);
    if (refusal !== undefined) throw new InputError(refusal, file);
  }
}
