/**
 * Cluster bench: what several hubs behind HAProxy carry against one, in one run. Each configuration is started as
 * `npm run demo:cluster` starts it (scripts/cluster/start.ts: `server/main.ts` processes on one store, Debian's
 * HAProxy in front) on a fresh data dir with an operator account, and gets the same load from the intake client child
 * (scripts/bench/intake-client.ts): text-only reports (the console's phone intake, JSON) and reports with a unique
 * 640×480 photo (the citizen's form), closed loops at a fixed concurrency. Meanwhile a wall (a Socket.IO client
 * with the wall's token, through the same address) hears every report event: event-to-wall is the time from the
 * event's own `at` (stamped by the hub that decided it) to its arrival at the wall.
 *
 *   1 hub, direct         the hub's own port, no balancer: what HAProxy costs
 *   1 hub behind HAProxy  the baseline the cluster is compared with
 *   N hubs behind HAProxy (--hubs, 3)
 *   bare Socket.IO emit   a bare server emitting the same rate of events to a client in this process: the floor
 *
 *   1 hub on PostgreSQL behind HAProxy, N hubs on PostgreSQL behind HAProxy: the same, on one database (a private
 *                         cluster started here, fsync on), beside a bare pg INSERT of a report row (C at once)
 *
 * The SQLite rows share the file under their data dir. Only 127.0.0.1 is used; data lives in a temp dir that is
 * removed.
 *
 *   tsx scripts/bench/cluster.ts [--reports 1500] [--concurrency 16] [--max-seconds 8] [--hubs 3]
 * (or BENCH_REPORTS, BENCH_CONCURRENCY, BENCH_MAX_SECONDS, BENCH_HUBS). Prints figures and ratios; always exits 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.js';
import { createHub } from '../../server/hub.js';
import { onDatabase, startPostgres, type PgCluster } from '../../server/testing/postgres.js';
import { bareReportInserts } from './pg-bare.js';
import { createAccount } from '../../server/commands/accounts.js';
import { SYSTEM } from '../../server/contract/roles.js';
import type { LiveReportEvent } from '../../server/contract/events.js';
import { scenePhoto } from '../simulate/scene-photo.js';
import { startCluster, type Cluster } from '../cluster/start.js';
import { fmt, numericFlags, ratio, sleep, stopGuard, summarize, table } from './stats.js';
import { CATEGORY, forkIntakeClient, type DoneMsg } from './intake-client.js';

const WALL_TOKEN = 'bench-wall-token-0123456789abcdef';
const OPERATOR = { username: 'operator.bench', password: 'bench-password-2026' };

type Measured = { name: string; text: DoneMsg; photo: DoneMsg; wall: number[]; heard: number; committed: number };


async function main() {
  const usage = 'usage: tsx scripts/bench/cluster.ts [--reports 1500] [--concurrency 16] [--max-seconds 8] [--hubs 3]';
  const flags = numericFlags({ reports: 1500, concurrency: 16, 'max-seconds': 8, hubs: 3 }, usage);
  const N = Math.floor(flags.reports);
  const C = Math.floor(flags.concurrency);
  const maxMs = flags['max-seconds'] * 1000;
  const H = Math.floor(flags.hubs);

  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-cluster-'));
  let client: ReturnType<typeof forkIntakeClient> | null = null;
  let cluster: Cluster | null = null;
  let postgres: PgCluster | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await client?.close();
      await cluster?.stop();
      await postgres?.stop();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    })());
  const guard = stopGuard('cluster bench', cleanup, (4 * (2 * flags['max-seconds'] + 60) + 60) * 1000);

  try {
    const photo = await scenePhoto(CATEGORY, 1, 640, 480);
    console.log(
      `cluster bench: up to ${N} reports per run (≤ ${flags['max-seconds']} s each), concurrency ${C}; photo ${photo.length.toLocaleString('en')} B JPEG 640×480, unique per report; ` +
        `node ${process.version}, ${cpus().length} CPUs; every hub and the load client are processes of their own on this machine`,
    );
    client = forkIntakeClient(photo);

    /** One configuration: a fresh store, its hubs and balancer, a wall listening, the text run then the photo run. */
    const measure = async (name: string, hubs: number, direct: boolean, seed: number, databaseUrl?: string): Promise<Measured> => {
      const dataDir = join(root, `c${seed}`);
      await seedOperator(dataDir, databaseUrl);
      cluster = await startCluster({
        dataDir,
        hubs,
        port: 0,
        env: {
          PANTAU_WALL_TOKEN: WALL_TOKEN, PANTAU_CAMERA_MONITOR: 'off', PANTAU_LOG_LEVEL: 'warn', PANTAU_TRUST_PROXY: 'loopback',
          // The load comes from one address and keeps C uploads in flight: neither limit is what this measures.
          PANTAU_RATE_REPORTS_PER_10MIN: '1000000000', PANTAU_PHOTO_QUEUE: '10000',
          ...(databaseUrl ? { PANTAU_DATABASE_URL: databaseUrl } : {}),
        },
      });
      const url = direct ? cluster.hubs[0].url : cluster.url;
      const port = Number(new URL(url).port);
      const cookie = await login(url);
      const wall = await wallAt(url);
      // A short warm-up of each kind (tsx's first compiles, sharp's first encode, the first socket), not measured.
      await client!.drive(`${name} warm text`, port, 30, C, maxMs, false, seed * 10, { cookie });
      await client!.drive(`${name} warm photo`, port, 30, C, maxMs, true, seed * 10 + 1);
      await sleep(500);
      wall.latencies.length = 0;
      const heardBefore = wall.heard();
      const text = await client!.drive(`${name} text`, port, N, C, maxMs, false, seed * 10 + 2, { cookie });
      const photoRun = await client!.drive(`${name} photo`, port, N, C, maxMs, true, seed * 10 + 3);
      const committed = (text.statuses['201'] ?? 0) + (photoRun.statuses['201'] ?? 0);
      // Every acknowledged report reaches the wall; the last ones get a moment to arrive.
      const until = Date.now() + 10_000;
      while (wall.heard() - heardBefore < committed && Date.now() < until) await sleep(20);
      const m = { name, text, photo: photoRun, wall: [...wall.latencies], heard: wall.heard() - heardBefore, committed };
      wall.close();
      await cluster.stop();
      cluster = null;
      return m;
    };

    const rows: Measured[] = [];
    rows.push(await measure('1 hub, direct (no balancer)', 1, true, 1));
    rows.push(await measure('1 hub behind HAProxy', 1, false, 2));
    rows.push(await measure(`${H} hubs behind HAProxy`, H, false, 3));
    // PostgreSQL: durable commits (the tests' cluster runs with fsync off), a fresh database per configuration.
    postgres = await startPostgres({ settings: { fsync: 'on', full_page_writes: 'on' } });
    const database = async (name: string) => {
      await onDatabase(postgres!.url(), `CREATE DATABASE ${name}`);
      await onDatabase(postgres!.url(name), 'CREATE EXTENSION postgis');
      return postgres!.url(name);
    };
    rows.push(await measure('1 hub on PostgreSQL behind HAProxy', 1, false, 4, await database('one')));
    rows.push(await measure(`${H} hubs on PostgreSQL behind HAProxy`, H, false, 5, await database('several')));
    const bareRows = (await bareReportInserts(await database('bare'), { n: N, concurrency: C, maxMs, warmup: 30, category: CATEGORY })).result;
    const pgBare = (bareRows.done / Math.max(1, bareRows.elapsedMs)) * 1000;
    // The bare emit at the rate the cluster's wall heard events.
    const heardPerSecond = (rows[2].heard / Math.max(1, rows[2].text.loop.elapsedMs + rows[2].photo.loop.elapsedMs)) * 1000;
    const bare = await bareEmit(Math.max(20, Math.round(heardPerSecond)), Math.min(5000, maxMs));

    // ---------------------------------------------------------------- report
    const one = rows[1];
    const lines = rows.map((r) => {
      const w = summarize(Float64Array.from(r.wall));
      return [
        r.name,
        fmt(rate(r.text), 1),
        fmt(rate(r.photo), 1),
        fmt(summarize(r.photo.loop.latencies).p99, 0),
        `${r.heard}/${r.committed}`,
        fmt(w.p50, 1),
        fmt(w.p99, 1),
        ratio(rate(r.text), rate(one.text)),
        ratio(rate(r.photo), rate(one.photo)),
        ratio(w.p99, bare.p99),
      ];
    });
    lines.push(['bare Socket.IO emit, same process', '', '', '', `${bare.n}/${bare.n}`, fmt(bare.p50, 1), fmt(bare.p99, 1), '', '', '1.00×']);
    lines.push([`bare pg INSERT of a report row, ${C} at once`, fmt(pgBare, 1), '', '', '', '', '', ratio(pgBare, rate(one.text)), '', '']);
    console.log('');
    console.log(table(['configuration', 'text/s', 'photo/s', 'photo p99 ms', 'wall heard', 'e→wall p50', 'e→wall p99', 'text ×1 hub', 'photo ×1 hub', 'p99 ×bare'], lines));
    for (const r of rows)
      for (const [kind, d] of [['text', r.text], ['photo', r.photo]] as const) {
        const bad = Object.entries(d.statuses).filter(([k]) => k !== '201');
        if (bad.length) console.log(`  ${r.name}, ${kind}: non-201 ${bad.map(([k, v]) => `${k}×${v}`).join(', ')}${d.firstError ? ` (${d.firstError})` : ''}`);
        if (d.loop.stoppedByTime) console.log(`  ${r.name}, ${kind}: stopped by --max-seconds ${flags['max-seconds']} after ${d.loop.done}`);
      }
    console.log('  text/s, photo/s: 201s per second at the client; e→wall: the event\'s `at` (hub clock) to its arrival at the wall (this machine\'s clock, ms).');
    console.log('  ×1 hub: against 1 hub on SQLite behind HAProxy.');
    for (const [several, single, store] of [[rows[2], rows[1], 'SQLite'], [rows[4], rows[3], 'PostgreSQL']] as const) {
      const p99 = summarize(Float64Array.from(several.wall)).p99;
      console.log(`\ngoals on ${store}: ${H} hubs carry ≥ 2× one hub's photo intake: ${ratio(rate(several.photo), rate(single.photo))} → ${rate(several.photo) >= 2 * rate(single.photo) ? 'holds' : 'does NOT hold'}` +
        `; event-to-wall p99 within 2× the bare emit: ${ratio(p99, bare.p99)} → ${p99 <= 2 * bare.p99 ? 'holds' : 'does NOT hold'}`);
    }
  } catch (err) {
    if (!guard.stopping()) throw err;
  } finally {
    await cleanup();
  }
}

const rate = (d: DoneMsg) => ((d.statuses['201'] ?? 0) / Math.max(1, d.loop.elapsedMs)) * 1000;

/** A store (under `dataDir`, or the PostgreSQL database) with the city's setup and one operator, as the hubs will open it. */
async function seedOperator(dataDir: string, databaseUrl?: string): Promise<void> {
  const hub = await createHub(loadConfig({ PANTAU_DATA_DIR: dataDir, PANTAU_LOG_LEVEL: 'silent', PANTAU_CAMERA_MONITOR: 'off', PANTAU_DEADLINE_SCHEDULER: 'off', ...(databaseUrl ? { PANTAU_DATABASE_URL: databaseUrl } : {}) }));
  await createAccount(hub.ctx, SYSTEM, { ...OPERATOR, name: 'Operator Uji', role: 'operator', agencyId: 'dkp' });
  await hub.close();
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(OPERATOR) });
  if (!res.ok) throw new Error(`login at ${url}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A wall's socket through `url`: every report event's delay from its `at`. */
async function wallAt(url: string) {
  const latencies: number[] = [];
  let heard = 0;
  const socket: Socket = connect(url, { transports: ['websocket'], auth: { display: WALL_TOKEN, storeId: null, seq: 0, snapshot: 'columns' } });
  socket.on('report.event', (e: LiveReportEvent) => {
    if (e.type !== 'report.submitted') return;
    heard++;
    latencies.push(Date.now() - Date.parse(e.at));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('live.catchup', () => resolve());
    socket.once('connect_error', reject);
  });
  return { latencies, heard: () => heard, close: () => socket.close() };
}

/** A bare Socket.IO server and a client in this process, `perSecond` events for `ms`: each one's delay from its stamp. */
async function bareEmit(perSecond: number, ms: number) {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const port = await new Promise<number>((r) => http.listen(0, '127.0.0.1', () => r((http.address() as AddressInfo).port)));
  const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const delays: number[] = [];
  socket.on('report.event', (e: { at: string }) => delays.push(Date.now() - Date.parse(e.at)));
  const every = 1000 / perSecond;
  const start = Date.now();
  let sent = 0;
  while (Date.now() - start < ms) {
    io.emit('report.event', { seq: ++sent, at: new Date().toISOString(), type: 'report.submitted' });
    await sleep(every);
  }
  const until = Date.now() + 2000;
  while (delays.length < sent && Date.now() < until) await sleep(10);
  socket.close();
  io.close();
  http.close();
  return { ...summarize(Float64Array.from(delays)), n: sent };
}

await main();

