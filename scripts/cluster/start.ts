import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { haproxyConfig } from './haproxy-config.js';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HAPROXY = process.env.PANTAU_HAPROXY ?? '/usr/sbin/haproxy';

export type ClusterHub = { name: string; port: number; url: string; runId: string; child: ChildProcess; exited: Promise<number | null> };
export type Cluster = {
  url: string;
  hubs: ClusterHub[];
  balancer: ChildProcess;
  /** Settles when HAProxy stops, whoever stopped it. */
  balancerExited: Promise<void>;
  /** True from the moment stop() is called: a hub that exits then is being stopped, not dying. */
  stopping: () => boolean;
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  /** The store and media every hub shares (PANTAU_DATA_DIR), and where the balancer's configuration is written. */
  dataDir: string;
  hubs: number;
  /** The cluster's one address; 0 picks a free one. */
  port: number;
  host?: string;
  /** What every hub gets on top of this process's environment (PORT and PANTAU_DATA_DIR are set here). */
  env?: NodeJS.ProcessEnv;
  /** Each hub's log lines (it logs JSON on stdout); without it only errors are shown, on stderr. */
  onLog?: (hub: string, line: string) => void;
  checkEveryMs?: number;
};

/** One hub process (`server/main.ts`, as `npm start` runs it), resolved once it answers its health check, with its run id. */
async function startHub(name: string, o: ClusterOptions): Promise<ClusterHub> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...o.env, PORT: String(port), HOST: '127.0.0.1', PANTAU_DATA_DIR: o.dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (o.onLog) o.onLog(name, line);
    else if (/"level":(5\d|60)/.test(line)) console.error(`${name}: ${line}`);
  });
  const url = `http://127.0.0.1:${port}`;
  // Up once it answers its health check (whatever its log level), which names its run.
  const runId = await Promise.race([
    untilHealthy(url, 60_000).then((h) => h.hub),
    exited.then((code) => Promise.reject(new Error(`${name} exited (${code}) before it listened`))),
  ]).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  return { name, port, url, runId, child, exited };
}

/** Until `url`/api/health answers 200, or `ms` is over; what it answered. */
export async function untilHealthy(url: string, ms: number): Promise<{ hub: string }> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return (await res.json()) as { hub: string };
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer /api/health`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Several hubs on one shared store behind HAProxy: the cluster `npm run demo:cluster` and the cluster e2e start.
 * The first hub starts alone (it migrates and pairs the wall token), the others after it.
 */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const hubs: ClusterHub[] = [await startHub('hub1', o)];
  // A hub that fails to start stops the ones that did: none is left running without the balancer.
  const rest = await Promise.allSettled(Array.from({ length: o.hubs - 1 }, (_, i) => startHub(`hub${i + 2}`, o)));
  for (const r of rest) if (r.status === 'fulfilled') hubs.push(r.value);
  const failed = rest.find((r) => r.status === 'rejected');
  if (failed) {
    for (const h of hubs) h.child.kill('SIGTERM');
    await Promise.all(hubs.map((h) => h.exited));
    throw failed.reason;
  }
  const host = o.host ?? '127.0.0.1';
  const port = o.port || (await freePort());
  const dir = join(o.dataDir, 'cluster');
  mkdirSync(dir, { recursive: true });
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig({ bind: { host, port }, hubs: hubs.map((h) => ({ name: h.name, host: '127.0.0.1', port: h.port })), checkEveryMs: o.checkEveryMs }));
  // -db: in the foreground, stopped with this process; its warnings on stderr.
  const balancer = spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'inherit'] });
  // A balancer that could not be spawned emits 'error' and never 'exit': stop() must not wait for it.
  const balancerExited = new Promise<void>((r) => {
    balancer.once('exit', () => r());
    balancer.once('error', (err) => {
      console.error(`haproxy could not start (${HAPROXY}): ${err.message}; scripts/ensure-haproxy.sh installs it`);
      r();
    });
  });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let stopping = false;
  // This process ending for any reason (an uncaught error, process.exit) takes its hubs and balancer with it.
  const orphans = () => {
    for (const c of [balancer, ...hubs.map((h) => h.child)]) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.once('exit', orphans);
  const stop = async () => {
    stopping = true;
    if (balancer.exitCode === null) balancer.kill('SIGTERM');
    for (const h of hubs) if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGTERM');
    await Promise.all([balancerExited, ...hubs.map((h) => h.exited)]);
    process.off('exit', orphans);
  };
  try {
    // The balancer is up when one of these hubs answers through it: a port already taken by another process answers
    // too (HAProxy then fails to bind and exits), so the answer must name one of the runs started here.
    const answer = await Promise.race([
      untilHealthy(url, 20_000),
      balancerExited.then(() => Promise.reject(new Error(`haproxy stopped before it answered on ${url} (is the port taken?)`))),
    ]);
    if (!hubs.some((h) => h.runId === answer.hub)) throw new Error(`${url} is answered by another process, not this cluster's hubs: choose another PORT`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, hubs, balancer, balancerExited, stopping: () => stopping, stop };
}
