import { startCameraMonitor } from '../../server/jobs/camera-monitor.js';
import { io } from 'socket.io-client';
import { cameraBenchHub } from './camera-hub.js';
import { fmt, numericFlags, ratio, table } from './stats.js';

/**
 * How many cameras one hub can poll every 5 seconds while it serves a wall: the hub's monitor (fetch, hash,
 * brightness from a reduced decode, keep the JPEG, probe row, health) beside bare HTTP fetches of the same
 * snapshots, same run; once with a few hundred cameras and once at a big city's 5,000. Both sides first go once
 * round every camera unmeasured (the hub's cold round: every probe is a camera's first, brightness always
 * decoded), so what is measured is the steady state: each camera probed again one interval later.
 */
const flags = numericFlags(
  { cameras: 200, seconds: 20, big: 5000, 'big-seconds': 12, concurrency: 8 },
  'usage: tsx scripts/bench/cameras.ts [--cameras 200] [--seconds 20] [--big 5000] [--big-seconds 12] [--concurrency 8]',
);

type Row = { n: number; seconds: number; bare: number; hub: number; cold: number; events: number };

/** The request the monitor makes (camera-probe.ts): the same options on both sides. */
const TIMEOUT_MS = 5000;
const fetchSnapshot = (url: string) => fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });

async function run(n: number, seconds: number): Promise<Row> {
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
    let hubDone = 0;
    let hubMs = 0;
    let ahead = 0;
    hub.ctx.now = () => new Date(Date.now() + ahead);
    const monitor = startCameraMonitor(hub.ctx, { snapshotsDir: bench.snapshotsDir, concurrency: flags.concurrency, timeoutMs: TIMEOUT_MS, log: hub.log, timer: false, onProbe: () => hubDone++ });
    // Bare: the same snapshots fetched in a loop at the same concurrency, bodies read and dropped.
    const bareWhile = (more: () => boolean) =>
      Promise.all(
        Array.from({ length: flags.concurrency }, async () => {
          while (more()) {
            const c = cams[next++ % n];
            await (await fetchSnapshot(`${bench.simUrl}/cameras/${c.id}/snapshot.jpg`)).arrayBuffer();
            bareDone++;
          }
        }),
      );

    // Unmeasured: every camera once on each side (connections opened, the hub's first probe of each camera).
    await bareWhile(() => next < n);
    const coldStart = performance.now();
    ahead += 5_000;
    await monitor.tick();
    const cold = hubDone / ((performance.now() - coldStart) / 1000);
    // Each camera's first probe brings it online: those n events reach the wall before the count starts.
    const settled = performance.now();
    while (events < n && performance.now() - settled < 10_000) await new Promise((r) => setTimeout(r, 20));
    bareDone = hubDone = events = 0;

    for (let k = 0; k < SLICES; k++) {
      const bareStart = performance.now();
      await bareWhile(() => performance.now() - bareStart < slice);
      bareMs += performance.now() - bareStart;

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
    const hubRate = hubDone / (hubMs / 1000);
    monitor.stop();
    wall.close();
    return { n, seconds, bare, hub: hubRate, cold, events };
  } finally {
    await bench.close();
  }
}

const rows = [await run(Math.floor(flags.cameras), flags.seconds)];
if (flags.big > 1) rows.push(await run(Math.floor(flags.big), flags['big-seconds']));

console.log(`camera bench: simulated cameras on loopback (640×360 JPEG), concurrency ${flags.concurrency}, one wall connected\n`);
console.log(
  table(
    ['cameras', 'seconds', 'bare fetch/s', 'hub probes/s', 'cameras at a 5 s interval', 'hub/bare', 'hub first round probes/s', 'camera events to the wall'],
    rows.map((r) => [String(r.n), String(r.seconds), fmt(r.bare), fmt(r.hub), fmt(r.hub * 5, 0), ratio(r.hub, r.bare), fmt(r.cold), String(r.events)]),
  ),
);
process.exit(0);
