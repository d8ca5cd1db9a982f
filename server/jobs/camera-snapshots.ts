import { closeSync, ftruncateSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { snapshotPath } from './camera-probe.js';

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
 *
 * Synchronous: it runs in the camera prober's own thread (camera-prober-worker.ts), where six page-cache calls of a
 * few microseconds each cost less than six hand-offs to libuv's thread pool and back.
 */
export class SnapshotFiles {
  /** The slot each camera writes next; a camera not in it starts afresh. */
  private readonly next = new Map<string, 0 | 1>();
  constructor(private readonly dir: string) {}

  keep(cameraId: string, frame: Buffer): void {
    const file = snapshotPath(this.dir, cameraId);
    const known = this.next.get(cameraId);
    const slot = known ?? 0;
    // Forgotten until this frame is in: a failure half-way starts the camera afresh next time.
    this.next.delete(cameraId);
    const path = `${file}.${slot}`;
    if (known === undefined) {
      try {
        unlinkSync(path);
      } catch (err) {
        if (!gone(err)) throw err;
      }
    }
    let fd: number;
    try {
      fd = openSync(path, known === undefined ? 'w' : 'r+');
    } catch (err) {
      if (!gone(err)) throw err;
      fd = openSync(path, 'w');
    }
    try {
      writeSync(fd, frame, 0, frame.length, 0);
      ftruncateSync(fd, frame.length);
    } finally {
      closeSync(fd);
    }
    const tmp = `${file}.tmp`;
    try {
      linkSync(path, tmp);
    } catch (err) {
      // A tmp link left by a hub killed between these two steps.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      unlinkSync(tmp);
      linkSync(path, tmp);
    }
    renameSync(tmp, file);
    this.next.set(cameraId, slot === 0 ? 1 : 0);
  }
}
