-- Comments whose e-mail notifications are still to be handed to the
-- causerie-notifications queue: a comment that became public (approved on the
-- desk, by the CLI, the author's reply) or a new comment that asked to be
-- told of replies. The row is written in the same batch as the comment's
-- change, so a queue that cannot be reached loses nothing: the Worker hands
-- the row over at once, and the every-minute Cron Trigger hands over what is
-- left (the CLI, which runs outside the Worker, relies on it alone), then
-- deletes the row. Handing a comment over twice is harmless: the consumer
-- sends each e-mail once (notifications_by_key).
CREATE TABLE notification_outbox (
  comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
-- The Cron Trigger's oldest-first drain.
CREATE INDEX notification_outbox_by_date ON notification_outbox (created_at);
