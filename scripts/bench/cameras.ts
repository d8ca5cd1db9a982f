import { startCameraMonitor } from '../../server/jobs/camera-monitor.js';
import { io } from 'socket.io-client';
import { cameraBenchHub } from './camera-hub.js';
import { fmt, numericFlags, ratio, table } from './stats.js';
import { getBytes } from '../../server/jobs/camera-http.js';

/**
 * How many cameras one hub can poll every 5 seconds while it serves a wall: the hub's monitor (in its prober
 * thread: GET, hash, brightness from a reduced decode, keep the JPEG; on the main thread: probe row, health) beside
 * bare requests of the same snapshots from this thread, same run: `fetch` (the baseline) and the prober's
 * own node:http GET (camera-http.ts, which the prober uses since it answers at 2–3× fetch's rate). The simulated
 * cameras run in a process of their own; once with a few hundred cameras and once at a big city's 5,000. Both sides
 * first go round every camera unmeasured, the hub twice: its cold round (every probe is a camera's first,
 * brightness always decoded) and the round that makes each camera's second snapshot slot file (camera-snapshots.ts),
 * so what is measured is the steady state of a hub that has run for a while: each camera probed again one interval
 * later, into files that exist.
 */
const flags = numericFlags(
  { cameras: 200, seconds: 20, big: 5000, 'big-seconds': 12, concurrency: 8, threads: 2 },
  'usage: tsx scripts/bench/cameras.ts [--cameras 200] [--seconds 20] [--big 5000] [--big-seconds 12] [--concurrency 8] [--threads 2]',
);

type Row = { n: number; threads: number; seconds: number; bare: number; bareGet: number; hub: number; cold: number; events: number };

/** The request the monitor makes (camera-probe.ts): the same options on both sides. */
const TIMEOUT_MS = 5000;
const fetchSnapshot = async (url: string) => void (await (await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' })).arrayBuffer());
const getSnapshot = async (url: string) => void (await getBytes(url, { headers: {}, signal: AbortSignal.timeout(TIMEOUT_MS), maxBytes: 8 * 1024 * 1024 }));

async function run(n: number, seconds: number, threads: number): Promise<Row> {
  const TOKEN = 'bench-wall-token-0123456789abcdef';
  const bench = await cameraBenchHub(n, { wallToken: TOKEN });
  const { hub, cams } = bench;
  try {
    const port = await hub.listen();
    // A wall connected throughout, as in the room.
    const wall = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { display: TOKEN } });
    let events = 0;
    wall.on('camera.event', () => events++);

    // Bare and hub take turns in short slices, so the load of other work on the machine falls on both alike.
    const SLICES = 4;
    const slice = (seconds * 1000) / SLICES;
    let next = 0;
    let bareDone = 0;
    let bareMs = 0;
    let getDone = 0;
    let getMs = 0;
    let hubDone = 0;
    let hubMs = 0;
    let ahead = 0;
    hub.ctx.now = () => new Date(Date.now() + ahead);
    const monitor = startCameraMonitor(hub.ctx, { snapshotsDir: bench.snapshotsDir, concurrency: flags.concurrency, threads, timeoutMs: TIMEOUT_MS, log: hub.log, timer: false, onProbe: () => hubDone++ });
    // Bare: the same snapshots asked for in a loop at the same concurrency, bodies read and dropped.
    const bareWhile = (more: () => boolean, get = fetchSnapshot) => {
      let done = 0;
      return Promise.all(
        Array.from({ length: flags.concurrency }, async () => {
          while (more()) {
            const c = cams[next++ % n];
            await get(`${bench.simUrl}/cameras/${c.id}/snapshot.jpg`);
            done++;
          }
        }),
      ).then(() => done);
    };

    // Unmeasured: every camera once on each side (connections opened, the hub's first probe of each camera).
    await bareWhile(() => next < n);
    next = 0;
    await bareWhile(() => next < n, getSnapshot);
    const coldStart = performance.now();
    ahead += 5_000;
    await monitor.tick();
    const cold = hubDone / ((performance.now() - coldStart) / 1000);
    ahead += 5_000;
    await monitor.tick();
    // Each camera's first probe brings it online: those n events reach the wall before the count starts.
    const settled = performance.now();
    while (events < n && performance.now() - settled < 10_000) await new Promise((r) => setTimeout(r, 20));
    hubDone = events = 0;

    for (let k = 0; k < SLICES; k++) {
      const bareStart = performance.now();
      bareDone += await bareWhile(() => performance.now() - bareStart < slice / 2);
      bareMs += performance.now() - bareStart;
      const getStart = performance.now();
      getDone += await bareWhile(() => performance.now() - getStart < slice / 2, getSnapshot);
      getMs += performance.now() - getStart;

      // The hub: as fast as the monitor can, its clock running ahead by the 5 s interval on every round so every
      // camera is due again. Probes under way at the end of the slice finish (and count) before bare's turn.
      const hubStart = performance.now();
      while (performance.now() - hubStart < slice) {
        ahead += 5_000;
        await Promise.race([monitor.tick(), new Promise((r) => setTimeout(r, Math.max(0, slice - (performance.now() - hubStart))))]);
      }
      await monitor.drain();
      hubMs += performance.now() - hubStart;
    }
    const bare = bareDone / (bareMs / 1000);
    const bareGet = getDone / (getMs / 1000);
    const hubRate = hubDone / (hubMs / 1000);
    await monitor.stop();
    wall.close();
    return { n, threads, seconds, bare, bareGet, hub: hubRate, cold, events };
  } finally {
    await bench.close();
  }
}

// One prober thread, and the hub's default of two (PANTAU_CAMERA_THREADS) or what --threads asks.
const threadCounts = [...new Set([1, Math.floor(flags.threads)])];
const rows: Row[] = [];
for (const [n, seconds] of [[flags.cameras, flags.seconds], ...(flags.big > 1 ? [[flags.big, flags['big-seconds']]] : [])])
  for (const threads of threadCounts) rows.push(await run(Math.floor(n), seconds, threads));

console.log(`camera bench: simulated cameras on loopback (640×360 JPEG, another process), concurrency ${flags.concurrency}, one wall connected\n`);
console.log(
  table(
    ['cameras', 'prober threads', 'seconds', 'bare fetch/s', 'bare node:http GET/s', 'hub probes/s', 'cameras at a 5 s interval', 'hub/bare fetch', 'hub/bare GET', 'hub first round probes/s', 'camera events to the wall'],
    rows.map((r) => [String(r.n), String(r.threads), String(r.seconds), fmt(r.bare), fmt(r.bareGet), fmt(r.hub), fmt(r.hub * 5, 0), ratio(r.hub, r.bare), ratio(r.hub, r.bareGet), fmt(r.cold), String(r.events)]),
  ),
);
process.exit(0);
