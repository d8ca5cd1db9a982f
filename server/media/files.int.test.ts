import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaFiles } from './files.js';
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
