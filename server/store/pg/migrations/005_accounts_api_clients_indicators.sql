-- Three more projections of the log on PostgreSQL, with SQLite's columns (its migrations 002, 007 and 009) so one
-- fold serves both (server/store/projections/accounts.ts, api-clients.ts, indicators.ts). Times and JSON stay text.

-- Staff accounts. SQLite's username is UNIQUE COLLATE NOCASE; here the same by lower(): the contract already
-- accepts only lower-case ASCII usernames, so both stores refuse the same duplicates.
-- Sessions are not a projection (a login is not a state change of the city's record) and come with the hub.
CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  agency_id     TEXT,
  password_hash TEXT NOT NULL,
  disabled_at   TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts (lower(username));
CREATE INDEX accounts_role ON accounts (role, agency_id);

-- Systems that call the hub with a key: only the key's hash is kept.
CREATE TABLE api_clients (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  key_prefix  TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  scopes      TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT,
  revoked_by  TEXT
);
CREATE INDEX api_clients_created ON api_clients (created_at);

-- The latest figure per indicator and period. An indicator's history is read from the log (the index that read
-- wants on the payload's indicatorId comes with it).
CREATE TABLE indicator_values (
  indicator_id TEXT             NOT NULL,
  period       TEXT             NOT NULL,
  value        DOUBLE PRECISION NOT NULL,
  at           TEXT             NOT NULL,
  seq          BIGINT           NOT NULL,
  source       TEXT             NOT NULL,
  corrections  INTEGER          NOT NULL DEFAULT 0,
  PRIMARY KEY (indicator_id, period)
);
