import { constants as fsConstants, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ini from 'ini';
import pacote from 'pacote';
import semver from 'semver';
import { InputError } from '../core/input-error.js';
import { readTarball } from './tarball.js';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export interface NpmOptions {
  /** Wins over every .npmrc and the environment. */
  registry?: string;
  /** Where fetched packuments and tarballs are kept; default `$XDG_CACHE_HOME/api-semver/npm`. */
  cache?: string;
  /** Answer from the cache only. */
  offline?: boolean;
  /** Where the project's `.npmrc` is looked for; default the current directory. */
  cwd?: string;
  /** npm configuration keys as in an .npmrc (`registry`, `@scope:registry`, `//host/:_authToken`, …); they win over the files. */
  npmrc?: Record<string, string>;
  /** One-line notices about things skipped on the way (an unusable cache, a changeset that is not a file). */
  onWarning?: (message: string) => void;
}

// ------------------------------------------------------------------ specs

/**
 * `npm:<name>[@<range|version|tag>]`, or a bare `<name>@<range>` that cannot
 * be a path. Undefined when the string is not an npm spec; an `npm:` spec
 * that is malformed is an InputError, since the user clearly meant npm.
 */
export function parseNpmSpec(spec: string): { name: string; range: string } | undefined {
  if (spec.startsWith('npm:')) {
    const parsed = splitNameAndRange(spec.slice('npm:'.length));
    const name = parsed.name;
    const range = parsed.range === undefined || parsed.range === '' ? 'latest' : parsed.range;
    if (!isPackageName(name)) throw new InputError(`'${name}' is not a valid npm package name`, spec);
    if (!isRegistryRange(range)) {
      throw new InputError(`'${range}' is not a version, range or dist-tag`, spec);
    }
    return { name, range };
  }
  // Anything that could be a path stays a path.
  if (/^[./~]/.test(spec) || spec.includes('\\') || /\.(?:d\.[mc]?ts|tgz|tar|tar\.gz)$/i.test(spec)) {
    return undefined;
  }
  const { name, range } = splitNameAndRange(spec);
  if (range === undefined || range === '') return undefined;
  return isPackageName(name) && isRegistryRange(range) ? { name, range } : undefined;
}

function splitNameAndRange(spec: string): { name: string; range?: string } {
  // The `@` of a scope is not the separator.
  const at = spec.indexOf('@', 1);
  return at === -1 ? { name: spec } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/** validate-npm-package-name's rules for old packages (capitals allowed): URL-safe parts, no leading `.` or `_`. */
function isPackageName(name: string): boolean {
  if (name.length === 0 || name.length > 214 || name.trim() !== name) return false;
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  const parts = scoped ? [scoped[1]!, scoped[2]!] : [name];
  if (!scoped && (name.startsWith('.') || name.startsWith('_'))) return false;
  if (scoped && (parts[1]!.startsWith('.') || parts[1]!.startsWith('_'))) return false;
  if (['node_modules', 'favicon.ico'].includes(name.toLowerCase())) return false;
  return parts.every((part) => part !== '' && encodeURIComponent(part) === part);
}

/**
 * Whether npm reads `name@range` as a registry spec (a version, range or
 * dist-tag). Anything else would make pacote fetch a folder, a URL or a git
 * repository, and preparing a git dependency runs its scripts.
 */
function isRegistryRange(range: string): boolean {
  if (range.trim() === '') return false;
  // npm-package-arg reads these as files before it considers the registry.
  if (/^(?:\.|~\/|\/|[a-zA-Z]:)/.test(range) || /\.(?:tgz|tar\.gz|tar)$/i.test(range)) return false;
  if (range.includes(':') || range.includes('/')) return false;
  return semver.validRange(range, { loose: true }) !== null || encodeURIComponent(range) === range;
}

// ---------------------------------------------------------------- options

type NpmrcValue = string | boolean | string[];
type Npmrc = Record<string, NpmrcValue>;

/**
 * The flat options pacote and npm-registry-fetch take, from the user's npm
 * configuration (user and project .npmrc, `npm_config_registry`) and the
 * explicit options, which win.
 */
export async function npmOptions(options: NpmOptions): Promise<Record<string, unknown>> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const userFile = envValue('npm_config_userconfig') ?? path.join(os.homedir(), '.npmrc');
  const projectFile = path.join(await projectRoot(cwd), '.npmrc');

  // npm's precedence, lowest first: user file, project file, environment, command line.
  const config: Npmrc = { ...(await readNpmrc(userFile)) };
  if (path.resolve(projectFile) !== path.resolve(userFile)) Object.assign(config, await readNpmrc(projectFile));
  const envRegistry = envValue('npm_config_registry');
  if (envRegistry !== undefined && envRegistry !== '') config.registry = envRegistry;
  Object.assign(config, options.npmrc ?? {});
  if (options.registry !== undefined) config.registry = options.registry;

  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    // Scoped registries and per-registry credentials are read by npm-registry-fetch as they are.
    if (key === 'registry' || /^@[^:/]+:registry$/.test(key) || key.startsWith('//')) flat[key] = value;
  }
  const bool = (key: string): boolean | undefined => {
    const v = config[key];
    return v === undefined ? undefined : v === true || v === 'true';
  };
  const num = (key: string): number | undefined => {
    const v = config[key];
    const n = typeof v === 'string' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const str = (key: string): string | undefined => {
    const v = config[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  // The network settings users behind proxies and private CAs need, renamed as npm does.
  const mapped: Record<string, unknown> = {
    strictSSL: bool('strict-ssl'),
    ca: Array.isArray(config.ca) ? config.ca : str('ca'),
    cert: str('cert'),
    key: str('key'),
    proxy: str('proxy'),
    httpsProxy: str('https-proxy'),
    noProxy: Array.isArray(config.noproxy) ? config.noproxy.join(',') : str('noproxy'),
    localAddress: str('local-address'),
    maxSockets: num('maxsockets'),
    timeout: num('fetch-timeout'),
    // npm retries twice by default; its 10 s first back-off is long for a diff tool.
    fetchRetries: num('fetch-retries') ?? 2,
    fetchRetryFactor: num('fetch-retry-factor') ?? 4,
    fetchRetryMintimeout: num('fetch-retry-mintimeout') ?? 1000,
    fetchRetryMaxtimeout: num('fetch-retry-maxtimeout') ?? 10_000,
  };
  const cafile = str('cafile');
  if (cafile !== undefined && mapped.ca === undefined) mapped.ca = await readCertificates(cafile);
  for (const [key, value] of Object.entries(mapped)) if (value !== undefined) flat[key] = value;

  flat.registry ??= DEFAULT_REGISTRY;
  flat.cache = await usableCache(options.cache ?? defaultCache(), options);
  if (options.offline) flat.offline = true;
  return flat;
}

function defaultCache(): string {
  return path.join(cacheRoot(), 'npm');
}

/**
 * The npm cache folder when it can be used; else, online, a throwaway one (with a warning), so that a
 * read-only or misplaced cache costs only the download. Offline, a readable cache is enough.
 */
async function usableCache(folder: string, options: NpmOptions): Promise<string> {
  const offline = options.offline === true;
  let problem: string | undefined;
  try {
    const stat = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => {
      // Offline, a cache that does not exist yet is only empty: the fetch says what is missing.
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stat !== undefined && !stat.isDirectory()) problem = 'not a directory';
    else if (stat !== undefined || !offline) {
      await fs.mkdir(folder, { recursive: true });
      await fs.access(folder, offline ? fsConstants.R_OK : fsConstants.R_OK | fsConstants.W_OK);
    }
  } catch (error) {
    problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  if (problem === undefined) return folder;
  if (offline) throw new InputError(`the npm cache is not usable (${problem}), and --offline allows nothing else`, folder);
  options.onWarning?.(`npm cache ${folder} is not usable (${problem}): fetching without it`);
  return throwawayCache();
}

let throwaway: Promise<string> | undefined;

function throwawayCache(): Promise<string> {
  throwaway ??= fs.mkdtemp(path.join(os.tmpdir(), 'api-semver-npm-')).then((dir) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
  return throwaway;
}

/** The tool's folder under the user's cache directory (`$XDG_CACHE_HOME/api-semver` or `~/.cache/api-semver`). */
export function cacheRoot(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'api-semver');
}

/** npm reads `npm_config_*` variables whatever their case. */
function envValue(name: string): string | undefined {
  const exact = process.env[name] ?? process.env[name.toUpperCase()];
  if (exact !== undefined) return exact;
  const key = Object.keys(process.env).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : process.env[key];
}

/** npm's localPrefix: the nearest folder holding a package.json or node_modules, else cwd. */
async function projectRoot(cwd: string): Promise<string> {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    for (const marker of ['package.json', 'node_modules']) {
      if (await fs.stat(path.join(dir, marker)).then(() => true, () => false)) return dir;
    }
    if (path.dirname(dir) === dir) return cwd;
  }
}

async function readNpmrc(file: string): Promise<Npmrc> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new InputError(`cannot read: ${(error as Error).message}`, file);
  }
  const out: Npmrc = {};
  for (const [key, value] of Object.entries(ini.parse(text))) {
    // `[section]` tables mean nothing to npm.
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) continue;
    const expanded: NpmrcValue =
      typeof value === 'string'
        ? envReplace(value)
        : Array.isArray(value)
          ? value.map((v) => envReplace(String(v)))
          : Boolean(value);
    out[envReplace(key)] = expanded;
  }
  return out;
}

/** npm's `${VAR}` / `${VAR?}` substitution, where `\${` escapes; unset variables stay as written (or empty with `?`). */
function envReplace(text: string): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, optional?: string) => {
    const value = process.env[name] ?? (optional === '?' ? '' : `\${${name}}`);
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + value;
  });
}

async function readCertificates(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the cafile: ${(error as Error).message}`, file);
  }
  return text
    .split(/(?<=-----END CERTIFICATE-----)/)
    .map((s) => s.trim())
    .filter((s) => s.startsWith('-----BEGIN CERTIFICATE-----'));
}

// ---------------------------------------------------------------- fetching

/**
 * Resolves `name@range` on the registry and reads the release's tarball in
 * memory. pacote verifies the tarball against the packument's integrity;
 * nothing is extracted and no script runs.
 */
export async function fetchNpmRelease(
  name: string,
  range: string,
  options: NpmOptions,
): Promise<{ version: string; files: Map<string, string>; integrity?: string }> {
  const source = `npm:${name}@${range}`;
  if (!isPackageName(name)) throw new InputError(`'${name}' is not a valid npm package name`, source);
  if (!isRegistryRange(range)) throw new InputError(`'${range}' is not a version, range or dist-tag`, source);

  const flat = await npmOptions(options);
  // One packument request serves both the manifest and the tarball.
  const opts = { ...flat, packumentCache: new Map() } as pacote.Options;
  const registry = registryFor(name, flat);

  let manifest: Awaited<ReturnType<typeof pacote.manifest>>;
  try {
    manifest = await pacote.manifest(`${name}@${range}`, opts);
  } catch (error) {
    throw fetchError(error, { source, name, range, registry, offline: options.offline === true, cache: String(flat.cache) });
  }
  let tarball: Awaited<ReturnType<typeof pacote.tarball>>;
  try {
    tarball = await pacote.tarball(`${name}@${manifest.version}`, opts);
  } catch (error) {
    throw fetchError(error, {
      source,
      name,
      range,
      registry,
      offline: options.offline === true,
      cache: String(flat.cache),
      tarballOf: manifest.version,
    });
  }
  const files = await readTarball(tarball, source);
  const integrity = tarball.integrity || manifest._integrity || undefined;
  return integrity === undefined ? { version: manifest.version, files } : { version: manifest.version, files, integrity };
}

/** Every published version, oldest first; undefined when the registry does not know the package. */
export async function listVersions(name: string, options: NpmOptions): Promise<string[] | undefined> {
  const source = `npm:${name}`;
  if (!isPackageName(name)) throw new InputError(`'${name}' is not a valid npm package name`, source);
  const flat = await npmOptions(options);
  const registry = registryFor(name, flat);
  let packument: Awaited<ReturnType<typeof pacote.packument>>;
  try {
    packument = await pacote.packument(name, flat as pacote.Options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'E404') return undefined;
    throw fetchError(error, { source, name, range: '', registry, offline: options.offline === true, cache: String(flat.cache) });
  }
  return Object.keys(packument.versions ?? {})
    .filter((v) => semver.valid(v) !== null)
    .sort(semver.compare);
}

/** The registry npm-registry-fetch will ask for this package, for messages. */
function registryFor(name: string, flat: Record<string, unknown>): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const scoped = scope === undefined ? undefined : flat[`${scope}:registry`];
  const registry = typeof scoped === 'string' ? scoped : typeof flat.registry === 'string' ? flat.registry : DEFAULT_REGISTRY;
  try {
    // Credentials sometimes live in the URL; messages must not show them.
    const url = new URL(registry);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return registry;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ESOCKETTIMEDOUT',
  'ERR_SOCKET_TIMEOUT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

function fetchError(
  error: unknown,
  context: { source: string; name: string; range: string; registry: string; offline: boolean; cache: string; tarballOf?: string },
): InputError {
  if (error instanceof InputError) return error;
  const { source, name, range, registry } = context;
  const e = error as { code?: unknown; type?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const detail = oneLine(typeof e.message === 'string' ? e.message : String(error));
  const fail = (message: string): InputError => new InputError(message, source);

  switch (code) {
    case 'ENOTCACHED': {
      const missing = context.tarballOf !== undefined ? `the tarball of ${name}@${context.tarballOf}` : `the version list of ${name}${range === '' ? '' : ` (to resolve ${range})`}`;
      return fail(`${missing} is not in the npm cache ${context.cache}, and --offline is set`);
    }
    case 'E404':
      return context.tarballOf === undefined
        ? fail(`package ${name} not found in ${registry}`)
        : fail(`the tarball of ${name}@${context.tarballOf} is missing from ${registry}`);
    case 'ETARGET':
    case 'ENOVERSIONS':
      return fail(`no version of ${name} matches ${range}`);
    case 'EINTEGRITY':
      return fail(`the tarball of ${name}@${context.tarballOf ?? range} does not match its published integrity`);
    case 'E401':
    case 'E403':
    case 'EOTP':
      return fail(`${registry} refused access (${detail}); check the credentials for it in .npmrc`);
    case 'EJSONPARSE':
      return fail(`${registry} sent an unreadable answer (${detail})`);
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || e.type === 'system' || e.type === 'request-timeout') {
    return fail(`cannot reach ${registry}${context.offline ? '' : ' (use --offline to work from the cache)'}: ${detail}`);
  }
  if (typeof e.statusCode === 'number') return fail(`${registry} answered ${detail}`);
  return fail(`cannot fetch from ${registry}: ${detail}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
