import { readFileSync } from 'node:fs';
import { CAMERA_LOOK_METERS, nearestOnline } from '../domain/cameras.js';
import { processPhoto, type ProcessedPhoto } from '../media/photos.js';
import { inPhotoQueue } from './photos.js';
import { snapshotPath } from '../jobs/camera-probe.js';
import type { Ctx } from './context.js';

/**
 * The nearest online camera's latest snapshot at the moment a report arrives, kept as a photo of its own
 * (the camera's file is replaced on its next poll). Best effort: no camera, no snapshot, no harm.
 */
export type CameraLook = { photo: ProcessedPhoto; cameraId: string; takenAt: string | null };

export async function cameraLook(ctx: Ctx, point: { lng: number; lat: number }): Promise<CameraLook | null> {
  if (!ctx.snapshotsDir) return null;
  const cameras = await ctx.store.query((p) => p.cameras.list());
  const [cam] = nearestOnline(cameras.map((c) => ({ ...c, health: c.health ?? 'offline' })), point, CAMERA_LOOK_METERS, 1);
  if (!cam) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(snapshotPath(ctx.snapshotsDir, cam.id));
  } catch {
    return null;
  }
  // In the same photo queue as uploads; when the line is full the report goes in without the camera's look.
  const turn = await inPhotoQueue(ctx, [bytes], () => processPhoto(bytes, 'cameraSnapshot', ctx.maxPhotoPixels, ctx.city.clock.offset));
  const r = turn.ok ? turn.value : null;
  return r?.ok ? { photo: r.photo, cameraId: cam.id, takenAt: cam.snapshotAt } : null;
}
