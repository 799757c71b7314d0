// Reads the comment form. Every rule answers with a field and an error code
// the view turns into a message in the reader's language; the values come
// back normalised so a rejected form is shown again exactly as understood.
import { isMailAddress, MAIL_ADDRESS_MAX } from '../mail-address';
import { MAX_TOKEN_LENGTH } from '../turnstile/verify';
import { characterCount, hasVisibleText, normalizeLine, normalizeText } from './text';

export const FIELDS = ['author', 'email', 'url', 'body'] as const;
export type CommentField = (typeof FIELDS)[number];
export type FieldError = 'required' | 'too_long' | 'invalid';
/** The comment form's: also 'required_to_notify', no address and a notification box ticked. */
export type CommentFormError = FieldError | 'required_to_notify';

export interface CommentFormValues {
  author: string;
  email: string;
  url: string;
  body: string;
  parentId: number | null;
  /** The boxes "e-mail me replies to my comment" and "… every new comment on this article". */
  notifyReplies: boolean;
  notifyArticle: boolean;
}

export interface ParsedCommentForm {
  values: CommentFormValues;
  errors: Partial<Record<CommentField, FieldError>>;
  /** The hidden field only robots fill in. */
  honeypot: boolean;
  token: string;
}

export const HONEYPOT_FIELD = 'contact_me_by_fax_only';
export const NOTIFY_FIELD = 'notify';
export const NOTIFY_REPLIES = 'replies';
export const NOTIFY_ARTICLE = 'article';
export const TOKEN_FIELD = 'cf-turnstile-response';

export const LIMITS = { author: 100, email: MAIL_ADDRESS_MAX, url: 2000, body: 10_000 } as const;

/**
 * Bytes one character can take in the body a browser sends: 4 in UTF-8
 * (Japanese takes 3, emoji and rarer CJK 4), each byte written "%XX" in
 * application/x-www-form-urlencoded. Multipart sends the bytes as they are.
 */
const WORST_BYTES_PER_CHARACTER = 12;
/** A field's name, "=" and "&", or a multipart part's boundary and headers. */
const PER_FIELD_OVERHEAD = 128;

/**
 * The comment form's body cap: the form with every field at its limit, in
 * the script that takes the most bytes, fits (≈ 174 KB). A hard cap, not the
 * rule a commenter meets: the 10,000 characters of LIMITS.body are.
 */
export const COMMENT_FORM_MAX_BYTES = (() => {
  const characters = { ...LIMITS, parent_id: 16, [TOKEN_FIELD]: MAX_TOKEN_LENGTH, [HONEYPOT_FIELD]: 0 };
  const fields = [...Object.values(characters), NOTIFY_REPLIES.length, NOTIFY_ARTICLE.length];
  return fields.reduce((sum, limit) => sum + limit * WORST_BYTES_PER_CHARACTER + PER_FIELD_OVERHEAD, 0);
})();

export function parseCommentForm(form: FormData): ParsedCommentForm {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values: CommentFormValues = {
    author: normalizeLine(field('author')),
    email: normalizeLine(field('email')).toLowerCase(),
    url: normalizeLine(field('url')),
    body: normalizeText(field('body')),
    parentId: parseParentId(field('parent_id')),
    notifyReplies: form.getAll(NOTIFY_FIELD).includes(NOTIFY_REPLIES),
    notifyArticle: form.getAll(NOTIFY_FIELD).includes(NOTIFY_ARTICLE),
  };
  const errors: ParsedCommentForm['errors'] = {};
  const check = (name: CommentField, error: FieldError | null) => {
    if (error) errors[name] = error;
  };
  check('author', lengthError(values.author, LIMITS.author, true));
  check('email', lengthError(values.email, LIMITS.email, true) ?? (isMailAddress(values.email) ? null : 'invalid'));
  if (values.url) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(values.url) && /^[^\s/]+\.[^\s/]+/.test(values.url)) {
      values.url = `https://${values.url}`;
    }
    check('url', lengthError(values.url, LIMITS.url, false) ?? (isWebUrl(values.url) ? null : 'invalid'));
  }
  check('body', lengthError(values.body, LIMITS.body, true));
  return { values, errors, honeypot: field(HONEYPOT_FIELD) !== '', token: field(TOKEN_FIELD).trim() };
}

/** The public form: a ticked notification box without an address says what the address is for. */
export function parsePublicCommentForm(
  form: FormData,
): Omit<ParsedCommentForm, 'errors'> & { errors: Partial<Record<CommentField, CommentFormError>> } {
  const parsed = parseCommentForm(form);
  const notify = parsed.values.notifyReplies || parsed.values.notifyArticle;
  if (notify && parsed.errors.email === 'required')
    return { ...parsed, errors: { ...parsed.errors, email: 'required_to_notify' } };
  return parsed;
}

function lengthError(value: string, max: number, required: boolean): FieldError | null {
  if (required && !hasVisibleText(value)) return 'required';
  return characterCount(value) > max ? 'too_long' : null;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function parseParentId(value: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}
