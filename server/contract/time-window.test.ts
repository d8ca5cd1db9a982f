import { describe, expect, it } from 'vitest';
import { countInWindow, inWindow, parseTimeWindow, windowStart } from './time-window.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const H = 3600_000;

describe('parseTimeWindow', () => {
  it('reads the four windows and the ways people type them', () => {
    expect(parseTimeWindow('1h')).toBe('1h');
    expect(parseTimeWindow(' 6H ')).toBe('6h');
    expect(parseTimeWindow('24h')).toBe('24h');
    expect(parseTimeWindow('7d')).toBe('7d');
    expect(parseTimeWindow('6j')).toBe('6h');
    expect(parseTimeWindow('7hari')).toBe('7d');
  });
  it('falls back to the whole city for nothing, "semua" or a typo', () => {
    for (const v of [null, undefined, '', 'semua', 'all', '5h', '7 days']) expect(parseTimeWindow(v)).toBeNull();
  });
});

describe('inWindow', () => {
  it('keeps a report created inside the window, at its edge, or in the future (a skewed clock)', () => {
    expect(inWindow(ago(59 * 60_000), '1h', NOW)).toBe(true);
    expect(inWindow(ago(H), '1h', NOW)).toBe(true);
    expect(inWindow(ago(-5 * 60_000), '1h', NOW)).toBe(true);
  });
  it('drops one created before the window', () => {
    expect(inWindow(ago(H + 1), '1h', NOW)).toBe(false);
    expect(inWindow(ago(7 * H), '6h', NOW)).toBe(false);
    expect(inWindow(ago(25 * H), '24h', NOW)).toBe(false);
    expect(inWindow(ago(8 * 24 * H), '7d', NOW)).toBe(false);
    expect(inWindow(ago(6 * 24 * H), '7d', NOW)).toBe(true);
  });
  it('keeps everything with no window', () => {
    expect(inWindow('2001-01-01T00:00:00Z', null, NOW)).toBe(true);
    expect(windowStart(null, NOW)).toBe(-Infinity);
  });
});

describe('countInWindow', () => {
  const markers = [
    { phase: 'red' as const, createdAt: ago(10 * 60_000), breached: false },
    { phase: 'red' as const, createdAt: ago(2 * H), breached: true },
    { phase: 'yellow' as const, createdAt: ago(30 * 60_000), breached: true },
    { phase: 'green' as const, createdAt: ago(5 * H), breached: false }, // done: the hub sends breached 0 (isBreached)
    { phase: 'grey' as const, createdAt: ago(3 * 24 * H), breached: false },
  ];
  it('counts only what the window shows, so the header matches the map', () => {
    expect(countInWindow(markers, '1h', NOW)).toEqual({ counts: { red: 1, yellow: 1, green: 0, grey: 0 }, breached: 1 });
    expect(countInWindow(markers, '6h', NOW)).toEqual({ counts: { red: 2, yellow: 1, green: 1, grey: 0 }, breached: 2 });
    expect(countInWindow(markers, null, NOW)).toEqual({ counts: { red: 2, yellow: 1, green: 1, grey: 1 }, breached: 2 });
  });
});
