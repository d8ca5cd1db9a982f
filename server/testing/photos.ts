import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { scenePhoto } from '../../scripts/simulate/scene-photo.js';

/**
 * Test photos, made once. sharp renders a scene photo the first time any test asks for it; the JPEG is kept in
 * memory and in a folder under the OS temp dir, so later test files and later runs read it back instead of
 * encoding it again (the hub's own sharp pipeline still does its real work on every upload).
 *
 *   photo()                                       the next of PHOTO_SET distinct 640×480 photos; two calls in a row
 *                                                 always differ, so a report with two photos has two
 *   cachedScenePhoto(category, seed, w, h, opts)  any scripts/simulate/scene-photo.ts photo, cached
 */
const DIR = join(tmpdir(), 'pantau-test-photos-v1');
const memory = new Map<string, Promise<Buffer>>();

export function cachedScenePhoto(categoryId: string, seed: number, width = 1280, height = 960, opts: { fixed?: boolean } = {}): Promise<Buffer> {
  const key = `${categoryId}-${seed}-${width}x${height}${opts.fixed ? '-fixed' : ''}`;
  let made = memory.get(key);
  if (!made) {
    made = (async () => {
      const file = join(DIR, `${key}.jpg`);
      if (existsSync(file)) return readFileSync(file);
      const jpeg = await scenePhoto(categoryId, seed, width, height, opts);
      mkdirSync(DIR, { recursive: true });
      // Written aside and renamed: another test process reading at the same moment sees all of it or nothing.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, jpeg);
      renameSync(tmp, file);
      return jpeg;
    })();
    memory.set(key, made);
  }
  return made;
}

export const PHOTO_SET = 16;
let next = 0;
export const photo = () => cachedScenePhoto('sampah', 1 + (next++ % PHOTO_SET), 640, 480);

/** The EXIF DateTimeOriginal a phone in WIB writes for `at` ("2026:11:23 10:00:00"). */
export const exifTimeWib = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, ':');

/** A phone photo with the EXIF a phone writes: capture time (WIB, as exifTimeWib gives it) and GPS. */
export async function phonePhoto(lat: number, lon: number, takenWib: string, seed = 1): Promise<Buffer> {
  const dms = (x: number) => {
    const a = Math.abs(x);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40 + seed, g: 120, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phone' },
      IFD2: { DateTimeOriginal: takenWib, OffsetTimeOriginal: '+07:00' },
      IFD3: { GPSLatitudeRef: lat < 0 ? 'S' : 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lon) },
    } as never)
    .toBuffer();
}
