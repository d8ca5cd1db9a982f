/**
 * Fan-out bench: event-to-client latency from a hub command to 200 connected wall sockets, against a bare
 * socket.io server doing `io.emit` of a payload of the same shape and size, measured in the same run.
 *
 * Events are driven in-process (actOnReport 'note' as a system actor on one seeded report), so the figure is the
 * commit + broadcast, not HTTP. The send time is stamped just before the call. The clients run in a child process
 * (so their parsing does not run on the hub's event loop) and stamp receipt on the same system-wide monotonic clock
 * (process.hrtime), relative to a base the parent hands over. Both servers are on 127.0.0.1 with their own clients
 * connected throughout; measured blocks of events alternate between bare and hub so background load hits both alike.
 *
 *   tsx scripts/bench/fanout.ts [--clients 200] [--events 300] [--interval-ms 20] [--block 50] [--warmup 20]
 * (or BENCH_CLIENTS, BENCH_EVENTS, ...). Prints figures and the p99 ratio; always exits 0.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.js';
import { createHub, sqliteHub, type SqliteHub as Hub } from '../../server/hub.js';
import { submitReport } from '../../server/commands/submit-report.js';
import { actOnReport } from '../../server/commands/act-on-report.js';
import { publicReport } from '../../server/domain/views.js';
import type { Actor } from '../../server/contract/roles.js';
import type { CatchUp, LiveReportEvent } from '../../server/contract/events.js';
import { scenePhoto } from '../simulate/scene-photo.js';
import { clockFrom, fmt, numericFlags, ratio, sleep, summarize, table, waitFor, stopGuard } from './stats.js';

const CHILD_ENV = 'PANTAU_BENCH_FANOUT_CLIENTS';
const WALL_TOKEN = 'bench-wall-token-0123456789abcdef';
const BENCH_ACTOR: Actor = { id: 'bench', role: 'system' };
/** A send call longer than this is counted: it holds up every client and the next event. */
const SLOW_CALL_MS = 5;

type ToChild =
  | { type: 'connect'; label: string; url: string; n: number; token: string; base: string }
  | { type: 'collect'; label: string; ids: number[]; waitMs: number }
  | { type: 'close'; label: string }
  | { type: 'exit' };
type FromChild =
  | { type: 'connected'; label: string; ok: number; failed: number; firstError: string | null; ms: number }
  | { type: 'collected'; label: string; recv: Float64Array; eventsBeforeCatchup: number; catchupsMissing: number }
  | { type: 'closed'; label: string };

// ---------------------------------------------------------------- the clients (child process)

type Client = { socket: Socket; gotCatchup: boolean; recv: Map<number, number>; eventsBeforeCatchup: number };

async function clientChild() {
  const groups = new Map<string, Client[]>();
  let now = () => 0;
  const reply = (m: FromChild) => process.send!(m);
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: ToChild) => {
    if (m.type === 'exit') {
      for (const g of groups.values()) for (const c of g) c.socket.close();
      process.exit(0);
    }
    if (m.type === 'connect') {
      now = clockFrom(BigInt(m.base));
      const t0 = performance.now();
      let firstError: string | null = null;
      let failed = 0;
      const group: Client[] = Array.from({ length: m.n }, () => {
        const socket = connect(m.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { display: m.token }, timeout: 20_000 });
        const c: Client = { socket, gotCatchup: false, recv: new Map(), eventsBeforeCatchup: 0 };
        socket.on('report.event', (e: LiveReportEvent) => {
          const t = now();
          if (!c.gotCatchup) c.eventsBeforeCatchup++;
          if (!c.recv.has(e.seq)) c.recv.set(e.seq, t);
        });
        socket.on('live.catchup', (_c: CatchUp) => {
          c.gotCatchup = true;
        });
        socket.on('connect_error', (err) => {
          failed++;
          firstError ??= err.message;
        });
        return c;
      });
      groups.set(m.label, group);
      await waitFor(() => group.every((c) => c.gotCatchup) || group.filter((c) => c.gotCatchup).length + failed >= m.n, 30_000, 20);
      return reply({ type: 'connected', label: m.label, ok: group.filter((c) => c.gotCatchup).length, failed, firstError, ms: performance.now() - t0 });
    }
    if (m.type === 'collect') {
      const group = groups.get(m.label) ?? [];
      await waitFor(() => group.every((c) => !c.socket.connected || m.ids.every((id) => c.recv.has(id))), m.waitMs, 20);
      const recv = new Float64Array(group.length * m.ids.length).fill(NaN);
      group.forEach((c, ci) => m.ids.forEach((id, ei) => (recv[ci * m.ids.length + ei] = c.recv.get(id) ?? NaN)));
      return reply({
        type: 'collected',
        label: m.label,
        recv,
        eventsBeforeCatchup: group.reduce((s, c) => s + c.eventsBeforeCatchup, 0),
        catchupsMissing: group.filter((c) => !c.gotCatchup).length,
      });
    }
    if (m.type === 'close') {
      const group = groups.get(m.label) ?? [];
      for (const c of group) c.socket.close();
      groups.delete(m.label);
      return reply({ type: 'closed', label: m.label });
    }
  });
}

if (process.env[CHILD_ENV] === '1') {
  await clientChild();
} else {
  await main();
}

// ---------------------------------------------------------------- the bench (parent)

type Target = {
  name: string;
  label: string;
  url: string;
  /** Fires one event; returns the id the clients will see (seq) and the send stamp. */
  fire: () => { id: number; sentAt: number; callMs: number } | Promise<{ id: number; sentAt: number; callMs: number }>;
  sent: Map<number, number>;
  callMs: number[];
  payloadBytes: number;
};

async function main() {
  const usage = 'usage: tsx scripts/bench/fanout.ts [--clients 200] [--events 300] [--interval-ms 20] [--block 50] [--warmup 20]';
  const flags = numericFlags({ clients: 200, events: 300, 'interval-ms': 20, block: 50, warmup: 20 }, usage);
  const nClients = Math.floor(flags.clients);
  const nEvents = Math.floor(flags.events);
  const interval = flags['interval-ms'];
  const block = Math.floor(flags.block);
  const warmup = Math.floor(flags.warmup);

  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-fanout-'));
  let child: ChildProcess | null = null;
  let hub: Hub | null = null;
  let bare: Server | null = null;
  // Stopping (Ctrl-C, SIGTERM or the watchdog) and the normal end share one cleanup; an error the stop causes
  // in the running phase is expected and not reported.
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        if (child.connected) child.send({ type: 'exit' } satisfies ToChild);
        else child.kill();
        await Promise.race([exited, sleep(3000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      if (bare) await bare.close().catch(() => {});
      if (hub) await hub.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    })());
  const guard = stopGuard('fanout bench', cleanup, (90 + (2 * (nEvents + warmup) * interval) / 1000) * 1000);

  try {
    const base = process.hrtime.bigint();
    const now = clockFrom(base);

    // The hub, with one seeded report to note on.
    hub = sqliteHub(await createHub(
      loadConfig({}, {
        port: 0, dataDir: root, dbFile: join(root, 'pantau.sqlite'), mediaDir: join(root, 'media'),
        staticDir: null, logLevel: 'silent', wallToken: WALL_TOKEN,
      }),
    ));
    const hubPort = await hub.listen();
    const seeded = await submitReport(
      hub.ctx,
      BENCH_ACTOR,
      { category: 'sampah', description: 'Sampah menumpuk di depan Pasar Anyar (bench)', lat: -6.18, lon: 106.64, channel: 'web' },
      [await scenePhoto('sampah', 1, 640, 480)],
    );
    if (!seeded.ok) throw new Error(`could not seed a report: ${seeded.message}`);
    const reportId = seeded.value.id;
    const hubCtx = hub.ctx;

    // The bare socket.io server: same engine options as the hub, emits the same shape to everyone.
    const bareHttp = createServer();
    bare = new Server(bareHttp, { serveClient: false, maxHttpBufferSize: 1e6, pingInterval: 10_000, pingTimeout: 8_000 });
    bare.on('connection', (s) => s.emit('live.catchup', { kind: 'snapshot', storeId: 'bare', seq: 0, markers: [], cameras: [] } satisfies CatchUp));
    const barePort = await new Promise<number>((resolve, reject) => {
      bareHttp.once('error', reject);
      bareHttp.listen(0, '127.0.0.1', () => resolve((bareHttp.address() as AddressInfo).port));
    });
    const bareIo = bare;
    const template: LiveReportEvent = { seq: 0, at: new Date().toISOString(), type: 'report.noted', report: publicReport(seeded.value) };
    let bareSeq = 0;

    const targets: Target[] = [
      {
        name: 'bare socket.io io.emit',
        label: 'bare',
        url: `http://127.0.0.1:${barePort}`,
        fire: () => {
          const id = ++bareSeq;
          const sentAt = now();
          bareIo.emit('report.event', { ...template, seq: id, at: new Date().toISOString(), report: { ...template.report, version: id, lastSeq: id } });
          return { id, sentAt, callMs: now() - sentAt };
        },
        sent: new Map(),
        callMs: [],
        payloadBytes: JSON.stringify(template).length,
      },
      {
        name: 'hub actOnReport note → broadcast',
        label: 'hub',
        url: `http://127.0.0.1:${hubPort}`,
        fire: async () => {
          const sentAt = now();
          const r = await actOnReport(hubCtx, BENCH_ACTOR, reportId, { action: 'note', reason: 'bench' });
          const callMs = now() - sentAt;
          if (!r.ok) throw new Error(`note refused: ${r.message}`);
          return { id: r.value.lastSeq, sentAt, callMs };
        },
        sent: new Map(),
        callMs: [],
        payloadBytes: 0,
      },
    ];
    const [bareT, hubT] = targets;
    {
      const probe = hubCtx.store.reports.get(reportId)!;
      hubT.payloadBytes = JSON.stringify({ ...template, report: publicReport(probe) }).length;
    }

    child = fork(import.meta.filename, [], { env: { ...process.env, [CHILD_ENV]: '1' }, serialization: 'advanced', stdio: 'inherit' });
    const waiting = new Map<string, (m: FromChild) => void>();
    child.on('message', (m: FromChild) => waiting.get(`${m.type}:${m.label}`)?.(m));
    const childExit = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`client child exited (${code})`))));
    childExit.catch(() => {});
    const ask = async <T extends FromChild['type']>(msg: ToChild & { label: string }, answer: T): Promise<Extract<FromChild, { type: T }>> => {
      const key = `${answer}:${msg.label}`;
      const got = new Promise<FromChild>((resolve) => waiting.set(key, resolve));
      child!.send(msg);
      const m = await Promise.race([got, childExit]);
      waiting.delete(key);
      return m as Extract<FromChild, { type: T }>;
    };

    console.log(
      `fanout bench: ${nClients} clients per server, ${nEvents} measured events each (blocks of ${block}, alternating), ` +
        `one every ${interval} ms, warm-up ${warmup}; node ${process.version}, ${cpus().length} CPUs`,
    );
    for (const t of targets) {
      const c = await ask({ type: 'connect', label: t.label, url: t.url, n: nClients, token: WALL_TOKEN, base: base.toString() }, 'connected');
      console.log(`  ${t.name}: ${c.ok}/${nClients} clients connected and caught up in ${fmt(c.ms, 0)} ms${c.failed ? `; ${c.failed} failed (${c.firstError})` : ''}`);
      if (c.ok === 0) throw new Error(`no client could connect to ${t.name}`);
    }

    /** Fires `count` events on t, one every `interval` ms on a fixed schedule (no drift); records them if `measure`. */
    const run = async (t: Target, count: number, measure: boolean) => {
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        const wait = start + i * interval - performance.now();
        if (wait > 0) await sleep(wait);
        const f = await t.fire();
        if (measure) {
          t.sent.set(f.id, f.sentAt);
          t.callMs.push(f.callMs);
        }
      }
      await sleep(Math.max(interval, 50)); // let the last one land before the other server starts
    };
    for (const t of targets) await run(t, warmup, false);
    const perTarget = new Map(targets.map((t) => [t, 0]));
    for (let b = 0; [...perTarget.values()].some((n) => n < nEvents); b++) {
      const t = targets[b % 2];
      const n = Math.min(block, nEvents - perTarget.get(t)!);
      if (n <= 0) continue;
      await run(t, n, true);
      perTarget.set(t, perTarget.get(t)! + n);
    }

    // ---------------------------------------------------------------- report
    type Figures = { all: ReturnType<typeof summarize>; last: ReturnType<typeof summarize>; call: ReturnType<typeof summarize>; delivered: number; expected: number; notes: string[] };
    const figures = new Map<Target, Figures>();
    for (const t of targets) {
      const ids = [...t.sent.keys()];
      const c = await ask({ type: 'collect', label: t.label, ids, waitMs: 5000 }, 'collected');
      const clients = c.recv.length / Math.max(1, ids.length);
      const lat = new Float64Array(c.recv.length);
      const lastPerEvent = new Float64Array(ids.length).fill(NaN);
      let delivered = 0;
      for (let ci = 0; ci < clients; ci++)
        ids.forEach((id, ei) => {
          const r = c.recv[ci * ids.length + ei];
          const l = r - t.sent.get(id)!;
          lat[ci * ids.length + ei] = l;
          if (Number.isFinite(l)) {
            delivered++;
            if (!(lastPerEvent[ei] >= l)) lastPerEvent[ei] = l;
          }
        });
      const notes: string[] = [];
      if (c.eventsBeforeCatchup) notes.push(`${c.eventsBeforeCatchup} events arrived before live.catchup`);
      if (c.catchupsMissing) notes.push(`${c.catchupsMissing} clients never got live.catchup`);
      figures.set(t, { all: summarize(lat), last: summarize(lastPerEvent), call: summarize(t.callMs), delivered, expected: nClients * ids.length, notes });
      await ask({ type: 'close', label: t.label }, 'closed');
    }

    const rows = targets.map((t) => {
      const f = figures.get(t)!;
      return [
        t.name, String(t.payloadBytes), `${f.delivered}/${f.expected}`,
        fmt(f.all.p50, 2), fmt(f.all.p99, 2), fmt(f.all.max, 2), fmt(f.last.p50, 2), fmt(f.last.p99, 2), fmt(f.call.p50, 3), fmt(f.call.p99, 3), fmt(f.call.max, 1),
        String(t.callMs.filter((ms) => ms > SLOW_CALL_MS).length),
      ];
    });
    console.log('');
    console.log(table(['name', 'payload B', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'all-got p50', 'all-got p99', 'call p50 ms', 'call p99 ms', 'call max', `calls > ${SLOW_CALL_MS} ms`], rows));
    console.log('  p50/p99/max: over every (client, event) pair, send stamp → receipt in the client process.');
    console.log('  all-got: per event, when the last of the clients had it. call: how long the send call itself blocked the server loop');
    console.log('  (for the hub: the SQLite transaction, including any WAL auto-checkpoint it triggers, plus the broadcast).');
    for (const t of targets) for (const n of figures.get(t)!.notes) console.log(`  ${t.name}: ${n}`);

    const hubP99 = figures.get(hubT)!.all.p99;
    const bareP99 = figures.get(bareT)!.all.p99;
    console.log(`\nratio hub/bare: p50 ${ratio(figures.get(hubT)!.all.p50, figures.get(bareT)!.all.p50)}, p99 ${ratio(hubP99, bareP99)}, all-got p99 ${ratio(figures.get(hubT)!.last.p99, figures.get(bareT)!.last.p99)}`);
    console.log(`target: hub p99 within 2× of the bare emit → ${hubP99 <= 2 * bareP99 ? 'holds' : 'does NOT hold'} (${fmt(hubP99, 2)} ms vs 2 × ${fmt(bareP99, 2)} ms)`);
  } catch (err) {
    if (!guard.stopping()) throw err;
  } finally {
    await cleanup();
  }
}
