import { describe, expect, it } from 'vitest';
import { currentAlert, emptyAlerts, othersCount, raise, resolve, tick, type Alert } from './alert-queue';

const o = { showMs: 10_000, restMs: 60_000, max: 3 };
const cam = (id: string): Alert => ({ key: `camera:${id}`, kind: 'camera', title: 'KAMERA MATI', detail: id, since: '2026-11-20T01:00:00Z' });
const breach = (id: number): Alert => ({ key: `report:${id}`, kind: 'breach', title: 'LEWAT TENGGAT', detail: `#${id}`, since: '2026-11-20T01:00:00Z' });
const critical = (id: number): Alert => ({ key: `report:${id}`, kind: 'critical', title: 'DARURAT', detail: `#${id}`, since: '2026-11-20T01:00:00Z' });

describe('the wall alert queue', () => {
  it('shows one alert for showMs, then the next; the most severe first', () => {
    let s = raise(emptyAlerts(), cam('a'), 0, o);
    expect(currentAlert(s)?.key).toBe('camera:a');
    s = raise(s, critical(7), 1_000, o);
    // The camera alert keeps its turn; the critical report waits for it.
    expect(currentAlert(s)?.key).toBe('camera:a');
    expect(othersCount(s)).toBe(1);
    s = tick(s, 10_000, o);
    expect(currentAlert(s)?.key).toBe('report:7');
    s = tick(s, 20_000, o);
    // Both were shown recently: nothing is due until their rest is over, and the screen is clear.
    expect(currentAlert(s)).toBeNull();
    s = tick(s, 61_000, o);
    expect(currentAlert(s)?.key).toBe('camera:a');
  });

  it('clears an alert the moment it is resolved, on screen or waiting', () => {
    let s = raise(raise(emptyAlerts(), cam('a'), 0, o), breach(3), 0, o);
    expect(currentAlert(s)?.key).toBe('camera:a');
    s = resolve(s, 'camera:a', 2_000, o);
    expect(currentAlert(s)?.key).toBe('report:3');
    s = resolve(s, 'report:3', 3_000, o);
    expect(currentAlert(s)).toBeNull();
    expect(s.held).toHaveLength(0);
    expect(resolve(s, 'camera:zzz', 4_000, o)).toBe(s);
  });

  it('holds at most max alerts, dropping the least severe and oldest, never the one on screen', () => {
    let s = raise(emptyAlerts(), cam('a'), 0, o);
    s = raise(s, cam('b'), 1, o);
    s = raise(s, breach(1), 2, o);
    s = raise(s, critical(2), 3, o);
    expect(s.held.map((h) => h.key).sort()).toEqual(['camera:a', 'report:1', 'report:2']);
    // Raising one already held refreshes it instead of adding a copy.
    s = raise(s, { ...breach(1), detail: 'baru' }, 4, o);
    expect(s.held).toHaveLength(3);
    expect(s.held.find((h) => h.key === 'report:1')?.detail).toBe('baru');
  });

  it('over weeks of raising and resolving, never holds more than max', () => {
    let s = emptyAlerts();
    for (let i = 0; i < 5_000; i++) {
      s = raise(s, i % 3 ? breach(i) : cam(String(i % 50)), i * 1_000, o);
      if (i % 2) s = resolve(s, `report:${i - 1}`, i * 1_000, o);
      expect(s.held.length).toBeLessThanOrEqual(3);
    }
  });
});
