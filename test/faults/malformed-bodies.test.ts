// Bodies no browser sends, on every route that reads a form: the comment
// form, the desk's login, Webmention and trackbacks. Each gets 400, 413 or
// 415 with a message saying what was wrong, in the blog's language: never a
// 500, never a comment stored.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../src/views/i18n/fr';
import { insertArticle } from '../fixtures';
import { passwordEnv } from '../support/admin';
import { freshIp } from '../support/comments';
import { fetchWorker } from './faulty-db';

const SLUG = 'corps-malformes';
const MARKER = 'corps-malforme-marqueur';

beforeAll(async () => {
  await insertArticle({ slug: SLUG, title: 'Un billet qui reçoit n’importe quoi' });
});

interface Route {
  name: string;
  path: string;
  env?: () => Promise<Record<string, unknown>>;
  /** Its answer to a body past its cap, when not the usual page. */
  tooLarge?: string;
}

const ROUTES: Route[] = [
  // The comment form's cap holds its longest comment: past it, the form comes back with what arrived.
  { name: 'the comment form', path: `/${SLUG}/comments`, tooLarge: fr.form.notices.too_large },
  { name: 'the desk login', path: '/admin/login', env: () => passwordEnv() },
  { name: 'the Webmention endpoint', path: '/webmention' },
  { name: 'the trackback endpoint', path: `/${SLUG}/trackback` },
];

interface Malformed {
  name: string;
  status: 400 | 413 | 415;
  contentType: string | null;
  body: () => BodyInit;
  /** Declared by the client; a stream has none. */
  length?: number;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
};
const BOUNDARY = 'ProbeBoundaryAbC123';
const part = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const MEGABYTE = 1024 * 1024;

function streamOf(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = utf8(`body=${'x'.repeat(16 * 1024 - 5)}`);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

const CASES: Malformed[] = [
  {
    name: 'a multipart body cut short',
    status: 400,
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: () =>
      `${part('source', 'https://example.org/')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${MARKER} début du te`,
  },
  {
    name: 'a multipart body without its boundary',
    status: 400,
    contentType: 'multipart/form-data',
    body: () => `${part('body', MARKER)}--${BOUNDARY}--\r\n`,
  },
  {
    name: 'a multipart body carrying a file',
    status: 400,
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: () =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="body"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${MARKER}\r\n--${BOUNDARY}--\r\n`,
  },
  { name: 'JSON', status: 415, contentType: 'application/json', body: () => JSON.stringify({ body: MARKER }) },
  { name: 'plain text', status: 415, contentType: 'text/plain', body: () => `body=${MARKER}` },
  { name: 'no Content-Type at all', status: 415, contentType: null, body: () => `body=${MARKER}` },
  {
    name: 'invalid UTF-8 bytes',
    status: 400,
    contentType: 'application/x-www-form-urlencoded',
    body: () => concat(utf8(`author=A&body=${MARKER}-caf`), new Uint8Array([0xe9, 0x20, 0xff])),
  },
  {
    name: 'invalid UTF-8, percent-encoded',
    status: 400,
    contentType: 'application/x-www-form-urlencoded',
    body: () => `author=A&body=${MARKER}-caf%E9%20%FF`,
  },
  {
    name: 'invalid UTF-8 in a multipart field',
    status: 400,
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: () =>
      concat(utf8(part('body', `${MARKER}-caf`)), new Uint8Array([0xc3, 0x28]), utf8(`\r\n--${BOUNDARY}--\r\n`)),
  },
  {
    name: 'a 1 MB body, its length declared',
    status: 413,
    contentType: 'application/x-www-form-urlencoded',
    body: () => `body=${'x'.repeat(MEGABYTE)}`,
  },
  {
    name: 'a 1 MB body streamed without a length',
    status: 413,
    contentType: 'application/x-www-form-urlencoded',
    body: () => streamOf(MEGABYTE),
  },
  {
    name: '10,000 empty fields within every cap',
    status: 400,
    contentType: 'application/x-www-form-urlencoded',
    body: () => `body=${MARKER}&${'a=&'.repeat(10_000)}`,
  },
  {
    name: '30,000 distinct fields past every cap',
    status: 413,
    contentType: 'application/x-www-form-urlencoded',
    body: () => Array.from({ length: 30_000 }, (_, i) => `f${i}=1`).join('&'),
  },
  {
    name: '2,000 distinct fields within every cap',
    status: 400,
    contentType: 'application/x-www-form-urlencoded',
    body: () => `body=${MARKER}&${Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&')}`,
  },
];

const MESSAGES = { 400: fr.malformedFormText, 413: fr.tooLargeText, 415: fr.unsupportedText };

async function send(route: Route, malformed: Malformed): Promise<Response> {
  const headers: Record<string, string> = {
    origin: 'http://localhost:8787',
    'sec-fetch-site': 'same-origin',
    'cf-connecting-ip': freshIp(),
  };
  if (malformed.contentType) headers['content-type'] = malformed.contentType;
  const body = malformed.body();
  return fetchWorker(route.path, {
    env: route.env ? await route.env() : {},
    init: { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) },
  });
}

describe.each(ROUTES)('$name', (route) => {
  it.each(CASES)('answers $status to $name, saying why', async (malformed) => {
    const response = await send(route, malformed);
    expect(response.status).toBe(malformed.status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const message = malformed.status === 413 && route.tooLarge ? route.tooLarge : MESSAGES[malformed.status];
    expect(await response.text()).toContain(message);
  });
});

describe('nothing malformed is stored', () => {
  it('leaves no comment nor mention carrying the marker', async () => {
    const comments = await env.DB.prepare('SELECT count(*) AS n FROM comments WHERE body LIKE ?1')
      .bind(`%${MARKER}%`)
      .first<{ n: number }>();
    expect(comments?.n).toBe(0);
  });
});

describe('a well-formed multipart form', () => {
  it('is read with its boundary as sent (letters in both cases), like a browser’s', async () => {
    const email = `multipart-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const fields = { author: 'Camille Multipart', email, url: '', body: 'Envoyé en multipart.', parent_id: '' };
    const body = `${Object.entries({ ...fields, 'cf-turnstile-response': 'pass' })
      .map(([name, value]) => part(name, value))
      .join('')}--${BOUNDARY}--\r\n`;
    const response = await fetchWorker(`/${SLUG}/comments`, {
      init: {
        method: 'POST',
        body,
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'sec-fetch-site': 'same-origin',
          'cf-connecting-ip': freshIp(),
        },
      },
    });
    expect(response.status).toBe(303);
    const stored = await env.DB.prepare('SELECT body FROM comments WHERE author_email = ?1').bind(email).first();
    expect(stored).toEqual({ body: 'Envoyé en multipart.' });
  });
});
