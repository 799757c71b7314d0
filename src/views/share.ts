// Share links are plain links: no third-party script, no tracking pixel.
import { html, type SafeHtml } from './html';
import type { Strings } from './i18n';

export function shareLinks(title: string, url: string, t: Strings): { label: string; href: string }[] {
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    { label: t.shareByEmail, href: `mailto:?${query({ subject: title, body: url }).replace(/\+/g, '%20')}` },
    { label: 'Mastodon', href: `https://mastodonshare.com/?${query({ text: title, url })}` },
    { label: 'X', href: `https://x.com/intent/post?${query({ text: title, url })}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?${query({ u: url })}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?${query({ url })}` },
  ];
}

export function renderShareLinks(title: string, url: string, t: Strings): SafeHtml {
  return html`<nav class="share" aria-label="${t.share}">
<h2>${t.share}</h2>
<ul>
${shareLinks(title, url, t).map(
  (link) => html`<li><a href="${link.href}" rel="noopener noreferrer nofollow">${link.label}</a></li>`,
)}
</ul>
</nav>`;
}
