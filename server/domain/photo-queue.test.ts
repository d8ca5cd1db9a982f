import { describe, expect, it } from 'vitest';
import { admit, laneOf, mayStart, photoCost, retryAfterS, SMALL_PIXELS, type LaneLoad, type PhotoLimits, type PhotoLoad } from './photo-queue.js';

const limits: PhotoLimits = { concurrency: 2, memoryBytes: 200_000_000, maxWaiting: 3 };
const quiet: LaneLoad = { running: 0, waiting: 0, meanJobMs: 400 };
const load = (over: { runningBytes?: number; small?: Partial<LaneLoad>; large?: Partial<LaneLoad> } = {}): PhotoLoad => ({
  runningBytes: over.runningBytes ?? 0,
  small: { ...quiet, ...over.small },
  large: { ...quiet, ...over.large },
});

describe('photo cost and lane', () => {
  it('is the decoded image plus its display-size pixels, from the header alone', () => {
    expect(photoCost(640, 480, 3)).toBe(640 * 480 * 3 * 2);
    // 7000×7000 RGB: 147 MB decoded plus a 1600×1600 copy
    expect(photoCost(7000, 7000, 3)).toBe(7000 * 7000 * 3 + 1600 * 1600 * 3);
    expect(photoCost(8000, 2000, 4)).toBe(8000 * 2000 * 4 + 1600 * 400 * 4);
  });
  it('reads an unknown channel count as RGB and never more than RGBA', () => {
    expect(photoCost(100, 100, 0)).toBe(photoCost(100, 100, 3));
    expect(photoCost(100, 100, 9)).toBe(photoCost(100, 100, 4));
  });
  it('puts what a phone sends (shrunk to 1600 px) in the small lane, a camera card\'s 7000×7000 in the large', () => {
    expect(laneOf(1600 * 1200)).toBe('small');
    expect(laneOf(SMALL_PIXELS)).toBe('small');
    expect(laneOf(7000 * 7000)).toBe('large');
  });
});

describe('admission', () => {
  it('runs a job at once on an idle hub, even one larger than the whole budget', () => {
    expect(admit(load(), 'small', 10_000, limits)).toEqual({ kind: 'run' });
    expect(admit(load(), 'large', 500_000_000, limits)).toEqual({ kind: 'run' });
  });
  it('runs beside another while both fit the memory budget and a worker of its lane is free', () => {
    expect(admit(load({ runningBytes: 100_000_000, large: { running: 1 } }), 'large', 90_000_000, limits)).toEqual({ kind: 'run' });
  });
  it('queues a job that would overrun the memory budget, or when every worker of its lane is busy', () => {
    expect(admit(load({ runningBytes: 150_000_000, large: { running: 1 } }), 'large', 90_000_000, limits)).toEqual({ kind: 'wait' });
    expect(admit(load({ runningBytes: 2_000_000, large: { running: 2 } }), 'large', 1_000_000, limits)).toEqual({ kind: 'wait' });
  });
  it('never lets a job jump ahead of one already waiting in its lane', () => {
    expect(admit(load({ runningBytes: 10, large: { running: 1, waiting: 1 } }), 'large', 10, limits)).toEqual({ kind: 'wait' });
  });
  it('a small photo is not held up by a crowd of large ones: its own workers, its own line', () => {
    const crowded = load({ runningBytes: 150_000_000, large: { running: 2, waiting: 3 } });
    expect(admit(crowded, 'large', 150_000_000, limits)).toMatchObject({ kind: 'refuse' });
    expect(admit(crowded, 'small', 2_000_000, limits)).toEqual({ kind: 'run' });
  });
  it('refuses once the lane\'s line is full, saying when the line ahead will likely have drained', () => {
    const full = load({ runningBytes: 1, large: { running: 2, waiting: 3, meanJobMs: 800 } });
    // (3 waiting + 2 running) / 2 workers × 0.8 s = 2 s
    expect(admit(full, 'large', 1, limits)).toEqual({ kind: 'refuse', retryAfterS: 2 });
  });
  it('a waiting job starts as soon as a worker of its lane and its memory are free', () => {
    expect(mayStart(load({ large: { running: 2 } }), 'large', 1, limits)).toBe(false);
    expect(mayStart(load({ large: { running: 2 } }), 'small', 1, limits)).toBe(true);
    expect(mayStart(load({ runningBytes: 150_000_000, large: { running: 1 } }), 'large', 60_000_000, limits)).toBe(false);
    expect(mayStart(load({ runningBytes: 150_000_000, large: { running: 1 } }), 'large', 50_000_000, limits)).toBe(true);
    expect(mayStart(load(), 'large', 999_000_000, limits)).toBe(true);
  });
});

describe('Retry-After', () => {
  it('is at least a second and at most two minutes', () => {
    expect(retryAfterS({ running: 0, waiting: 0, meanJobMs: 0 }, limits)).toBe(1);
    expect(retryAfterS({ running: 2, waiting: 1000, meanJobMs: 5000 }, limits)).toBe(120);
  });
  it('grows with the line ahead and the time one job takes', () => {
    expect(retryAfterS({ running: 1, waiting: 19, meanJobMs: 1000 }, { concurrency: 1 })).toBe(20);
    expect(retryAfterS({ running: 1, waiting: 19, meanJobMs: 1000 }, { concurrency: 4 })).toBe(5);
  });
});
