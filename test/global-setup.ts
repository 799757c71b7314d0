// Vitest global setup, run once in Node before any test: builds the comment
// form's script into public/js/, which the worker project serves as a static
// asset (see test/client.test.ts). public/js/ is build output, not committed.
import { buildClient } from '../scripts/build-client.ts';

export default async function setup(): Promise<void> {
  await buildClient();
}
