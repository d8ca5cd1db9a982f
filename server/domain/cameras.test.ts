import { describe, expect, it } from 'vitest';
import { assessCamera, DEFAULT_RULES, isDim, mustMeasureBrightness, nearestOnline, uptime, type CameraHealth, type Probe } from './cameras.js';

let t = 0;
const good = (hash = `h${t}`, latencyMs = 200): Probe => ({ at: new Date(Date.UTC(2026, 10, 23, 0, 0, t++)).toISOString(), ok: true, latencyMs, hash, luma: 120 });
const fail = (): Probe => ({ at: new Date(Date.UTC(2026, 10, 23, 0, 0, t++)).toISOString(), ok: false, latencyMs: 5000, hash: null, luma: null, error: 'timeout' });
const black = (): Probe => ({ ...good(), luma: 3 });

/** Feeds probes oldest first, as the monitor would, and returns the health after each. */
function run(probes: Probe[], start: CameraHealth | null = 'online'): CameraHealth[] {
  const seen: Probe[] = [];
  let health = start;
  return probes.map((p) => {
    seen.unshift(p);
    health = assessCamera(seen.slice(0, 10), health).health;
    return health;
  });
}

describe('camera health', () => {
  it('stays online through a single failed probe (no flapping)', () => {
    expect(run([good(), fail(), good(), good()])).toEqual(['online', 'online', 'online', 'online']);
  });
  it('goes offline after three failures in a row, and needs two good probes to come back', () => {
    expect(run([good(), fail(), fail(), fail(), good(), good()])).toEqual(['online', 'online', 'online', 'offline', 'offline', 'online']);
  });
  it('does not flap an offline camera back on one lucky probe', () => {
    expect(run([fail(), fail(), fail(), good(), fail(), good(), good()], null)).toEqual(['offline', 'offline', 'offline', 'offline', 'offline', 'offline', 'online']);
  });
  it('calls a camera sending the same frame again and again frozen (degraded)', () => {
    expect(run([good('x'), good('x'), good('x'), good('x'), good('y'), good('z')])).toEqual(['online', 'online', 'online', 'degraded', 'degraded', 'online']);
  });
  it('calls a nearly black frame degraded', () => {
    expect(run([good(), black(), black(), good(), good()])).toEqual(['online', 'degraded', 'degraded', 'degraded', 'online']);
  });
  it('calls a camera slow only when it is slow twice in a row', () => {
    expect(run([good(), good(undefined, 4000), good(), good(undefined, 4000), good(undefined, 4500)])).toEqual(['online', 'online', 'online', 'online', 'degraded']);
  });
  it('treats timeouts as failures', () => {
    expect(run([fail(), fail(), fail()])).toEqual(['online', 'online', 'offline']);
  });
});

describe('uptime', () => {
  it('is the share of the window spent online, from the health changes', () => {
    const from = '2026-11-23T00:00:00Z';
    const to = '2026-11-24T00:00:00Z';
    expect(uptime([{ at: '2026-11-23T06:00:00Z', to: 'offline' }, { at: '2026-11-23T12:00:00Z', to: 'online' }], 'online', from, to)).toBeCloseTo(0.75);
    expect(uptime([], 'online', from, to)).toBe(1);
    expect(uptime([], null, from, to)).toBeNull();
  });
});

describe('nearest cameras', () => {
  it('lists online cameras within the radius, nearest first', () => {
    const cams = [
      { id: 'a', lng: 106.631, lat: -6.179, health: 'online' as const },
      { id: 'b', lng: 106.64, lat: -6.179, health: 'online' as const },
      { id: 'c', lng: 106.6312, lat: -6.1789, health: 'offline' as const },
      { id: 'd', lng: 106.9, lat: -6.179, health: 'online' as const },
    ];
    expect(nearestOnline(cams, { lng: 106.6312, lat: -6.1789 }, 2000, 3).map((c) => c.id)).toEqual(['a', 'b']);
  });
});

describe('when a probe measures brightness', () => {
  const at = '2026-11-23T01:00:00.000Z';
  const later = (s: number) => new Date(Date.parse(at) + s * 1000).toISOString();
  it('measures a camera it has never measured', () => {
    expect(mustMeasureBrightness(undefined, { bytes: 30_000, at })).toBe(true);
  });
  it('carries a bright camera over while its frames stay the same size, for up to a minute', () => {
    const last = { luma: 120, bytes: 30_000, at };
    expect(mustMeasureBrightness(last, { bytes: 28_000, at: later(10) })).toBe(false);
    expect(mustMeasureBrightness(last, { bytes: 34_000, at: later(50) })).toBe(false);
    expect(mustMeasureBrightness(last, { bytes: 30_000, at: later(60) })).toBe(true);
  });
  it('measures again when the frame shrinks or grows a lot (a covered lens makes a tiny JPEG)', () => {
    const last = { luma: 120, bytes: 30_000, at };
    expect(mustMeasureBrightness(last, { bytes: 3_000, at: later(5) })).toBe(true);
    expect(mustMeasureBrightness(last, { bytes: 60_000, at: later(5) })).toBe(true);
  });
  it('measures a dim camera on every probe', () => {
    expect(mustMeasureBrightness({ luma: 30, bytes: 30_000, at }, { bytes: 30_000, at: later(5) })).toBe(true);
  });
  it('calls a frame dim within three times the black threshold, by the rules given', () => {
    expect([isDim(0), isDim(12), isDim(35.9), isDim(36), isDim(120)]).toEqual([true, true, true, false, false]);
    expect(isDim(36, { ...DEFAULT_RULES, blackLuma: 20 })).toBe(true);
  });
});
