import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import type { Config } from '../config.js';
import { startTestHub } from '../testing/hub.js';
import { cameraSimulator, type CameraSimulator } from '../testing/cameras.js';
import { loadCity } from '../profile/load.js';
import { startCameraMonitor } from './camera-monitor.js';

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
  for (let i = 0; i < 2; i++) for (const m of monitors) m.renewShare();
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
    c.stop();
    b.renewShare();
    expect(b.holders()).toEqual(['run-b']);
    b.stop();

    // The rows of hub runs gone for an hour are deleted by the next hub that renews.
    const names = () => hub.ctx.store.leases.withPrefix('camera-share:').map((l) => l.owner).sort();
    expect(names()).toEqual(['run-a', 'run-b', 'run-c']);
    clock.t += 61 * 60_000;
    monitor('run-d').renewShare();
    expect(names()).toEqual(['run-d']);
  });

  it('hubs started together probe each camera once: what one queued before it saw the other is left to its owner', async () => {
    const cameras = city.profile.cameras.map((c) => c.id).sort();
    // Every camera due, and the earlier hubs' share leases over.
    clock.t += 10_000;
    probes.length = 0;
    const x = monitor('run-x');
    const y = monitor('run-y');
    // x renews first and sees only itself, so its round takes every camera; y sees both and takes its share.
    const rounds = [x.tick(), y.tick()];
    // A second on, before any probe starts: x renews as its first probe is about to start, and sees y.
    clock.t += 1_000;
    await Promise.all(rounds);
    expect(probes.map((p) => p.camera).sort()).toEqual(cameras);
    expect(new Set(probes.map((p) => p.by))).toEqual(new Set(['run-x', 'run-y']));
    await Promise.all([x.stop(), y.stop()]);
  });
});
