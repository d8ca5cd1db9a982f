import { describe, expect, it } from 'vitest';
import { foldCameraEvent, type CameraState } from './camera-fold.js';
import type { StoredEvent } from './events.js';

let seq = 0;
const ev = (type: string, payload: Record<string, unknown>, at = '2026-11-23T03:00:00.000Z'): StoredEvent =>
  ({ type, reportId: null, at, actor: { id: 'camera-monitor', role: 'system' }, payload: { cameraId: 'cam-1', ...payload }, seq: ++seq }) as StoredEvent;
const added = ev('camera.added', { name: 'Simpang Cikokol', kind: 'traffic', location: [106.63, -6.18], intervalS: 5 });
const camera = foldCameraEvent(added, null)!.next!;
const offline = foldCameraEvent(ev('camera.health_changed', { from: null, to: 'offline', reason: 'failed' }), camera)!.next!;

describe('the camera fold both stores share', () => {
  it('adds a camera unwatched yet, and one added again keeps its health', () => {
    expect(camera).toMatchObject({ id: 'cam-1', name: 'Simpang Cikokol', lng: 106.63, lat: -6.18, intervalS: 5, disabled: false, health: null, alert: null, lastSeq: added.seq });
    const again = foldCameraEvent(ev('camera.added', { name: 'Simpang Cikokol 2', kind: 'traffic', location: [106.64, -6.19], intervalS: 10 }), offline)!.next!;
    expect(again).toMatchObject({ name: 'Simpang Cikokol 2', lng: 106.64, health: 'offline', alert: 'open' });
  });

  it('opens an alert when a camera goes dark, keeps it while degraded, closes it when it is back; a span per health', () => {
    const dark = foldCameraEvent(ev('camera.health_changed', { to: 'offline', reason: 'failed' }, '2026-11-23T04:00:00.000Z'), camera)!;
    expect(dark).toMatchObject({ closeSpan: true, openSpan: 'offline', next: { health: 'offline', healthSince: '2026-11-23T04:00:00.000Z', healthReason: 'failed', alert: 'open' } });
    const degraded = foldCameraEvent(ev('camera.health_changed', { to: 'degraded', reason: 'frozen' }), dark.next)!.next!;
    expect(degraded.alert).toBe('open');
    expect(foldCameraEvent(ev('camera.health_changed', { to: 'online', reason: 'ok' }), degraded)!.next!.alert).toBeNull();
    expect(foldCameraEvent(ev('camera.alert_acknowledged', {}), offline)!.next!.alert).toBe('acknowledged');
    expect(foldCameraEvent(ev('camera.reason_changed', { to: 'black' }), degraded)).toMatchObject({ closeSpan: false, openSpan: null, next: { healthReason: 'black' } });
  });

  it('a disabled camera has no health nor alert; enabled again, it is due for a probe at once', () => {
    const disabled = foldCameraEvent(ev('camera.disabled', { reason: 'perbaikan' }), offline)!;
    expect(disabled).toMatchObject({ closeSpan: true, openSpan: null, next: { disabled: true, health: null, healthReason: 'disabled', alert: null } });
    expect(foldCameraEvent(ev('camera.enabled', {}), disabled.next)).toMatchObject({ clearProbe: true, next: { disabled: false, health: null, healthReason: null } });
  });

  it('moves, changes, removes; nothing for a camera that is not there or an event it does not know', () => {
    expect(foldCameraEvent(ev('camera.moved', { to: [106.7, -6.2] }), camera)!.next).toMatchObject({ lng: 106.7, lat: -6.2 });
    expect(foldCameraEvent(ev('camera.updated', { changes: { intervalS: 30 } }), camera)!.next).toMatchObject({ name: 'Simpang Cikokol', intervalS: 30 });
    expect(foldCameraEvent(ev('camera.removed', { reason: 'dibongkar' }), camera)).toEqual({ next: null, closeSpan: true, openSpan: null, clearProbe: false });
    expect(foldCameraEvent(ev('camera.health_changed', { to: 'offline' }), null)).toBeNull();
    expect(foldCameraEvent(ev('camera.renamed_by_a_later_build', {}), camera as CameraState)).toBeNull();
  });
});
