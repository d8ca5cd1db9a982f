import { close, ftruncate, link, open, rename, unlink, write } from 'node:fs';
import { promisify } from 'node:util';
import { snapshotPath } from './camera-probe.js';

// The callback API (off the main thread), promisified: no FileHandle machinery on every frame.
const fs = {
  open: promisify(open),
  write: promisify(write),
  ftruncate: promisify(ftruncate),
  close: promisify(close),
  link: promisify(link),
  rename: promisify(rename),
  unlink: promisify(unlink),
};
const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Keeps each camera's latest frame as `<id>.jpg` (snapshotPath), replaced atomically: a reader that opens it gets
 * one frame or the other, never half of each, unless its read outlasts a whole probe interval (the slot it holds is
 * then overwritten in place: a snapshot is a few hundred KB read at once, so only a stalled reader sees that). Writing a new file and renaming it over the old costs about 1 ms a frame on ext4
 * (a rename over a file forces the new file's blocks out to the disk first), so each camera has two slot files,
 * `<id>.jpg.0` and `<id>.jpg.1`, overwritten in place (their blocks are already allocated: nothing to flush), and the
 * frame just written becomes `<id>.jpg` by a hard link renamed over it. The slot overwritten next is the one `<id>.jpg`
 * left a whole probe earlier; the first frame of a camera since start goes to a fresh slot file, since which slot
 * `<id>.jpg` still is is not known then.
 */
export class SnapshotFiles {
  /** The slot each camera writes next; a camera not in it starts afresh. */
  private readonly next = new Map<string, 0 | 1>();
  constructor(private readonly dir: string) {}

  async keep(cameraId: string, frame: Buffer): Promise<void> {
    const file = snapshotPath(this.dir, cameraId);
    const known = this.next.get(cameraId);
    const slot = known ?? 0;
    // Forgotten until this frame is in: a failure half-way starts the camera afresh next time.
    this.next.delete(cameraId);
    const path = `${file}.${slot}`;
    if (known === undefined) await fs.unlink(path).catch((err) => (gone(err) ? undefined : Promise.reject(err)));
    const fd = await fs.open(path, known === undefined ? 'w' : 'r+').catch((err) => (gone(err) ? fs.open(path, 'w') : Promise.reject(err)));
    try {
      await fs.write(fd, frame, 0, frame.length, 0);
      await fs.ftruncate(fd, frame.length);
    } finally {
      await fs.close(fd);
    }
    const tmp = `${file}.tmp`;
    // A tmp link left by a hub killed between these two steps.
    await fs.link(path, tmp).catch((err) => ((err as NodeJS.ErrnoException).code === 'EEXIST' ? fs.unlink(tmp).then(() => fs.link(path, tmp)) : Promise.reject(err)));
    await fs.rename(tmp, file);
    this.next.set(cameraId, slot === 0 ? 1 : 0);
  }
}
