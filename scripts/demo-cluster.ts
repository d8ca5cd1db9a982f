import { spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { DEMO_ENV, ROOT, demoBanner, demoEnv, prepareDemo, startCameraSimulator, startRoomSimulators } from './demo-setup.js';
import { startCluster, type Cluster } from './cluster/start.js';
import pg from 'pg';
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { onDatabase, startPostgres, type PgCluster } from '../server/testing/postgres.js';

/**
 * `npm run demo:cluster`: the demo with several hubs behind HAProxy on the one address `npm run demo` uses. Every hub
 * shares the store and media under the data dir; kill one (`kill -9`, pids printed) and the screens carry on through
 * the others. PANTAU_CLUSTER_HUBS hubs (3). The store is PostgreSQL with PostGIS: the one PANTAU_DATABASE_URL names,
 * else a private cluster this script starts on loopback, its data kept under <data>/cluster/postgres (initdb on the
 * first run, the same database on the next), stopped with the demo.
 */
const hubs = Number(process.env.PANTAU_CLUSTER_HUBS ?? 3);
if (!Number.isInteger(hubs) || hubs < 1 || hubs > 16) throw new Error(`PANTAU_CLUSTER_HUBS: a whole number from 1 to 16, not ${process.env.PANTAU_CLUSTER_HUBS}`);
const installed = spawnSync('bash', [join(ROOT, 'scripts/ensure-haproxy.sh')], { stdio: 'inherit' });
if (installed.status !== 0) process.exit(installed.status ?? 1);
if (!process.env.PANTAU_DATABASE_URL) {
  const pgInstalled = spawnSync('bash', [join(ROOT, 'scripts/ensure-postgres.sh')], { stdio: 'inherit' });
  if (pgInstalled.status !== 0) process.exit(pgInstalled.status ?? 1);
}

const children: ChildProcess[] = [];
let cluster: Cluster | null = null;
let postgres: PgCluster | null = null;
let stopped = false;
// The hubs before the database they write to, the database last (a clean shutdown, not a crash of its kept data).
async function stop(code = 0) {
  if (stopped) return;
  stopped = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await cluster?.stop();
  await postgres?.stop();
  process.exit(code);
}
// Installed before anything starts: a Ctrl+C while the database or the hubs come up stops what did.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

let config: ReturnType<typeof loadConfig>;
let env: NodeJS.ProcessEnv;
let wallToken: string;
let tokenFile: string;
try {
  const dataDir = loadConfig({ ...DEMO_ENV, ...process.env }).dataDir;
  if (!process.env.PANTAU_DATABASE_URL) {
    // Its own process group: the terminal's Ctrl+C reaches this script, which stops the hubs first, then it.
    postgres = await startPostgres({ dir: postgresDir(dataDir), settings: { fsync: 'on', full_page_writes: 'on' }, detached: true });
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'pantau'")).rowCount) await admin.query('CREATE DATABASE pantau');
    await admin.end();
    await onDatabase(postgres.url('pantau'), 'CREATE EXTENSION IF NOT EXISTS postgis');
    process.env.PANTAU_DATABASE_URL = postgres.url('pantau');
  }
  config = loadConfig({ ...DEMO_ENV, ...process.env });
  ({ wallToken, tokenFile } = await prepareDemo(config));
  env = demoEnv(config, wallToken);
  // Behind the balancer every request comes from loopback; the client's address is in X-Forwarded-For.
  env.PANTAU_TRUST_PROXY ??= 'loopback';
} catch (err) {
  console.error(`the demo could not be prepared: ${(err as Error).message}`);
  await stop(1);
  throw err;
}

children.push(startCameraSimulator(env));
try {
  cluster = await startCluster({ dataDir: config.dataDir, hubs, port: config.port, host: config.host, env });
} catch (err) {
  console.error(`the cluster did not start: ${(err as Error).message}`);
  await stop(1);
}
const running = cluster!;
for (const h of running.hubs) {
  h.child.on('exit', (code, signal) => {
    if (!running.stopping()) console.error(`${h.name} (pid ${h.child.pid}) stopped (${signal ?? code}); the others carry on`);
  });
}
// Without the balancer nothing reaches any hub: the demo is over.
void running.balancerExited.then(() => {
  if (running.stopping()) return;
  console.error('haproxy stopped: the cluster has no address any more; stopping the hubs');
  void stop(1);
});
children.push(...startRoomSimulators(running.url, env));
console.log(await demoBanner(config, running.url, wallToken, tokenFile, `Pantau cluster is running — ${config.city}, ${hubs} hubs behind HAProxy, data in ${config.dataDir}/`));
console.log(`  Store: PostgreSQL ${postgres ? `(private, loopback port ${postgres.port}, data in ${postgresDir(config.dataDir)})` : '(PANTAU_DATABASE_URL)'}`);
console.log(`  Hubs (each also on its own port):\n${running.hubs.map((h) => `    ${h.name.padEnd(6)} pid ${String(h.child.pid).padEnd(8)} ${h.url}   run ${h.runId}`).join('\n')}\n`);

/**
 * Where the private cluster keeps its data: under the data dir, unless the demo runs as root where the postgres
 * user (which the server runs as) cannot reach it (a data dir under /root): then a folder of its own in /tmp.
 */
function postgresDir(data: string): string {
  const wanted = join(resolve(data), 'cluster', 'postgres');
  if (process.getuid?.() !== 0) return wanted;
  for (let d = dirname(wanted); d !== dirname(d); d = dirname(d)) {
    try {
      if (!(statSync(d).mode & 0o001)) return join('/tmp', `pantau-postgres-${createHash('sha256').update(wanted).digest('hex').slice(0, 16)}`);
    } catch {
      // not made yet: its parent decides
    }
  }
  return wanted;
}
