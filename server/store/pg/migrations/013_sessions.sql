-- Staff sessions (SQLite's of migration 002): a login is not a state change of the city's record, so not an event;
-- the accounts projection ends an account's sessions when it is disabled or its password reset, as SQLite's does.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
