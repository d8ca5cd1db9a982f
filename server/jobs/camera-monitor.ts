import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { recordProbe } from '../commands/cameras.js';
import type { Probe } from '../domain/cameras.js';
import type { CameraRow } from '../store/cameras.js';
import { probePlaylist, probeSnapshot, type LastFrame, type ProbeOptions } from './camera-probe.js';

export { snapshotPath } from './camera-probe.js';

export type MonitorOptions = ProbeOptions & {
  concurrency: number;
  log: Logger;
  /** false: no timer, the caller drives tick() (tests with a fixed clock). */
  timer?: boolean;
  /** Told after every recorded probe (the bench counts them). */
  onProbe?: (cameraId: string, probe: Probe) => void;
};

/**
 * One probe of one camera, whatever it offers. An HLS camera's health comes from its playlist; its snapshot,
 * when it has one, still gives the latest frame and its brightness.
 */
export async function probeCamera(cam: CameraRow, opts: ProbeOptions, now: () => Date, memory: Map<string, LastFrame>): Promise<Probe> {
  if (!cam.streamUrl) return probeSnapshot(cam, opts, now, memory);
  const live = await probePlaylist(cam, opts, now);
  if (!live.ok || !cam.snapshotUrl) return live;
  const snap = await probeSnapshot(cam, opts, now, memory);
  return { ...live, latencyMs: Math.max(live.latencyMs, snap.latencyMs), luma: snap.ok ? snap.luma : null };
}

/**
 * Polls every camera on its own interval, a bounded number at a time. Restart-safe: when a camera is due
 * comes from the store (its last probe), not from memory. The probes of a round run as a pool (a slot is
 * refilled as soon as one probe ends), so one slow camera does not hold the others back.
 */
export function startCameraMonitor(ctx: Ctx, opts: MonitorOptions): { stop: () => void; tick: () => Promise<number>; drain: () => Promise<void> } {
  mkdirSync(opts.snapshotsDir, { recursive: true });
  const inFlight = new Set<string>();
  const memory = new Map<string, LastFrame>();
  let stopped = false;
  // drain() moves on a generation: probes queued in an older one are dropped (they are due again next round).
  let generation = 0;
  const rounds = new Set<Promise<unknown>>();
  let free = opts.concurrency;
  const waiting: (() => void)[] = [];
  const acquire = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((r) => waiting.push(r)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  /** One round: probes every camera that is due and not already being probed; says how many it probed. */
  async function tick(): Promise<number> {
    const due = ctx.store.cameras.due(ctx.now().toISOString()).filter((c) => !inFlight.has(c.id));
    for (const cam of due) inFlight.add(cam.id);
    const gen = generation;
    let probed = 0;
    const round = Promise.all(
      due.map(async (cam) => {
        await acquire();
        try {
          if (stopped || gen !== generation) return;
          probed++;
          const probe = await probeCamera(cam, opts, ctx.now, memory);
          if (!stopped) {
            recordProbe(ctx, cam.id, probe);
            opts.onProbe?.(cam.id, probe);
          }
        } catch (err) {
          opts.log.error({ err, camera: cam.id }, 'camera probe could not be recorded');
        } finally {
          release();
          inFlight.delete(cam.id);
        }
      }),
    );
    rounds.add(round);
    await round;
    rounds.delete(round);
    return probed;
  }

  const timer = opts.timer === false ? null : setInterval(() => void tick(), 500);
  timer?.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
    },
    tick,
    /** Drops the probes still waiting for a slot and resolves once those under way are recorded. */
    drain: async () => {
      generation++;
      await Promise.all([...rounds]);
    },
  };
}
