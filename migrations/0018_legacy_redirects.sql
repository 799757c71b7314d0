-- Old WordPress addresses that no rule can derive from the address alone,
-- written by the importer from the export: a category or tag whose WordPress
-- slug is not its name's ("/tag/mustread" → the tag "must-read"), nested
-- category paths, "?cat=<term id>", attachment pages and "?attachment_id=".
--
-- address: an old path as legacyPathKey makes it (decoded, lowercase, no
--   trailing slash: "/category/foo-parent/foo-a-foo-parent"), or a query key
--   ("?cat=3128710", "?attachment_id=611").
-- Where it leads, the first that applies:
--   tag_slug      that tag's page (its feed and pages follow the old ones);
--   wordpress_id  the published article or page with that legacy_wp_id (an
--                 attachment's parent post), looked up when asked;
--   location      any other address here ("/archives", a copied file in /media/).
CREATE TABLE legacy_redirects (
  address TEXT PRIMARY KEY CHECK (length(address) BETWEEN 2 AND 500 AND (address GLOB '/*' OR address GLOB '[?]*')),
  tag_slug TEXT,
  wordpress_id INTEGER CHECK (wordpress_id IS NULL OR wordpress_id > 0),
  -- A path of this blog, never "//host" (another site).
  location TEXT CHECK (location IS NULL OR (location GLOB '/*' AND location NOT GLOB '//*')),
  CHECK (tag_slug IS NOT NULL OR wordpress_id IS NOT NULL OR location IS NOT NULL)
) WITHOUT ROWID;
