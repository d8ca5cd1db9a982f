import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.js';
import { createHub } from '../../server/hub.js';
import { startCameraMonitor } from '../../server/jobs/camera-monitor.js';
import { startCameraServer } from '../simulate/camera-server.js';
import { io } from 'socket.io-client';
import { fmt, numericFlags, ratio, table } from './stats.js';

/**
 * How many cameras one hub can poll every 5 seconds while it serves a wall: the hub's monitor (fetch, decode,
 * brightness, hash, thumbnail, probe row, health) beside bare HTTP fetches of the same snapshots, same run.
 */
const flags = numericFlags({ cameras: 200, seconds: 20, concurrency: 8 }, 'usage: tsx scripts/bench/cameras.ts [--cameras 200] [--seconds 20] [--concurrency 8]');
const N = Math.floor(flags.cameras);
const root = mkdtempSync(join(tmpdir(), 'pantau-bench-cam-'));
const cams = Array.from({ length: N }, (_, i) => ({ id: `cam-${i}`, name: `Kamera ${i}` }));
const sim = await startCameraServer({ port: 0, cameras: cams });
const TOKEN = 'bench-wall-token-0123456789abcdef';
const hub = createHub(loadConfig({}, { port: 0, dataDir: root, dbFile: join(root, 'p.sqlite'), mediaDir: join(root, 'media'), staticDir: null, logLevel: 'silent', wallToken: TOKEN, cameraMonitor: false, deadlineScheduler: false }));
try {
  const port = await hub.listen();
  // The bench's cameras replace the profile's: same table, a 5-second interval.
  hub.ctx.store.cameras.syncFromProfile(
    cams.map((c, i) => ({ ...c, kind: 'traffic', location: [106.6 + (i % 20) * 0.005, -6.2 + Math.floor(i / 20) * 0.005] as [number, number], snapshotUrl: `${sim.url}/cameras/${c.id}/snapshot.jpg`, intervalS: 5 })),
    (u) => u,
  );
  // A wall connected throughout, as in the room.
  const wall = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { display: TOKEN } });
  let wallEvents = 0;
  wall.on('camera.event', () => wallEvents++);

  const ms = flags.seconds * 1000;
  // Bare: the same snapshots fetched in a loop at the same concurrency, bodies read and dropped.
  const bareStart = performance.now();
  let bareDone = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: flags.concurrency }, async () => {
      while (performance.now() - bareStart < ms) {
        const c = cams[next++ % N];
        await (await fetch(`${sim.url}/cameras/${c.id}/snapshot.jpg`)).arrayBuffer();
        bareDone++;
      }
    }),
  );
  const bareRate = bareDone / ((performance.now() - bareStart) / 1000);

  const monitor = startCameraMonitor(hub.ctx, { snapshotsDir: join(root, 'cameras'), concurrency: flags.concurrency, timeoutMs: 5000, log: hub.log, timer: false });
  const hubStart = performance.now();
  let hubDone = 0;
  // Poll as fast as the monitor can: with its clock running ahead, every camera is due again on every round.
  let ahead = 0;
  hub.ctx.now = () => new Date(Date.now() + ahead);
  while (performance.now() - hubStart < ms) {
    ahead += 60_000;
    hubDone += await monitor.tick();
  }
  const hubRate = hubDone / ((performance.now() - hubStart) / 1000);
  wall.close();

  console.log(`camera bench: ${N} simulated cameras on loopback (640×360 JPEG), concurrency ${flags.concurrency}, ${flags.seconds} s each, one wall connected\n`);
  console.log(
    table(
      ['path', 'snapshots/s', 'cameras at a 5 s interval', 'hub/bare'],
      [
        ['bare fetch of the snapshot', fmt(bareRate), fmt(bareRate * 5, 0), ''],
        ['hub monitor probe (fetch, decode, luma, hash, thumbnail, record)', fmt(hubRate), fmt(hubRate * 5, 0), ratio(hubRate, bareRate)],
      ],
    ),
  );
  console.log(`\nwall received ${wallEvents} camera events (health changes only).`);
} finally {
  await hub.close();
  await sim.close();
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
