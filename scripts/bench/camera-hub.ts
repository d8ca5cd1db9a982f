import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.js';
import { createHub, type Hub } from '../../server/hub.js';
import { seedCamerasFromProfile } from '../../server/commands/camera-admin.js';
import { startCameraServer } from '../simulate/camera-server.js';

export type CameraBenchHub = { hub: Hub; root: string; snapshotsDir: string; simUrl: string; cams: { id: string; name: string }[]; close: () => Promise<void> };

/**
 * The camera benches' set-up: `n` simulated cameras on loopback (pre-rendered frames: the simulator, in this process,
 * must not be what is measured), a hub with no monitor of its own on a temp store, and the cameras in its table with
 * a 5-second interval, beside the profile's own.
 */
export async function cameraBenchHub(n: number, opts: { wallToken?: string } = {}): Promise<CameraBenchHub> {
  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-cam-'));
  const cams = Array.from({ length: n }, (_, i) => ({ id: `cam-${i}`, name: `Kamera ${i}` }));
  const sim = await startCameraServer({ port: 0, cameras: cams, sharedFrames: 60 });
  const hub = createHub(loadConfig({}, { port: 0, dataDir: root, dbFile: join(root, 'p.sqlite'), mediaDir: join(root, 'media'), staticDir: null, logLevel: 'silent', ...(opts.wallToken ? { wallToken: opts.wallToken } : {}), cameraMonitor: false, deadlineScheduler: false }));
  seedCamerasFromProfile(
    hub.ctx.store,
    cams.map((c, i) => ({ ...c, kind: 'traffic', location: [106.6 + (i % 70) * 0.002, -6.2 + Math.floor(i / 70) * 0.002] as [number, number], snapshotUrl: `${sim.url}/cameras/${c.id}/snapshot.jpg`, intervalS: 5 })),
    (u: string) => u,
    new Date().toISOString(),
  );
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
