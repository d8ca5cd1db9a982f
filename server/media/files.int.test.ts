import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaFiles } from './files.js';
import type { ProcessedPhoto } from './photos.js';
import { SWEEP_GRACE_MS } from '../domain/media-sweep.js';

describe('the start-up sweep of photo files', () => {
  it('removes what no report refers to once it is older than the grace, and leaves another hub’s files in flight', () => {
    const media = new MediaFiles(mkdtempSync(join(tmpdir(), 'pantau-sweep-')));
    const now = new Date();
    const file = (name: string, ageMs: number) => {
      const path = join(media.dir, name.slice(0, 2), name);
      mkdirSync(join(media.dir, name.slice(0, 2)), { recursive: true });
      writeFileSync(path, 'x');
      const t = new Date(now.getTime() - ageMs);
      utimesSync(path, t, t);
      return path;
    };
    const old = SWEEP_GRACE_MS + 60_000;
    const kept = file('aa11.display.webp', old);
    const killedBeforeCommit = file('bb22.display.webp', old);
    const inFlightElsewhere = file('cc33.display.webp', 1_000);
    const halfWrittenLongAgo = file('aa11.thumb.webp.123.x.tmp', old);
    const beingWritten = file('dd44.thumb.webp.456.y.tmp', 1_000);

    expect(media.sweep(new Set(['aa11']), now)).toBe(2);
    expect([kept, killedBeforeCommit, inFlightElsewhere, halfWrittenLongAgo, beingWritten].map(existsSync)).toEqual([true, false, true, false, true]);
  });
});

describe('releasing a photo', () => {
  const photo = { hash: 'ee55'.padEnd(64, '0'), width: 1, height: 1, display: Buffer.from('d'), thumb: Buffer.from('t'), facts: { location: null, capturedAt: null } } as unknown as ProcessedPhoto;

  it('keeps the files when another command wrote, committed and released the same photo while the store was asked', async () => {
    const media = new MediaFiles(mkdtempSync(join(tmpdir(), 'pantau-release-')));
    await media.write(photo);
    let answer!: (kept: boolean) => void;
    const asked = new Promise<boolean>((r) => (answer = r));
    // The first command was refused: its question goes out while nothing refers to the photo yet; asked again, the
    // store answers what the second command committed.
    let questions = 0;
    const first = media.release([photo.hash], () => (questions++ ? Promise.resolve(true) : asked));
    // The second writes the same photo, commits a row that refers to it and releases it meanwhile.
    await media.write(photo);
    await media.release([photo.hash], async () => true);
    answer(false);
    await first;
    // The first release asked again after the second had committed: the files stay.
    expect([questions, existsSync(media.path(photo.hash, 'display'))]).toEqual([2, true]);
  });

  it('removes the files of a photo no committed row refers to', async () => {
    const media = new MediaFiles(mkdtempSync(join(tmpdir(), 'pantau-release-')));
    await media.write(photo);
    await media.release([photo.hash], async () => false);
    expect([media.path(photo.hash, 'display'), media.path(photo.hash, 'thumb')].map(existsSync)).toEqual([false, false]);
  });
});
