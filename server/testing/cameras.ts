import type { SqliteHub as Hub } from '../hub.js';
import type { Config } from '../config.js';
import type { City } from '../profile/load.js';
import { startCameraServer } from '../../scripts/simulate/camera-server.js';
import { startCameraMonitor } from '../jobs/camera-monitor.js';

export type CameraSimulator = Awaited<ReturnType<typeof startCameraServer>>;

/**
 * The city's cameras served on loopback, as the demo serves them, but with frames rendered once and shown in
 * turn ('sequence'): every snapshot of a working camera differs from the one before, however fast a test probes.
 */
export const cameraSimulator = (city: City, clock?: { t: number }): Promise<CameraSimulator> =>
  startCameraServer({ port: 0, cameras: city.profile.cameras.map((c) => ({ id: c.id, name: c.name })), frames: 'sequence', ...(clock ? { now: () => clock.t } : {}) });

/**
 * Every camera polled once, then one dies and is polled until the hub calls it offline: three failed probes,
 * the test's clock moved past each retry. The rounds are driven here, not by a timer, so a screen sees the result.
 * Ends with every other camera online.
 */
export async function darkenCamera(hub: Hub, config: Config, sim: CameraSimulator, cameraId: string, clock: { t: number }): Promise<void> {
  const monitor = startCameraMonitor(hub.ctx, { snapshotsDir: config.snapshotsDir, concurrency: 32, timeoutMs: 30_000, log: hub.log, timer: false });
  await monitor.tick();
  sim.setMode(cameraId, 'dead');
  for (let i = 0; i < 3; i++) {
    clock.t += 11_000;
    await monitor.tick();
  }
  // On a loaded machine a probe can answer slower than the 'slow' bound (twice in a row: degraded); a few more
  // rounds until every other camera is online again, as the room would see it settle.
  const unsettled = () => hub.ctx.store.cameras.list().some((c) => c.id !== cameraId && c.health !== 'online');
  for (let i = 0; i < 10 && unsettled(); i++) {
    clock.t += 11_000;
    await monitor.tick();
  }
  await monitor.stop();
}
