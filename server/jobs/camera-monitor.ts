import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { recordProbeGrouped } from '../commands/cameras.js';
import { cameraShare } from './camera-shares.js';
import type { Probe } from '../domain/cameras.js';
import type { ProbeOptions } from './camera-probe.js';
import { cameraProbers } from './camera-prober.js';

export { snapshotPath } from './camera-probe.js';

export type MonitorOptions = ProbeOptions & {
  concurrency: number;
  /** Prober threads (camera-prober.ts); 1 when not given. */
  threads?: number;
  log: Logger;
  /** false: no timer, the caller drives tick() (tests with a fixed clock). */
  timer?: boolean;
  /** Told after every recorded probe (the bench counts them). */
  onProbe?: (cameraId: string, probe: Probe) => void;
  /** This hub run: with several hubs on one store, each probes its share of the cameras (camera-shares.ts). None: all. */
  owner?: string;
};

/**
 * Polls every camera on its own interval, a bounded number at a time. Restart-safe: when a camera is due
 * comes from the store (its last probe), not from memory. The probes of a round run as a pool (a slot is
 * refilled as soon as one probe ends), so one slow camera does not hold the others back. The probes themselves run
 * in the prober's thread (camera-prober.ts); a slot bounds the cameras being asked and their frames being kept,
 * and is given back before the probe is recorded here. Probes recorded together share one transaction (one fsync);
 * a camera is due again only once its probe is recorded. With an owner (the hub's run), it probes only its share
 * of the cameras among the live hubs.
 */
export function startCameraMonitor(ctx: Ctx, opts: MonitorOptions): { stop: (o?: { release?: boolean }) => Promise<void>; tick: () => Promise<number>; drain: () => Promise<void>; holders: () => string[]; renewShare: () => Promise<void> } {
  mkdirSync(opts.snapshotsDir, { recursive: true });
  const share = opts.owner ? cameraShare(ctx, opts.owner, opts.log) : null;
  const inFlight = new Set<string>();
  const prober = cameraProbers(opts.threads ?? 1, opts);
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

  // Probes recorded so far, and when each camera's last one was: a pick drops a camera recorded while it read, since
  // its due list (a snapshot from before that record) still shows the camera due.
  let recorded = 0;
  const recordedAt = new Map<string, number>();
  /** The cameras due and not already being probed, marked in flight: one round picks at a time, so none picks one twice. */
  let picking: Promise<unknown> = Promise.resolve();
  let pickPending = false;
  const pick = async () => {
    if (stopped) return [];
    const since = recorded;
    // The share first: its renewal is a write, which would let probes be recorded after the due list was read.
    if (share) await share.mine([]);
    const at = ctx.now().toISOString();
    const dueHere = await ctx.store.query((p) => p.cameras.due(at));
    if (stopped) return [];
    const due = (share ? await share.mine(dueHere) : dueHere).filter((c) => !inFlight.has(c.id) && (recordedAt.get(c.id) ?? 0) <= since);
    for (const cam of due) inFlight.add(cam.id);
    return due;
  };

  /** One round: probes every camera that is due and not already being probed; says how many it probed. */
  async function tick(): Promise<number> {
    pickPending = true;
    const picked = picking.then(pick).finally(() => (pickPending = false));
    picking = picked.catch(() => {});
    const due = await picked;
    const gen = generation;
    let probed = 0;
    const round = Promise.all(
      due.map(async (cam) => {
        await acquire();
        let probe: Probe;
        try {
          if (stopped || gen !== generation || (share && !(await share.owns(cam.id)))) return void inFlight.delete(cam.id);
          probed++;
          probe = await prober.probe(cam, ctx.now().toISOString());
        } catch (err) {
          opts.log.error({ err, camera: cam.id }, 'camera probe failed');
          return void inFlight.delete(cam.id);
        } finally {
          release();
        }
        try {
          if (stopped) return;
          await recordProbeGrouped(ctx, cam.id, probe);
          opts.onProbe?.(cam.id, probe);
        } catch (err) {
          opts.log.error({ err, camera: cam.id }, 'camera probe could not be recorded');
        } finally {
          recordedAt.set(cam.id, ++recorded);
          inFlight.delete(cam.id);
        }
      }),
    );
    rounds.add(round);
    await round;
    rounds.delete(round);
    return probed;
  }

  // A tick while a pick still waits on the store is skipped: a stalled store must not pile rounds up behind it.
  const timer = opts.timer === false ? null : setInterval(() => void (pickPending || tick().catch((err) => opts.log.error({ err }, 'camera round failed'))), 500);
  timer?.unref();
  return {
    /**
     * Resolves once the prober's thread has ended. release false: as a killed hub, the share lease is left to run
     * out (the bench of shared cameras).
     */
    stop: ({ release = true }: { release?: boolean } = {}) => {
      stopped = true;
      if (timer) clearInterval(timer);
      const released = release ? share?.release() : share?.abandon();
      // The prober cuts its probes under way, then the rounds end (a stopped one records nothing more); a record
      // already begun commits before the store can close.
      return Promise.all([released, prober.close().then(() => Promise.all([...rounds]))]).then(() => {});
    },
    holders: () => share?.holders() ?? [],
    /** Renews the share lease and reads the others' now (a round does when one is due; a test with a fixed clock asks). */
    renewShare: async () => share?.renew(),
    tick,
    /** Drops the probes still waiting for a slot and resolves once those under way are recorded. */
    drain: async () => {
      generation++;
      await Promise.all([...rounds]);
    },
  };
}
