import sharp, { type Metadata } from 'sharp';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import exifReader from 'exif-reader';
import { photoFacts, type PhotoFacts } from '../domain/photo-facts.js';
import { refuse, type Refusal } from '../domain/reports.js';

export type ProcessedPhoto = {
  hash: string;
  width: number;
  height: number;
  display: Buffer;
  thumb: Buffer;
  /** Read from EXIF before it is stripped: proofs are checked against them. */
  facts: PhotoFacts;
};

function readFacts(exif: Buffer | undefined, cityOffset: string): PhotoFacts {
  if (!exif) return photoFacts(null, cityOffset);
  try {
    return photoFacts(exifReader(exif) as Parameters<typeof photoFacts>[0], cityOffset);
  } catch {
    return photoFacts(null, cityOffset); // a malformed EXIF block is no reason to refuse the photo
  }
}

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff', 'gif']);
export const DISPLAY_SIZE = 1600;
export const THUMB_SIZE = 360;

/**
 * Decodes an uploaded photo and makes the two sizes we serve. sharp drops EXIF/GPS/XMP from its output
 * unless asked to keep it, so nothing we serve carries the reporter's device metadata.
 */
/** cityOffset: the zone a photo's EXIF time is in when the camera did not say (the city's, e.g. +07:00). */
export async function processPhoto(input: Buffer, field: string, maxPixels: number, cityOffset: string): Promise<{ ok: true; photo: ProcessedPhoto } | Refusal> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return refuse('unsupported_media', 'not an image that can be decoded (JPEG, PNG, WebP, HEIF, AVIF)', field);
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) return refuse('unsupported_media', `image format ${meta.format ?? 'unknown'} is not accepted`, field);
  if (!meta.width || !meta.height) return refuse('unsupported_media', 'image has no size', field);
  if (meta.width * meta.height > maxPixels)
    return refuse('too_large', `image is ${meta.width}×${meta.height}; at most ${maxPixels.toLocaleString('en')} pixels`, field);
  try {
    // Decode once: orient (EXIF rotation), shrink to display size as raw pixels, then encode both sizes from those
    // pixels. Half the work of decoding the upload twice; webp effort 2 trades a few % of size for speed.
    // failOn 'warning': a JPEG whose header claims 8000×6000 over 640×480 of data only warns "premature end of data
    // segment" (neither 'truncated' nor 'error' stops it), and the hub would decode 48 megapixels of nothing.
    const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'warning' })
      .rotate()
      .resize(DISPLAY_SIZE, DISPLAY_SIZE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const [display, thumb] = await Promise.all([
      sharp(data, pixels).webp({ quality: 80, effort: 2 }).toBuffer(),
      sharp(data, pixels).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'cover' }).webp({ quality: 70, effort: 2 }).toBuffer(),
    ]);
    return {
      ok: true,
      photo: {
        hash: createHash('sha256').update(input).digest('hex'), width: info.width, height: info.height,
        display, thumb, facts: readFacts(meta.exif, cityOffset),
      },
    };
  } catch (err) {
    return refuse('unsupported_media', `image is truncated or corrupt, send it again: ${(err as Error).message}`, field);
  }
}

/**
 * A photo another city's hub already processed, read back from its files to be kept in this city's (a forwarded
 * report's): the same hash and variants; its size is the display variant's, its EXIF long stripped.
 */
export async function storedPhoto(files: { path: (hash: string, variant: 'display' | 'thumb') => string }, hash: string, cityOffset: string): Promise<ProcessedPhoto> {
  const [display, thumb] = await Promise.all([readFile(files.path(hash, 'display')), readFile(files.path(hash, 'thumb'))]);
  const { width = 0, height = 0 } = await sharp(display).metadata();
  return { hash, width, height, display, thumb, facts: photoFacts(null, cityOffset) };
}
