-- Password-protected articles and pages (front matter `password`, made by
-- `npm run content:password`): the salted PBKDF2 hash of the password, in
-- the desk's format (src/admin/auth/password.ts); NULL for an article anyone
-- may read. The plain password is never stored. A protected article is never
-- cached, and stays out of feeds, search, the sitemap and related articles.
ALTER TABLE articles ADD COLUMN password_hash TEXT;
