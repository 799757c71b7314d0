// npm run dev [-- wrangler dev options, e.g. --port 8851]
// The blog on this machine, as it runs on Cloudflare, with nothing from the
// network: sets up the local D1 (./dev-setup.ts), then runs `wrangler dev` with
//   - BLOG_URL set to the address it listens on, so the blog's own links
//     (canonical, feeds, share links, Webmention endpoint) point at it, and
//     written to .wrangler/causerie-dev.json for the tools that purge its cache;
//   - the Cron Triggers of wrangler.toml fired on their schedule (wrangler dev
//     never fires them), so scheduled articles appear by themselves;
//   - with Cloudflare's Turnstile test keys, a local stand-in of the widget's
//     script and of siteverify (./turnstile/), so comments work offline.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { Cron } from 'croner';
import { unstable_readConfig } from 'wrangler';
import { setUpLocalBlog } from './dev-setup.ts';
import {
  choosePort,
  DEV_SERVER_FILE,
  type DevServerRecord,
  localBlogUrl,
  optionValue,
  parseDevServerRecord,
} from './lib/dev-server.ts';
import { turnstileStandInPlan } from './lib/turnstile-test-keys.ts';
import { type SiteverifyStandIn, startSiteverifyStandIn } from './turnstile/siteverify-stand-in.ts';
import { turnstileStandInScript } from './turnstile/widget-stand-in.ts';

const DEV_VARS = '.dev.vars';

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);

/** Whether something already listens on this port (on any address). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port the system says is free. */
function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One value of .dev.vars (dotenv syntax, read with Node's own parser), which wrangler dev gives the Worker over [vars]. */
function devVar(name: string): string | undefined {
  if (!existsSync(DEV_VARS)) return undefined;
  return parseEnv(readFileSync(DEV_VARS, 'utf8'))[name];
}

function writeDevServerRecord(record: DevServerRecord): void {
  mkdirSync(dirname(DEV_SERVER_FILE), { recursive: true });
  writeFileSync(DEV_SERVER_FILE, `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes the record if it is still ours (another `npm run dev` may have started since). */
function removeDevServerRecord(): void {
  if (!existsSync(DEV_SERVER_FILE)) return;
  if (parseDevServerRecord(readFileSync(DEV_SERVER_FILE, 'utf8'))?.pid === process.pid) rmSync(DEV_SERVER_FILE);
}

/**
 * Fires a Cron Trigger as Cloudflare would: the Worker's scheduled() with this
 * expression and the minute it was due. wrangler dev answers
 * /cdn-cgi/local/scheduled itself, before the Worker.
 */
async function fireCron(origin: string, cron: string, due: Date): Promise<void> {
  const url = new URL('/cdn-cgi/local/scheduled', origin);
  url.searchParams.set('cron', cron);
  url.searchParams.set('time', String(due.getTime()));
  // The server may be restarting (.dev.vars changed): a few tries, 5 s apart.
  let reason = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 5000));
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(50_000) });
      if (!response.ok) console.error(`[dev] Cron Trigger "${cron}": the Worker's scheduled() failed (see above).`);
      return;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  console.error(`[dev] Cron Trigger "${cron}" not fired: ${reason}.`);
}

/** Starts every Cron Trigger of wrangler.toml on its own schedule (UTC, as on Cloudflare). */
function scheduleCrons(origin: string, crons: readonly string[]): Cron[] {
  return crons.map(
    (cron) =>
      new Cron(cron, { timezone: 'UTC', protect: true }, async (job: Cron) => {
        // The minute it was due, not the moment the timer ran.
        const due = job.currentRun() ?? new Date();
        due.setUTCSeconds(0, 0);
        await fireCron(origin, cron, due);
      }),
  );
}

async function main(args: string[]): Promise<number> {
  const config = unstable_readConfig({ config: optionValue(args, 'config') });
  const vars = config.vars as Record<string, unknown>;
  const choice = choosePort(args, config.dev.port);
  let port = choice.port;
  if (!choice.explicit && !(await portIsFree(port))) {
    port = await anyFreePort();
    console.log(`[dev] Port ${choice.port} is taken: using ${port}.`);
  }
  await setUpLocalBlog();

  const blogUrl = localBlogUrl(String(vars.BLOG_URL ?? ''), {
    port,
    ip: optionValue(args, 'ip') ?? config.dev.ip,
    protocol: optionValue(args, 'local-protocol') ?? config.dev.local_protocol,
  });
  const wranglerArgs = ['dev', ...args, ...(choice.explicit ? [] : ['--port', String(port)])];
  wranglerArgs.push('--var', `BLOG_URL:${blogUrl}`);
  const lines = [`BLOG_URL is ${blogUrl} (wrangler.toml's ${String(vars.BLOG_URL)} stays for production).`];

  // `wrangler dev --remote` runs the Worker on Cloudflare: it cannot reach
  // this machine's stand-ins, and Cloudflare has no /cdn-cgi/local/scheduled.
  const remote = args.includes('--remote') || args.includes('-r');
  let standIn: SiteverifyStandIn | null = null;
  const plan = remote
    ? { standIn: false as const, reason: 'the Worker runs remotely' }
    : turnstileStandInPlan(
        devVar('TURNSTILE_SITE_KEY') ?? String(vars.TURNSTILE_SITE_KEY ?? ''),
        devVar('TURNSTILE_SECRET_KEY') ?? '',
      );
  if (plan.standIn) {
    standIn = await startSiteverifyStandIn(new URL(blogUrl).hostname, {
      widgetScript: turnstileStandInScript(plan.widget),
    });
    wranglerArgs.push('--var', `TURNSTILE_SCRIPT_URL:${standIn.scriptUrl}`);
    wranglerArgs.push('--var', `TURNSTILE_SITEVERIFY_URL:${standIn.url}`);
    lines.push(
      `Turnstile: test keys, so a local stand-in answers for the widget and siteverify (${new URL(standIn.url).origin}); no network needed.`,
    );
  } else {
    lines.push(`Turnstile: Cloudflare's widget and siteverify (${plan.reason}).`);
  }
  const crons: string[] = remote ? [] : (config.triggers.crons ?? []);
  if (crons.length > 0) {
    lines.push(
      `Cron Triggers ${crons.map((cron) => `"${cron}"`).join(', ')} (UTC): fired here on their schedule, whatever wrangler says below.`,
    );
  }
  for (const line of lines) console.log(`[dev] ${line}`);

  const startWrangler = (): ChildProcess =>
    spawn(process.execPath, [wranglerBin, ...wranglerArgs], {
      stdio: 'inherit',
      env: {
        ...process.env,
        // The Worker reads nothing of request.cf; without this, every start and
        // reload tries to download Cloudflare's sample of it, and prints a stack
        // trace (getaddrinfo ENOTFOUND) when offline.
        CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? 'false',
      },
    });
  let child = startWrangler();
  writeDevServerRecord({ url: blogUrl, pid: process.pid });
  const jobs = scheduleCrons(new URL(blogUrl).origin, crons);

  // wrangler dev reloads on changes to the code and wrangler.toml, not to
  // .dev.vars: restart it then, so that a new secret (`npm run admin:password
  // -- --write-dev-vars`) counts at once.
  let restarting = false;
  watchFile(DEV_VARS, { interval: 1000 }, (now, before) => {
    if (now.mtimeMs === before.mtimeMs || restarting || child.exitCode !== null) return;
    restarting = true;
    console.log(`[dev] ${DEV_VARS} changed: restarting wrangler dev to use it.`);
    child.kill('SIGINT');
  });

  // Ctrl-C reaches wrangler too (same terminal); a signal sent to this process alone is passed on.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      stopping = true;
      if (child.exitCode === null) child.kill(signal);
    });
  }
  let code = 0;
  for (;;) {
    code = await new Promise<number>((resolve) => {
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
    if (!restarting || stopping) break;
    restarting = false;
    child = startWrangler();
  }
  unwatchFile(DEV_VARS);
  for (const job of jobs) job.stop();
  removeDevServerRecord();
  await standIn?.close();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    removeDevServerRecord();
    console.error(`npm run dev: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
