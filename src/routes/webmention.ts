// POST /webmention: the W3C Webmention endpoint. Everything that can be judged
// without fetching the source is judged here (400 with the reason, 429 when
// one address sends too many); then the mention is stored as queued and the
// answer is 202, its verification running after the response.
import type { IRequest } from 'itty-router';
import { receiveNotification } from '../webmention/receive';
import { readFormBody } from './form-body';
import { pageContext } from './respond';

export async function webmentionRoute(request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { locale } = pageContext(env);
  const strings = locale.t.mentions;
  const body = await readFormBody(request);
  if ('error' in body) {
    const { t } = locale;
    const reasons = { 400: t.malformedFormText, 413: t.tooLargeText, 415: t.unsupportedText };
    return textResponse(reasons[body.error], body.error);
  }
  const field = (name: string) => {
    const value = body.form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const reception = await receiveNotification(request, env, ctx, {
    kind: 'webmention',
    source: field('source'),
    target: field('target'),
  });
  if (!reception.accepted) {
    const retry: Record<string, string> = reception.status === 400 ? {} : { 'retry-after': '60' };
    return textResponse(strings.refusals[reception.refusal], reception.status, retry);
  }
  return textResponse(strings.accepted, 202);
}

function textResponse(text: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
