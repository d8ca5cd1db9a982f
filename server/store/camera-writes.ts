import type { CameraHealth, Probe } from '../domain/cameras.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { CameraRow, CameraSource } from './cameras.js';
import type { LogEvent, StoredEvent } from './events.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * What the camera commands (the monitor's probes, an alert's acknowledgement, the console's camera admin, the
 * profile's cameras at start-up) read and write inside their transaction, on either store (server/store/step.ts):
 * SQLite's below, PostgreSQL's in pg/camera-writes.ts.
 */
export interface CameraWrites {
  /** A camera with its sources, null when there is none. */
  camera(id: string): Step<CameraRow | null>;
  /** What a probe is judged against: the camera's health and reason; null when there is no such camera. */
  healthOf(id: string): Step<{ health: CameraHealth | null; reason: string | null; disabled: boolean } | null>;
  /** The camera's newest `n` probes, newest first. */
  recentProbes(id: string, n: number): Step<Probe[]>;
  /** Records a probe (not an event) and moves the camera's last probe, last good frame and snapshot times. */
  addProbe(id: string, probe: Probe, good: boolean): Step<void>;
  /** Appends a camera event and applies it to every projection; the camera as the screens see it after it. */
  append(e: LogEvent): Step<{ stored: StoredEvent; camera?: CameraPublic }>;
  setSource(id: string, src: CameraSource, fromProfile: boolean): Step<void>;
  /** null: no source row; true while the addresses are still the profile's. */
  sourceFromProfile(id: string): Step<boolean | null>;
  /** The enabled cameras whose next probe is due at `now` (never probed, or their interval gone), longest waiting first. */
  due(now: string): Step<CameraRow[]>;
  /** Every camera with its sources, by id. */
  list(): Step<CameraRow[]>;
  /** Every camera's share of [from, to) online, from its health spans (null: no known health in it). */
  uptimes(from: string, to: string): Step<Map<string, number | null>>;
  /** Every camera the log has ever added (one the console removed stays removed). */
  everAdded(): Step<Set<string>>;
}

/** SQLite's: every call answered at once, inside the caller's synchronous transaction. */
export function sqliteCameraWrites(store: Store): CameraWrites {
  return {
    camera: (id) => now(store.cameras.get(id)),
    healthOf: (id) => now(store.cameras.healthOf(id) ?? null),
    recentProbes: (id, n) => now(store.cameras.recentProbes(id, n)),
    addProbe: (id, probe, good) => now(store.cameras.addProbe(id, probe, good)),
    append: (e) => now(store.projector.append(e)),
    setSource: (id, src, fromProfile) => now(store.cameras.setSource(id, src, fromProfile)),
    sourceFromProfile: (id) => now(store.cameras.sourceFromProfile(id)),
    everAdded: () => now(store.cameras.everAdded()),
    list: () => now(store.cameras.list()),
    due: (at) => now(store.cameras.due(at)),
    uptimes: (from, to) => now(store.cameras.uptimes(from, to)),
  };
}
