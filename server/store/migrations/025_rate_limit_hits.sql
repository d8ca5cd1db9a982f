-- Flood-limit counters (express-rate-limit) in the store, so every hub behind one address counts the same hits.
-- One row per limiter and source: hits in the window that started with the first of them and ends at reset_at.
CREATE TABLE rate_limit_hits (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at);
