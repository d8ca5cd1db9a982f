import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport, WallClient } from '../testing/hub.js';
import { sweepDeadlines } from '../commands/deadline-sweep.js';
import { seedAccounts, DEMO_PASSWORD } from '../../scripts/seed-accounts.js';
import { createHub, sqliteHub } from '../hub.js';
import type { Config } from '../config.js';

// Monday 23 Nov 2026, 09:00 WIB. Category "sampah": respond within 4 working hours, resolve within 24.
const clock = { t: Date.parse('2026-11-23T09:00:00+07:00') };
const at = (wib: string) => (clock.t = Date.parse(`${wib}+07:00`));
let hub: Hub;
let url: string;
let config: Config;
let wall: WallClient;
let id: number;

beforeAll(async () => {
  ({ hub, url, config } = await startTestHub({}, { now: () => new Date(clock.t), from: 'accounts' }));
  await seedAccounts(hub.ctx);
  id = Number((await postReport(url, validReport(), [await photo()])).body.id);
  wall = new WallClient(url);
  await wall.until(() => wall.catchUps.length === 1);
}, 60_000);
afterAll(async () => {
  wall?.close();
  await hub?.close();
});

describe('deadlines', () => {
  it('sets both clocks at intake from the category and the working calendar', () => {
    expect(hub.ctx.store.reports.get(id)!.deadlines).toMatchObject({
      responseRemindAt: new Date('2026-11-23T12:00:00+07:00').toISOString(),
      responseDueAt: new Date('2026-11-23T13:00:00+07:00').toISOString(),
    });
  });

  it('reminds at 75%, breaches at 100%, once each, without making an operator’s form stale', async () => {
    const version = hub.ctx.store.reports.get(id)!.version;
    at('2026-11-23T11:00:00');
    expect(await sweepDeadlines(hub.ctx)).toEqual([]);
    at('2026-11-23T12:05:00');
    expect((await sweepDeadlines(hub.ctx)).map((r) => r.flag)).toEqual(['response_near']);
    expect(await sweepDeadlines(hub.ctx)).toEqual([]);
    at('2026-11-23T13:01:00');
    expect((await sweepDeadlines(hub.ctx)).map((r) => r.flag)).toEqual(['response_breached']);
    await wall.until(() => wall.events.some((e) => e.type === 'report.deadline_flagged' && e.report.breached));
    expect(hub.ctx.store.reports.get(id)!.version).toBe(version);
  });

  it('marks the breach on the wall’s markers and counts it for a reconnecting wall', async () => {
    const fresh = new WallClient(url);
    await fresh.until(() => fresh.catchUps.length === 1);
    expect(fresh.markers.get(id)?.[7]).toBe(1);
    fresh.close();
  });

  it('lists the reminders for the agency’s operator, who acknowledges them', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator.dkp', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const list = async () => ((await (await fetch(`${url}/api/console/reminders`, { headers: { cookie } })).json()) as { reminders: { flag: string; report: { id: number } }[] }).reminders;
    expect((await list()).map((r) => r.flag).sort()).toEqual(['response_breached', 'response_near']);
    const ack = await fetch(`${url}/api/console/reports/${id}/reminders/ack`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ flag: 'response_near' }) });
    expect(ack.status).toBe(200);
    expect((await list()).map((r) => r.flag)).toEqual(['response_breached']);
    const other = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator.dishub', password: DEMO_PASSWORD }) });
    const otherCookie = other.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(`${url}/api/console/reports/${id}/reminders/ack`, { method: 'POST', headers: { cookie: otherCookie, 'content-type': 'application/json' }, body: JSON.stringify({ flag: 'response_breached' }) })).status).toBe(403);
  });

  it('stops the response clock on dispatch; the resolution clock keeps running', async () => {
    const { actOnReport } = await import('../commands/act-on-report.js');
    const { seedAccounts: accounts } = await import('../../scripts/seed-accounts.js');
    const a = await accounts(hub.ctx);
    expect((await actOnReport(hub.ctx, a.operatorOf('dkp'), id, { action: 'dispatch', assigneeId: a.fieldOf('dkp').id })).ok).toBe(true);
    at('2026-11-26T09:00:00');
    expect((await sweepDeadlines(hub.ctx)).map((r) => r.flag)).toEqual(['resolution_near', 'resolution_breached']);
  });

  it('catches up after a restart: what fell due while the hub was down is raised on the first sweep', async () => {
    const second = Number((await postReport(url, validReport({ category: 'pju' }), [await photo()])).body.id);
    await hub.close();
    at('2026-11-30T17:00:00');
    hub = sqliteHub(await createHub(config, { now: () => new Date(clock.t) }));
    url = `http://127.0.0.1:${await hub.listen()}`;
    // "pju": respond within 8 working hours (due Thursday 17:00), resolve within 72 (not yet due).
    expect((await sweepDeadlines(hub.ctx)).filter((r) => r.report.id === second).map((r) => r.flag)).toEqual(['response_near', 'response_breached']);
  });

  it('flags a report never followed up in 60 days for the Ombudsman', async () => {
    const third = hub.ctx.store.reports.latest(1)[0].id;
    at('2027-02-01T09:00:00');
    expect((await sweepDeadlines(hub.ctx)).filter((r) => r.report.id === third).map((r) => r.flag)).toEqual(['resolution_near', 'resolution_breached', 'escalated']);
    expect(hub.ctx.store.reports.flagged(null, 10).filter((r) => r.deadlineFlags.includes('escalated')).map((r) => r.id)).toEqual([third]);
  });
});

describe('performance figures over HTTP', () => {
  it('answers the league table, trend and districts for a range, and a CSV for a supervisor', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const res = await fetch(`${url}/api/stats?from=2026-11-23&to=2026-11-30`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { agencies: { agencyId: string; received: number }[]; trend: unknown[] };
    expect(body.agencies).toHaveLength(6);
    expect(body.agencies.find((a) => a.agencyId === 'dkp')?.received).toBeGreaterThanOrEqual(1);
    expect(body.trend).toHaveLength(8);
    const csv = await fetch(`${url}/api/stats/agencies.csv?from=2026-11-23&to=2026-11-30`, { headers: { cookie } });
    expect((await csv.text()).split('\n')[0]).toMatch(/^rank,agency,open/);
    expect((await fetch(`${url}/api/stats?from=2026-11-30&to=2026-11-01`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${url}/api/stats`)).status).toBe(401);
  });
});
