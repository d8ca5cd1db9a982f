import sharp from 'sharp';
import { MAX_PHOTOS } from '../contract/reports.js';
import { refuse, type Refusal } from '../domain/reports.js';
import { photoCost } from '../domain/photo-queue.js';
import { processPhoto, type ProcessedPhoto } from '../media/photos.js';
import type { Turn } from '../media/photo-queue.js';
import type { Ctx, Result } from './context.js';
import type { MediaRow } from '../store/media.js';

/**
 * What decoding this photo will hold in memory, from its header alone (nothing is decoded). A photo that cannot be
 * read or is over the pixel cap costs nothing: processPhoto refuses it without decoding.
 */
export async function headerCost(input: Buffer, maxPixels: number): Promise<{ pixels: number; cost: number }> {
  try {
    const m = await sharp(input, { limitInputPixels: false }).metadata();
    if (!m.width || !m.height || m.width * m.height > maxPixels) return { pixels: 0, cost: 0 };
    return { pixels: m.width * m.height, cost: photoCost(m.width, m.height, m.channels ?? 3) };
  } catch {
    return { pixels: 0, cost: 0 };
  }
}

export const busy = (retryAfterS: number): Refusal => ({
  ...refuse('busy', `the hub is working on other photos; nothing was saved, send the same again in ${retryAfterS} s`, 'photos'),
  retryAfterS,
});

/** Runs photo work in the hub's photo queue, sized by the largest photo (they are decoded one after another). */
export async function inPhotoQueue<T>(ctx: Ctx, photos: Buffer[], work: () => Promise<T>): Promise<Turn<T>> {
  const sizes = await Promise.all(photos.map((p) => headerCost(p, ctx.maxPhotoPixels)));
  return ctx.photoQueue.run(Math.max(0, ...sizes.map((s) => s.pixels)), Math.max(0, ...sizes.map((s) => s.cost)), work);
}

/** Decodes and sizes 1-5 uploaded photos (0-5 where a photo is optional); the first bad one refuses them all, naming it. */
export async function processPhotos(ctx: Ctx, photos: Buffer[], min = 1): Promise<Result<ProcessedPhoto[]>> {
  if (photos.length < min || photos.length > MAX_PHOTOS) return refuse('invalid', `give ${min} to ${MAX_PHOTOS} photos`, 'photos');
  if (photos.length === 0) return { ok: true, value: [] };
  const turn = await inPhotoQueue(ctx, photos, async (): Promise<Result<ProcessedPhoto[]>> => {
    const processed: ProcessedPhoto[] = [];
    for (const [i, buf] of photos.entries()) {
      const r = await processPhoto(buf, `photos[${i}]`, ctx.maxPhotoPixels, ctx.city.clock.offset);
      if (!r.ok) return r;
      processed.push(r.photo);
    }
    return { ok: true, value: processed };
  });
  return turn.ok ? turn.value : busy(turn.retryAfterS);
}

/**
 * Writes the photo files, then runs the command that refers to them. If the command refuses or throws,
 * the files it would have referred to are removed again: no orphan file is left behind.
 */
export async function withPhotoFiles<T>(ctx: Ctx, photos: ProcessedPhoto[], run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  const hashes = photos.map((p) => p.hash);
  try {
    await Promise.all(photos.map((p) => ctx.media.write(p)));
    return await run();
  } finally {
    // Kept when a committed row refers to it (this command's, or another's with the same photo).
    await ctx.media.release(hashes, (h) => ctx.store.query((p) => p.reports.hasMedia(h)));
  }
}

/** The media index's rows of processed photos: what keeps their files alive once the command commits. */
export function photoRows(photos: readonly ProcessedPhoto[], at: string): MediaRow[] {
  return photos.map((p) => ({ hash: p.hash, width: p.width, height: p.height, bytes: p.display.length, createdAt: at }));
}

/** Each photo's hash once, in order: what a report or a proof names its photos by. */
export const photoHashes = (photos: readonly ProcessedPhoto[]): string[] => [...new Set(photos.map((p) => p.hash))];
