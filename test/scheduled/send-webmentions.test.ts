// Sending: the every-minute cron finds the links of articles published or
// changed, discovers each page's endpoint (Link header, then <link>/<a>),
// notifies it once, and on a re-publish notifies only new or removed links.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { sendWebmentions } from '../../src/scheduled/send-webmentions';
import { DAY, insertArticle, now } from '../fixtures';
import { receivedBy, stubPage } from '../support/webmention';

async function runCron(atSeconds: number, extraEnv: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const controller = createScheduledController({ cron: '* * * * *', scheduledTime: atSeconds * 1000 });
  await worker.scheduled(controller, { ...env, ...extraEnv } as Env, ctx);
  await waitOnExecutionContext(ctx);
}

interface SendRow {
  target_url: string;
  endpoint: string | null;
  link_state: string;
  outcome: string;
  attempts: number;
}

const sendsOf = async (articleId: number) =>
  (
    await env.DB.prepare(
      'SELECT target_url, endpoint, link_state, outcome, attempts FROM webmention_sends WHERE article_id = ?1 ORDER BY target_url',
    )
      .bind(articleId)
      .all<SendRow>()
  ).results;

/** A stand-in site of its own, so that what it received is this test's alone. */
function site(): string {
  return `https://recv-${crypto.randomUUID().slice(0, 8)}.example`;
}

const posts = async (host: string) =>
  (await receivedBy(new URL(host).host))
    .filter((request) => request.method === 'POST')
    .map((request) => Object.fromEntries(new URLSearchParams(request.body)));

describe('sending Webmentions', () => {
  it('notifies each linked page that has an endpoint, once, with our article as source', async () => {
    const host = site();
    await stubPage(`${host}/header`, { headers: { link: `<${host}/endpoint?via=header>; rel="webmention"` } });
    await stubPage(`${host}/html`, { body: '<head><link rel="me webmention" href="/endpoint?via=html"></head>' });
    await stubPage(`${host}/none`, { body: '<p>No endpoint here.</p>' });
    const id = await insertArticle({
      slug: 'envoi',
      bodyHtml: `<p><a href="${host}/header#part">a</a> <a href="${host}/html">b</a> <a href="${host}/none">c</a>
        <a href="/interne">ours</a> <a href="http://localhost:8787/autre">ours too</a> <a href="mailto:x@example.org">mail</a></p>`,
    });
    await runCron(now());
    expect(await sendsOf(id)).toEqual([
      {
        target_url: `${host}/header`,
        endpoint: `${host}/endpoint?via=header`,
        link_state: 'linked',
        outcome: 'sent',
        attempts: 1,
      },
      {
        target_url: `${host}/html`,
        endpoint: `${host}/endpoint?via=html`,
        link_state: 'linked',
        outcome: 'sent',
        attempts: 1,
      },
      { target_url: `${host}/none`, endpoint: null, link_state: 'linked', outcome: 'no_endpoint', attempts: 1 },
    ]);
    expect(await posts(host)).toEqual([
      { source: 'http://localhost:8787/envoi', target: `${host}/header` },
      { source: 'http://localhost:8787/envoi', target: `${host}/html` },
    ]);

    // Re-published as it was: nothing queued. Edited with the same links: nothing sent either.
    await env.DB.prepare('UPDATE articles SET body_html = body_html, title = ?2 WHERE id = ?1')
      .bind(id, 'Nouveau titre')
      .run();
    await runCron(now());
    await env.DB.prepare("UPDATE articles SET body_html = body_html || '<p>PS</p>' WHERE id = ?1").bind(id).run();
    await runCron(now());
    expect(await posts(host)).toHaveLength(2);

    // One link removed, one added: both notified, and only them.
    await stubPage(`${host}/new`, { headers: { link: `<${host}/endpoint>; rel=webmention` } });
    await env.DB.prepare('UPDATE articles SET body_html = ?2 WHERE id = ?1')
      .bind(id, `<a href="${host}/html">b</a> <a href="${host}/none">c</a> <a href="${host}/new">d</a>`)
      .run();
    await runCron(now());
    const later = await posts(host);
    expect(later.slice(2)).toEqual([
      { source: 'http://localhost:8787/envoi', target: `${host}/header` },
      { source: 'http://localhost:8787/envoi', target: `${host}/new` },
    ]);
    expect((await sendsOf(id)).find((row) => row.target_url === `${host}/header`)).toMatchObject({
      link_state: 'removed',
      outcome: 'sent',
    });
  });

  it('tries a failing endpoint again later, three times at most', async () => {
    const host = site();
    await stubPage(`${host}/page`, { headers: { link: `<${host}/busy>; rel="webmention"` } });
    await stubPage(`${host}/busy`, { status: 503 });
    const id = await insertArticle({ slug: 'envoi-echec', bodyHtml: `<a href="${host}/page">x</a>` });
    const start = now();
    await runCron(start);
    expect((await sendsOf(id))[0]).toMatchObject({ outcome: 'pending', attempts: 1 });
    await runCron(start + 60);
    expect((await sendsOf(id))[0]?.attempts).toBe(1);
    await runCron(start + 301);
    expect((await sendsOf(id))[0]).toMatchObject({ outcome: 'pending', attempts: 2 });
    await runCron(start + 301 + 601);
    expect((await sendsOf(id))[0]).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(await posts(host)).toHaveLength(3);
  });

  it('waits for a future article’s date, and leaves drafts and imported articles alone', async () => {
    const host = site();
    await stubPage(`${host}/p`, { headers: { link: `<${host}/wm>; rel="webmention"` } });
    const body = `<a href="${host}/p">x</a>`;
    const future = await insertArticle({ slug: 'envoi-futur', bodyHtml: body, publishedAt: now() + DAY });
    const draft = await insertArticle({ slug: 'envoi-brouillon', bodyHtml: body, status: 'draft' });
    const imported = await insertArticle({ slug: 'envoi-importe', bodyHtml: body, legacyWpId: 4242 });
    await runCron(now());
    expect(await sendsOf(future)).toEqual([]);
    expect(await sendsOf(draft)).toEqual([]);
    expect(await sendsOf(imported)).toEqual([]);
    await runCron(now() + DAY + 60);
    expect((await sendsOf(future))[0]?.outcome).toBe('sent');
  });

  it('notifies no one of a password-protected article’s links: its page shows none of them', async () => {
    const host = site();
    await stubPage(`${host}/p`, { headers: { link: `<${host}/wm>; rel="webmention"` } });
    const id = await insertArticle({ slug: 'envoi-protege', bodyHtml: `<a href="${host}/p">x</a>` });
    await env.DB.prepare("UPDATE articles SET password_hash = 'pbkdf2-sha256:100000:x:y' WHERE id = ?1").bind(id).run();
    await runCron(now());
    expect(await sendsOf(id)).toEqual([]);
    expect(await posts(host)).toEqual([]);
  });

  it('sends nothing when WEBMENTION_SEND is false', async () => {
    const host = site();
    await stubPage(`${host}/p`, { headers: { link: `<${host}/wm>; rel="webmention"` } });
    const id = await insertArticle({ slug: 'envoi-coupe', bodyHtml: `<a href="${host}/p">x</a>` });
    const run = await sendWebmentions({ ...env, WEBMENTION_SEND: false } as Env, now());
    expect(run).toEqual({ scanned: [], tried: [] });
    expect(await sendsOf(id)).toEqual([]);
  });

  it('never sends to a private address an endpoint names', async () => {
    const host = site();
    await stubPage(`${host}/p`, { headers: { link: '<http://127.0.0.1:8080/hook>; rel="webmention"' } });
    const id = await insertArticle({ slug: 'envoi-prive', bodyHtml: `<a href="${host}/p">x</a>` });
    await runCron(now());
    expect((await sendsOf(id))[0]).toMatchObject({ outcome: 'failed', attempts: 1 });
  });
});

describe('verification retries', () => {
  it('checks a mention left queued (its isolate stopped) on the next runs, a few at a time', async () => {
    const target = 'http://localhost:8787/reprise';
    const articleId = await insertArticle({ slug: 'reprise' });
    const source = `${site()}/billet`;
    await stubPage(source, { body: `<a href="${target}">lien</a>` });
    const received = now() - 600;
    await env.DB.prepare(
      `INSERT INTO mentions (article_id, kind, source_url, target_url, received_at, updated_at)
       VALUES (?1, 'webmention', ?2, ?3, ?4, ?4)`,
    )
      .bind(articleId, source, target, received)
      .run();
    const verification = () =>
      env.DB.prepare('SELECT verification FROM mentions WHERE source_url = ?1').bind(source).first('verification');
    // Received a moment ago: its own check may still be running.
    await runCron(received + 60);
    expect(await verification()).toBe('queued');
    await runCron(now());
    expect(await verification()).toBe('verified');
  });
});

describe('the daily cron', () => {
  it('erases the IP hashes of mentions older than IP_HASH_RETENTION_DAYS, as for comments', async () => {
    const articleId = await insertArticle({ slug: 'hachage' });
    const insert = (source: string, receivedAt: number) =>
      env.DB.prepare(
        `INSERT INTO mentions (article_id, kind, source_url, target_url, received_at, updated_at, ip_hash)
         VALUES (?1, 'webmention', ?2, 'http://localhost:8787/hachage', ?3, ?3, 'hash')`,
      )
        .bind(articleId, source, receivedAt)
        .run();
    await insert('https://old.example/a', now() - 91 * DAY);
    await insert('https://recent.example/a', now() - DAY);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    const { results } = await env.DB.prepare(
      'SELECT source_url, ip_hash FROM mentions WHERE article_id = ?1 ORDER BY source_url',
    )
      .bind(articleId)
      .all();
    expect(results).toEqual([
      { source_url: 'https://old.example/a', ip_hash: null },
      { source_url: 'https://recent.example/a', ip_hash: 'hash' },
    ]);
  });
});
