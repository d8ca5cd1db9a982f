import { MAX_PHOTOS } from '../contract/reports.js';
import { refuse } from '../domain/reports.js';
import { processPhoto, type ProcessedPhoto } from '../media/photos.js';
import type { Ctx, Result } from './context.js';

/** Decodes and sizes 1-5 uploaded photos (0-5 where a photo is optional); the first bad one refuses them all, naming it. */
export async function processPhotos(ctx: Ctx, photos: Buffer[], min = 1): Promise<Result<ProcessedPhoto[]>> {
  if (photos.length < min || photos.length > MAX_PHOTOS) return refuse('invalid', `give ${min} to ${MAX_PHOTOS} photos`, 'photos');
  const processed: ProcessedPhoto[] = [];
  for (const [i, buf] of photos.entries()) {
    const r = await processPhoto(buf, `photos[${i}]`, ctx.maxPhotoPixels, ctx.city.clock.offset);
    if (!r.ok) return r;
    processed.push(r.photo);
  }
  return { ok: true, value: processed };
}

/**
 * Writes the photo files, then runs the command that refers to them. If the command refuses or throws,
 * the files it would have referred to are removed again: no orphan file is left behind.
 */
export function withPhotoFiles<T>(ctx: Ctx, photos: ProcessedPhoto[], run: () => Result<T>): Result<T> {
  const created = photos.flatMap((p) => ctx.media.write(p));
  try {
    const r = run();
    if (!r.ok) ctx.media.remove(created);
    return r;
  } catch (err) {
    ctx.media.remove(created);
    throw err;
  }
}

export function recordPhotos(ctx: Ctx, photos: ProcessedPhoto[], at: string): string[] {
  for (const p of photos) ctx.store.media.add({ hash: p.hash, width: p.width, height: p.height, bytes: p.display.length, createdAt: at });
  return [...new Set(photos.map((p) => p.hash))];
}
