import type { Db } from './db.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { CameraHealth, Probe } from '../domain/cameras.js';
import type { CameraSpec } from '../contract/profile.js';

export type CameraRow = CameraPublic & {
  snapshotUrl: string | null;
  streamUrl: string | null;
  username: string | null;
  password: string | null;
  intervalS: number;
  lastProbeAt: string | null;
};

const SELECT = `SELECT id, name, kind, lng, lat, snapshot_url AS snapshotUrl, stream_url AS streamUrl, username, password,
  interval_s AS intervalS, health, health_since AS healthSince, health_reason AS reason, alert, last_probe_at AS lastProbeAt,
  last_good_at AS lastGoodAt, snapshot_at AS snapshotAt, last_seq AS lastSeq FROM cameras`;

const KEEP_PROBES = 20;

export class CamerasTable {
  private readonly s;
  /**
   * The newest probes of each camera, newest first, kept as they are written: the health rules read them on
   * every probe. Only the hub that probes a camera writes its probes, so this never goes stale.
   */
  private readonly recentCache = new Map<string, Probe[]>();
  constructor(db: Db) {
    this.s = {
      upsertSpec: db.prepare(
        `INSERT INTO cameras (id, name, kind, lng, lat, snapshot_url, stream_url, username, password, interval_s)
         VALUES (@id, @name, @kind, @lng, @lat, @snapshotUrl, @streamUrl, @username, @password, @intervalS)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, lng = excluded.lng, lat = excluded.lat,
           snapshot_url = excluded.snapshot_url, stream_url = excluded.stream_url, username = excluded.username,
           password = excluded.password, interval_s = excluded.interval_s`,
      ),
      all: db.prepare(`${SELECT} ORDER BY id`),
      one: db.prepare(`${SELECT} WHERE id = ?`),
      // Due: never probed, or its interval gone since the last probe (a microsecond of slack for float days).
      due: db.prepare(
        `${SELECT} WHERE last_probe_at IS NULL OR julianday(@now) - julianday(last_probe_at) >= interval_s / 86400.0 - 1e-9
         ORDER BY last_probe_at IS NOT NULL, last_probe_at`,
      ),
      addProbe: db.prepare('INSERT INTO camera_probes (camera_id, at, ok, latency_ms, hash, luma, error) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      recent: db.prepare('SELECT at, ok, latency_ms AS latencyMs, hash, luma, error FROM camera_probes WHERE camera_id = ? ORDER BY at DESC, rowid DESC LIMIT ?'),
      // Older than the KEEP_PROBES-th newest: one index seek, not a NOT IN over the camera's rows on every probe.
      prune: db.prepare(
        `DELETE FROM camera_probes WHERE camera_id = @id AND at < (SELECT at FROM camera_probes WHERE camera_id = @id ORDER BY at DESC LIMIT 1 OFFSET ${KEEP_PROBES - 1})`,
      ),
      probed: db.prepare('UPDATE cameras SET last_probe_at = @at, last_good_at = COALESCE(@goodAt, last_good_at), snapshot_at = COALESCE(@snapshotAt, snapshot_at) WHERE id = @id'),
      health: db.prepare('UPDATE cameras SET health = @health, health_since = @at, health_reason = @reason, alert = @alert, last_seq = @seq WHERE id = @id'),
      alert: db.prepare('UPDATE cameras SET alert = @alert, last_seq = @seq WHERE id = @id'),
      changes: db.prepare(
        "SELECT at, json_extract(payload, '$.to') AS \"to\" FROM events WHERE type = 'camera.health_changed' AND at >= ? AND at < ? AND json_extract(payload, '$.cameraId') = ? ORDER BY seq",
      ),
      before: db.prepare(
        "SELECT json_extract(payload, '$.to') FROM events WHERE type = 'camera.health_changed' AND at < ? AND json_extract(payload, '$.cameraId') = ? ORDER BY seq DESC LIMIT 1",
      ).pluck(),
    };
  }

  /** The profile is where cameras are configured; health and probes survive a change of URL or name. */
  syncFromProfile(specs: CameraSpec[], resolveUrl: (u: string) => string): void {
    for (const c of specs) {
      this.s.upsertSpec.run({
        id: c.id, name: c.name, kind: c.kind, lng: c.location[0], lat: c.location[1], snapshotUrl: resolveUrl(c.snapshotUrl),
        streamUrl: c.streamUrl ? resolveUrl(c.streamUrl) : null, username: c.username ?? null, password: c.password ?? null, intervalS: c.intervalS,
      });
    }
  }
  list(): CameraRow[] {
    return this.s.all.all() as CameraRow[];
  }
  /** The cameras whose next probe is due at `now`, longest waiting first. */
  due(now: string): CameraRow[] {
    return this.s.due.all({ now }) as CameraRow[];
  }
  get(id: string): CameraRow | null {
    return (this.s.one.get(id) as CameraRow | undefined) ?? null;
  }
  addProbe(id: string, p: Probe, good: boolean): void {
    this.s.addProbe.run(id, p.at, p.ok ? 1 : 0, Math.round(p.latencyMs), p.hash, p.luma, p.error ?? null);
    const cached = this.recentCache.get(id);
    if (cached) {
      cached.unshift({ ...p, latencyMs: Math.round(p.latencyMs), error: p.error ?? null });
      cached.length = Math.min(cached.length, KEEP_PROBES);
    }
    this.s.prune.run({ id });
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
  setHealth(id: string, health: CameraHealth, reason: string, alert: CameraPublic['alert'], at: string, seq: number): void {
    this.s.health.run({ id, health, reason, alert, at, seq });
  }
  setAlert(id: string, alert: CameraPublic['alert'], seq: number): void {
    this.s.alert.run({ id, alert, seq });
  }
  healthChanges(id: string, from: string, to: string): { at: string; to: CameraHealth }[] {
    return this.s.changes.all(from, to, id) as { at: string; to: CameraHealth }[];
  }
  healthBefore(id: string, at: string): CameraHealth | null {
    return (this.s.before.get(at, id) as CameraHealth | undefined) ?? null;
  }
}
