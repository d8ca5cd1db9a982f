import type { Actor } from '../contract/roles.js';
import type { CameraSpec } from '../contract/profile.js';
import type { CameraInput, CameraPatch } from '../contract/camera-admin.js';
import type { CameraPublic } from '../contract/cameras.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { splitCredentials } from '../domain/camera-sources.js';
import { cameraView } from '../domain/views.js';
import type { Store } from '../store/index.js';
import type { CameraRow, CameraSource } from '../store/cameras.js';
import { appendCameraEvent } from './cameras.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';

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
  let added = 0;
  store.tx(() => {
    const known = store.cameras.everAdded();
    for (const c of specs) {
      const src = { snapshotUrl: resolveUrl(c.snapshotUrl), streamUrl: c.streamUrl ? resolveUrl(c.streamUrl) : null, username: c.username ?? null, password: c.password ?? null };
      if (!known.has(c.id)) {
        known.add(c.id);
        const payload = { cameraId: c.id, name: c.name, kind: c.kind, location: c.location, intervalS: c.intervalS, live: !!c.streamUrl, via: 'profile' };
        const seq = store.events.append({ type: 'camera.added', reportId: null, at, actor: PROFILE, payload });
        store.cameras.apply({ type: 'camera.added', reportId: null, at, actor: PROFILE, payload, seq });
        store.cameras.setSource(c.id, src, true);
        added++;
      } else if (store.cameras.sourceFromProfile(c.id) && store.cameras.get(c.id)) {
        store.cameras.setSource(c.id, src, true);
      }
    }
  });
  return added;
}

function addOne(ctx: Ctx, actor: Actor, input: CameraInput, via: 'console' | 'csv'): Result<Committed> {
  if (ctx.store.cameras.get(input.id)) return refuse('conflict', `camera ${input.id} already exists`, 'id');
  const src = source(input, null);
  if (!src.snapshotUrl && !src.streamUrl) return refuse('invalid', 'a camera needs a snapshot URL or an HLS stream URL', 'snapshotUrl');
  const c = appendCameraEvent(ctx, {
    type: 'camera.added', reportId: null, at: ctx.now().toISOString(), actor,
    payload: { cameraId: input.id, name: input.name, kind: input.kind, location: input.location, intervalS: input.intervalS, live: !!src.streamUrl, via },
  });
  ctx.store.cameras.setSource(input.id, src, false);
  // The broadcast view must know about the stream that was just stored.
  return { ok: true, value: { ...c, camera: { ...c.camera!, live: !!src.streamUrl } } };
}

export function addCamera(ctx: Ctx, actor: Actor, input: CameraInput): Result<CameraPublic> {
  if (!may(actor, 'cameras.manage')) return refuse('forbidden', `${actor.role} may not manage cameras`);
  return commit(ctx, (): [Result<CameraPublic>, Committed[]] => {
    const r = addOne(ctx, actor, input, 'console');
    return r.ok ? [{ ok: true, value: r.value.camera! }, [r.value]] : [r, []];
  });
}

/** A CSV of cameras: all or nothing, so a half-imported list never has to be untangled. */
export function importCameras(ctx: Ctx, actor: Actor, inputs: CameraInput[]): Result<{ added: number }> {
  if (!may(actor, 'cameras.manage')) return refuse('forbidden', `${actor.role} may not manage cameras`);
  const ids = new Set<string>();
  for (const i of inputs) {
    if (ids.has(i.id)) return refuse('invalid', `camera ${i.id} is twice in the file`, 'file');
    ids.add(i.id);
  }
  let failure: Result<{ added: number }> | null = null;
  try {
    return commit(ctx, (): [Result<{ added: number }>, Committed[]] => {
      const done: Committed[] = [];
      for (const input of inputs) {
        const r = addOne(ctx, actor, input, 'csv');
        if (!r.ok) {
          failure = { ...r, message: `${input.id}: ${r.message}` };
          // Throwing rolls the transaction back: nothing of the file is kept.
          throw new ImportAborted();
        }
        done.push(r.value);
      }
      return [{ ok: true, value: { added: done.length } }, done];
    });
  } catch (err) {
    if (err instanceof ImportAborted && failure) return failure;
    throw err;
  }
}
class ImportAborted extends Error {}

type Change = Result<CameraPublic>;

function change(ctx: Ctx, actor: Actor, id: string, write: (cam: CameraRow) => Result<Committed> | null): Change {
  if (!may(actor, 'cameras.manage')) return refuse('forbidden', `${actor.role} may not manage cameras`);
  return commit(ctx, (): [Change, Committed[]] => {
    const cam = ctx.store.cameras.get(id);
    if (!cam) return [refuse('not_found', `no camera ${id}`, 'id'), []];
    const r = write(cam);
    if (r === null) return [{ ok: true, value: cameraView(ctx.store.cameras.get(id)!) }, []];
    return r.ok ? [{ ok: true, value: r.value.camera! }, [r.value]] : [r, []];
  });
}

export function updateCamera(ctx: Ctx, actor: Actor, id: string, patch: CameraPatch): Change {
  return change(ctx, actor, id, (cam) => {
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
    const c = appendCameraEvent(ctx, {
      type: 'camera.updated', reportId: null, at: ctx.now().toISOString(), actor,
      payload: { cameraId: id, changes, sourcesChanged, live: !!src.streamUrl, reason: patch.reason },
    });
    if (sourcesChanged) ctx.store.cameras.setSource(id, src, false);
    return { ok: true, value: { ...c, camera: { ...c.camera!, live: !!src.streamUrl } } };
  });
}

export function moveCamera(ctx: Ctx, actor: Actor, id: string, location: [number, number]): Change {
  return change(ctx, actor, id, (cam) => {
    if (cam.lng === location[0] && cam.lat === location[1]) return null;
    return { ok: true, value: appendCameraEvent(ctx, { type: 'camera.moved', reportId: null, at: ctx.now().toISOString(), actor, payload: { cameraId: id, from: [cam.lng, cam.lat], to: location } }) };
  });
}

export function disableCamera(ctx: Ctx, actor: Actor, id: string, reason: string): Change {
  return change(ctx, actor, id, (cam) => {
    if (cam.disabled) return refuse('conflict', `camera ${cam.name} is already disabled`);
    return { ok: true, value: appendCameraEvent(ctx, { type: 'camera.disabled', reportId: null, at: ctx.now().toISOString(), actor, payload: { cameraId: id, reason } }) };
  });
}

export function enableCamera(ctx: Ctx, actor: Actor, id: string): Change {
  return change(ctx, actor, id, (cam) => {
    if (!cam.disabled) return refuse('conflict', `camera ${cam.name} is not disabled`);
    return { ok: true, value: appendCameraEvent(ctx, { type: 'camera.enabled', reportId: null, at: ctx.now().toISOString(), actor, payload: { cameraId: id } }) };
  });
}

export function removeCamera(ctx: Ctx, actor: Actor, id: string, reason: string): Change {
  return change(ctx, actor, id, () => ({ ok: true, value: appendCameraEvent(ctx, { type: 'camera.removed', reportId: null, at: ctx.now().toISOString(), actor, payload: { cameraId: id, reason } }) }));
}
