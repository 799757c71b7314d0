// "Mentionné par …": the approved, verified pages that link to the article,
// under its comments, then how to add one (Webmention or trackback). Links
// to other sites carry rel="nofollow ugc": the blog vouches for none of them.
import type { PublicMentionRow } from '../db/mentions';
import { trackbackPath, WEBMENTION_PATH } from '../webmention/paths';
import { isoDate } from './article-list';
import { html, type SafeHtml } from './html';
import { absoluteUrl, type PageContext } from './layout';

export function webmentionEndpoint(ctx: PageContext): string {
  return absoluteUrl(ctx.settings, WEBMENTION_PATH);
}

export function renderMentionsSection(ctx: PageContext, mentions: PublicMentionRow[], slug: string): SafeHtml {
  const { t, formatNumber } = ctx.locale;
  const strings = t.mentions;
  const invite = html`<p class="mention-invite">${strings.invite} ${strings.webmentionEndpoint} <code>${webmentionEndpoint(ctx)}</code>, ${strings.trackbackUrl} <code>${absoluteUrl(ctx.settings, trackbackPath(slug))}</code>.</p>`;
  if (mentions.length === 0) return html`<div id="mentions" class="mentions">${invite}</div>`;
  return html`<section id="mentions" class="mentions" aria-labelledby="mentions-heading">
<h2 id="mentions-heading">${strings.heading(mentions.length, formatNumber(mentions.length))}</h2>
<ol class="mention-list">
${mentions.map((mention) => renderMention(ctx, mention))}
</ol>
${invite}
</section>`;
}

function renderMention(ctx: PageContext, mention: PublicMentionRow): SafeHtml {
  const host = hostOf(mention.source_url);
  return html`<li class="mention" id="mention-${mention.id}"><span class="mention-author">${mention.author_name || host}</span> · <a href="${mention.source_url}" rel="nofollow ugc">${mention.title || host}</a>${
    mention.kind === 'trackback' ? html` <span class="mention-kind">(${ctx.locale.t.mentions.trackback})</span>` : ''
  } · <time datetime="${isoDate(mention.received_at)}">${ctx.locale.formatDate(mention.received_at)}</time></li>
`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
