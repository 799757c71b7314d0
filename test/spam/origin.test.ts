import { describe, expect, it } from 'vitest';
import { isCrossSitePost } from '../../src/spam/origin';

const ORIGINS = ['https://blog.example'];
const post = (headers: Record<string, string>) =>
  new Request('https://blog.example/billet/comments', { method: 'POST', headers });

describe('cross-site POST check', () => {
  it('trusts Sec-Fetch-Site first', () => {
    expect(isCrossSitePost(post({ 'sec-fetch-site': 'same-origin' }), ORIGINS)).toBe(false);
    expect(isCrossSitePost(post({ 'sec-fetch-site': 'cross-site', origin: 'https://blog.example' }), ORIGINS)).toBe(
      true,
    );
    expect(isCrossSitePost(post({ 'sec-fetch-site': 'same-site' }), ORIGINS)).toBe(true);
  });

  it('falls back to Origin, and lets through clients that send neither', () => {
    expect(isCrossSitePost(post({ origin: 'https://blog.example' }), ORIGINS)).toBe(false);
    expect(isCrossSitePost(post({ origin: 'https://evil.example' }), ORIGINS)).toBe(true);
    expect(isCrossSitePost(post({ origin: 'null' }), ORIGINS)).toBe(true);
    expect(isCrossSitePost(post({}), ORIGINS)).toBe(false);
  });
});
