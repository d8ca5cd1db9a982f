import { describe, expect, it } from 'vitest';
import { advanceClock, seekClock, stepsUpTo, type ReplayClock } from './replay.js';

describe('stepsUpTo', () => {
  const times = [10, 20, 20, 30];
  it('counts the steps that have happened by a moment, including those exactly at it', () => {
    expect(stepsUpTo(times, 0)).toBe(0);
    expect(stepsUpTo(times, 10)).toBe(1);
    expect(stepsUpTo(times, 19)).toBe(1);
    expect(stepsUpTo(times, 20)).toBe(3);
    expect(stepsUpTo(times, 99)).toBe(4);
    expect(stepsUpTo([], 5)).toBe(0);
  });
});

describe('the replay clock', () => {
  const c: ReplayClock = { from: 0, to: 3_600_000, at: 0, speed: 600, playing: true };
  it('moves at its speed while playing: one real second is ten minutes at 600×', () => {
    expect(advanceClock(c, 1000).at).toBe(600_000);
    expect(advanceClock({ ...c, speed: 3600 }, 500).at).toBe(1_800_000);
  });
  it('stands still when paused, and never runs backwards', () => {
    expect(advanceClock({ ...c, playing: false }, 1000)).toEqual({ ...c, playing: false });
    expect(advanceClock(c, -50).at).toBe(0);
  });
  it('stops at the end of the range', () => {
    const end = advanceClock({ ...c, at: 3_000_000 }, 10_000);
    expect(end).toMatchObject({ at: 3_600_000, playing: false });
  });
  it('seeks only inside the range', () => {
    expect(seekClock(c, 1_000).at).toBe(1_000);
    expect(seekClock(c, -5).at).toBe(0);
    expect(seekClock(c, 9e9).at).toBe(3_600_000);
  });
});
