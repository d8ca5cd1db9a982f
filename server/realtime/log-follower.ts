import type { Logger } from 'pino';
import type { Committed, Ctx } from '../commands/context.js';
import type { StoredEvent } from '../store/events.js';
import type { CameraPublic } from '../contract/cameras.js';
import { cameraView } from '../domain/views.js';

/** How often a hub looks for events other hubs on its store committed. */
export const FOLLOW_EVERY_MS = 100;
const BATCH = 500;

/**
 * Every event of the store reaches this hub's screens once, in seq order, whichever hub committed it. Several hubs
 * on one store each follow the log: their own commits go out at once (the usual case: the seq right after the last
 * one sent), and what another hub committed is read from the log, every FOLLOW_EVERY_MS or as soon as one of this
 * hub's own commits comes after it, and sent before it. The log is the bus: no adapter between hubs, a broadcast
 * cannot be lost with the hub that committed it (the others read it from the log), and a screen never sees a later
 * seq before an earlier one (which it would take for a missed event and catch up).
 */
export function startLogFollower(ctx: Ctx, opts: { send: (c: Committed) => void; log: Logger; everyMs?: number }): { offer: (c: Committed) => void; follow: () => void; stop: () => void } {
  let upTo = ctx.store.events.headSeq();
  // This hub's commits that wait for an earlier seq of another hub's to be read and sent first.
  const own = new Map<number, Committed>();

  const send = (c: Committed) => {
    upTo = c.event.seq;
    try {
      opts.send(c);
    } catch (err) {
      opts.log.error({ err, seq: c.event.seq }, 'could not broadcast an event');
    }
  };

  /** Reads and sends what the log holds after the last seq sent. */
  const follow = () => {
    try {
      for (;;) {
        if (ctx.store.events.headSeq() <= upTo) break;
        const events = ctx.store.events.since(upTo, BATCH);
        for (const e of events) {
          if (e.seq <= upTo) continue;
          const mine = own.get(e.seq);
          own.delete(e.seq);
          send(mine ?? relayed(e));
        }
        if (events.length < BATCH) break;
      }
    } catch (err) {
      opts.log.error({ err }, 'could not follow the event log');
    }
  };

  /** One that cannot be read as it stands still goes out as a tick: its seq is not skipped, the stream goes on. */
  const relayed = (e: StoredEvent): Committed => {
    try {
      return fromLog(ctx, e);
    } catch (err) {
      opts.log.error({ err, seq: e.seq }, 'could not read what an event changed; sent as a tick');
      return { event: e, report: null };
    }
  };

  const timer = setInterval(follow, opts.everyMs ?? FOLLOW_EVERY_MS);
  timer.unref();
  return {
    /** One of this hub's commits, after its COMMIT. */
    offer(c) {
      // Already sent: the log was read between its COMMIT and now.
      if (c.event.seq <= upTo) return;
      if (c.event.seq === upTo + 1) {
        send(c);
        // Commits of this hub held back behind another hub's may now follow.
        for (let next = own.get(upTo + 1); next; next = own.get(upTo + 1)) {
          own.delete(next.event.seq);
          send(next);
        }
        return;
      }
      own.set(c.event.seq, c);
      follow();
    },
    follow,
    stop: () => clearInterval(timer),
  };
}

/**
 * What a broadcast of an event another hub committed carries, read from this store: the report or camera as it is
 * now (the same as after the event, or a later state that a later event will bring again under its own seq).
 */
export function fromLog(ctx: Ctx, e: StoredEvent): Committed {
  const p = e.payload as Record<string, unknown>;
  if (e.type.startsWith('camera.')) {
    const id = String(p.cameraId);
    const row = ctx.store.cameras.get(id);
    // A removed camera has no row left; screens drop it by its id.
    const camera: CameraPublic = row ? cameraView({ ...row, lastSeq: e.seq }) : removedCamera(id, e);
    return { event: e, report: null, camera };
  }
  if (e.type.startsWith('indicator.')) {
    const value = ctx.store.indicators.get(String(p.indicatorId), String(p.period));
    if (value) return { event: e, report: null, indicator: value };
  }
  return { event: e, report: e.reportId === null ? null : ctx.store.reports.get(e.reportId) };
}

/** A camera.removed read from the log: its row is gone, and a screen reads only the id of a removed camera. */
function removedCamera(id: string, e: StoredEvent): CameraPublic {
  return { id, name: id, kind: 'traffic', lng: 0, lat: 0, health: null, healthSince: null, reason: null, alert: null, lastGoodAt: null, snapshotAt: null, live: false, disabled: true, lastSeq: e.seq };
}
