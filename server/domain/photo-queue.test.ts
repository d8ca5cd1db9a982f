import { describe, expect, it } from 'vitest';
import { admit, mayStart, photoCost, retryAfterS, type PhotoLimits, type PhotoLoad } from './photo-queue.js';

const limits: PhotoLimits = { concurrency: 2, memoryBytes: 200_000_000, maxWaiting: 3 };
const idle: PhotoLoad = { running: 0, runningBytes: 0, waiting: 0, meanJobMs: 400 };

describe('photo cost', () => {
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
});

describe('admission', () => {
  it('runs a job at once on an idle hub, even one larger than the whole budget', () => {
    expect(admit(idle, 10_000, limits)).toEqual({ kind: 'run' });
    expect(admit(idle, 500_000_000, limits)).toEqual({ kind: 'run' });
  });
  it('runs beside another while both fit the memory budget and a worker is free', () => {
    expect(admit({ ...idle, running: 1, runningBytes: 100_000_000 }, 90_000_000, limits)).toEqual({ kind: 'run' });
  });
  it('queues a job that would overrun the memory budget, or when every worker is busy', () => {
    expect(admit({ ...idle, running: 1, runningBytes: 150_000_000 }, 90_000_000, limits)).toEqual({ kind: 'wait' });
    expect(admit({ ...idle, running: 2, runningBytes: 2_000_000 }, 1_000_000, limits)).toEqual({ kind: 'wait' });
  });
  it('never lets a small job jump ahead of one already waiting', () => {
    expect(admit({ ...idle, running: 1, runningBytes: 10, waiting: 1 }, 10, limits)).toEqual({ kind: 'wait' });
  });
  it('refuses once the waiting line is full, saying when the line ahead will likely have drained', () => {
    const full: PhotoLoad = { running: 2, runningBytes: 1, waiting: 3, meanJobMs: 800 };
    // (3 waiting + 2 running) / 2 workers × 0.8 s = 2 s
    expect(admit(full, 1, limits)).toEqual({ kind: 'refuse', retryAfterS: 2 });
  });
  it('a waiting job starts as soon as a worker and its memory are free', () => {
    expect(mayStart({ running: 2, runningBytes: 0 }, 1, limits)).toBe(false);
    expect(mayStart({ running: 1, runningBytes: 150_000_000 }, 60_000_000, limits)).toBe(false);
    expect(mayStart({ running: 1, runningBytes: 150_000_000 }, 50_000_000, limits)).toBe(true);
    expect(mayStart({ running: 0, runningBytes: 0 }, 999_000_000, limits)).toBe(true);
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
