import type { Actor } from '../contract/roles.js';
import { assessCamera, DEFAULT_RULES, type Probe } from '../domain/cameras.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { cameraView } from '../domain/views.js';
import type { CameraPublic } from '../contract/cameras.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';

const MONITOR: Actor = { id: 'camera-monitor', role: 'system', name: 'Pemantau kamera' };

/**
 * Records one probe and, only when the camera's health changes, appends camera.health_changed and broadcasts it.
 * Probes themselves are not events: a poll every few seconds would bury the log.
 */
export function recordProbe(ctx: Ctx, cameraId: string, probe: Probe): CameraPublic | null {
  return commit(ctx, (): [CameraPublic | null, Committed[]] => {
    const cam = ctx.store.cameras.get(cameraId);
    if (!cam) return [null, []];
    const { health, reason } = assessCamera([probe, ...ctx.store.cameras.recentProbes(cameraId, 9)], cam.health, DEFAULT_RULES);
    // A frozen or black frame answered, but it is not a good frame: "last good" must not move.
    ctx.store.cameras.addProbe(cameraId, probe, reason === 'ok' || reason === 'slow');
    if (health === cam.health) return [cameraView({ ...ctx.store.cameras.get(cameraId)! }), []];
    // The alert follows in the projection (domain/cameras.ts alertAfter).
    const event = { type: 'camera.health_changed' as const, reportId: null, at: probe.at, actor: MONITOR, payload: { cameraId, from: cam.health, to: health, reason } };
    const { seq, camera } = ctx.store.projector.append(event);
    return [camera!, [{ event: { ...event, seq }, report: null, camera }]];
  });
}

export function acknowledgeCameraAlert(ctx: Ctx, actor: Actor, cameraId: string): Result<CameraPublic> {
  if (!may(actor, 'cameras.acknowledge')) return refuse('forbidden', `${actor.role} may not acknowledge camera alerts`);
  return commit(ctx, (): [Result<CameraPublic>, Committed[]] => {
    const cam = ctx.store.cameras.get(cameraId);
    if (!cam) return [refuse('not_found', `no camera ${cameraId}`, 'id'), []];
    if (cam.alert !== 'open') return [refuse('conflict', `camera ${cam.name} has no open alert`), []];
    const event = { type: 'camera.alert_acknowledged' as const, reportId: null, at: ctx.now().toISOString(), actor, payload: { cameraId } };
    const { seq, camera } = ctx.store.projector.append(event);
    return [{ ok: true, value: camera! }, [{ event: { ...event, seq }, report: null, camera }]];
  });
}
