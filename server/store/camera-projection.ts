import type { Db } from './db.js';
import type { StoredEvent } from './events.js';

/**
 * The one place camera events become camera tables (cameras, camera_health_spans): the commands call it
 * after appending, and a rebuild from the log can call it for every camera.* event in seq order. It never
 * touches camera_sources (addresses and credentials are not in any event) nor camera_probes (the monitor's
 * own record, not state changes).
 */
export class CameraProjection {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      add: db.prepare(
        `INSERT INTO cameras (id, name, kind, lng, lat, interval_s, disabled, last_seq) VALUES (@id, @name, @kind, @lng, @lat, @intervalS, 0, @seq)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, lng = excluded.lng, lat = excluded.lat,
           interval_s = excluded.interval_s, last_seq = excluded.last_seq`,
      ),
      update: db.prepare(
        'UPDATE cameras SET name = COALESCE(@name, name), kind = COALESCE(@kind, kind), interval_s = COALESCE(@intervalS, interval_s), last_seq = @seq WHERE id = @id',
      ),
      move: db.prepare('UPDATE cameras SET lng = @lng, lat = @lat, last_seq = @seq WHERE id = @id'),
      // A disabled camera has no health: it is not watched, so it is neither up nor down.
      disable: db.prepare("UPDATE cameras SET disabled = 1, health = NULL, health_reason = 'disabled', health_since = @at, alert = NULL, last_seq = @seq WHERE id = @id"),
      enable: db.prepare('UPDATE cameras SET disabled = 0, health = NULL, health_reason = NULL, health_since = @at, last_probe_at = NULL, last_seq = @seq WHERE id = @id'),
      remove: db.prepare('DELETE FROM cameras WHERE id = @id'),
      health: db.prepare('UPDATE cameras SET health = @health, health_since = @at, health_reason = @reason, alert = @alert, last_seq = @seq WHERE id = @id'),
      reason: db.prepare('UPDATE cameras SET health_reason = @reason, last_seq = @seq WHERE id = @id'),
      alert: db.prepare('UPDATE cameras SET alert = @alert, last_seq = @seq WHERE id = @id'),
      closeSpan: db.prepare('UPDATE camera_health_spans SET to_at = @at WHERE camera_id = @id AND to_at IS NULL'),
      openSpan: db.prepare('INSERT INTO camera_health_spans (camera_id, health, from_at, to_at) VALUES (@id, @health, @at, NULL)'),
      current: db.prepare('SELECT health, alert FROM cameras WHERE id = ?'),
    };
  }

  apply(e: StoredEvent): void {
    const p = e.payload as Record<string, unknown>;
    const id = String(p.cameraId);
    const base = { id, seq: e.seq, at: e.at };
    switch (e.type) {
      case 'camera.added': {
        const [lng, lat] = p.location as [number, number];
        this.s.add.run({ ...base, name: p.name, kind: p.kind, lng, lat, intervalS: p.intervalS });
        return;
      }
      case 'camera.updated': {
        const c = (p.changes ?? {}) as { name?: string; kind?: string; intervalS?: number };
        this.s.update.run({ ...base, name: c.name ?? null, kind: c.kind ?? null, intervalS: c.intervalS ?? null });
        return;
      }
      case 'camera.moved': {
        const [lng, lat] = p.to as [number, number];
        this.s.move.run({ ...base, lng, lat });
        return;
      }
      case 'camera.disabled':
        this.s.closeSpan.run(base);
        this.s.disable.run(base);
        return;
      case 'camera.enabled':
        this.s.enable.run(base);
        return;
      case 'camera.removed':
        this.s.closeSpan.run(base);
        this.s.remove.run(base);
        return;
      case 'camera.health_changed': {
        const to = String(p.to);
        const before = this.s.current.get(id) as { alert: string | null } | undefined;
        // An alert opens when a camera goes dark and closes by itself when it recovers.
        const alert = to === 'offline' ? 'open' : to === 'online' ? null : (before?.alert ?? null);
        this.s.health.run({ ...base, health: to, reason: p.reason ?? null, alert });
        this.s.closeSpan.run(base);
        this.s.openSpan.run({ ...base, health: to });
        return;
      }
      case 'camera.reason_changed':
        this.s.reason.run({ ...base, reason: p.to ?? null });
        return;
      case 'camera.alert_acknowledged':
        this.s.alert.run({ ...base, alert: 'acknowledged' });
        return;
    }
  }
}
