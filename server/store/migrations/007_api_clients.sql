-- Systems that call the hub with a key: Open311 clients (citizen apps, SP4N-LAPOR-style national systems), and later
-- indicator pushes. Only the key's hash is kept; the key itself is shown once, when an admin creates it.
-- Creating and revoking a key are also events in the log (account.api_key_created / account.api_key_revoked).
CREATE TABLE api_clients (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  -- The key's first characters, so an admin can tell which key a partner is holding without the hub keeping it.
  key_prefix  TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  -- JSON array of what the key may do: ["open311"], later ["indicators"].
  scopes      TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT,
  revoked_by  TEXT
);
CREATE INDEX api_clients_created ON api_clients (created_at);
