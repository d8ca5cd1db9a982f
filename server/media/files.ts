import { mkdirSync, existsSync, writeFileSync, renameSync, unlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessedPhoto } from './photos.js';

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

  /** Writes what is not there yet; returns the paths it created so a failed transaction can remove them. */
  write(photo: ProcessedPhoto): string[] {
    const created: string[] = [];
    mkdirSync(join(this.dir, photo.hash.slice(0, 2)), { recursive: true });
    for (const variant of VARIANTS) {
      const target = this.path(photo.hash, variant);
      if (existsSync(target)) continue;
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, variant === 'display' ? photo.display : photo.thumb);
      renameSync(tmp, target);
      created.push(target);
    }
    return created;
  }

  remove(paths: readonly string[]): void {
    for (const p of paths) {
      try {
        unlinkSync(p);
      } catch {
        /* already gone */
      }
    }
  }

  /** At start-up: a hub killed between writing files and committing leaves files no report points to. */
  sweep(keep: Set<string>): number {
    let removed = 0;
    for (const sub of readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const f of readdirSync(join(this.dir, sub.name))) {
        const hash = f.split('.')[0];
        if (f.endsWith('.tmp') || !keep.has(hash)) {
          unlinkSync(join(this.dir, sub.name, f));
          removed++;
        }
      }
    }
    return removed;
  }
}
