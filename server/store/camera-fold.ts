import type { StoredEvent } from './events.js';

/** What the log decides of a camera: the cameras row's columns a rebuild compares, on either store. */
export type CameraState = {
  id: string;
  name: string;
  kind: string;
  lng: number;
  lat: number;
  intervalS: number;
  disabled: boolean;
  health: string | null;
  healthSince: string | null;
  healthReason: string | null;
  alert: string | null;
  lastSeq: number;
};

/** What one camera.* event does to a camera's rows. */
export type CameraFold = {
  /** The camera after the event; null: removed. */
  next: CameraState | null;
  /** The open health span is closed at the event's time (a change of health, a disable, a removal). */
  closeSpan: boolean;
  /** A new span of this health opens at the event's time. */
  openSpan: string | null;
  /** The monitor's last probe time is cleared (camera.enabled): the camera is due at once. */
  clearProbe: boolean;
};

/**
 * The fold of camera.* events, for the SQLite and the PostgreSQL projections alike (only their SQL differs). `before`:
 * the camera as it stood (null: none). Null when the event changes nothing: any event but camera.added about a camera
 * that is not there, or a type this build does not know.
 */
export function foldCameraEvent(e: StoredEvent, before: CameraState | null): CameraFold | null {
  const p = e.payload as Record<string, unknown>;
  const id = String(p.cameraId);
  const at = e.at;
  const lastSeq = e.seq;
  const change = (next: CameraState | null, more: Partial<CameraFold> = {}): CameraFold => ({ next, closeSpan: false, openSpan: null, clearProbe: false, ...more });
  if (e.type === 'camera.added') {
    const [lng, lat] = p.location as [number, number];
    const what = { name: String(p.name), kind: String(p.kind), lng, lat, intervalS: Number(p.intervalS), lastSeq };
    // Added again (a camera the log knew): what it is changes, its health and enabled state stay.
    return change(before ? { ...before, ...what } : { id, ...what, disabled: false, health: null, healthSince: null, healthReason: null, alert: null });
  }
  if (!before) return null;
  switch (e.type) {
    case 'camera.updated': {
      const c = (p.changes ?? {}) as { name?: string; kind?: string; intervalS?: number };
      return change({ ...before, name: c.name ?? before.name, kind: c.kind ?? before.kind, intervalS: c.intervalS ?? before.intervalS, lastSeq });
    }
    case 'camera.moved': {
      const [lng, lat] = p.to as [number, number];
      return change({ ...before, lng, lat, lastSeq });
    }
    case 'camera.disabled':
      // A disabled camera has no health: it is not watched, so it is neither up nor down.
      return change({ ...before, disabled: true, health: null, healthReason: 'disabled', healthSince: at, alert: null, lastSeq }, { closeSpan: true });
    case 'camera.enabled':
      return change({ ...before, disabled: false, health: null, healthReason: null, healthSince: at, lastSeq }, { clearProbe: true });
    case 'camera.removed':
      return change(null, { closeSpan: true });
    case 'camera.health_changed': {
      const to = String(p.to);
      // An alert opens when a camera goes dark and closes by itself when it recovers.
      const alert = to === 'offline' ? 'open' : to === 'online' ? null : before.alert;
      return change({ ...before, health: to, healthSince: at, healthReason: (p.reason as string | undefined) ?? null, alert, lastSeq }, { closeSpan: true, openSpan: to });
    }
    case 'camera.reason_changed':
      return change({ ...before, healthReason: (p.to as string | undefined) ?? null, lastSeq });
    case 'camera.alert_acknowledged':
      return change({ ...before, alert: 'acknowledged', lastSeq });
    default:
      return null;
  }
}
