import { describe, expect, it } from 'vitest';
import { cacheKey, normalizedPageUrl } from '../../src/cache/key';

const BASE = 'https://blog.example';

describe('Cache API keys', () => {
  it('use the blog’s origin, sort the query and drop tracking parameters', () => {
    expect(normalizedPageUrl('http://10.0.0.1:8787/tag/web?page=2&b=1&utm_source=x&fbclid=y&a=2', BASE)).toBe(
      'https://blog.example/tag/web?a=2&b=1&page=2',
    );
    expect(normalizedPageUrl('https://blog.example/?gclid=1&mc_cid=2&mc_eid=3&ref=hn&UTM_Campaign=z', BASE)).toBe(
      'https://blog.example/',
    );
  });

  it('keep repeated parameters, in a stable order', () => {
    expect(normalizedPageUrl('https://blog.example/?x=2&x=1', BASE)).toBe(
      normalizedPageUrl('https://blog.example/?x=1&x=2', BASE),
    );
  });

  it('carry the cache version, so a bump retires every key', () => {
    expect(cacheKey('https://blog.example/billet?a=1', BASE, 7)).toBe('https://blog.example/__cache/v7/billet?a=1');
    expect(cacheKey('https://blog.example/billet', BASE, 8)).not.toBe(cacheKey('https://blog.example/billet', BASE, 7));
  });
});
