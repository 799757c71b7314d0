// What a new comment adds to its own INSERT's batch for notifications: the
// subscriptions its boxes asked for, and its place in the outbox when it has
// something to hand over (public at once, or a confirmation to send). Never
// for spam: the form must not become a way to mail strangers.
import type { CommentFormValues } from '../comments/validate';
import type { Db } from '../db/session';
import { outboxNewCommentStatement, type SubscriptionScope, subscribeNewCommentStatements } from '../db/subscriptions';
import { notificationsEnabled } from './enabled';

export interface NewCommentNotifications {
  statements: D1PreparedStatement[];
  /** The comment goes to the outbox: hand it over once the batch is written. */
  handOver: boolean;
}

export function newCommentNotifications(
  env: Env,
  db: Db,
  comment: {
    values: CommentFormValues;
    articleId: number;
    createdAt: number;
    status: 'approved' | 'pending' | 'spam';
    turnstileVerified: boolean;
  },
): NewCommentNotifications {
  if (!notificationsEnabled(env) || comment.status === 'spam') return { statements: [], handOver: false };
  const { values, articleId, createdAt } = comment;
  const scopes: SubscriptionScope[] = [
    ...(values.notifyReplies ? (['thread'] as const) : []),
    ...(values.notifyArticle ? (['article'] as const) : []),
  ];
  const statements = subscribeNewCommentStatements(db, { email: values.email, articleId, createdAt, scopes });
  // A held comment that did not pass Turnstile waits for its approval to be handed over.
  const handOver = comment.status === 'approved' || (scopes.length > 0 && comment.turnstileVerified);
  if (handOver) statements.push(outboxNewCommentStatement(db, { email: values.email, articleId, createdAt }));
  return { statements, handOver };
}
