import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { createHub, sqliteHub } from '../../server/hub.js';
import { Store } from '../../server/store/index.js';
import { seedBenchCameras, simulatorProcess } from './camera-hub.js';
import { fmt, numericFlags, ratio, summarize, table, type Summary } from './stats.js';

/**
 * Cameras shared among hub processes: `--hubs` real hubs (`server/main.ts`, each its own process with its own prober
 * threads, as `npm start` runs it) on one store file poll 5,000 simulated cameras (a process of their own) every 5 s
 * in real time; half-way one hub is killed with SIGKILL, its share lease left to run out. Afterwards the store's
 * probe rows say, per camera, every gap between two of its probes (and since its last one at the end), before and
 * after the kill, beside the same cameras polled by one hub process alone in the same run. What bench:camera-shares
 * shows with monitors in one process, here with the CPU of separate hubs.
 */
const flags = numericFlags(
  { cameras: 5000, hubs: 3, seconds: 60, warmup: 15 },
  'usage: tsx scripts/bench/camera-hubs.ts [--cameras 5000] [--hubs 3] [--seconds 60] [--warmup 15]',
);
const INTERVAL_S = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

type Row = { hubs: number; killed: boolean; before: Summary; after: Summary; probesPerS: number; unprobed: number };

/** A hub process on `dataDir`, resolved once it listens; its log is read (and dropped) so it never blocks. */
async function hubProcess(dataDir: string, simUrl: string): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, MAIN], {
    env: { ...process.env, PORT: '0', PANTAU_DATA_DIR: dataDir, PANTAU_CAMERA_SIMULATOR_URL: simUrl, PANTAU_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a hub exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('Pantau hub listening')) resolve();
      // Errors and worse are worth seeing; the rest of the log is not.
      else if (/"level":(5\d|60)/.test(line)) console.error(line);
    });
  });
  return { child, exited };
}

async function run(hubs: number, kill: boolean): Promise<Row> {
  const n = Math.floor(flags.cameras);
  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-hubs-'));
  const sim = await simulatorProcess(n);
  try {
    // The store made and the cameras in it before any hub polls.
    const seeder = sqliteHub(await createHub(loadConfig({ PANTAU_DATA_DIR: root }, { port: 0, staticDir: null, logLevel: 'silent', cameraMonitor: false, deadlineScheduler: false })));
    seedBenchCameras(seeder.ctx.store, n, sim.url);
    await seeder.close();

    const procs = await Promise.all(Array.from({ length: hubs }, () => hubProcess(root, sim.url)));
    await sleep(flags.warmup * 1000);
    const start = Date.now();
    await sleep((flags.seconds * 1000) / 2);
    const killedAt = Date.now();
    if (kill) procs[hubs - 1].child.kill('SIGKILL');
    await sleep((flags.seconds * 1000) / 2);
    const end = Date.now();
    for (const [i, p] of procs.entries()) if (!(kill && i === hubs - 1)) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));

    // What the hubs recorded: each camera's probes (the store keeps its last 20-30; the window holds ~12 each).
    const store = Store.open(join(root, 'pantau.sqlite'));
    const gaps = { before: [] as number[], after: [] as number[] };
    let probes = 0;
    let unprobed = 0;
    for (let i = 0; i < n; i++) {
      const times = store.cameras.recentProbes(`cam-${i}`, 60).map((p) => Date.parse(p.at)).sort((a, b) => a - b);
      const inWindow = times.filter((t) => t >= start && t <= end);
      probes += inWindow.length;
      if (!inWindow.length) unprobed++;
      // Gaps that start inside the window: the first after the warm-up may still carry the hubs' cold rounds.
      for (let k = 1; k < times.length; k++) {
        if (times[k - 1] < start || times[k] > end) continue;
        (times[k] < killedAt ? gaps.before : gaps.after).push((times[k] - times[k - 1]) / 1000);
      }
      // A camera nobody probes any more shows as the gap since its last probe.
      if (times.length) gaps.after.push((end - times[times.length - 1]) / 1000);
    }
    store.close();
    return { hubs, killed: kill, before: summarize(gaps.before), after: summarize(gaps.after), probesPerS: probes / ((end - start) / 1000), unprobed };
  } finally {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const alone = await run(1, false);
const shared = await run(Math.floor(flags.hubs), true);
console.log(
  `camera hubs bench: ${flags.cameras} simulated cameras (their own process), ${INTERVAL_S} s interval, real time, hub processes on one store; ` +
    `${flags.warmup} s warm-up, ${flags.seconds} s measured, the last hub killed (SIGKILL) half-way in the shared run\n`,
);
console.log(
  table(
    ['hub processes', 'probes/s', 'gap p50 s', 'gap p99 s', 'gap max s', 'after the kill: p99 s', 'max s', 'never probed', 'p99 gap shared/alone'],
    [alone, shared].map((r) => [
      `${r.hubs}${r.killed ? ' (one killed)' : ''}`, fmt(r.probesPerS), fmt(r.before.p50, 2), fmt(r.before.p99, 2), fmt(r.before.max, 2), fmt(r.after.p99, 2), fmt(r.after.max, 2), String(r.unprobed), ratio(r.before.p99, alone.before.p99),
    ]),
  ),
);
process.exit(0);
