import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import type { Replay } from '../contract/replay.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../testing/hub.js';
import { handle } from '../testing/lifecycle.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { actOnReport } from '../commands/act-on-report.js';

// The hub's clock, moved by the test: every event is logged at a known WIB time.
let clock = new Date('2026-11-19T03:00:00Z'); // 10:00 WIB the day before the replayed day
const wib = (hhmm: string, day = '2026-11-20') => new Date(`${day}T${hhmm}:00+07:00`);

let hub: Hub;
let url: string;
let supervisor: string;
let operator: string;
let field: string;
let earlier: number;
let played: number;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers });
async function login(username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { now: () => clock, from: 'accounts' }));
  await seedAccounts(hub.ctx);
  earlier = Number((await postReport(url, validReport({ description: 'Sampah kemarin belum diangkut' }), [await photo()])).body.id);
  clock = wib('08:00');
  played = Number((await postReport(url, validReport({ lat: -6.2, lon: 106.64 }), [await photo()])).body.id);
  const times: Record<string, string> = { dispatch: '09:00', accept: '09:30', submit_proof: '10:00', verify: '11:00' };
  await handle(hub, played, ['dispatch', 'accept', 'submit_proof', 'verify'], (step) => (clock = wib(times[step])));
  clock = wib('11:30');
  // A note changes nothing on the map: the replay leaves it out.
  expect((await actOnReport(hub.ctx, { id: 'sup', role: 'supervisor', name: 'Supervisor' }, played, { action: 'note', reason: 'dicek di briefing' })).ok).toBe(true);
  clock = wib('12:00', '2026-11-21');
  // Logged in at the hub's "now" (a desk session lasts a shift).
  [supervisor, operator, field] = [await login('supervisor'), await login('operator.dkp'), await login('pengawas.dkp.1')];
}, 60_000);
afterAll(() => hub.close());

describe('GET /api/replay', () => {
  it('gives a WIB day: the city at 00:00 WIB and every change to a marker after it, at its time', async () => {
    const res = await get('/api/replay?date=2026-11-20', { cookie: supervisor });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Replay;
    expect(r.from).toBe('2026-11-19T17:00:00.000Z');
    expect(r.to).toBe('2026-11-20T17:00:00.000Z');
    // At the start only yesterday's report existed, still new.
    expect(r.markers.map((m) => [m[0], m[1]])).toEqual([[earlier, 'new']]);
    expect(r.steps.map(([at, type, m]) => [at, type, m[0], m[1]])).toEqual([
      [wib('08:00').toISOString(), 'report.submitted', played, 'new'],
      [wib('09:00').toISOString(), 'report.dispatched', played, 'dispatched'],
      [wib('09:30').toISOString(), 'report.accepted', played, 'in_progress'],
      [wib('10:00').toISOString(), 'report.proof_submitted', played, 'proof_submitted'],
      [wib('11:00').toISOString(), 'report.verified', played, 'verified'],
    ]);
  });

  it('starts from the state folded up to `from` when given a range', async () => {
    const from = wib('09:45').toISOString();
    const to = wib('12:00').toISOString();
    const r = (await (await get(`/api/replay?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { cookie: supervisor })).json()) as Replay;
    expect(new Map(r.markers.map((m) => [m[0], m[1]]))).toEqual(new Map([[earlier, 'new'], [played, 'in_progress']]));
    expect(r.steps.map((s) => s[2][1])).toEqual(['proof_submitted', 'verified']);
  });

  it('ends today\'s replay at the hub\'s now', async () => {
    const r = (await (await get('/api/replay?date=2026-11-21', { authorization: `Bearer ${WALL_TOKEN}` })).json()) as Replay;
    expect(r.to).toBe(clock.toISOString());
    expect(r.markers).toHaveLength(2);
    expect(r.steps).toEqual([]);
  });

  it('names the field of a bad request', async () => {
    const field400 = async (q: string) => {
      const res = await get(`/api/replay${q}`, { cookie: supervisor });
      expect(res.status).toBe(400);
      return ((await res.json()) as { field: string }).field;
    };
    expect(await field400('')).toBe('from');
    expect(await field400('?date=20-11-2026')).toBe('date');
    expect(await field400('?date=2026-11-20&from=2026-11-20T00:00:00Z')).toBe('date');
    expect(await field400('?from=yesterday')).toBe('from');
    expect(await field400('?from=2026-11-20T05:00:00Z&to=2026-11-20T04:00:00Z')).toBe('to');
    expect(await field400('?from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z')).toBe('to');
    expect(await field400('?date=2027-01-01')).toBe('date');
  });

  it('is for supervisors, admins and paired displays', async () => {
    expect((await get('/api/replay?date=2026-11-20')).status).toBe(401);
    expect((await get('/api/replay?date=2026-11-20', { cookie: operator })).status).toBe(403);
    expect((await get('/api/replay?date=2026-11-20', { cookie: field })).status).toBe(403);
    expect((await get('/api/replay?date=2026-11-20', { authorization: `Bearer ${WALL_TOKEN}` })).status).toBe(200);
  });
});
