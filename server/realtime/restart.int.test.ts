import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/index.js';
import { actOnReport } from '../commands/act-on-report.js';
import { loadCity } from '../profile/load.js';
import { MediaFiles } from '../media/files.js';
import { PhotoQueue } from '../media/photo-queue.js';
import { SYSTEM } from '../contract/roles.js';
import { photo, postReport, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'pantau-restart-'));
let child: ChildProcess | null = null;
// Every hub this file started, up or not: one still starting when the test times out must not outlive the run.
const started = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startHub(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), PANTAU_DATA_DIR: dataDir, PANTAU_WALL_TOKEN: WALL_TOKEN, PANTAU_LOG_LEVEL: 'warn', PANTAU_CAMERA_MONITOR: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  started.add(proc);
  // Up when it answers its health check; a hub that exits instead fails the test at once. No deadline of its own:
  // starting a hub under tsx on a loaded machine takes what it takes (the test's timeout is the cap).
  let exited = false;
  proc.once('exit', () => (exited = true));
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return proc;
    } catch {
      /* not up yet */
    }
    if (exited) throw new Error('hub exited before it answered');
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  for (const proc of started) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

describe('a hub killed mid-stream', () => {
  it('restarts with every committed report, and a reconnecting wall ends with exactly its state', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startHub(port);
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);

    const committed: string[] = [];
    let posting = true;
    const photos = await Promise.all(Array.from({ length: 4 }, photo));
    const poster = (async () => {
      for (let i = 0; posting; i++) {
        try {
          const { status, body } = await postReport(url, validReport({ description: `Laporan uji nomor ${i}` }), [photos[i % photos.length]]);
          if (status === 201) committed.push(String(body.ticket));
        } catch {
          await new Promise((r) => setTimeout(r, 50)); // hub is down: keep trying, as a citizen's app would
        }
      }
    })();

    await wall.until(() => committed.length >= 8);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    // While the hub is down, work is done on the same store (as a second hub would): the wall must not miss it.
    const store = Store.open(join(dataDir, 'pantau.sqlite'));
    const ctx = { store, city: loadCity('tangerang'), media: new MediaFiles(join(dataDir, 'media')), maxPhotoPixels: 1e8, photoQueue: new PhotoQueue({ concurrency: 1, memoryBytes: 1e9, maxWaiting: 10 }), now: () => new Date(), publish: () => {} };
    const changed = store.reports.latest(5).map((r) => r.id);
    for (const id of changed) expect((await actOnReport(ctx, SYSTEM, id, { action: 'check' })).ok).toBe(true);
    store.close();

    child = await startHub(port);
    const afterRestart = committed.length;
    await wall.until(() => committed.length >= afterRestart + 5);
    posting = false;
    await poster;

    const health = (await (await fetch(`${url}/api/health`)).json()) as { seq: number; storeId: string };
    await wall.until(() => wall.seq === health.seq);

    // Exactly the server's state: a fresh client's snapshot is the reference.
    const fresh = new WallClient(url);
    await fresh.until(() => fresh.catchUps.length === 1);
    expect(fresh.catchUps).toEqual(['snapshot']);
    expect(wall.catchUps.slice(1)).toContain('delta');
    expect([...wall.markers.values()].sort((a, b) => a[0] - b[0])).toEqual([...fresh.markers.values()].sort((a, b) => a[0] - b[0]));
    for (const id of changed) expect(wall.markers.get(id)?.[1]).toBe('checked');

    // Every report the hub answered 201 for survived the kill.
    for (const ticket of committed) expect((await fetch(`${url}/api/reports/${ticket}`)).status).toBe(200);
    expect(wall.markers.size).toBe(fresh.markers.size);
    expect(wall.markers.size).toBeGreaterThanOrEqual(committed.length);
    wall.close();
    fresh.close();
  }, 240_000);
});
