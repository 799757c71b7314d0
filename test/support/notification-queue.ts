// The notification queue's producer watched for a test file: what the Worker
// handed to env.NOTIFICATIONS.sendBatch, batch by batch, and nothing really queued.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, vi } from 'vitest';

export interface WatchedQueue {
  /** Every batch handed over since the test began (clear it with `batches.length = 0`). */
  batches: { body: unknown }[][];
  /** The messages' bodies, in order. */
  queued: () => unknown[];
  /** The spy itself, for "never called". */
  sendBatch: () => ReturnType<typeof vi.fn>;
}

export function watchNotificationQueue(): WatchedQueue {
  const batches: { body: unknown }[][] = [];
  let spy = vi.fn();
  beforeEach(() => {
    batches.length = 0;
    spy = vi.fn(async (messages: { body: unknown }[]) => {
      batches.push(messages);
    });
    vi.spyOn(env.NOTIFICATIONS, 'sendBatch').mockImplementation(spy as never);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return { batches, queued: () => batches.flat().map(({ body }) => body), sendBatch: () => spy };
}
