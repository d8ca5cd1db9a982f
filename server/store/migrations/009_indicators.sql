-- Performance indicators (finance, physical progress, procurement): every value is an indicator.* event;
-- this table is the projection of the latest value per indicator and period, written in the same transaction.
CREATE TABLE indicator_values (
  indicator_id TEXT    NOT NULL,
  period       TEXT    NOT NULL,
  value        REAL    NOT NULL,
  at           TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  source       TEXT    NOT NULL,
  corrections  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (indicator_id, period)
);
-- The history of one indicator (recorded, then corrected) is read from the event log by this expression.
CREATE INDEX events_indicator ON events (json_extract(payload, '$.indicatorId'), seq) WHERE type LIKE 'indicator.%';
