import type { Logger } from 'pino';
import type { Committed, Ctx } from '../commands/context.js';
import type { StoredEvent } from '../store/events.js';
import type { CameraPublic } from '../contract/cameras.js';
import { cameraView } from '../domain/views.js';
import type { Ports } from '../store/ports.js';
import type { Step } from '../store/step.js';

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
export function startLogFollower(ctx: Ctx, opts: { from: number; send: (c: Committed) => void; log: Logger; everyMs?: number }): { offer: (c: Committed) => void; follow: () => Promise<void>; stop: () => Promise<void> } {
  // The head as the hub starts: what its screens catch up to, and where following the log begins.
  let upTo = opts.from;
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

  /** Reads what the log holds after the last seq sent, with what each event changed, and sends it in seq order. */
  const readOnce = async () => {
    for (;;) {
      const from = upTo;
      const batch = await ctx.store.query(function* (p) {
        const events = yield* p.reports.eventsSince(from, BATCH);
        const out: Committed[] = [];
        // This hub's own commits are sent as they were committed: nothing to read for them.
        for (const e of events) out.push(own.get(e.seq) ?? (yield* relayedStep(p, e)));
        return out;
      });
      for (const c of batch) {
        // Sent meanwhile (this hub's own commit came in while the log was read).
        if (c.event.seq <= upTo) continue;
        const mine = own.get(c.event.seq);
        own.delete(c.event.seq);
        send(mine ?? c);
      }
      if (batch.length < BATCH) break;
    }
  };

  /** One that cannot be read as it stands still goes out as a tick: its seq is not skipped, the stream goes on. */
  function* relayedStep(p: Ports, e: StoredEvent): Step<Committed> {
    try {
      return yield* fromLogStep(p, e);
    } catch (err) {
      opts.log.error({ err, seq: e.seq }, 'could not read what an event changed; sent as a tick');
      return { event: e, report: null };
    }
  }

  // One read of the log at a time: a follow asked for while one runs is one more pass after it, so an event is never
  // read twice at once nor sent out of order. On SQLite each pass is synchronous underneath.
  let following: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const follow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (following) {
      again = true;
      return following;
    }
    following = (async () => {
      do {
        again = false;
        try {
          await readOnce();
        } catch (err) {
          opts.log.error({ err }, 'could not follow the event log');
        }
      } while (again);
    })().finally(() => (following = null));
    return following;
  };

  const timer = setInterval(() => void follow(), opts.everyMs ?? FOLLOW_EVERY_MS);
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
      void follow();
    },
    follow,
    // A read of the log under way ends before the store closes.
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await following;
    },
  };
}

/**
 * What a broadcast of an event another hub committed carries, read from this store: the report or camera as it is
 * now (the same as after the event, or a later state that a later event will bring again under its own seq). On
 * either store (server/store/step.ts).
 */
export function* fromLogStep(p: Ports, e: StoredEvent): Step<Committed> {
  const payload = e.payload as Record<string, unknown>;
  if (e.type.startsWith('camera.')) {
    const id = String(payload.cameraId);
    const row = yield* p.cameras.camera(id);
    // A removed camera has no row left; screens drop it by its id.
    const camera: CameraPublic = row ? cameraView({ ...row, lastSeq: e.seq }) : removedCamera(id, e);
    return { event: e, report: null, camera };
  }
  if (e.type.startsWith('indicator.')) {
    const value = yield* p.room.indicatorValue(String(payload.indicatorId), String(payload.period));
    if (value) return { event: e, report: null, indicator: value };
  }
  return { event: e, report: e.reportId === null ? null : yield* p.reports.report(e.reportId) };
}

/** A camera.removed read from the log: its row is gone, and a screen reads only the id of a removed camera. */
function removedCamera(id: string, e: StoredEvent): CameraPublic {
  return { id, name: id, kind: 'traffic', lng: 0, lat: 0, health: null, healthSince: null, reason: null, alert: null, lastGoodAt: null, snapshotAt: null, live: false, disabled: true, lastSeq: e.seq };
}
