import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../testing/hub.js';
import { zoneLabel } from '../domain/time.js';

// Mataram keeps WITA (UTC+8): its working hours, deadlines and days are its own, an hour ahead of Jakarta.
// 2026-11-27 is a Friday; the room works 08:00–18:00 WITA on weekdays.
let clock = new Date('2026-11-27T17:30:00+08:00');
let hub: Hub;
let url: string;
let friday: number;
let saturday: number;

const stats = (q: string) => fetch(`${url}/api/stats?${q}`, { headers: { Authorization: `Bearer ${WALL_TOKEN}` } }).then((r) => r.json());

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ city: 'mataram' }, { now: () => clock }));
  // Sampah: 4 working hours to respond. Filed in Ampenan at 17:30 WITA on Friday.
  const spot = { category: 'sampah', lat: -8.570668, lon: 116.083914, description: 'Sampah menumpuk di pinggir jalan' };
  friday = Number((await postReport(url, validReport(spot), [await photo()])).body.id);
  // 00:30 WITA on Saturday is still 23:30 on Friday in WIB: it must count on Saturday in Mataram.
  clock = new Date('2026-11-28T00:30:00+08:00');
  saturday = Number((await postReport(url, validReport(spot), [await photo()])).body.id);
  clock = new Date('2026-11-30T09:00:00+08:00');
});
afterAll(() => hub?.close());

describe('a city in WITA', () => {
  it('gives a report filed at 17:30 WITA on Friday its response deadline from WITA working hours', () => {
    const r = hub.ctx.store.reports.get(friday)!;
    // Half an hour of Friday (17:30–18:00 WITA), then 3.5 hours from Monday 08:00 WITA: 11:30 WITA.
    // Counted in WIB it would have had 1.5 hours on Friday and been due at 10:30 WITA.
    expect(r.deadlines!.responseDueAt).toBe(new Date('2026-11-30T11:30:00+08:00').toISOString());
  });

  it("counts each report on its own WITA day in the kinerja trend", async () => {
    const body = await stats('from=2026-11-27&to=2026-11-28');
    expect(body.trend).toEqual([
      { day: '2026-11-27', received: 1, fixed: 0 },
      { day: '2026-11-28', received: 1, fixed: 0 },
    ]);
    expect(hub.ctx.store.reports.get(saturday)!.createdAt).toBe('2026-11-27T16:30:00.000Z');
  });

  it('writes Open311 datetimes with +08:00 and tells every screen its zone', async () => {
    const ticket = hub.ctx.store.reports.get(friday)!.ticket;
    const req = await fetch(`${url}/open311/v2/requests/${ticket}.json`).then((r) => r.json());
    expect(req[0].requested_datetime).toBe('2026-11-27T17:30:00+08:00');
    const profile = await fetch(`${url}/api/profile`).then((r) => r.json());
    expect(profile.timeZone).toBe('Asia/Makassar');
    expect(zoneLabel(profile.timeZone)).toBe('WITA');
  });
});

describe('the zone label every screen prints', () => {
  it('is WIB, WITA or WIT', () => {
    expect([zoneLabel('Asia/Jakarta'), zoneLabel('Asia/Makassar'), zoneLabel('Asia/Jayapura')]).toEqual(['WIB', 'WITA', 'WIT']);
  });
});
