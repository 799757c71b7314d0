// One rule for what an e-mail address is, wherever the blog takes or uses
// one: the comment form, the sender of notifications, the recipients the
// queue writes to, the desk's mailto: links.

// The characters of a dot-atom (RFC 5322) in any script (RFC 6532), less the
// three that mean something in a URL's query: "?", "&" and "%" would let an
// address carry a mailto: link's cc, bcc or subject. No quotes, spaces,
// commas, angle brackets or second "@": one plain mailbox, nothing more.
const ATOM = "[\\p{L}\\p{M}\\p{N}!#$'*+/=^_`{|}~-]+";
// A host name of letters, digits and hyphens (IDNs as "xn--"), with a dot.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const MAILBOX = new RegExp(`^(?=[^@]{1,64}@)${ATOM}(?:\\.${ATOM})*@(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`, 'iu');

export const MAIL_ADDRESS_MAX = 254;

/** An address the blog may store, show and write to: one mailbox, nothing a header, a list or a link reads as more. */
export function isMailAddress(address: string): boolean {
  return address.length <= MAIL_ADDRESS_MAX && MAILBOX.test(address);
}

/**
 * A mailto: link to the address with each part percent-encoded, so that
 * nothing in it reads as a query (cc, bcc, subject, body), a fragment or a
 * second recipient, even for an address stored before the rule above or
 * imported: the mail program receives it as one address, as written.
 */
export function mailtoHref(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return `mailto:${encodeURIComponent(address)}`;
  return `mailto:${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}
