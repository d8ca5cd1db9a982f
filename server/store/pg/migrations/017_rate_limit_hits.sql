-- Flood-limit counters (express-rate-limit) in the store every hub shares, as SQLite's migration 025 has them: one
-- row per limiter and source, hits in the window that started with the first of them and ends at reset_at.
CREATE TABLE rate_limit_hits (
  key      TEXT    PRIMARY KEY,
  hits     INTEGER NOT NULL,
  reset_at TEXT    NOT NULL
);
CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at);
