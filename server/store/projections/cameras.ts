import { alertAfter, type CameraHealth } from '../../domain/cameras.js';
import { cameraView } from '../../domain/views.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { CamerasTable } from '../cameras.js';
import type { Projection } from './types.js';

/**
 * Camera health and alerts, folded from camera.* events. A camera's configuration comes from the city profile and
 * its probe figures (last frame, last good frame) are the monitor's own record: neither is an event, so a rebuild
 * compares only what the log decides.
 */
export function camerasProjection(db: Db, cameras: CamerasTable): Projection {
  const rows = db.prepare('SELECT id, health, health_since, health_reason, alert, last_seq FROM cameras ORDER BY id');
  return {
    name: 'cameras',
    handles: (type) => type === 'camera.health_changed' || type === 'camera.alert_acknowledged',
    project(e: StoredEvent) {
      const id = String(e.payload.cameraId);
      const cam = cameras.get(id);
      if (!cam) return {};
      if (e.type === 'camera.health_changed') {
        const health = e.payload.to as CameraHealth;
        cameras.setHealth(id, health, String(e.payload.reason), alertAfter(health, cam.alert), e.at, e.seq);
      } else cameras.setAlert(id, 'acknowledged', e.seq);
      return { camera: cameraView(cameras.get(id)!) };
    },
    snapshot: () => rows.all(),
  };
}
