import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

// A registry on loopback for the tests that talk npm: packuments and tarballs built in memory, never the internet.

export interface TarEntry {
  path: string;
  body?: string | Buffer;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link';
  linkpath?: string;
  /** Declared size when it should differ from the body's. */
  size?: number;
}

/**
 * Builds a tar archive header by header, so tests can write what `tar.create`
 * refuses to (`..` paths, absolute paths, links out of the package).
 */
export function tarOf(entries: TarEntry[], options: { gzip?: boolean; eof?: boolean } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = typeof entry.body === 'string' ? Buffer.from(entry.body) : (entry.body ?? Buffer.alloc(0));
    const type = entry.type ?? 'File';
    const header = Buffer.alloc(512);
    new Header({
      path: entry.path,
      type,
      linkpath: entry.linkpath,
      size: entry.size ?? (type === 'File' ? body.length : 0),
      mode: type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
    }).encode(header, 0);
    blocks.push(header);
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  if (options.eof !== false) blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return options.gzip === false ? tar : gzipSync(tar);
}

/** A gzipped npm tarball of the given entries. */
export function tgz(entries: TarEntry[]): Buffer {
  return tarOf(entries);
}

/** A minimal release; its index.js must never run. */
export function release(name: string, version: string): Buffer {
  return tgz([
    { path: 'package/package.json', body: JSON.stringify({ name, version, types: 'index.d.ts' }) },
    { path: 'package/index.d.ts', body: `export declare const version: '${version}';\n` },
    { path: 'package/index.js', body: 'throw new Error("package code must never run")' },
  ]);
}

export function integrityOf(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

interface Published {
  versions: Record<string, Buffer>;
  distTags: Record<string, string>;
  /** Bearer token the registry demands for this package. */
  token?: string;
  /** Integrity to advertise instead of the real one. */
  lie?: boolean;
}

/** A registry on 127.0.0.1 serving packuments and tarballs from memory. */
export class FakeRegistry {
  readonly packages = new Map<string, Published>();
  requests: string[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Publishes releases with the given files (path in the package → text) under `package/`. */
  publishFiles(name: string, versions: Record<string, Record<string, string>>, distTags: Record<string, string>): void {
    this.packages.set(name, {
      versions: Object.fromEntries(
        Object.entries(versions).map(([version, files]) => [version, tgz(Object.entries(files).map(([file, body]) => ({ path: `package/${file}`, body })))]),
      ),
      distTags,
    });
  }

  publish(name: string, versions: string[], distTags: Record<string, string>, extra: Partial<Published> = {}): void {
    this.packages.set(name, {
      versions: Object.fromEntries(versions.map((v) => [v, release(name, v)])),
      distTags,
      ...extra,
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname).slice(1);
    this.requests.push(url);
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      res.writeHead(status, { 'content-type': type });
      res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const tarball = /^(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(url);
    const name = tarball ? tarball[1]! : url;
    const pkg = this.packages.get(name);
    if (pkg === undefined) return send(404, { error: 'Not found' });
    if (pkg.token !== undefined && req.headers.authorization !== `Bearer ${pkg.token}`) {
      return send(401, { error: 'authentication required' });
    }
    if (tarball) {
      const data = pkg.versions[tarball[2]!];
      return data === undefined ? send(404, { error: 'Not found' }) : send(200, data, 'application/octet-stream');
    }
    const base = name.split('/').pop()!;
    send(200, {
      name,
      'dist-tags': pkg.distTags,
      versions: Object.fromEntries(
        Object.entries(pkg.versions).map(([version, data]) => [
          version,
          {
            name,
            version,
            dist: {
              tarball: `${this.url}${name}/-/${base}-${version}.tgz`,
              integrity: pkg.lie ? integrityOf(Buffer.from('something else')) : integrityOf(data),
            },
          },
        ]),
      ),
    });
  }
}

