// Where the local dev server runs, decided once by `npm run dev` (scripts/dev.ts)
// and read back by the tools that purge its cache (content:publish, comments,
// import:wordpress). Pure functions: the files, processes and ports are the
// callers' business.

/** Written by `npm run dev` while its server runs; removed when it stops. */
export const DEV_SERVER_FILE = '.wrangler/causerie-dev.json';

/** wrangler dev's own default port. */
export const WRANGLER_DEFAULT_PORT = 8787;

export interface DevServerRecord {
  /** The blog's address on this machine, what BLOG_URL is while it runs. */
  url: string;
  /** The `npm run dev` process: the record is stale once it is gone. */
  pid: number;
}

export function parseDevServerRecord(text: string): DevServerRecord | null {
  try {
    const value = JSON.parse(text) as Partial<DevServerRecord>;
    if (typeof value.url !== 'string' || !/^https?:\/\//.test(value.url)) return null;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return { url: value.url, pid: value.pid };
  } catch {
    return null;
  }
}

/** The value of `--name value` or `--name=value` among wrangler dev's arguments (the last one wins, as in yargs). */
export function optionValue(args: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === `--${name}`) found = args[++index];
    else if (arg.startsWith(`--${name}=`)) found = arg.slice(name.length + 3);
  }
  return found;
}

export interface PortChoice {
  port: number;
  /** Said on the command line: used as it is, never swapped for a free one. */
  explicit: boolean;
}

/** `--port` on the command line, else wrangler.toml's [dev] port, else wrangler's 8787. */
export function choosePort(args: readonly string[], configuredPort: number | undefined): PortChoice {
  const given = optionValue(args, 'port');
  if (given !== undefined) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new Error(`--port must be a port number, not "${given}"`);
    return { port, explicit: true };
  }
  return { port: configuredPort ?? WRANGLER_DEFAULT_PORT, explicit: configuredPort !== undefined };
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '*', 'localhost', '127.0.0.1', '::1']);

/**
 * The blog's address in local development: the scheme, host and port wrangler
 * dev listens on, with BLOG_URL's path (a blog under /blog stays under /blog).
 */
export function localBlogUrl(
  blogUrl: string,
  listen: { port: number; ip?: string | undefined; protocol?: string | undefined },
): string {
  const scheme = listen.protocol === 'https' ? 'https' : 'http';
  const host =
    listen.ip === undefined || ANY_ADDRESS.has(listen.ip)
      ? 'localhost'
      : listen.ip.includes(':')
        ? `[${listen.ip}]`
        : listen.ip;
  const path = new URL(blogUrl).pathname.replace(/\/+$/, '');
  return `${scheme}://${host}:${listen.port}${path}`;
}

export interface PurgeTargetFacts {
  /** The tool writes to the remote (production) D1. */
  remote: boolean;
  /** CAUSERIE_URL from the environment: always wins. */
  override: string | undefined;
  /** BLOG_URL of wrangler.toml: the production address. */
  blogUrl: string;
  /** What `npm run dev` recorded, if anything. */
  devServer: DevServerRecord | null;
  isRunning: (pid: number) => boolean;
  /** Where a wrangler dev started without `npm run dev` listens: [dev] port or 8787. */
  defaultLocalUrl: string;
}

export type PurgeTarget = {
  url: string;
  /** Why this address: said when it cannot be reached. */
  from: 'CAUSERIE_URL' | 'BLOG_URL' | 'npm run dev' | 'default';
};

/** Which server a tool asks to purge its cache after writing to D1. */
export function purgeTarget(facts: PurgeTargetFacts): PurgeTarget {
  if (facts.override) return { url: facts.override, from: 'CAUSERIE_URL' };
  if (facts.remote) return { url: facts.blogUrl, from: 'BLOG_URL' };
  if (facts.devServer && facts.isRunning(facts.devServer.pid)) return { url: facts.devServer.url, from: 'npm run dev' };
  return { url: facts.defaultLocalUrl, from: 'default' };
}
