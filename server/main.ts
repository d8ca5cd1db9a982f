import { loadConfig } from './config.js';
import { createHub } from './hub.js';

const config = loadConfig();
const hub = await createHub(config);
const port = await hub.listen();
// The store by kind and where it is, never the PostgreSQL URL's password.
const db = hub.storeKind === 'postgresql' ? postgresPlace(config.databaseUrl!) : config.dbFile;
hub.log.info({ port, city: config.city, store: hub.storeKind, db, hub: hub.runId }, `Pantau hub listening on http://${config.host}:${port}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    hub.log.info({ signal }, 'stopping');
    await hub.close();
    process.exit(0);
  });
}

/** host/database of a PostgreSQL URL for the log; a form URL cannot parse (a socket path, a raw # in the password) says so. */
function postgresPlace(url: string): string {
  try {
    const u = new URL(url);
    return u.host + u.pathname;
  } catch {
    return 'PostgreSQL (PANTAU_DATABASE_URL)';
  }
}
