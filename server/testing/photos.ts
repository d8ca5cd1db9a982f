import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
