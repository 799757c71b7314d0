// The cache version's SQL, shared by the Worker and the command-line tools
// (which append the bump to their own writes, in the same transaction).
export const READ_CACHE_VERSION_SQL = 'SELECT version FROM cache_state WHERE id = 1';
export const BUMP_CACHE_VERSION_SQL = 'UPDATE cache_state SET version = version + 1 WHERE id = 1';
