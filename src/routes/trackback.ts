// POST /<slug>/trackback: legacy trackbacks (the reference page invited
// readers to "faire un trackback depuis votre site"). Form fields url, title,
// excerpt, blog_name; the answer is the XML the Trackback specification
// requires, error 0 or error 1 with a message. A trackback goes through the
// same checks, verification (its page must link to the article) and
// moderation as a Webmention, as kind 'trackback'.
import type { IRequest } from 'itty-router';
import { readSettings } from '../config';
import { html } from '../views/html';
import { articlePath } from '../views/layout';
import { htmlToText } from '../webmention/html-scan';
import { receiveNotification } from '../webmention/receive';
import { LIMITS } from '../webmention/source';
import { readFormBody } from './form-body';
import { parseSlug } from './params';
import { pageContext } from './respond';

export async function trackbackRoute(request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { locale } = pageContext(env);
  const { t } = locale;
  const slug = parseSlug(request.params.slug);
  if (!('slug' in slug)) return trackbackResponse(404, t.mentions.refusals.target_not_ours);
  const body = await readFormBody(request);
  if ('error' in body) {
    const reasons = { 400: t.malformedFormText, 413: t.tooLargeText, 415: t.unsupportedText };
    return trackbackResponse(body.error, reasons[body.error]);
  }
  const field = async (name: string, max: number) => {
    const value = body.form.get(name);
    return typeof value === 'string' ? (await htmlToText(value, max)) || null : null;
  };
  const source = body.form.get('url');
  const reception = await receiveNotification(request, env, ctx, {
    kind: 'trackback',
    source: typeof source === 'string' ? source.trim() : '',
    target: `${readSettings(env).baseUrl}${articlePath(slug.slug)}`,
    authorName: await field('blog_name', LIMITS.author),
    title: await field('title', LIMITS.title),
    excerpt: await field('excerpt', LIMITS.excerpt),
  });
  if (reception.accepted) return trackbackResponse(200);
  // The trackback's own vocabulary: its URL is "url", and a missing article is not found.
  const refusal = reception.refusal === 'source_missing' ? 'url_missing' : reception.refusal;
  const message = refusal === 'url_missing' ? t.mentions.trackbackUrlMissing : t.mentions.refusals[refusal];
  const status = reception.refusal === 'target_not_ours' ? 404 : reception.status;
  return trackbackResponse(status, message, status === 400 || status === 404 ? {} : { 'retry-after': '60' });
}

function trackbackResponse(status: number, message?: string, headers: Record<string, string> = {}): Response {
  const xml = html`<?xml version="1.0" encoding="utf-8"?>
<response>
<error>${message === undefined ? '0' : '1'}</error>
${
  message === undefined
    ? ''
    : html`<message>${message}</message>
`
}</response>
`;
  return new Response(xml.value, {
    status,
    headers: { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
