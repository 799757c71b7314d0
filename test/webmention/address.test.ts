// Which hosts a source or endpoint may name, and how URLs compare.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateHost, normaliseUrl, parseHttpUrl } from '../../src/webmention/address';

const hostOf = (url: string) => new URL(url).hostname;

describe('isPrivateHost', () => {
  it.each([
    'http://localhost/',
    'http://app.localhost/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://0.0.0.0/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.0.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/',
    'http://224.0.0.1/',
    'http://[::]/',
    'http://[::1]/',
    'http://[fc00::1]/',
    'http://[fdff:ffff::1]/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[64:ff9b::c0a8:1]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://127.0.0.1./',
    'http://%31%32%37.0.0.1/',
    'http://192.0.2.1/',
    'http://198.18.0.1/',
    'http://240.0.0.1/',
    'http://255.255.255.255/',
    'http://[::127.0.0.1]/',
    'http://[::7f00:1]/',
    'http://[::ffff:0:127.0.0.1]/',
    'http://[::ffff:0:a00:1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[64:ff9b:1::a00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[2001:0:7f00:1::5db8:d70e]/',
    'http://[2001:0:5db8:d70e::80ff:fffe]/',
    'http://[2001:db8::1]/',
    'http://nas.local/',
    'http://db.internal/',
    'http://router/',
  ])('refuses %s', (url) => {
    expect(isPrivateHost(hostOf(url))).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://93.184.215.14/',
    'http://172.32.0.1/',
    'http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/',
    'http://[::ffff:93.184.215.14]/',
    'http://[64:ff9b::93.184.215.14]/',
    'http://[2002:5db8:d70e::1]/',
    'https://localhost.example.com/',
  ])('allows %s', (url) => {
    expect(isPrivateHost(hostOf(url))).toBe(false);
  });

  it('judges DNS answers the same way', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('::1')).toBe(true);
    expect(isPrivateAddress('fe80::abcd')).toBe(true);
    expect(isPrivateAddress('not an address')).toBe(true);
    expect(isPrivateAddress('93.184.215.14')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
    expect(isPrivateAddress('::ffff:0:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('2002:a00:1::')).toBe(true);
    expect(isPrivateAddress('010.0.0.1')).toBe(true);
  });
});

describe('parseHttpUrl and normaliseUrl', () => {
  it('takes only absolute http(s) URLs without credentials', () => {
    expect(parseHttpUrl('https://example.org/a')?.href).toBe('https://example.org/a');
    expect(parseHttpUrl('javascript:alert(1)')).toBeNull();
    expect(parseHttpUrl('/relative')).toBeNull();
    expect(parseHttpUrl('https://user:pass@example.org/')).toBeNull();
    expect(parseHttpUrl(`https://example.org/${'a'.repeat(2000)}`)).toBeNull();
  });

  it('compares URLs without their fragment, trailing slash, default port or host case', () => {
    const same = ['https://Example.org:443/post/#c1', 'https://example.org/post', 'https://example.org/post//'];
    expect(new Set(same.map((url) => normaliseUrl(new URL(url)))).size).toBe(1);
    expect(normaliseUrl(new URL('https://example.org/'))).toBe('https://example.org/');
    expect(normaliseUrl(new URL('https://example.org/post?x=1'))).not.toBe(
      normaliseUrl(new URL('https://example.org/post')),
    );
  });
});
