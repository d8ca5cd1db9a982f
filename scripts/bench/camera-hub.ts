import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.js';
import { createHub, sqliteHub, type SqliteHub as Hub } from '../../server/hub.js';
import type { Store } from '../../server/store/index.js';
import { seedCamerasFromProfile } from '../../server/commands/camera-admin.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export type CameraBenchHub = { hub: Hub; root: string; snapshotsDir: string; simUrl: string; cams: { id: string; name: string }[]; close: () => Promise<void> };

/**
 * The camera benches' set-up: `n` simulated cameras on loopback, served by a process of their own with pre-rendered
 * frames (camera-sim-process.ts: the simulator must not be what is measured, nor share the hub's threads), a hub with
 * no monitor of its own on a temp store, and the cameras in its table with a 5-second interval, beside the profile's
 * own.
 */
export async function cameraBenchHub(n: number, opts: { wallToken?: string } = {}): Promise<CameraBenchHub> {
  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-cam-'));
  const cams = Array.from({ length: n }, (_, i) => ({ id: `cam-${i}`, name: `Kamera ${i}` }));
  const sim = await simulatorProcess(n);
  const hub = sqliteHub(await createHub(loadConfig({}, { port: 0, dataDir: root, dbFile: join(root, 'p.sqlite'), mediaDir: join(root, 'media'), staticDir: null, logLevel: 'silent', ...(opts.wallToken ? { wallToken: opts.wallToken } : {}), cameraMonitor: false, deadlineScheduler: false })));
  seedBenchCameras(hub.ctx.store, n, sim.url);
  return {
    hub,
    root,
    snapshotsDir: join(root, 'cameras'),
    simUrl: sim.url,
    cams,
    close: async () => {
      await hub.close();
      await sim.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The benches' cameras `cam-0` … `cam-<n-1>` in a store's table, each polled every 5 s from the simulator at `simUrl`. */
export function seedBenchCameras(store: Store, n: number, simUrl: string): void {
  seedCamerasFromProfile(
    store,
    Array.from({ length: n }, (_, i) => ({ id: `cam-${i}`, name: `Kamera ${i}`, kind: 'traffic', location: [106.6 + (i % 70) * 0.002, -6.2 + Math.floor(i / 70) * 0.002] as [number, number], snapshotUrl: `${simUrl}/cameras/cam-${i}/snapshot.jpg`, intervalS: 5 })),
    (u: string) => u,
    new Date().toISOString(),
  );
}

/** The simulator's process, started with this one's loader (tsx), and its URL once it listens. */
export async function simulatorProcess(n: number): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./camera-sim-process.ts', import.meta.url)), String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the camera simulator exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
