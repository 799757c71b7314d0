// The Worker as `wrangler deploy` would upload it, run in local workerd through
// Miniflare listening on a loopback port: no wrangler dev proxy in between.
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';

export type EdgeCacheMode = 'cache-api' | 'workers-cache' | 'off';

export interface BlogOptions {
  script: string;
  mode: EdgeCacheMode;
  /** Miniflare's state (D1, Cache API): instances started on the same directory share their data. */
  stateDir: string;
  /** The static assets directory (a copy of public/, plus the baseline page). */
  assetsDir: string;
  siteverifyUrl: string;
  /** [vars] to change from wrangler.toml's for this run. */
  vars?: Record<string, unknown>;
  /** Secrets with known values (e.g. the desk's password hash) instead of throwaway ones. */
  secrets?: Record<string, string>;
  /** Receives the Worker's console output instead of the terminal. */
  onWorkerLog?: (log: { level: string; message: string }) => void;
  /**
   * The D1 database and R2 bucket as wrangler.toml names them, so that a
   * stateDir written by wrangler (`--persist-to <dir>`: pass `<dir>/v3`) is
   * the one read; by default, names of the runtime's own.
   */
  storage?: 'wrangler';
  /**
   * Miniflare's local explorer, whose API lists the e-mails the Worker sent
   * (`/cdn-cgi/local/explorer/api/local/email/sending`): for the journeys that read them.
   */
  explorer?: boolean;
}

export interface Blog {
  mf: Miniflare;
  url: URL;
}

/** Secrets the Worker declares, with throwaway values (never Turnstile's test secrets: strict checks). */
function benchSecrets(required: string[]): Record<string, string> {
  return Object.fromEntries(required.map((name) => [name, `bench-${name.toLowerCase()}-not-a-real-secret`]));
}

export async function startBlog(options: BlogOptions): Promise<Blog> {
  const config = unstable_readConfig({});
  const secrets = (config as { secrets?: { required?: string[] } }).secrets?.required ?? [
    'TURNSTILE_SECRET_KEY',
    'IP_HASH_SALT',
    'COMMENT_TOKEN_KEY',
  ];
  const declared = (config.ratelimits ?? []) as {
    name: string;
    namespace_id: string;
    simple: { limit: number; period: 10 | 60 };
  }[];
  const ratelimits = Object.fromEntries(
    declared.map((limit) => [
      limit.name,
      { namespace_id: limit.namespace_id, simple: { limit: limit.simple.limit, period: limit.simple.period } },
    ]),
  );
  return startLoopbackWorker({
    name: 'causerie',
    script: options.script,
    stateDir: options.stateDir,
    assetsDir: options.assetsDir,
    compatibilityDate: config.compatibility_date,
    extra: {
      compatibilityFlags: config.compatibility_flags,
      ...(options.storage === 'wrangler'
        ? wranglerStorage(config)
        : { d1Databases: { DB: 'bench' }, r2Buckets: { MEDIA: 'media' } }),
      bindings: {
        ...(config.vars as Record<string, string>),
        ...(options.vars as Record<string, string>),
        ...benchSecrets(secrets),
        ...options.secrets,
        EDGE_CACHE: options.mode,
        TURNSTILE_SITEVERIFY_URL: options.siteverifyUrl,
      },
      ratelimits,
      ...notificationBindings(config),
      ...(options.explorer ? { unsafeLocalExplorer: true } : {}),
      assetsBinding: config.assets?.binding,
      ...(options.onWorkerLog ? { handleStructuredLogs: options.onWorkerLog } : {}),
    },
  });
}

interface QueueConsumer {
  queue: string;
  max_batch_size?: number;
  max_batch_timeout?: number;
  max_retries?: number;
  dead_letter_queue?: string;
}

/** The e-mail binding and the queues, producers and consumers, as wrangler.toml declares them. */
function notificationBindings(config: ReturnType<typeof unstable_readConfig>) {
  const queues = config.queues ?? {};
  return {
    email: { send_email: (config.send_email ?? []).map((binding: { name: string }) => ({ name: binding.name })) },
    queueProducers: Object.fromEntries(
      (queues.producers ?? []).map((producer: { binding: string; queue: string }) => [
        producer.binding,
        { queueName: producer.queue },
      ]),
    ),
    queueConsumers: Object.fromEntries(
      (queues.consumers ?? []).map((consumer: QueueConsumer) => [
        consumer.queue,
        {
          maxBatchSize: consumer.max_batch_size,
          maxBatchTimeout: consumer.max_batch_timeout,
          maxRetries: consumer.max_retries,
          deadLetterQueue: consumer.dead_letter_queue,
        },
      ]),
    ),
  };
}

/** The ids wrangler gives local D1 and R2 (the database id, the bucket name): its --persist-to files are found by them. */
function wranglerStorage(config: ReturnType<typeof unstable_readConfig>) {
  const database = config.d1_databases.find((entry: { binding: string }) => entry.binding === 'DB');
  const bucket = config.r2_buckets.find((entry: { binding: string }) => entry.binding === 'MEDIA');
  if (!database?.database_id || !bucket?.bucket_name)
    throw new Error('wrangler.toml has no DB database or MEDIA bucket');
  return { d1Databases: { DB: database.database_id }, r2Buckets: { MEDIA: bucket.bucket_name } };
}

/**
 * A Worker in local workerd on a loopback port, with static assets served
 * before it as deployed, and request logging off (it would go through Node
 * and be measured too).
 */
export async function startLoopbackWorker(options: {
  name: string;
  script: string;
  stateDir: string;
  assetsDir: string;
  compatibilityDate: string | undefined;
  extra: Record<string, unknown> & { assetsBinding?: string };
}): Promise<Blog> {
  const { assetsBinding, ...extra } = options.extra;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      logRequests: false,
      resourcePersistencePath: options.stateDir,
      name: options.name,
      modules: true,
      // Inline: path-based modules fail to start with this Miniflare build.
      script: options.script,
      compatibilityDate: options.compatibilityDate,
      ...extra,
      assets: { directory: options.assetsDir, binding: assetsBinding, routerConfig: { has_user_worker: true } },
    }),
  );
  return { mf, url: await mf.ready };
}
