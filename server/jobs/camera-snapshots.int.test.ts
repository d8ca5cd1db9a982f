import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotFiles } from './camera-snapshots.js';
import { snapshotPath } from './camera-probe.js';

const frame = (n: number, bytes: number) => Buffer.alloc(bytes, n);

describe('a camera\'s latest snapshot on disk', () => {
  it('is always the frame kept last, whatever the sizes, also after a restart and over a stale tmp link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pantau-snap-'));
    const files = new SnapshotFiles(dir);
    const sizes = [3000, 1200, 5000, 800, 800];
    for (const [n, size] of sizes.entries()) {
      files.keep('cam-1', frame(n, size));
      expect(readFileSync(snapshotPath(dir, 'cam-1'))).toEqual(frame(n, size));
    }
    // A hub killed between link and rename left its tmp link; a new hub does not know which slot is live.
    writeFileSync(`${snapshotPath(dir, 'cam-1')}.tmp`, 'stale');
    const restarted = new SnapshotFiles(dir);
    restarted.keep('cam-1', frame(7, 2000));
    expect(readFileSync(snapshotPath(dir, 'cam-1'))).toEqual(frame(7, 2000));
    restarted.keep('cam-1', frame(8, 2100));
    expect(readFileSync(snapshotPath(dir, 'cam-1'))).toEqual(frame(8, 2100));
    expect(readdirSync(dir).sort()).toEqual(['cam-1.jpg', 'cam-1.jpg.0', 'cam-1.jpg.1']);
  });
});
