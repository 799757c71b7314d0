// Demo comments (content/demo/comments.yaml), seeded into the local database
// by `npm run dev` so the reference article shows a living thread. Each has a
// stable key, so seeding twice inserts nothing twice.
import { parse } from 'yaml';
import { formatComment } from '../../src/comments/format.ts';
import { type SqlValue, sqlLiteral } from './sql.ts';

export interface DemoComment {
  key: string;
  article: string;
  parent: string | null;
  author: string;
  email: string;
  url: string | null;
  isAuthor: boolean;
  /** Approved unless the file says "pending" (held for the moderation desk, as a first comment). */
  status: 'approved' | 'pending';
  createdAt: number;
  body: string;
}

export function parseDemoComments(file: string, source: string): DemoComment[] {
  const data: unknown = parse(source);
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of comments`);
  const keys = new Set<string>();
  return data.map((item: Record<string, unknown>, index) => {
    const where = `${file}: comment #${index + 1}`;
    const text = (name: string, required = true): string | null => {
      const value = item?.[name];
      if (value === undefined || value === null || value === '') {
        if (required) throw new Error(`${where}: "${name}" is required`);
        return null;
      }
      if (typeof value !== 'string') throw new Error(`${where}: "${name}" must be text`);
      return value.trim();
    };
    const key = text('key') as string;
    const parent = text('parent', false);
    if (parent && !keys.has(parent)) throw new Error(`${where}: parent "${parent}" must be listed before its reply`);
    keys.add(key);
    const status = text('status', false) ?? 'approved';
    if (status !== 'approved' && status !== 'pending') throw new Error(`${where}: "status" is approved or pending`);
    const createdAt = Date.parse(text('date') as string);
    if (Number.isNaN(createdAt)) throw new Error(`${where}: "date" is not a date`);
    return {
      key,
      article: text('article') as string,
      parent,
      author: text('author') as string,
      email: text('email') as string,
      url: text('url', false),
      isAuthor: item.is_author === true,
      status,
      createdAt: Math.floor(createdAt / 1000),
      body: text('body') as string,
    };
  });
}

export function buildDemoCommentStatements(comments: DemoComment[]): string[] {
  return comments.map((comment) => {
    // Formatted as the comment form formats what a reader sends.
    const formatted = formatComment(comment.body);
    const values: SqlValue[] = [
      comment.author,
      comment.email,
      comment.url,
      comment.body,
      comment.status,
      comment.createdAt,
      comment.isAuthor,
      `demo:${comment.key}`,
      comment.status === 'pending' ? 'first_comment' : null,
      comment.status === 'pending',
      formatted.html,
      formatted.text,
    ];
    const parent = comment.parent
      ? `(SELECT id FROM comments WHERE source_key = ${sqlLiteral(`demo:${comment.parent}`)})`
      : 'NULL';
    return `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
  created_at, is_author, source_key, held_reason, turnstile_verified, body_html, body_text)
SELECT a.id, ${parent}, ${values.map(sqlLiteral).join(', ')}
  FROM articles a WHERE a.slug = ${sqlLiteral(comment.article)}
ON CONFLICT (source_key) DO NOTHING`;
  });
}
