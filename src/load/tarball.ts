import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { isDeclarationFile } from './entry-points.js';
import { InputError } from '../core/input-error.js';
import { DEFAULT_MAX_BYTES, SizeBudget, type SizeLimits } from './limits.js';
import { compareStrings } from '../core/compare.js';

export interface TarballLimits extends SizeLimits {
  /** Entries of any kind (files, folders, links); default 50,000. */
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 50_000;
// Headers, padding and pax records of one entry rarely exceed this; it only
// bounds how much decompressed data we accept beyond the entries' contents.
const OVERHEAD_PER_ENTRY = 4096;
const REGULAR_FILE = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Reads an npm package tarball in memory: package-relative posix path → text
 * of its declaration files, package.json files and tsconfig*.json files.
 * Nothing is written to disk; a link is resolved among the archive's own
 * entries and refused when it leads out of the package, so a hostile archive
 * can at worst be refused.
 */
export async function readTarball(
  data: Buffer,
  source: string,
  limits: TarballLimits = {},
): Promise<Map<string, string>> {
  const reader = new TarReader(source, limits.maxEntries ?? DEFAULT_MAX_ENTRIES, limits.maxBytes ?? DEFAULT_MAX_BYTES, new SizeBudget(limits), isGzip(data));
  if (reader.gzipped) await gunzipInto(data, reader);
  else reader.write(data);
  return reader.finish();
}

function isGzip(data: Buffer): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

// We decompress ourselves rather than let tar do it, so that every
// decompressed byte is counted against the limits (a gzip bomb stops early).
function gunzipInto(data: Buffer, reader: TarReader): Promise<void> {
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      resolve();
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (!reader.write(chunk)) {
        gunzip.destroy();
        settle();
      }
    });
    gunzip.on('error', (error: NodeJS.ErrnoException) => {
      reader.fail(
        error.code === 'Z_BUF_ERROR'
          ? 'truncated archive (the gzip stream ends early)'
          : `corrupt gzip data (${error.message})`,
      );
      settle();
    });
    gunzip.on('end', settle);
    gunzip.end(data);
  });
}

class TarReader {
  private readonly parser: Parser;
  private readonly files = new Map<string, string>();
  /** Entries the filter kept, with their package-relative path. */
  private readonly kept = new WeakMap<ReadEntry, string>();
  /** In-package links: package-relative path → the package-relative path it leads to. */
  private readonly links = new Map<string, string>();
  private readonly streamCap: number;
  private failure: InputError | undefined;
  private entries = 0;
  private unpacked = 0;
  private streamed = 0;
  /** Whether the last thing the parser reported was a zero block (the end-of-archive marker). */
  private atEnd = false;
  private sawEof = false;
  private finished = false;

  constructor(
    private readonly source: string,
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly budget: SizeBudget,
    readonly gzipped: boolean,
  ) {
    this.streamCap = maxBytes + OVERHEAD_PER_ENTRY * (maxEntries + 2);
    this.parser = new Parser({
      // Strict: a damaged header would otherwise be skipped silently, and a
      // declaration file missing from the result reads as an API removal.
      strict: true,
      // Decompression is ours (see gunzipInto); tar must not guess at more.
      brotli: false,
      zstd: false,
      filter: (_path, entry) => this.filter(entry as ReadEntry),
    });
    this.parser.on('entry', (entry: ReadEntry) => this.collect(entry));
    this.parser.on('ignoredEntry', () => (this.atEnd = false));
    this.parser.on('nullBlock', () => (this.atEnd = true));
    this.parser.on('eof', () => {
      this.atEnd = true;
      this.sawEof = true;
    });
    this.parser.on('end', () => (this.finished = true));
    this.parser.on('error', (error: Error & { tarCode?: string }) => this.onParserError(error));
  }

  /** Feeds decompressed tar data; false once reading should stop. */
  write(chunk: Buffer): boolean {
    if (this.failure) return false;
    this.streamed += chunk.length;
    if (this.streamed > this.streamCap) {
      this.fail(`unpacks to more than ${this.maxBytes} bytes`);
      return false;
    }
    // Whatever follows the end-of-archive marker is not part of the package,
    // and tar would keep it all in memory.
    if (!this.sawEof) this.parser.write(chunk);
    return this.failure === undefined;
  }

  finish(): Map<string, string> {
    if (!this.failure) this.parser.end();
    if (this.failure) throw this.failure;
    // Without the marker, an archive cut at an entry boundary would look
    // complete, and the missing declaration files would read as removals.
    if (!this.finished || !this.atEnd) {
      throw new InputError('truncated archive (no end-of-archive marker)', this.source);
    }
    const failure = this.resolveLinks();
    if (failure) throw failure;
    return new Map([...this.files].sort(([a], [b]) => compareStrings(a, b)));
  }

  /**
   * A link to a file read gets its text; a link to a folder gets the files read below it. Links are
   * taken in path order, one folder link is not followed through another, and every copy counts as an
   * entry, so the work stays bounded. Returns the failure that stopped it, if one did.
   */
  private resolveLinks(): InputError | undefined {
    const names = [...this.files.keys()].sort();
    for (const [link, target] of [...this.links].sort(([a], [b]) => compareStrings(a, b))) {
      const file = this.followFileLinks(target);
      if (file !== undefined) {
        if (isWanted(link)) this.addCopy(link, this.files.get(file)!);
        continue;
      }
      const prefix = `${target}/`;
      for (let i = lowerBound(names, prefix); i < names.length && names[i]!.startsWith(prefix) && !this.failure; i++) {
        this.addCopy(`${link}/${names[i]!.slice(prefix.length)}`, this.files.get(names[i]!)!);
      }
    }
    return this.failure;
  }

  /** The file a chain of links ends at, when it ends at a file read. */
  private followFileLinks(target: string): string | undefined {
    let current = target;
    for (let hops = 0; hops < 40 && !this.files.has(current); hops++) {
      const next = this.links.get(current);
      if (next === undefined) return undefined;
      current = next;
    }
    return this.files.has(current) ? current : undefined;
  }

  private addCopy(rel: string, text: string): void {
    if (this.files.has(rel) || this.failure) return;
    if (this.files.size >= this.maxEntries) {
      this.fail(`more than ${this.maxEntries} files once its links are followed`);
      return;
    }
    const refusal = this.budget.refusal(text.length);
    if (refusal !== undefined) this.fail(`'${rel}': ${refusal}`);
    else this.files.set(rel, text);
  }

  fail(message: string): false {
    if (this.failure === undefined) {
      this.failure = new InputError(message, this.source);
      // A plain error: tar decorates whatever it is given.
      this.parser.abort(new Error(message));
    }
    return false;
  }

  private filter(entry: ReadEntry): boolean {
    if (this.failure) return false;
    this.entries += 1;
    if (this.entries > this.maxEntries) return this.fail(`more than ${this.maxEntries} entries`);
    this.unpacked += entry.size ?? 0;
    if (this.unpacked > this.maxBytes) return this.fail(`unpacks to more than ${this.maxBytes} bytes`);

    const parts = archiveSegments(entry.path);
    if (parts === undefined) return this.fail(`entry '${entry.path}' escapes the package`);
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      const target = entry.linkpath ?? '';
      const inside = entry.type === 'SymbolicLink' ? symlinkStaysInside(parts, target) : hardlinkStaysInside(target);
      if (!inside) return this.fail(`link '${entry.path}' → '${target}' points outside the package`);
      const rel = parts.slice(1).join('/');
      const resolved = entry.type === 'SymbolicLink' ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), target.replace(/\\/g, '/'))) : archiveSegments(target)!.slice(1).join('/');
      if (rel !== '' && resolved !== '.' && resolved !== rel) this.links.set(rel, resolved);
      return false;
    }
    if (!REGULAR_FILE.has(entry.type)) return false;
    // Like npm, the first segment is the package folder, whatever its name.
    const rel = parts.slice(1).join('/');
    if (rel === '' || !isWanted(rel)) return false;
    // Checked on the header, before a byte is read: a file too large to hold is refused, not attempted.
    const refusal = this.budget.refusal(entry.size ?? 0);
    if (refusal !== undefined) return this.fail(`'${entry.path}': ${refusal}`);
    this.kept.set(entry, rel);
    return true;
  }

  private collect(entry: ReadEntry): void {
    this.atEnd = false;
    const rel = this.kept.get(entry);
    if (rel === undefined) {
      entry.resume();
      return;
    }
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => this.files.set(rel, Buffer.concat(chunks).toString('utf8')));
  }

  private onParserError(error: Error & { tarCode?: string }): void {
    if (this.failure) return;
    const message = error.message.replace(/^TAR_[A-Z_]+: /, '');
    if (error.tarCode === 'TAR_BAD_ARCHIVE' && /truncated/i.test(message)) {
      this.fail('truncated archive (an entry ends early)');
    } else if (this.entries === 0 && this.sawEof) {
      this.fail('empty archive: it holds no entries');
    } else if (this.entries === 0) {
      this.fail(
        this.gzipped
          ? 'not a gzip or tar archive (the gzip data does not hold a tar archive)'
          : 'not a gzip or tar archive',
      );
    } else {
      this.fail(`corrupt archive (${message})`);
    }
  }
}

/** The index of the first name not below `key` in sorted `names`. */
function lowerBound(names: readonly string[], key: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Segments of an archive path, or undefined when it, or its package-relative part, is absolute or has a `..` segment. */
function archiveSegments(path: string): string[] | undefined {
  // Backslashes and drive letters count too: the archive may be unpacked on Windows by someone else.
  if (/^(?:[/\\]|[a-zA-Z]:)/.test(path)) return undefined;
  const parts = path.split(/[/\\]/).filter((s) => s !== '' && s !== '.');
  // Below the package folder, a drive letter would make the package-relative path absolute on Windows.
  return parts.includes('..') || /^[a-zA-Z]:/.test(parts[1] ?? '') ? undefined : parts;
}

/** A symlink's target is relative to the folder holding the link. */
function symlinkStaysInside(linkParts: string[], target: string): boolean {
  if (/^(?:[/\\]|[a-zA-Z]:)/.test(target)) return false;
  // The package is everything below the first segment.
  let depth = linkParts.length - 2;
  if (depth < 0) return false;
  for (const segment of target.split(/[/\\]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      depth -= 1;
      if (depth < 0) return false;
    } else {
      depth += 1;
    }
  }
  return true;
}

/** A hardlink's target is an archive path, like the entry's own. */
function hardlinkStaysInside(target: string): boolean {
  const parts = archiveSegments(target);
  return parts !== undefined && parts.length >= 2;
}

function isWanted(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return isDeclarationFile(rel) || base === 'package.json' || /^tsconfig.*\.json$/.test(base);
}
