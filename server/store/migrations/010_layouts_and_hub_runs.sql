-- What each paired wall display shows (the projection of display.layout_assigned events), when each display was
-- last connected, and the hub's own runs, so a time series can mark the hours when no hub was collecting data.
CREATE TABLE display_layouts (
  display_id  TEXT PRIMARY KEY REFERENCES displays (id),
  layout      TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  assigned_at TEXT NOT NULL,
  assigned_by TEXT NOT NULL
);

ALTER TABLE displays ADD COLUMN last_seen_at TEXT;

CREATE TABLE hub_runs (
  id            TEXT PRIMARY KEY,
  started_at    TEXT NOT NULL,
  last_alive_at TEXT
);
CREATE INDEX hub_runs_alive ON hub_runs (last_alive_at);
