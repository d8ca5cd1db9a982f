import { mkdirSync, existsSync, unlinkSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessedPhoto } from './photos.js';
import { maySweep } from '../domain/media-sweep.js';

export type Variant = 'display' | 'thumb';
export const VARIANTS: readonly Variant[] = ['display', 'thumb'];

/** Photo files under data/media/, named by the content hash of the upload. */
export class MediaFiles {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  path(hash: string, variant: Variant): string {
    return join(this.dir, hash.slice(0, 2), `${hash}.${variant}.webp`);
  }

  /**
   * Photos some command is between writing and committing: their files must stay while it decides. `writes` counts
   * every write of the hash, so a release that asked the store while another command wrote and released the same
   * photo knows its answer may be older than that command's commit.
   */
  private readonly held = new Map<string, { n: number; writes: number }>();

  /**
   * Writes what is not there yet and holds the photo until release(). On disk before it resolves (file data, then
   * the folder's entry: fsync), because the report that refers to it is acknowledged only once its own COMMIT is on
   * disk. Asynchronous, so the fsyncs never hold up the event loop. Two writers of the same photo at once write the
   * same bytes; the rename makes either one whole.
   */
  async write(photo: ProcessedPhoto): Promise<void> {
    const h = this.held.get(photo.hash);
    if (h) (h.n++, h.writes++);
    else this.held.set(photo.hash, { n: 1, writes: 1 });
    const folder = join(this.dir, photo.hash.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    let wrote = false;
    for (const variant of VARIANTS) {
      const target = this.path(photo.hash, variant);
      if (existsSync(target)) {
        try {
          // Used again: young again, so no hub's start-up sweep takes it before this report commits.
          const now = new Date();
          utimesSync(target, now, now);
          continue;
        } catch {
          /* gone meanwhile: written again below */
        }
      }
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const f = await open(tmp, 'w');
      try {
        await f.writeFile(variant === 'display' ? photo.display : photo.thumb);
        await f.sync();
      } finally {
        await f.close();
      }
      await rename(tmp, target);
      wrote = true;
    }
    if (wrote) {
      const d = await open(folder, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    }
  }

  /**
   * The command is done with these photos. A photo no one else holds and no committed row refers to (`kept` says
   * which are) is removed: a refused or failed submission leaves no orphan file, and never takes away a file that
   * another report sent at the same moment refers to.
   */
  async release(hashes: readonly string[], kept: (hash: string) => Promise<boolean>): Promise<void> {
    for (const hash of hashes) {
      const h = this.held.get(hash);
      if (!h) continue;
      if (h.n > 1) {
        h.n--;
        continue;
      }
      // The last holder asks the store while still holding the photo: a command writing it meanwhile counts up.
      for (;;) {
        const writes = h.writes;
        let keep: boolean;
        try {
          keep = await kept(hash);
        } catch {
          // The store could not say (a lost connection): the file stays, the sweep at a later start decides.
          keep = true;
        }
        if (h.n > 1) {
          // Another command holds it now: its release decides.
          h.n--;
          break;
        }
        if (h.writes === writes) {
          this.held.delete(hash);
          if (!keep) this.unlink(hash);
          break;
        }
        // Written and released by another command while we asked: its commit may be newer than our answer.
      }
    }
  }

  private unlink(hash: string): void {
    for (const variant of VARIANTS) {
      try {
        unlinkSync(this.path(hash, variant));
      } catch {
        /* already gone */
      }
    }
  }

  /**
   * At start-up: a hub killed between writing files and committing leaves files no report points to. Only those
   * older than the grace go (domain/media-sweep.ts): younger ones may be another hub's, about to commit.
   */
  sweep(keep: Set<string>, now: Date): number {
    let removed = 0;
    for (const sub of readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const f of readdirSync(join(this.dir, sub.name))) {
        const file = join(this.dir, sub.name, f);
        // A half-written file (.tmp) is referred to by nothing, whoever is writing it.
        const referenced = !f.endsWith('.tmp') && keep.has(f.split('.')[0]);
        if (referenced) continue;
        try {
          if (!maySweep({ referenced, modifiedAtMs: statSync(file).mtimeMs }, now.getTime())) continue;
          unlinkSync(file);
          removed++;
        } catch {
          /* gone meanwhile: its writer renamed it into place, or another hub swept it */
        }
      }
    }
    return removed;
  }
}
