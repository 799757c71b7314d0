// One IP parser for the SSRF filter and the rate limits: addresses read as
// bytes, judged by prefix, and clients grouped by IPv4 address or IPv6 /64.
import { describe, expect, it } from 'vitest';
import { clientGroup, isNonPublicIp, parseIp } from '../../src/security/ip';

const judge = (text: string) => {
  const bytes = parseIp(text);
  if (!bytes) throw new Error(`${text} did not parse`);
  return isNonPublicIp(bytes);
};

describe('parseIp', () => {
  it('reads IPv4 and IPv6 text as bytes, a dotted IPv4 tail and brackets included', () => {
    expect([...(parseIp('192.0.2.1') ?? [])]).toEqual([192, 0, 2, 1]);
    expect([...(parseIp('[::ffff:127.0.0.1]') ?? [])]).toEqual([...Array(10).fill(0), 0xff, 0xff, 127, 0, 0, 1]);
    expect(parseIp('2001:DB8::1')?.length).toBe(16);
    expect(parseIp('1:2:3:4:5:6:7:8')?.[15]).toBe(8);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '010.0.0.1',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::1',
    '::ffff:1.2.3.256',
    'fe80::1%eth0',
    'example.org',
  ])('refuses to read %j as an address', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('isNonPublicIp', () => {
  it.each([
    // IPv4 blocks
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '100.64.0.1',
    '100.127.255.255',
    '127.0.0.1',
    '127.255.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '198.51.100.1',
    '203.0.113.1',
    '224.0.0.1',
    '240.0.0.1',
    '255.255.255.255',
    // IPv6 blocks
    '::',
    '::1',
    'fe80::1',
    'febf::1',
    'fec0::1',
    'fc00::1',
    'fdff:ffff::1',
    'ff02::1',
    '100::1',
    '2001:db8::1',
    '3fff::1',
    '2001:2::1',
    // IPv4 carried inside IPv6, in every spelling
    '::127.0.0.1', // IPv4-compatible
    '::7f00:1',
    '::10.0.0.1',
    '::ffff:127.0.0.1', // IPv4-mapped
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:0:127.0.0.1', // SIIT
    '::ffff:0:c0a8:101',
    '64:ff9b::127.0.0.1', // NAT64
    '64:ff9b::a00:1',
    '64:ff9b:1::5db8:d70e', // local-use NAT64, refused whole
    '64:ff9b:1:abcd::1',
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2002:c0a8:101:1::1', // 6to4 of 192.168.1.1
    '2001:0:7f00:1::5db8:d70e', // Teredo, server 127.0.0.1
    '2001:0:5db8:d70e::f5ff:fffe', // Teredo, client 10.0.0.1 (inverted)
    '2001:0:5db8:d70e::80ff:fffe', // Teredo, client 127.0.0.1 (inverted)
  ])('%s is not public', (address) => {
    expect(judge(address)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
    '2a00:1450:4007:80e::200e',
    '::ffff:93.184.215.14',
    '64:ff9b::5db8:d70e',
    '2002:5db8:d70e::1',
    '2001:0:5db8:d70e::a247:28f1', // Teredo, server and client both public
  ])('%s is public', (address) => {
    expect(judge(address)).toBe(false);
  });
});

describe('clientGroup', () => {
  it('groups an IPv6 client by its /64, written canonically', () => {
    expect(clientGroup('2001:db8:abcd:12::1')).toBe('2001:db8:abcd:12::/64');
    expect(clientGroup('2001:0DB8:ABCD:0012:ffff:ffff:ffff:ffff')).toBe('2001:db8:abcd:12::/64');
    expect(clientGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientGroup('2001:db8:abcd:13::1')).not.toBe(clientGroup('2001:db8:abcd:12::1'));
  });

  it('keeps an IPv4 client per address, and an IPv4-mapped IPv6 client counts as its IPv4', () => {
    expect(clientGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(clientGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientGroup('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(clientGroup('203.0.113.8')).not.toBe(clientGroup('203.0.113.7'));
  });

  it('keeps text that is no address as it is', () => {
    expect(clientGroup(' unknown ')).toBe('unknown');
  });
});
