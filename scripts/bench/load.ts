// Drives one URL with autocannon over loopback for a fixed time and keeps every
// response's latency (autocannon's own histogram rounds to whole milliseconds).
import autocannon from 'autocannon';

export interface LoadOptions {
  url: URL;
  path: string;
  method?: 'GET' | 'POST';
  /** The status every response must have; anything else is an error. */
  expectStatus: number;
  connections: number;
  seconds: number;
  /** Builds each request's headers and body (a fresh one every time). */
  makeRequest?: () => { headers: Record<string, string>; body?: string };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with another status than the expected one, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  const request: autocannon.Request = { method: options.method ?? 'GET', path: options.path };
  const { makeRequest } = options;
  if (makeRequest) {
    request.setupRequest = (base) => {
      const { headers, body } = makeRequest();
      return { ...base, headers: { ...base.headers, ...headers }, body };
    };
  }
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url.origin,
        connections: options.connections,
        duration: options.seconds,
        requests: [request],
        timeout: 30,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode === options.expectStatus) latencies.push(responseTime);
      else unexpected++;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    reqPerSec: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: unexpected + result.errors,
    statuses,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
