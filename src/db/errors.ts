// Telling a database that is failing (down, overloaded, too slow) from a bug.
// Every D1 call of a request goes through src/db/deadline.ts, which turns any
// failure or timeout of the call into DatabaseUnavailableError: the page
// then answers 503 with Retry-After (or a stale copy) rather than 500.

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  /** True when D1 did not answer within the deadline (the call may still complete). */
  readonly timedOut: boolean;

  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut ?? false;
  }
}

/**
 * D1's own errors carry a "D1_" code or name D1 (e.g. "D1_ERROR: Network
 * connection lost", "D1 DB is overloaded"): recognised too, for code that
 * was handed the bare binding.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  return error instanceof Error && /(?:^|\b)D1(?:_| )/.test(error.message);
}
