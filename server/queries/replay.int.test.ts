import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { createWeek } from '../testing/week.js';
import { replayRange } from '../domain/replay-range.js';
import { dayStart } from '../domain/time.js';
import { rebuild } from '../store/rebuild.js';
import { replayBetween } from './replay.js';

const DAY_MS = 86400_000;
const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18'];
let clock = new Date('2026-11-15T17:00:00Z'); // 00:00 WIB, 16 November
let hub: Hub;
let url: string;
let week: ReturnType<typeof createWeek>;

/** The replay as it was before checkpoints: the whole log folded from its first event. */
function fromTheStart(from: string, to: string) {
  const { events } = hub.ctx.store;
  return { from, to, ...replayRange(events.inRange('', from), events.inRange(from, to)) };
}
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  // The seeded accounts (field supervisors to dispatch to) from the template, not hashed again here.
  ({ hub, url } = await startTestHub({}, { now: () => clock, from: 'accounts' }));
  week = createWeek(hub, (d) => (clock = d), clock, { reportsPerHour: 1 });
  for (let h = 0; h < 24 * DAYS.length; h++) await week.hour();
}, 60_000);
afterAll(() => hub?.close());

describe('replay from a checkpoint', () => {
  it('keeps a checkpoint for the start of every city day with events', () => {
    for (const d of DAYS) expect(hub.ctx.store.replayCheckpoints.nearest(dayStart(d, hub.ctx.city.clock))?.dayStart).toBe(dayStart(d, hub.ctx.city.clock));
  });

  it('answers every day, and ranges starting mid-day or spanning days, as a fold from the first event does', async () => {
    const c = hub.ctx.city.clock;
    const ranges: [number, number][] = DAYS.map((d) => [Date.parse(dayStart(d, c)), Date.parse(dayStart(d, c)) + DAY_MS]);
    const second = Date.parse(dayStart(DAYS[1], c));
    ranges.push([second + 13.5 * 3600_000, second + 20 * 3600_000], [second + 5 * 3600_000, second + 2 * DAY_MS], [second - 3 * DAY_MS, second]);
    let steps = 0;
    for (const [from, to] of ranges) {
      const replay = await replayBetween(hub.ctx, iso(from), iso(to));
      expect(replay).toEqual(fromTheStart(iso(from), iso(to)));
      steps += replay.steps.length;
    }
    expect(steps).toBeGreaterThan(100);
  });

  it('forgets the checkpoints after an event logged with an earlier time (a clock stepped back), and stays right', async () => {
    const c = hub.ctx.city.clock;
    const last = dayStart(DAYS[DAYS.length - 1], c);
    clock = new Date(Date.parse(last) - 6 * 3600_000);
    const filed = await postReport(url, validReport({ description: 'Dilaporkan saat jam hub mundur' }), [await photo()]);
    expect(filed.status).toBe(201);
    expect(hub.ctx.store.replayCheckpoints.nearest(last)?.dayStart).toBe(dayStart(DAYS[DAYS.length - 2], c));
    for (const d of DAYS.slice(-2)) {
      const from = dayStart(d, c);
      expect(await replayBetween(hub.ctx, from, iso(Date.parse(from) + DAY_MS))).toEqual(fromTheStart(from, iso(Date.parse(from) + DAY_MS)));
    }
    expect(rebuild(hub.ctx.store).differences).toEqual([]);
  });

  it('in a store older than the checkpoints, starts at its next day; a rebuild with --write fills in the days before', async () => {
    const { store } = hub.ctx;
    // As migration 021 leaves a store that already has a log: no checkpoint, the head at its last report event.
    store.db.exec('DELETE FROM replay_checkpoints; DELETE FROM replay_checkpoint_markers; DELETE FROM replay_checkpoint_head');
    store.db.exec('INSERT INTO replay_checkpoint_head (id, last_at) SELECT 1, MAX(at) FROM events WHERE report_id IS NOT NULL');
    const c = hub.ctx.city.clock;
    const next = iso(Date.parse(dayStart(DAYS[DAYS.length - 1], c)) + DAY_MS);
    for (let h = 0; h < 26; h++) await week.hour();
    expect(store.replayCheckpoints.nearest(next)?.dayStart).toBe(next);
    expect(store.replayCheckpoints.nearest(iso(Date.parse(next) - 1))).toBeNull();
    const day = (from: string) => [from, iso(Date.parse(from) + DAY_MS)] as const;
    expect(await replayBetween(hub.ctx, ...day(next))).toEqual(fromTheStart(...day(next)));
    const stale = rebuild(store);
    expect(stale.differences.length).toBeGreaterThan(0);
    expect(stale.differences.every((d) => d.projection === 'replay checkpoints')).toBe(true);
    rebuild(store, { write: true });
    expect(rebuild(store).differences).toEqual([]);
    expect(await replayBetween(hub.ctx, ...day(dayStart(DAYS[1], c)))).toEqual(fromTheStart(...day(dayStart(DAYS[1], c))));
  });
});
