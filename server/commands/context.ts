import type { City } from '../profile/load.js';
import type { MediaFiles } from '../media/files.js';
import type { StoredEvent } from '../store/events.js';
import type { ReportState, Refusal } from '../domain/reports.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { IndicatorValue } from '../contract/indicators.js';
import type { PhotoQueue } from '../media/photo-queue.js';
import type { Ports, StepStore } from '../store/ports.js';
import type { Step } from '../store/step.js';
import type { TrackView } from '../contract/field.js';

/** A committed event with the report state it produced (null for account events): what the realtime layer broadcasts. */
export type Committed = { event: StoredEvent; report: ReportState | null; camera?: CameraPublic; indicator?: IndicatorValue };

/**
 * What every command, query and job is given. `store` is either store behind the same steps (SQLite's Store or
 * PostgreSQL's pgStepStore); a test or script that knows it holds SQLite's says so with Ctx<Store>.
 */
export type Ctx<S extends StepStore = StepStore> = {
  store: S;
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
  /**
   * The kecamatan and kelurahan a point lies in, asked of the database where it keeps the city's areas (PostGIS);
   * absent, the profile's areas in memory answer (domain/geography.ts areaAt), as on SQLite.
   */
  areasAt?: (lng: number, lat: number) => Promise<AreaCodes>;
  /** The other cities of an installation of several (server/installation.ts): where a report may be forwarded. */
  forwarding?: Forwarding;
};

/** The other cities of an installation, as one city's commands and pages reach them. */
export type Forwarding = {
  cities: { id: string; name: string }[];
  /** Whether that city has a service (category) of this id: a report it could not file is not sent there. */
  accepts(cityId: string, categoryId: string): boolean;
  /** Files a report this city forwarded in that city's log, once (by its ticket); its state there. */
  deliver(cityId: string, report: ReportState, reason: string): Promise<Result<ReportState>>;
  /** Whether that city's log has a report of this ticket (it was there before: a forward back would lose it). */
  holds(cityId: string, ticket: string): Promise<boolean>;
  /** The citizen's page of the report in that city, by its ticket; null while it is not there. `via`: the cities already read. */
  track(cityId: string, ticket: string, key: string | undefined, via: readonly string[]): Promise<TrackView | null>;
};

export type AreaCodes = { districtCode: string | null; subdistrictCode: string | null };

export type Result<T> = { ok: true; value: T } | Refusal;

/**
 * Runs a command's step (server/store/step.ts) in one transaction that appends its events and writes the projections,
 * then publishes what it committed: persist first, broadcast after. `make` is called inside the transaction (on
 * PostgreSQL once the writer holds the log): read the clock in it.
 */
export function command<T>(ctx: Ctx, make: (p: Ports) => Step<[T, Committed[]]>): Promise<T> {
  return ctx.store.command(make).then(([value, done]) => {
    for (const c of done) ctx.publish(c);
    return value;
  });
}

/**
 * command for the intake path and the camera monitor: the step shares a transaction (one fsync, synchronous = FULL)
 * with the others that arrive together, in its own savepoint, and is published after that COMMIT. durable false: see
 * Store.txGrouped.
 */
export function commandGrouped<T>(ctx: Ctx, make: (p: Ports) => Step<[T, Committed[]]>, durable = true): Promise<T> {
  return ctx.store.commandGrouped(make, ([, done]) => done.forEach((c) => ctx.publish(c)), durable).then(([value]) => value);
}
