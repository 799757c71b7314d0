-- Pinned articles come first on the home page: the few of them are found
-- here instead of among every published article. (The date archives and
-- their counts read articles_by_kind_status_date, migration 0012, alone.)
CREATE INDEX articles_pinned ON articles (kind, status, published_at DESC, id DESC) WHERE pinned = 1;
