import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import type { Config } from '../config.js';
import { startTestHub } from '../testing/hub.js';
import { cameraSimulator, type CameraSimulator } from '../testing/cameras.js';
import { loadCity } from '../profile/load.js';
import { startCameraMonitor } from './camera-monitor.js';
import { cameraShare } from './camera-shares.js';

/**
 * Two hubs' camera monitors on one store (each with its own run id, as two hub processes on the store have), probing
 * the camera simulator over HTTP; the test moves the clock by a probe interval per round.
 */
const city = loadCity('tangerang');
const clock = { t: Date.parse('2026-11-23T01:00:00Z') };
let sim: CameraSimulator;
let hub: Hub;
let config: Config;
const probes: { camera: string; by: string }[] = [];

const monitor = (owner: string) =>
  startCameraMonitor(hub.ctx, { snapshotsDir: config.snapshotsDir, concurrency: 8, timeoutMs: 30_000, log: hub.log, timer: false, owner, onProbe: (camera) => probes.push({ camera, by: owner }) });

/** One probe interval on: each monitor renews its share (every second, in a running hub), then probes what is due. */
async function round(monitors: ReturnType<typeof monitor>[]) {
  clock.t += 10_000;
  probes.length = 0;
  // Twice: a hub reads the others' leases when it renews its own, so the first to renew has not seen those after it.
  for (let i = 0; i < 2; i++) for (const m of monitors) await m.renewShare();
  await Promise.all(monitors.map((m) => m.tick()));
  return new Map(probes.map((p) => [p.camera, p.by]));
}

beforeAll(async () => {
  sim = await cameraSimulator(city, clock);
  ({ hub, config } = await startTestHub({ cameraSimulatorUrl: sim.url }, { now: () => new Date(clock.t), from: 'accounts' }));
});
afterAll(async () => {
  await hub?.close();
  await sim?.close();
});

describe('cameras shared out among hubs', () => {
  it('probes each camera once, by one of the live hubs; a dead hub’s cameras are probed within an interval, a stopped one’s at once', async () => {
    const cameras = city.profile.cameras.map((c) => c.id).sort();
    const a = monitor('run-a');
    const b = monitor('run-b');
    const both = await round([a, b]);
    expect(probes.length).toBe(cameras.length);
    expect([...both.keys()].sort()).toEqual(cameras);
    expect(new Set(both.values())).toEqual(new Set(['run-a', 'run-b']));
    expect(a.holders()).toEqual(['run-a', 'run-b']);

    // run-a dies: no release, no more rounds. Its share lease runs out within the interval, and run-b takes its cameras.
    const alone = await round([b]);
    expect([...alone.keys()].sort()).toEqual(cameras);
    expect(new Set(alone.values())).toEqual(new Set(['run-b']));

    // A third hub joins; stopped cleanly, its lease ends at once and run-b probes everything again without waiting.
    const c = monitor('run-c');
    const shared = await round([b, c]);
    expect(new Set(shared.values())).toEqual(new Set(['run-b', 'run-c']));
    await c.stop();
    await b.renewShare();
    expect(b.holders()).toEqual(['run-b']);
    await b.stop();

    // The rows of hub runs gone for an hour are deleted by the next hub that renews.
    const names = async () => (await hub.ctx.store.query((p) => p.reports.leasesNamed('camera-share:'))).map((l) => l.owner);
    expect(await names()).toEqual(['run-a', 'run-b', 'run-c']);
    clock.t += 61 * 60_000;
    await monitor('run-d').renewShare();
    expect(await names()).toEqual(['run-d']);
  });

  it('hubs started together probe each camera once: what one queued before it saw the other is left to its owner', async () => {
    const cameras = city.profile.cameras.map((c) => ({ id: c.id }));
    // The earlier hubs' share leases over.
    clock.t += 10_000;
    const x = cameraShare(hub.ctx, 'run-x', hub.log);
    const y = cameraShare(hub.ctx, 'run-y', hub.log);
    // x renews first and sees only itself, so its round takes every camera; y sees both and takes its share.
    const queuedByX = await x.mine(cameras);
    const queuedByY = await y.mine(cameras);
    expect(queuedByX).toEqual(cameras);
    expect(queuedByY.length).toBeLessThan(cameras.length);
    // A second on, as x's probes are about to start: x renews, sees y, and leaves y's cameras to it.
    clock.t += 1_000;
    const probedByX: string[] = [];
    for (const c of queuedByX) if (await x.owns(c.id)) probedByX.push(c.id);
    expect([...probedByX, ...queuedByY.map((c) => c.id)].sort()).toEqual(cameras.map((c) => c.id).sort());
    expect(probedByX.length).toBeGreaterThan(0);
    await Promise.all([x.release(), y.release()]);
  });
});
