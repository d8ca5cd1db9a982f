-- Kinerja's rollups, as SQLite's migrations 022 and 027 have them (domain/rollups.ts says what they mean): per city
-- day x agency x category x kecamatan, and per city day and per city month x agency with the response and resolution
-- histograms (their buckets that hold any, as little-endian uint32 pairs, bytes for bytes as on SQLite). Written in
-- the event's transaction from rollupChange through the same grouping (server/store/rollups.ts coarseOf, grainRows,
-- mergeTimes); a city copied by npm run migrate:pg gets them by the replay. The sums of milliseconds are BIGINT: a
-- month of an agency's response times passes 2^31 ms (SQLite's INTEGER is 64-bit already).
CREATE TABLE report_rollups (
  day                  TEXT    NOT NULL,
  agency_id            TEXT    NOT NULL,
  category_id          TEXT    NOT NULL,
  -- '' when the report has no kecamatan (a key column cannot be NULL and still conflict).
  district_code        TEXT    NOT NULL,
  received             INTEGER NOT NULL,
  reopened             INTEGER NOT NULL,
  dispatched           INTEGER NOT NULL,
  dispatched_in_time   INTEGER NOT NULL,
  returned_proofs      INTEGER NOT NULL,
  fixed                INTEGER NOT NULL,
  fixed_in_time        INTEGER NOT NULL,
  rejected             INTEGER NOT NULL,
  merged               INTEGER NOT NULL,
  response_ms          BIGINT  NOT NULL,
  resolution_ms        BIGINT  NOT NULL,
  PRIMARY KEY (day, agency_id, category_id, district_code)
);

CREATE TABLE report_rollup_agency_days (
  day                  TEXT    NOT NULL,
  agency_id            TEXT    NOT NULL,
  received             INTEGER NOT NULL,
  reopened             INTEGER NOT NULL,
  dispatched           INTEGER NOT NULL,
  dispatched_in_time   INTEGER NOT NULL,
  returned_proofs      INTEGER NOT NULL,
  fixed                INTEGER NOT NULL,
  fixed_in_time        INTEGER NOT NULL,
  rejected             INTEGER NOT NULL,
  merged               INTEGER NOT NULL,
  response_ms          BIGINT  NOT NULL,
  resolution_ms        BIGINT  NOT NULL,
  response_times       BYTEA   NOT NULL DEFAULT ''::bytea,
  resolution_times     BYTEA   NOT NULL DEFAULT ''::bytea,
  PRIMARY KEY (day, agency_id)
);

CREATE TABLE report_rollup_agency_months (
  month                TEXT    NOT NULL,
  agency_id            TEXT    NOT NULL,
  received             INTEGER NOT NULL,
  reopened             INTEGER NOT NULL,
  dispatched           INTEGER NOT NULL,
  dispatched_in_time   INTEGER NOT NULL,
  returned_proofs      INTEGER NOT NULL,
  fixed                INTEGER NOT NULL,
  fixed_in_time        INTEGER NOT NULL,
  rejected             INTEGER NOT NULL,
  merged               INTEGER NOT NULL,
  response_ms          BIGINT  NOT NULL,
  resolution_ms        BIGINT  NOT NULL,
  response_times       BYTEA   NOT NULL DEFAULT ''::bytea,
  resolution_times     BYTEA   NOT NULL DEFAULT ''::bytea,
  PRIMARY KEY (month, agency_id)
);
