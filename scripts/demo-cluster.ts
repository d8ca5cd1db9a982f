import { spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { DEMO_ENV, ROOT, demoBanner, demoEnv, prepareDemo, startCameraSimulator, startRoomSimulators } from './demo-setup.js';
import { startCluster, type Cluster } from './cluster/start.js';

/**
 * `npm run demo:cluster`: the demo with several hubs behind HAProxy on the one address `npm run demo` uses. Every hub
 * shares the store and media under the data dir; kill one (`kill -9`, pids printed) and the screens carry on through
 * the others. PANTAU_CLUSTER_HUBS hubs (3). The store is the SQLite file until the hub runs on PostgreSQL (issue 19).
 */
const installed = spawnSync('bash', [join(ROOT, 'scripts/ensure-haproxy.sh')], { stdio: 'inherit' });
if (installed.status !== 0) process.exit(installed.status ?? 1);

const config = loadConfig({ ...DEMO_ENV, ...process.env });
const hubs = Number(process.env.PANTAU_CLUSTER_HUBS ?? 3);
if (!Number.isInteger(hubs) || hubs < 1 || hubs > 16) throw new Error(`PANTAU_CLUSTER_HUBS: a whole number from 1 to 16, not ${process.env.PANTAU_CLUSTER_HUBS}`);
const { wallToken, tokenFile } = await prepareDemo(config);
const env = demoEnv(config, wallToken);
// Behind the balancer every request comes from loopback; the client's address is in X-Forwarded-For.
env.PANTAU_TRUST_PROXY ??= 'loopback';
const children: ChildProcess[] = [];
let cluster: Cluster | null = null;
let stopped = false;
async function stop(code = 0) {
  if (stopped) return;
  stopped = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await cluster?.stop();
  process.exit(code);
}
// Installed before anything starts: a Ctrl+C while the hubs come up stops what did.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

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
console.log(`  Hubs (each also on its own port):\n${running.hubs.map((h) => `    ${h.name.padEnd(6)} pid ${String(h.child.pid).padEnd(8)} ${h.url}   run ${h.runId}`).join('\n')}\n`);
