import type { Store } from '../store/index.js';
import type { City } from '../profile/load.js';
import type { MediaFiles } from '../media/files.js';
import type { StoredEvent } from '../store/events.js';
import type { ReportState, Refusal } from '../domain/reports.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { IndicatorValue } from '../contract/indicators.js';
import type { PhotoQueue } from '../media/photo-queue.js';

/** A committed event with the report state it produced (null for account events): what the realtime layer broadcasts. */
export type Committed = { event: StoredEvent; report: ReportState | null; camera?: CameraPublic; indicator?: IndicatorValue };

export type Ctx = {
  store: Store;
  city: City;
  media: MediaFiles;
  maxPhotoPixels: number;
  /** Every photo decode waits its turn here, within a memory budget; a full line is a 503 with Retry-After. */
  photoQueue: PhotoQueue;
  /** Where the camera monitor keeps each camera's latest snapshot; null when there is none. */
  snapshotsDir?: string | null;
  now: () => Date;
  /** Called only after the transaction has committed. */
  publish: (c: Committed) => void;
};

export type Result<T> = { ok: true; value: T } | Refusal;

/**
 * commit for the intake path: the write shares a transaction (one fsync, synchronous = FULL) with the other
 * submissions that arrive together, in its own savepoint, and is published after that COMMIT.
 */
export function commitGrouped<T>(ctx: Ctx, write: () => [T, Committed[]], durable = true): Promise<T> {
  return ctx.store.txGrouped(write, ([, done]) => done.forEach((c) => ctx.publish(c)), durable).then(([value]) => value);
}

/** Appends events and writes the projections in one transaction, then publishes: persist first, broadcast after. */
export function commit<T>(ctx: Ctx, write: () => [T, Committed[]]): T {
  const [value, done] = ctx.store.tx(write);
  for (const c of done) ctx.publish(c);
  return value;
}
