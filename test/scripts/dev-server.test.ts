// Where `npm run dev` serves the blog, and which server the publishing tools
// purge afterwards: the one actually running, on whatever port.
import { describe, expect, it } from 'vitest';
import {
  choosePort,
  localBlogUrl,
  optionValue,
  type PurgeTargetFacts,
  parseDevServerRecord,
  purgeTarget,
} from '../../scripts/lib/dev-server';

describe('the dev server’s port', () => {
  it('is the one given on the command line, in either spelling', () => {
    expect(choosePort(['--port', '8851'], undefined)).toEqual({ port: 8851, explicit: true });
    expect(choosePort(['--port=8852', '--ip', '0.0.0.0'], 9000)).toEqual({ port: 8852, explicit: true });
  });

  it('else wrangler.toml’s [dev] port, else wrangler’s 8787 (which may be swapped for a free one)', () => {
    expect(choosePort(['--ip', '0.0.0.0'], 9000)).toEqual({ port: 9000, explicit: true });
    expect(choosePort([], undefined)).toEqual({ port: 8787, explicit: false });
  });

  it('refuses a --port that is not a port', () => {
    expect(() => choosePort(['--port', 'huit'], undefined)).toThrow('--port must be a port number, not "huit"');
    expect(() => choosePort(['--port=70000'], undefined)).toThrow('--port must be a port number');
  });

  it('reads the last of repeated options, as wrangler does', () => {
    expect(optionValue(['--port', '1', '--port=2'], 'port')).toBe('2');
    expect(optionValue(['--portal', '1'], 'port')).toBeUndefined();
  });
});

describe('the blog’s address in local development', () => {
  it('is localhost on the port it listens on, with the path of BLOG_URL', () => {
    expect(localBlogUrl('https://blog.example', { port: 8851 })).toBe('http://localhost:8851');
    expect(localBlogUrl('https://example.org/carnet/', { port: 8851, ip: '0.0.0.0' })).toBe(
      'http://localhost:8851/carnet',
    );
  });

  it('keeps a specific address and https when wrangler dev is told to use them', () => {
    expect(localBlogUrl('https://blog.example', { port: 9443, ip: '192.168.1.20', protocol: 'https' })).toBe(
      'https://192.168.1.20:9443',
    );
    expect(localBlogUrl('https://blog.example', { port: 8851, ip: 'fd00::2' })).toBe('http://[fd00::2]:8851');
  });
});

describe('the server a publishing tool purges', () => {
  const facts = (overrides: Partial<PurgeTargetFacts>): PurgeTargetFacts => ({
    remote: false,
    override: undefined,
    blogUrl: 'https://blog.example',
    devServer: { url: 'http://localhost:8851', pid: 4242 },
    isRunning: (pid) => pid === 4242,
    defaultLocalUrl: 'http://localhost:8787',
    ...overrides,
  });

  it('is the running `npm run dev`, wherever it listens', () => {
    expect(purgeTarget(facts({}))).toEqual({ url: 'http://localhost:8851', from: 'npm run dev' });
  });

  it('ignores the record of a dev server that has stopped, and tries wrangler dev’s address', () => {
    expect(purgeTarget(facts({ isRunning: () => false }))).toEqual({
      url: 'http://localhost:8787',
      from: 'default',
    });
    expect(purgeTarget(facts({ devServer: null }))).toEqual({ url: 'http://localhost:8787', from: 'default' });
  });

  it('is production (BLOG_URL) for the remote D1, never the local dev server', () => {
    expect(purgeTarget(facts({ remote: true }))).toEqual({ url: 'https://blog.example', from: 'BLOG_URL' });
  });

  it('is CAUSERIE_URL when set, remote or local', () => {
    for (const remote of [false, true]) {
      expect(purgeTarget(facts({ remote, override: 'http://10.0.0.5:8787' }))).toEqual({
        url: 'http://10.0.0.5:8787',
        from: 'CAUSERIE_URL',
      });
    }
  });
});

describe('the record `npm run dev` leaves in .wrangler/', () => {
  it('is read back as written', () => {
    expect(parseDevServerRecord('{"url":"http://localhost:8851","pid":123}')).toEqual({
      url: 'http://localhost:8851',
      pid: 123,
    });
  });

  it('counts for nothing when damaged (no purge of a made-up address)', () => {
    for (const text of [
      '',
      '{',
      '{"url":"http://localhost:8851"}',
      '{"url":"file:///x","pid":1}',
      '{"url":"http://x","pid":-1}',
    ]) {
      expect(parseDevServerRecord(text), text).toBeNull();
    }
  });
});
