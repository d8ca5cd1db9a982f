import type { Hub } from '../server/hub.js';
import type { Config } from '../server/config.js';
import type { City } from '../server/profile/load.js';
import { startCameraServer } from '../scripts/simulate/camera-server.js';
import { startCameraMonitor } from '../server/jobs/camera-monitor.js';

export type CameraSimulator = Awaited<ReturnType<typeof startCameraServer>>;

/** The city's cameras served on loopback, as the demo serves them. */
export const cameraSimulator = (city: City, clock?: { t: number }): Promise<CameraSimulator> =>
  startCameraServer({ port: 0, cameras: city.profile.cameras.map((c) => ({ id: c.id, name: c.name })), ...(clock ? { now: () => clock.t } : {}) });

/**
 * Every camera polled once, then one dies and is polled until the hub calls it offline: three failed probes,
 * the test's clock moved past each retry. The rounds are driven here, not by a timer, so a screen sees the result.
 */
export async function darkenCamera(hub: Hub, config: Config, sim: CameraSimulator, cameraId: string, clock: { t: number }): Promise<void> {
  const monitor = startCameraMonitor(hub.ctx, { snapshotsDir: config.snapshotsDir, concurrency: 32, timeoutMs: 5000, log: hub.log, timer: false });
  await monitor.tick();
  sim.setMode(cameraId, 'dead');
  for (let i = 0; i < 3; i++) {
    clock.t += 11_000;
    await monitor.tick();
  }
}
