import { describe, expect, it } from 'vitest';
import { attachmentPoint } from '../../src/comments/threads';

// chain = the parent, then its ancestors up to the thread's first comment.
describe('where a reply attaches', () => {
  it('attaches a new comment to nothing', () => {
    expect(attachmentPoint([], 3)).toBeNull();
  });

  it('attaches under its parent while the thread is shallow enough', () => {
    expect(attachmentPoint([10], 3)).toBe(10); // reply at level 2
    expect(attachmentPoint([20, 10], 3)).toBe(20); // reply at level 3
  });

  it('attaches beside the deepest allowed level beyond it', () => {
    expect(attachmentPoint([30, 20, 10], 3)).toBe(20); // would be level 4 → level 3
    expect(attachmentPoint([50, 40, 30, 20, 10], 3)).toBe(20);
    expect(attachmentPoint([30, 20, 10], 2)).toBe(10);
  });

  it('makes every comment top-level when threads are off', () => {
    expect(attachmentPoint([30, 20, 10], 1)).toBeNull();
  });
});
