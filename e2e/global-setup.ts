// Starts the blog once for every journey (see scripts/e2e/harness.ts) and
// hands its address to the test files.
import type { TestProject } from 'vitest/node';
import { startE2eBlog } from '../scripts/e2e/harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    blogUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const blog = await startE2eBlog();
  console.log(`Blog ready at ${blog.url.origin} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  project.provide('blogUrl', blog.url.origin);
  return async () => {
    if (blog.workerProblems.length > 0) {
      console.log(`The Worker logged:\n${blog.workerProblems.map((line) => `  ${line}`).join('\n')}`);
    }
    await blog.stop();
  };
}
