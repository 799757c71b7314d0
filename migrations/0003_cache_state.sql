-- The version of the Cache API layer's keys. Every content change bumps it,
-- which retires every cached page at once in every data centre (each isolate
-- re-reads it at most once per CACHE_VERSION_BOUND_SECONDS).
CREATE TABLE cache_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO cache_state (id, version) VALUES (1, 1);
