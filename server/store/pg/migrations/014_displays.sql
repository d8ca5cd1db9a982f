-- The paired wall displays (SQLite's of migrations 001, 010 and 012): a long random token per screen, only its hash
-- kept. Pairing and revoking are events; the rows are the hub's, as on SQLite (the token hash is in no event).
CREATE TABLE displays (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_seen_at TEXT,
  paired_by    TEXT,
  revoked_by   TEXT
);
