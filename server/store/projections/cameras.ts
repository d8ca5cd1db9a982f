import { cameraView } from '../../domain/views.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { CamerasTable } from '../cameras.js';
import type { Projection } from './types.js';

/**
 * Cameras, folded from camera.* events through the camera tables' own fold (camera-projection.ts). Addresses and
 * credentials (camera_sources) and probe figures are not events, so a rebuild compares only what the log decides.
 */
export function camerasProjection(db: Db, cameras: CamerasTable): Projection {
  const rows = db.prepare('SELECT id, name, kind, lng, lat, interval_s, disabled, health, health_since, health_reason, alert, last_seq FROM cameras ORDER BY id');
  return {
    name: 'cameras',
    handles: (type) => type.startsWith('camera.'),
    project(e: StoredEvent) {
      const id = String(e.payload.cameraId);
      const before = e.type === 'camera.removed' ? cameras.get(id) : null;
      cameras.apply(e);
      const row = cameras.get(id) ?? before;
      // A removed camera is sent once more, as it was, so every screen drops it.
      return row ? { camera: cameraView({ ...row, lastSeq: e.seq }) } : {};
    },
    snapshot: () => rows.all(),
  };
}
