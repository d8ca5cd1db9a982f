import { loadConfig } from './config.js';
import { openInstallation } from './installation.js';

const config = loadConfig();
const installation = await openInstallation(config);
const { cities: ports, province } = await installation.listen();
const { configs } = installation;
installation.hubs.forEach((hub, i) => {
  const c = configs[i];
  // The store by kind and where it is, never the PostgreSQL URL's password.
  const db = hub.storeKind === 'postgresql' ? postgresPlace(c.databaseUrl!) + (configs.length > 1 ? ` schema ${c.databaseSchema}` : '') : c.dbFile;
  hub.log.info({ port: ports[i], city: c.city, store: hub.storeKind, db, hub: hub.runId }, `Pantau hub listening on http://${c.host}:${ports[i]}`);
});

if (province !== null) installation.province!.log.info({ port: province, cities: configs.map((c) => c.city) }, `the province's hub (its screens over every city, Open311 by jurisdiction_id) on http://${config.host}:${province}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    (installation.province ?? installation.hubs[0]).log.info({ signal }, 'stopping');
    await installation.close();
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
