-- The hub's runs (SQLite's of migration 010: a row per start, its heartbeat moved forward while it lives; the wall's
-- "data gap" bands) and which displays each live run holds a socket of (SQLite's 028: presence across hubs). Not
-- events: presence, not the city's record.
CREATE TABLE hub_runs (
  id            TEXT PRIMARY KEY,
  started_at    TEXT NOT NULL,
  last_alive_at TEXT
);
CREATE INDEX hub_runs_alive ON hub_runs (last_alive_at);

CREATE TABLE display_connections (
  run_id     TEXT NOT NULL,
  display_id TEXT NOT NULL,
  PRIMARY KEY (run_id, display_id)
);
