import { describe, expect, it } from 'vitest';
import { ageText } from './freshness';
import { noteBuild, shouldReload, type ReleaseState } from './release-watch';

describe('reloading for a new release', () => {
  const start: ReleaseState = { loaded: null, seen: null, seenAt: null };
  it('takes the first build as its own and waits for a quiet moment once another appears', () => {
    let s = noteBuild(start, 'aaa', 0);
    expect(shouldReload(s, 0, true, 600_000)).toBe(false);
    s = noteBuild(s, null, 1_000); // the hub did not say: nothing changes
    s = noteBuild(s, 'bbb', 10_000);
    expect(shouldReload(s, 11_000, false, 600_000)).toBe(false);
    expect(shouldReload(s, 12_000, true, 600_000)).toBe(true);
    // Seen again later: the wait still counts from the first sighting.
    s = noteBuild(s, 'bbb', 500_000);
    expect(shouldReload(s, 610_000, false, 600_000)).toBe(true);
  });
  it('forgets a release that was rolled back before the wall reloaded', () => {
    let s = noteBuild(noteBuild(start, 'aaa', 0), 'bbb', 10);
    s = noteBuild(s, 'aaa', 20);
    expect(shouldReload(s, 10_000_000, true, 600_000)).toBe(false);
  });
});

describe('ageText', () => {
  it('says how old the last event is in the room words', () => {
    expect(ageText(-5_000, 'id')).toBe('baru saja');
    expect(ageText(3 * 60_000 + 10, 'id')).toBe('3 mnt lalu');
    expect(ageText(2 * 3600_000, 'en')).toBe('2 h ago');
    expect(ageText(3 * 86400_000, 'id')).toBe('3 hari lalu');
  });
});
