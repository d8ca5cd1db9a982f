import { describe, expect, it } from 'vitest';
import { SHARE_TERM_MS, shareHolders, shareLeaseName, shareOwner } from './camera-shares.js';

const cameras = Array.from({ length: 5000 }, (_, i) => `cam-${i}`);
const owners = (hubs: string[]) => new Map(cameras.map((c) => [c, shareOwner(c, hubs)]));

describe('cameras shared out among hubs', () => {
  it('gives every camera to exactly one hub, about evenly, the same on every hub', () => {
    const hubs = ['run-a', 'run-b', 'run-c'];
    const byHub = new Map<string, number>();
    for (const o of owners(hubs).values()) byHub.set(o!, (byHub.get(o!) ?? 0) + 1);
    expect([...byHub.keys()].sort()).toEqual(hubs);
    for (const n of byHub.values()) expect(Math.abs(n - 5000 / 3)).toBeLessThan(150);
    // Another hub computes the same from the same holders, in whatever order it read them.
    expect(owners(['run-c', 'run-a', 'run-b'])).toEqual(owners(hubs));
  });

  it('moves only the cameras of a hub that is gone, and only to the hubs still there', () => {
    const before = owners(['run-a', 'run-b', 'run-c']);
    const after = owners(['run-a', 'run-c']);
    for (const c of cameras) {
      if (before.get(c) !== 'run-b') expect(after.get(c)).toBe(before.get(c));
      else expect(['run-a', 'run-c']).toContain(after.get(c));
    }
    expect(shareOwner('cam-1', [])).toBeNull();
  });

  it('counts a hub while its share lease runs, itself always, and no other lease', () => {
    const now = new Date('2026-11-23T01:00:00Z');
    const until = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const leases = [
      { name: shareLeaseName('run-b'), owner: 'run-b', until: until(SHARE_TERM_MS) },
      { name: shareLeaseName('run-c'), owner: 'run-c', until: until(0) },
      { name: 'deadline-sweep', owner: 'run-d', until: until(30_000) },
    ];
    expect(shareHolders(leases, 'run-a', now)).toEqual(['run-a', 'run-b']);
  });
});
