import type pg from 'pg';
import { cameraView } from '../../../domain/views.js';
import type { CameraPublic } from '../../../contract/cameras.js';
import { ownTx } from '../../event-log.js';
import { foldCameraEvent, type CameraState } from '../../camera-fold.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

const STATE = `SELECT id, name, kind, lng, lat, interval_s AS "intervalS", disabled, health, health_since AS "healthSince",
  health_reason AS "healthReason", alert, last_seq AS "lastSeq" FROM cameras WHERE id = $1`;
const PUT = `INSERT INTO cameras (id, name, kind, lng, lat, interval_s, disabled, health, health_since, health_reason, alert, last_seq)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, lng = EXCLUDED.lng, lat = EXCLUDED.lat, interval_s = EXCLUDED.interval_s,
    disabled = EXCLUDED.disabled, health = EXCLUDED.health, health_since = EXCLUDED.health_since, health_reason = EXCLUDED.health_reason,
    alert = EXCLUDED.alert, last_seq = EXCLUDED.last_seq`;
const VIEW = `SELECT c.id, c.name, c.kind, c.lng, c.lat, c.health, c.health_since AS "healthSince", c.health_reason AS reason, c.alert,
  c.last_good_at AS "lastGoodAt", c.snapshot_at AS "snapshotAt", c.last_seq AS "lastSeq", c.disabled = 1 AS disabled,
  COALESCE(s.stream_url IS NOT NULL, false) AS live
  FROM cameras c LEFT JOIN camera_sources s ON s.camera_id = c.id WHERE c.id = $1`;

async function view(client: pg.PoolClient, id: string): Promise<CameraPublic | null> {
  const { rows } = await client.query<CameraPublic>({ name: 'cameras-view', text: VIEW, values: [id] });
  return rows[0] ?? null;
}

/** Cameras on PostgreSQL: the SQLite projection's fold (foldCameraEvent) onto the same columns, the same spans. */
export function pgCamerasProjection(): PgProjection {
  return {
    name: 'cameras',
    handles: (type) => type.startsWith('camera.'),
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const id = String((e.payload as { cameraId: unknown }).cameraId);
      const { rows } = await client.query<Omit<CameraState, 'disabled'> & { disabled: number }>({ name: 'cameras-state', text: STATE, values: [id] });
      const fold = foldCameraEvent(e, rows[0] ? { ...rows[0], disabled: rows[0].disabled === 1 } : null);
      if (!fold) return {};
      // A removed camera is sent once more, as it was, so every screen drops it.
      const before = fold.next ? null : await view(client, id);
      if (fold.closeSpan) await client.query({ name: 'cameras-close-span', text: 'UPDATE camera_health_spans SET to_at = $1 WHERE camera_id = $2 AND to_at IS NULL', values: [e.at, id] });
      if (fold.next) {
        const n = fold.next;
        await client.query({ name: 'cameras-put', text: PUT, values: [n.id, n.name, n.kind, n.lng, n.lat, n.intervalS, n.disabled ? 1 : 0, n.health, n.healthSince, n.healthReason, n.alert, n.lastSeq] });
      } else {
        // With the camera go its addresses and credentials and its probes, as SQLite's CamerasTable.apply drops them.
        await client.query({ name: 'cameras-remove', text: 'DELETE FROM cameras WHERE id = $1', values: [id] });
        await client.query({ name: 'cameras-remove-source', text: 'DELETE FROM camera_sources WHERE camera_id = $1', values: [id] });
        await client.query({ name: 'cameras-remove-probes', text: 'DELETE FROM camera_probes WHERE camera_id = $1', values: [id] });
      }
      if (fold.clearProbe) await client.query({ name: 'cameras-clear-probe', text: 'UPDATE cameras SET last_probe_at = NULL WHERE id = $1', values: [id] });
      if (fold.openSpan)
        await client.query({ name: 'cameras-open-span', text: 'INSERT INTO camera_health_spans (camera_id, health, from_at, to_at) VALUES ($1, $2, $3, NULL)', values: [id, fold.openSpan, e.at] });
      const row = fold.next ? await view(client, id) : before;
      return row ? { camera: cameraView({ ...row, lastSeq: e.seq }) } : {};
    },
    // SQLite's snapshot columns (projections/cameras.ts), in its order of ids.
    snapshot: async (db) =>
      (await db.query('SELECT id, name, kind, lng, lat, interval_s, disabled, health, health_since, health_reason, alert, last_seq FROM cameras ORDER BY id COLLATE "C"')).rows,
  };
}
