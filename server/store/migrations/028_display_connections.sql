-- The paired displays each hub run has connected right now, so the console on any hub of a cluster sees every
-- connected screen (a hub's sockets are in its own memory). Hub state, not a projection: each run rewrites its own
-- rows when a display connects or leaves and on its heartbeat; readers take only runs still alive (hub_runs).
CREATE TABLE display_connections (
  run_id     TEXT NOT NULL,
  display_id TEXT NOT NULL,
  PRIMARY KEY (run_id, display_id)
);
