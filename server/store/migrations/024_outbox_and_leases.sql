-- Issue 20, what a second hub will need from the store rather than from one hub's memory.

-- Messages to other systems (an agency's deadline webhook), written in the transaction that appends the event they
-- tell about, so a hub that dies after COMMIT loses none. Operational state beside the log, not a projection: what
-- it records (attempts, delivered, given up) happened outside the log, and a rebuild that folded rows back from the
-- log would send again what was delivered. npm run rebuild leaves this table alone.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  -- The event the message tells about: with the store's id, the Idempotency-Key a receiver drops a repeat by.
  seq INTEGER NOT NULL,
  agency_id TEXT,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- A worker's claim on the row while it sends: the hub run that holds it and until when.
  claimed_by TEXT,
  claimed_until TEXT,
  delivered_at TEXT,
  given_up_at TEXT,
  last_error TEXT,
  UNIQUE (seq, url)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- Jobs exactly one hub runs at a time (the deadline sweep): who holds each and until when. Taken and renewed by a
-- compare-and-set UPDATE on what was read, so two hubs reading the same expired row cannot both take it.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until TEXT NOT NULL
) WITHOUT ROWID;
