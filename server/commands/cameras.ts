import type { Actor } from '../contract/roles.js';
import { assessCamera, DEFAULT_RULES, type CameraHealth, type Probe } from '../domain/cameras.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { LogEvent } from '../store/events.js';
import type { CameraWrites } from '../store/camera-writes.js';
import type { Step } from '../store/step.js';
import { command, commandGrouped, type Committed, type Ctx, type Result } from './context.js';

const MONITOR: Actor = { id: 'camera-monitor', role: 'system', name: 'Pemantau kamera' };

/** Appends a camera event, applies it to the camera tables, and says what to broadcast, on either store (server/store/step.ts). */
export function* cameraEventStep(w: CameraWrites, event: LogEvent & { payload: { cameraId: string } }): Step<Committed> {
  // The projector folds it (store/projections/cameras.ts), in this transaction.
  const { stored, camera } = yield* w.append(event);
  return { event: stored, report: null, camera };
}

/**
 * Records one probe and appends an event only when what a screen shows changes: the camera's health
 * (camera.health_changed) or, within the same health, its reason (camera.reason_changed: frozen → black),
 * so the wall never shows a stale reason. Probes themselves are not events: a poll every few seconds would bury
 * the log. Says the camera's health after the probe; null when there is no such camera or it is disabled.
 */
export function recordProbe(ctx: Ctx, cameraId: string, probe: Probe): Promise<CameraHealth | null> {
  return command(ctx, (p) => probeStep(p.cameras, cameraId, probe));
}

/**
 * recordProbe for the monitor: the probes that end together share one transaction, and a probe row is not
 * waited onto the disk (a power cut may lose the last seconds of probes, a killed hub none); a health or reason
 * change is an event, and that is on disk before it is broadcast.
 */
export function recordProbeGrouped(ctx: Ctx, cameraId: string, probe: Probe): Promise<CameraHealth | null> {
  return commandGrouped(ctx, (p) => probeStep(p.cameras, cameraId, probe), false);
}

/** A probe's transaction, on either store, with what to broadcast once committed. */
export function* probeStep(w: CameraWrites, cameraId: string, probe: Probe): Step<[CameraHealth | null, Committed[]]> {
  const cam = yield* w.healthOf(cameraId);
  if (!cam || cam.disabled) return [null, []];
  const { health, reason } = assessCamera([probe, ...(yield* w.recentProbes(cameraId, 9))], cam.health, DEFAULT_RULES);
  const good = reason === 'ok' || reason === 'slow';
  // A frozen or black frame answered, but it is not a good frame: "last good" must not move.
  yield* w.addProbe(cameraId, probe, good);
  if (health === cam.health) {
    // Only a degraded camera shows its reason; online/offline ones keep theirs until their health changes.
    if (health !== 'degraded' || reason === cam.reason || reason === 'ok' || reason === 'failed' || reason === 'no_data') return [health, []];
    const c = yield* cameraEventStep(w, { type: 'camera.reason_changed', reportId: null, at: probe.at, actor: MONITOR, payload: { cameraId, health, from: cam.reason, to: reason } });
    return [health, [c]];
  }
  const c = yield* cameraEventStep(w, { type: 'camera.health_changed', reportId: null, at: probe.at, actor: MONITOR, payload: { cameraId, from: cam.health, to: health, reason } });
  return [health, [c]];
}

export async function acknowledgeCameraAlert(ctx: Ctx, actor: Actor, cameraId: string): Promise<Result<CameraPublic>> {
  if (!may(actor, 'cameras.acknowledge')) return refuse('forbidden', `${actor.role} may not acknowledge camera alerts`);
  return command(ctx, (p) => acknowledgeAlertStep(p.cameras, actor, cameraId, ctx.now()));
}

/** acknowledgeCameraAlert's transaction, on either store; the caller has checked the role. */
export function* acknowledgeAlertStep(w: CameraWrites, actor: Actor, cameraId: string, now: Date): Step<[Result<CameraPublic>, Committed[]]> {
  const cam = yield* w.camera(cameraId);
  if (!cam) return [refuse('not_found', `no camera ${cameraId}`, 'id'), []];
  if (cam.alert !== 'open') return [refuse('conflict', `camera ${cam.name} has no open alert`), []];
  const c = yield* cameraEventStep(w, { type: 'camera.alert_acknowledged', reportId: null, at: now.toISOString(), actor, payload: { cameraId } });
  return [{ ok: true, value: c.camera! }, [c]];
}
