-- Lists of articles (the home page, the date archives /2024 and /2024/03):
-- published articles in date order, pages (kind = 'page') left out. With
-- `kind` first, counting a list or a month reads this index alone, never the
-- rows: /archives counts every month of the blog on an index range each.
CREATE INDEX articles_listed ON articles (kind, status, published_at DESC, id DESC);
-- Pinned articles come first on the home page: the few of them are found
-- here instead of among every published article.
CREATE INDEX articles_pinned ON articles (kind, status, published_at DESC, id DESC) WHERE pinned = 1;
