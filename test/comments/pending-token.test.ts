import { describe, expect, it } from 'vitest';
import { PENDING_TOKEN_SECONDS, readPendingClaim, signPendingClaim } from '../../src/comments/pending-token';

const SECRET = 'secret';

describe('the pending-comment token', () => {
  it('shows the ids it was signed for, on its article, until it expires', async () => {
    const token = await signPendingClaim({ article: 7, ids: [1, 2], expires: 1000 + PENDING_TOKEN_SECONDS }, SECRET);
    expect(await readPendingClaim(token, 7, SECRET, 1000)).toEqual([1, 2]);
    expect(await readPendingClaim(token, 8, SECRET, 1000)).toEqual([]);
    expect(await readPendingClaim(token, 7, SECRET, 1001 + PENDING_TOKEN_SECONDS)).toEqual([]);
  });

  it('shows nothing for a token signed with another key, altered, or malformed', async () => {
    const token = await signPendingClaim({ article: 7, ids: [1], expires: 5000 }, SECRET);
    expect(await readPendingClaim(token, 7, 'other', 1000)).toEqual([]);
    const [payload, signature] = token.split('.') as [string, string];
    const altered = btoa(JSON.stringify({ article: 7, ids: [1, 99], expires: 5000 })).replace(/=+$/, '');
    expect(await readPendingClaim(`${altered}.${signature}`, 7, SECRET, 1000)).toEqual([]);
    expect(await readPendingClaim(`${payload}`, 7, SECRET, 1000)).toEqual([]);
    expect(await readPendingClaim('!!!.???', 7, SECRET, 1000)).toEqual([]);
    expect(await readPendingClaim(token, 7, '', 1000)).toEqual([]);
  });
});
