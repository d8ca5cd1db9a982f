import type { Db } from './db.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { CameraHealth, Probe } from '../domain/cameras.js';
import type { StoredEvent } from './events.js';
import { CameraProjection } from './camera-projection.js';

export type CameraRow = CameraPublic & {
  snapshotUrl: string | null;
  streamUrl: string | null;
  username: string | null;
  password: string | null;
  intervalS: number;
  lastProbeAt: string | null;
};

/** Where a camera is read from, and with which credentials: kept on the hub, in no event, sent to no browser. */
export type CameraSource = { snapshotUrl: string | null; streamUrl: string | null; username: string | null; password: string | null };

const SELECT = `SELECT c.id, c.name, c.kind, c.lng, c.lat, s.snapshot_url AS snapshotUrl, s.stream_url AS streamUrl, s.username, s.password,
  c.interval_s AS intervalS, c.health, c.health_since AS healthSince, c.health_reason AS reason, c.alert, c.last_probe_at AS lastProbeAt,
  c.last_good_at AS lastGoodAt, c.snapshot_at AS snapshotAt, c.last_seq AS lastSeq, c.disabled, (s.stream_url IS NOT NULL) AS live
  FROM cameras c LEFT JOIN camera_sources s ON s.camera_id = c.id`;

type RawRow = Omit<CameraRow, 'live' | 'disabled'> & { live: number; disabled: number };
const toRow = (r: RawRow): CameraRow => ({ ...r, live: r.live === 1, disabled: r.disabled === 1 });

const KEEP_PROBES = 20;
/** A camera keeps at most KEEP_PROBES + PRUNE_EVERY probe rows (one DELETE of ten rows costs about what one of one does). */
const PRUNE_EVERY = 10;

export class CamerasTable {
  private readonly s;
  private readonly projection: CameraProjection;
  /**
   * The newest probes of each camera, newest first, kept as they are written: the health rules read them on
   * every probe. Only the hub that probes a camera writes its probes, so this never goes stale.
   */
  private readonly recentCache = new Map<string, Probe[]>();
  /** Probes written since a camera's old ones were last pruned: pruned every PRUNE_EVERY, not on every probe. */
  private readonly sincePrune = new Map<string, number>();
  constructor(db: Db) {
    this.projection = new CameraProjection(db);
    this.s = {
      all: db.prepare(`${SELECT} ORDER BY c.id`),
      one: db.prepare(`${SELECT} WHERE c.id = ?`),
      // What a probe's health rules need of the camera, without its sources and the rest of the row.
      health: db.prepare('SELECT health, health_reason AS reason, disabled FROM cameras WHERE id = ?'),
      // Due: enabled, and never probed or its interval gone since the last probe (a microsecond of slack for float days).
      due: db.prepare(
        `${SELECT} WHERE c.disabled = 0 AND (c.last_probe_at IS NULL OR julianday(@now) - julianday(c.last_probe_at) >= c.interval_s / 86400.0 - 1e-9)
         ORDER BY c.last_probe_at IS NOT NULL, c.last_probe_at, c.id`,
      ),
      source: db.prepare(
        `INSERT INTO camera_sources (camera_id, snapshot_url, stream_url, username, password, from_profile)
         VALUES (@id, @snapshotUrl, @streamUrl, @username, @password, @fromProfile)
         ON CONFLICT (camera_id) DO UPDATE SET snapshot_url = excluded.snapshot_url, stream_url = excluded.stream_url,
           username = excluded.username, password = excluded.password, from_profile = excluded.from_profile`,
      ),
      fromProfile: db.prepare('SELECT from_profile FROM camera_sources WHERE camera_id = ?').pluck(),
      dropSource: db.prepare('DELETE FROM camera_sources WHERE camera_id = ?'),
      everAdded: db.prepare("SELECT DISTINCT json_extract(payload, '$.cameraId') FROM events WHERE type = 'camera.added'").pluck(),
      addProbe: db.prepare('INSERT INTO camera_probes (camera_id, at, ok, latency_ms, hash, luma, error) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      recent: db.prepare('SELECT at, ok, latency_ms AS latencyMs, hash, luma, error FROM camera_probes WHERE camera_id = ? ORDER BY at DESC, rowid DESC LIMIT ?'),
      // Older than the KEEP_PROBES-th newest: one index seek, not a NOT IN over the camera's rows on every probe.
      prune: db.prepare(
        `DELETE FROM camera_probes WHERE camera_id = @id AND at < (SELECT at FROM camera_probes WHERE camera_id = @id ORDER BY at DESC LIMIT 1 OFFSET ${KEEP_PROBES - 1})`,
      ),
      dropProbes: db.prepare('DELETE FROM camera_probes WHERE camera_id = ?'),
      probed: db.prepare('UPDATE cameras SET last_probe_at = @at, last_good_at = COALESCE(@goodAt, last_good_at), snapshot_at = COALESCE(@snapshotAt, snapshot_at) WHERE id = @id'),
      // Each span clipped to the window; a camera's time before its first known health does not count.
      uptime: db.prepare(
        `SELECT camera_id AS id,
           SUM(MAX(0, julianday(MIN(COALESCE(to_at, @to), @to)) - julianday(MAX(from_at, @from)))) AS known,
           SUM(CASE WHEN health = 'online' THEN MAX(0, julianday(MIN(COALESCE(to_at, @to), @to)) - julianday(MAX(from_at, @from))) ELSE 0 END) AS up
         FROM camera_health_spans WHERE (to_at IS NULL OR to_at > @from) AND from_at < @to GROUP BY camera_id`,
      ),
    };
  }

  /** Applies one camera.* event to the camera tables (see camera-projection.ts). Call inside the event's transaction. */
  apply(e: StoredEvent): void {
    this.projection.apply(e);
    if (e.type === 'camera.removed') {
      const id = String((e.payload as { cameraId: string }).cameraId);
      this.s.dropSource.run(id);
      this.s.dropProbes.run(id);
      this.recentCache.delete(id);
      this.sincePrune.delete(id);
    }
  }
  setSource(id: string, src: CameraSource, fromProfile: boolean): void {
    this.s.source.run({ id, ...src, fromProfile: fromProfile ? 1 : 0 });
  }
  /** null: no source row; true while the addresses are still the profile's. */
  sourceFromProfile(id: string): boolean | null {
    const v = this.s.fromProfile.get(id) as number | undefined;
    return v === undefined ? null : v === 1;
  }
  /**
   * Every camera the log has ever added (a camera once added stays the console's: the profile does not bring a
   * removed one back). One pass over the camera.added events: asked per camera, it was one per camera, and a
   * 5,000-camera city spent seconds at every start.
   */
  everAdded(): Set<string> {
    return new Set(this.s.everAdded.all() as string[]);
  }
  list(): CameraRow[] {
    return (this.s.all.all() as RawRow[]).map(toRow);
  }
  /** The cameras whose next probe is due at `now`, longest waiting first. */
  due(now: string): CameraRow[] {
    return (this.s.due.all({ now }) as RawRow[]).map(toRow);
  }
  get(id: string): CameraRow | null {
    const r = this.s.one.get(id) as RawRow | undefined;
    return r ? toRow(r) : null;
  }
  /** A camera's health and reason, undefined for none; what a probe is judged against. */
  healthOf(id: string): { health: CameraHealth | null; reason: string | null; disabled: boolean } | undefined {
    const r = this.s.health.get(id) as { health: CameraHealth | null; reason: string | null; disabled: number } | undefined;
    return r && { ...r, disabled: r.disabled === 1 };
  }
  addProbe(id: string, p: Probe, good: boolean): void {
    this.s.addProbe.run(id, p.at, p.ok ? 1 : 0, Math.round(p.latencyMs), p.hash, p.luma, p.error ?? null);
    const cached = this.recentCache.get(id);
    if (cached) {
      cached.unshift({ ...p, latencyMs: Math.round(p.latencyMs), error: p.error ?? null });
      cached.length = Math.min(cached.length, KEEP_PROBES);
    }
    const since = (this.sincePrune.get(id) ?? 0) + 1;
    this.sincePrune.set(id, since % PRUNE_EVERY);
    if (since >= PRUNE_EVERY) this.s.prune.run({ id });
    this.s.probed.run({ id, at: p.at, goodAt: good ? p.at : null, snapshotAt: p.ok ? p.at : null });
  }
  recentProbes(id: string, n: number): Probe[] {
    let cached = this.recentCache.get(id);
    if (!cached) {
      cached = (this.s.recent.all(id, KEEP_PROBES) as (Omit<Probe, 'ok'> & { ok: number })[]).map((p) => ({ ...p, ok: p.ok === 1 }));
      this.recentCache.set(id, cached);
    }
    return cached.slice(0, n);
  }
  /** Every camera's share of [from, to) online, from the health spans: one query for all cameras. */
  uptimes(from: string, to: string): Map<string, number | null> {
    const rows = this.s.uptime.all({ from, to }) as { id: string; known: number; up: number }[];
    return new Map(rows.map((r) => [r.id, r.known > 0 ? r.up / r.known : null]));
  }
}
