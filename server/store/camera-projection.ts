import type { Db } from './db.js';
import type { StoredEvent } from './events.js';
import { foldCameraEvent, type CameraState } from './camera-fold.js';

/**
 * The one place camera events become SQLite's camera tables (cameras, camera_health_spans), by the fold both stores
 * share (camera-fold.ts): the commands call it after appending, and a rebuild from the log can call it for every
 * camera.* event in seq order. It never touches camera_sources (addresses and credentials are not in any event) nor
 * camera_probes (the monitor's own record, not state changes).
 */
export class CameraProjection {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      get: db.prepare(
        `SELECT id, name, kind, lng, lat, interval_s AS intervalS, disabled, health, health_since AS healthSince, health_reason AS healthReason, alert,
           last_seq AS lastSeq FROM cameras WHERE id = ?`,
      ),
      // Only the columns the log decides: the monitor's (last probe, last good frame, snapshot) stay as they are.
      put: db.prepare(
        `INSERT INTO cameras (id, name, kind, lng, lat, interval_s, disabled, health, health_since, health_reason, alert, last_seq)
         VALUES (@id, @name, @kind, @lng, @lat, @intervalS, @disabled, @health, @healthSince, @healthReason, @alert, @lastSeq)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, lng = excluded.lng, lat = excluded.lat,
           interval_s = excluded.interval_s, disabled = excluded.disabled, health = excluded.health, health_since = excluded.health_since,
           health_reason = excluded.health_reason, alert = excluded.alert, last_seq = excluded.last_seq`,
      ),
      clearProbe: db.prepare('UPDATE cameras SET last_probe_at = NULL WHERE id = ?'),
      remove: db.prepare('DELETE FROM cameras WHERE id = ?'),
      closeSpan: db.prepare('UPDATE camera_health_spans SET to_at = @at WHERE camera_id = @id AND to_at IS NULL'),
      openSpan: db.prepare('INSERT INTO camera_health_spans (camera_id, health, from_at, to_at) VALUES (@id, @health, @at, NULL)'),
    };
  }

  apply(e: StoredEvent): void {
    const id = String((e.payload as { cameraId: unknown }).cameraId);
    const row = this.s.get.get(id) as (Omit<CameraState, 'disabled'> & { disabled: number }) | undefined;
    const fold = foldCameraEvent(e, row ? { ...row, disabled: row.disabled === 1 } : null);
    if (!fold) return;
    if (fold.closeSpan) this.s.closeSpan.run({ id, at: e.at });
    if (fold.next) this.s.put.run({ ...fold.next, disabled: fold.next.disabled ? 1 : 0 });
    else this.s.remove.run(id);
    if (fold.clearProbe) this.s.clearProbe.run(id);
    if (fold.openSpan) this.s.openSpan.run({ id, health: fold.openSpan, at: e.at });
  }
}
