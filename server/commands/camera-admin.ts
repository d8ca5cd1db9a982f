import type { Actor } from '../contract/roles.js';
import type { CameraSpec } from '../contract/profile.js';
import type { CameraInput, CameraPatch } from '../contract/camera-admin.js';
import type { CameraPublic } from '../contract/cameras.js';
import { may } from '../domain/access.js';
import { refuse, type Refusal } from '../domain/reports.js';
import { splitCredentials } from '../domain/camera-sources.js';
import { cameraView } from '../domain/views.js';
import type { Store } from '../store/index.js';
import type { CameraWrites } from '../store/camera-writes.js';
import { runNow, type Step } from '../store/step.js';
import type { CameraRow, CameraSource } from '../store/cameras.js';
import { cameraEventStep } from './cameras.js';
import { command, type Committed, type Ctx, type Result } from './context.js';

const PROFILE: Actor = { id: 'city-profile', role: 'system', name: 'Profil kota' };

/** Credentials typed into the URL move to their own fields; fields given on their own win. */
function source(input: { snapshotUrl?: string | null; streamUrl?: string | null; username?: string | null; password?: string | null }, old: CameraSource | null): CameraSource {
  let username = old?.username ?? null;
  let password = old?.password ?? null;
  const take = (u: string | null | undefined, was: string | null): string | null => {
    if (u === undefined) return was;
    if (u === null) return null;
    const s = splitCredentials(u);
    if (s.username) username = s.username;
    if (s.password) password = s.password;
    return s.url;
  };
  const snapshotUrl = take(input.snapshotUrl, old?.snapshotUrl ?? null);
  const streamUrl = take(input.streamUrl, old?.streamUrl ?? null);
  if (input.username !== undefined) username = input.username || null;
  if (input.password !== undefined && input.password !== '') password = input.password;
  return { snapshotUrl, streamUrl, username, password };
}

const sourceOf = (c: CameraRow): CameraSource => ({ snapshotUrl: c.snapshotUrl, streamUrl: c.streamUrl, username: c.username, password: c.password });

/**
 * The profile's cameras are the first state: each one the log has never seen becomes a camera.added event
 * (actor: the profile). After that the console owns them: a camera removed at the console stays removed, and
 * a name or place changed there is not undone by a restart. Addresses still the profile's are refreshed
 * from it (a `{simulator}` URL follows PANTAU_CAMERA_SIMULATOR_URL). Runs at start-up, before any screen.
 */
export function seedCamerasFromProfile(store: Store, specs: CameraSpec[], resolveUrl: (u: string) => string, at: string): number {
  return store.tx(() => runNow(seedCamerasStep(store.ports.cameras, specs, resolveUrl, at)));
}

/** seedCamerasFromProfile on either store (server/store/step.ts): how many cameras it added. */
export function* seedCamerasStep(w: CameraWrites, specs: CameraSpec[], resolveUrl: (u: string) => string, at: string): Step<number> {
  let added = 0;
  const known = yield* w.everAdded();
  for (const c of specs) {
    const src = { snapshotUrl: resolveUrl(c.snapshotUrl), streamUrl: c.streamUrl ? resolveUrl(c.streamUrl) : null, username: c.username ?? null, password: c.password ?? null };
    if (!known.has(c.id)) {
      known.add(c.id);
      const payload = { cameraId: c.id, name: c.name, kind: c.kind, location: c.location, intervalS: c.intervalS, live: !!c.streamUrl, via: 'profile' };
      yield* w.append({ type: 'camera.added', reportId: null, at, actor: PROFILE, payload });
      yield* w.setSource(c.id, src, true);
      added++;
    } else if ((yield* w.sourceFromProfile(c.id)) && (yield* w.camera(c.id))) {
      yield* w.setSource(c.id, src, true);
    }
  }
  return added;
}

function* addOneStep(w: CameraWrites, actor: Actor, input: CameraInput, via: 'console' | 'csv', now: Date): Step<Result<Committed>> {
  if (yield* w.camera(input.id)) return refuse('conflict', `camera ${input.id} already exists`, 'id');
  const src = source(input, null);
  if (!src.snapshotUrl && !src.streamUrl) return refuse('invalid', 'a camera needs a snapshot URL or an HLS stream URL', 'snapshotUrl');
  const c = yield* cameraEventStep(w, {
    type: 'camera.added', reportId: null, at: now.toISOString(), actor,
    payload: { cameraId: input.id, name: input.name, kind: input.kind, location: input.location, intervalS: input.intervalS, live: !!src.streamUrl, via },
  });
  yield* w.setSource(input.id, src, false);
  // The broadcast view must know about the stream that was just stored.
  return { ok: true, value: { ...c, camera: { ...c.camera!, live: !!src.streamUrl } } };
}

const manages = (actor: Actor) => (may(actor, 'cameras.manage') ? null : refuse('forbidden', `${actor.role} may not manage cameras`));

export async function addCamera(ctx: Ctx, actor: Actor, input: CameraInput): Promise<Result<CameraPublic>> {
  return manages(actor) ?? command(ctx, (p) => addCameraStep(p.cameras, actor, input, ctx.now()));
}

/** addCamera's transaction, on either store; the caller has checked the role. */
export function* addCameraStep(w: CameraWrites, actor: Actor, input: CameraInput, now: Date): Step<[Result<CameraPublic>, Committed[]]> {
  const r = yield* addOneStep(w, actor, input, 'console', now);
  return r.ok ? [{ ok: true, value: r.value.camera! }, [r.value]] : [r, []];
}

/** A CSV of cameras: all or nothing, so a half-imported list never has to be untangled. */
export async function importCameras(ctx: Ctx, actor: Actor, inputs: CameraInput[]): Promise<Result<{ added: number }>> {
  const refused = manages(actor);
  if (refused) return refused;
  const ids = new Set<string>();
  for (const i of inputs) {
    if (ids.has(i.id)) return refuse('invalid', `camera ${i.id} is twice in the file`, 'file');
    ids.add(i.id);
  }
  try {
    return await command(ctx, (p) => importCamerasStep(p.cameras, actor, inputs, ctx.now()));
  } catch (err) {
    if (err instanceof ImportAborted) return err.failure;
    throw err;
  }
}

/** importCameras' transaction, on either store: a camera refused throws ImportAborted, which rolls the file back. */
export function* importCamerasStep(w: CameraWrites, actor: Actor, inputs: CameraInput[], now: Date): Step<[Result<{ added: number }>, Committed[]]> {
  const done: Committed[] = [];
  for (const input of inputs) {
    const r = yield* addOneStep(w, actor, input, 'csv', now);
    // Throwing rolls the transaction back: nothing of the file is kept.
    if (!r.ok) throw new ImportAborted({ ...r, message: `${input.id}: ${r.message}` });
    done.push(r.value);
  }
  return [{ ok: true, value: { added: done.length } }, done];
}

/** Why an import was rolled back: the first camera of the file refused. */
export class ImportAborted extends Error {
  constructor(readonly failure: Refusal) {
    super(failure.message);
  }
}

type Change = Result<CameraPublic>;
type ChangeStep = Step<[Change, Committed[]]>;

/** One camera changed by a console command, on either store: `write` decides on the camera as it is. */
function* changeStep(w: CameraWrites, id: string, write: (cam: CameraRow) => Step<Result<Committed> | null>): ChangeStep {
  const cam = yield* w.camera(id);
  if (!cam) return [refuse('not_found', `no camera ${id}`, 'id'), []];
  const r = yield* write(cam);
  if (r === null) return [{ ok: true, value: cameraView((yield* w.camera(id))!) }, []];
  return r.ok ? [{ ok: true, value: r.value.camera! }, [r.value]] : [r, []];
}

/** Runs a console change, once the actor may manage cameras. */
const changeCamera = async (ctx: Ctx, actor: Actor, step: (w: CameraWrites, now: Date) => ChangeStep): Promise<Change> =>
  manages(actor) ?? command(ctx, (p) => step(p.cameras, ctx.now()));

export const updateCamera = (ctx: Ctx, actor: Actor, id: string, patch: CameraPatch): Promise<Change> => changeCamera(ctx, actor, (w, now) => updateCameraStep(w, actor, id, patch, now));
export const moveCamera = (ctx: Ctx, actor: Actor, id: string, location: [number, number]): Promise<Change> => changeCamera(ctx, actor, (w, now) => moveCameraStep(w, actor, id, location, now));
export const disableCamera = (ctx: Ctx, actor: Actor, id: string, reason: string): Promise<Change> => changeCamera(ctx, actor, (w, now) => disableCameraStep(w, actor, id, reason, now));
export const enableCamera = (ctx: Ctx, actor: Actor, id: string): Promise<Change> => changeCamera(ctx, actor, (w, now) => enableCameraStep(w, actor, id, now));
export const removeCamera = (ctx: Ctx, actor: Actor, id: string, reason: string): Promise<Change> => changeCamera(ctx, actor, (w, now) => removeCameraStep(w, actor, id, reason, now));

export function updateCameraStep(w: CameraWrites, actor: Actor, id: string, patch: CameraPatch, now: Date): ChangeStep {
  return changeStep(w, id, function* (cam) {
    const changes: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== cam.name) changes.name = patch.name;
    if (patch.kind !== undefined && patch.kind !== cam.kind) changes.kind = patch.kind;
    if (patch.intervalS !== undefined && patch.intervalS !== cam.intervalS) changes.intervalS = patch.intervalS;
    const old = sourceOf(cam);
    const src = source(patch, old);
    const sourcesChanged = JSON.stringify(src) !== JSON.stringify(old);
    if (!Object.keys(changes).length && !sourcesChanged) return null;
    if (!src.snapshotUrl && !src.streamUrl) return refuse('invalid', 'a camera needs a snapshot URL or an HLS stream URL', 'snapshotUrl');
    // The event says that the addresses changed, never what they are.
    const c = yield* cameraEventStep(w, {
      type: 'camera.updated', reportId: null, at: now.toISOString(), actor,
      payload: { cameraId: id, changes, sourcesChanged, live: !!src.streamUrl, reason: patch.reason },
    });
    if (sourcesChanged) yield* w.setSource(id, src, false);
    return { ok: true, value: { ...c, camera: { ...c.camera!, live: !!src.streamUrl } } };
  });
}

export function moveCameraStep(w: CameraWrites, actor: Actor, id: string, location: [number, number], now: Date): ChangeStep {
  return changeStep(w, id, function* (cam) {
    if (cam.lng === location[0] && cam.lat === location[1]) return null;
    return { ok: true, value: yield* cameraEventStep(w, { type: 'camera.moved', reportId: null, at: now.toISOString(), actor, payload: { cameraId: id, from: [cam.lng, cam.lat], to: location } }) };
  });
}

export function disableCameraStep(w: CameraWrites, actor: Actor, id: string, reason: string, now: Date): ChangeStep {
  return changeStep(w, id, function* (cam) {
    if (cam.disabled) return refuse('conflict', `camera ${cam.name} is already disabled`);
    return { ok: true, value: yield* cameraEventStep(w, { type: 'camera.disabled', reportId: null, at: now.toISOString(), actor, payload: { cameraId: id, reason } }) };
  });
}

export function enableCameraStep(w: CameraWrites, actor: Actor, id: string, now: Date): ChangeStep {
  return changeStep(w, id, function* (cam) {
    if (!cam.disabled) return refuse('conflict', `camera ${cam.name} is not disabled`);
    return { ok: true, value: yield* cameraEventStep(w, { type: 'camera.enabled', reportId: null, at: now.toISOString(), actor, payload: { cameraId: id } }) };
  });
}

export function removeCameraStep(w: CameraWrites, actor: Actor, id: string, reason: string, now: Date): ChangeStep {
  return changeStep(w, id, function* () {
    return { ok: true, value: yield* cameraEventStep(w, { type: 'camera.removed', reportId: null, at: now.toISOString(), actor, payload: { cameraId: id, reason } }) };
  });
}
