// Comment reads for public pages: approved comments only, never the e-mail.
export function selectApprovedComments(db: D1Database, articleSlug: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, parent_id, author_name, author_url, body, created_at, is_author
         FROM comments
        WHERE article_id = (SELECT id FROM articles WHERE slug = ?1) AND status = 'approved'
        ORDER BY created_at, id`,
    )
    .bind(articleSlug);
}
