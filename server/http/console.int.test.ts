import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import { photo, postReport, runningClock, startTestHub, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { StaffReport } from '../contract/console.js';

// The hub's clock, so the audit export's "today" is the day the events were logged.
const clock = runningClock();
let hub: Hub;
let url: string;
const cookies: Record<string, string> = {};
let reportId: number;
let dishubReportId: number;

async function loginAs(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const set = res.headers.get('set-cookie')!;
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/SameSite=Lax/i);
  return set.split(';')[0];
}

const call = (method: string, path: string, cookie?: string, body?: unknown, extra: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts', now: clock.now }));
  await seedAccounts(hub.ctx);
  for (const u of ['admin', 'supervisor', 'operator.dkp', 'operator.dishub', 'pengawas.dkp.1']) cookies[u] = await loginAs(u);
  reportId = Number((await postReport(url, validReport({ reporterContact: '0812-PRIVATE' }), [await photo()])).body.id);
  dishubReportId = Number((await postReport(url, validReport({ category: 'pju' }), [await photo()])).body.id);
}, 60_000);
afterAll(() => hub.close());

describe('logging in', () => {
  it('refuses a wrong password with 401 naming the field, and a disabled account', async () => {
    const bad = await call('POST', '/api/auth/login', undefined, { username: 'admin', password: 'wrong-password' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { field: string }).field).toBe('password');
    const missing = await call('POST', '/api/auth/login', undefined, { username: 'admin' });
    expect(missing.status).toBe(400);
  });

  it('tells a logged-in operator who they are, and forgets them after logout', async () => {
    const cookie = await loginAs('operator.dkp');
    const me = (await (await call('GET', '/api/auth/me', cookie)).json()) as { actor: { role: string; agencyId: string } };
    expect(me.actor).toMatchObject({ role: 'operator', agencyId: 'dkp' });
    expect((await call('POST', '/api/auth/logout', cookie)).status).toBe(204);
    expect((await call('GET', '/api/auth/me', cookie)).status).toBe(401);
  });
});

describe('the console queue and a report', () => {
  it('shows an operator only their agency, with the reporter contact', async () => {
    const res = await call('GET', '/api/console/reports', cookies['operator.dkp']);
    const { reports } = (await res.json()) as { reports: StaffReport[] };
    expect(reports.map((r) => r.id)).toEqual([reportId]);
    expect(reports[0].reporter?.contact).toBe('0812-PRIVATE');
  });

  it('shows a supervisor every agency, filterable by status and category', async () => {
    const all = (await (await call('GET', '/api/console/reports', cookies.supervisor)).json()) as { reports: StaffReport[] };
    expect(all.reports.map((r) => r.id)).toEqual([dishubReportId, reportId]);
    const pju = (await (await call('GET', '/api/console/reports?category=pju&status=new,checked', cookies.supervisor)).json()) as { reports: StaffReport[] };
    expect(pju.reports.map((r) => r.id)).toEqual([dishubReportId]);
    expect((await call('GET', '/api/console/reports?status=bogus', cookies.supervisor)).status).toBe(400);
  });

  it('refuses an operator the report of another agency', async () => {
    expect((await call('GET', `/api/console/reports/${dishubReportId}`, cookies['operator.dkp'])).status).toBe(403);
  });

  it('checks and dispatches a report: the wall sees it turn yellow, the history says who and why', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const detail = (await (await call('GET', `/api/console/reports/${reportId}`, cookies['operator.dkp'])).json()) as {
      report: StaffReport; actions: string[]; fieldSupervisors: { id: string; name: string; openJobs: number }[];
    };
    expect(detail.actions).toContain('check');
    expect(detail.fieldSupervisors).toHaveLength(2);
    const check = await call('POST', `/api/console/reports/${reportId}/actions`, cookies['operator.dkp'], { action: 'check', expectedVersion: detail.report.version });
    expect(check.status).toBe(200);
    const checked = ((await check.json()) as { report: StaffReport }).report;
    const fs = detail.fieldSupervisors[0];
    const dispatch = await call('POST', `/api/console/reports/${reportId}/actions`, cookies['operator.dkp'], {
      action: 'dispatch', expectedVersion: checked.version, assigneeId: fs.id, instruction: 'Angkut sebelum jam 12',
    });
    expect(dispatch.status).toBe(200);
    await wall.until(() => wall.markers.get(reportId)?.[1] === 'dispatched');
    wall.close();

    const after = (await (await call('GET', `/api/console/reports/${reportId}`, cookies['operator.dkp'])).json()) as {
      history: { type: string; actor: { name: string | null }; detail: Record<string, unknown> }[]; fieldSupervisors: { id: string; openJobs: number }[];
    };
    expect(after.history.map((h) => h.type)).toEqual(['report.submitted', 'report.checked', 'report.dispatched']);
    expect(after.history[2].actor.name).toBeTruthy();
    expect(after.history[2].detail).toMatchObject({ assigneeId: fs.id, instruction: 'Angkut sebelum jam 12' });
    expect(after.fieldSupervisors.find((f) => f.id === fs.id)?.openJobs).toBe(1);
  });

  it('gives the second of two operators acting on the same version a conflict, never an overwrite', async () => {
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    const v = hub.ctx.store.reports.get(id)!.version;
    const [a, b] = await Promise.all([
      call('POST', `/api/console/reports/${id}/actions`, cookies['operator.dkp'], { action: 'check', expectedVersion: v }),
      call('POST', `/api/console/reports/${id}/actions`, cookies['operator.dkp'], { action: 'reject', expectedVersion: v, reason: 'spam iklan' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = [a, b].find((r) => r.status === 409)!;
    expect(((await loser.json()) as { message: string }).message).toMatch(/changed by someone else/);
    expect(hub.ctx.store.events.forReport(id)).toHaveLength(2);
  });

  it('refuses a reject without a reason, naming the field', async () => {
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    const res = await call('POST', `/api/console/reports/${id}/actions`, cookies['operator.dkp'], { action: 'reject', expectedVersion: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe('reason');
  });

  it('exports the audit trail as CSV for a supervisor', async () => {
    const today = clock.wibDay();
    const res = await call('GET', `/api/console/audit.csv?from=${today}&to=${today}`, cookies.supervisor);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('seq,time_wib,time_utc,event,ticket,actor_id,actor_name,actor_role,actor_agency,from,to,reason');
    expect(lines.some((l) => l.includes('report.dispatched'))).toBe(true);
    expect(lines.join('\n')).not.toContain('0812-PRIVATE');
  });
});

describe('every route checks the caller', () => {
  type Caller = 'anonymous' | 'wall' | 'admin' | 'supervisor' | 'operator.dkp' | 'pengawas.dkp.1';
  const headersOf = (c: Caller): Record<string, string> =>
    c === 'anonymous' ? {} : c === 'wall' ? { authorization: `Bearer ${WALL_TOKEN}` } : { cookie: cookies[c] };
  const CALLERS: Caller[] = ['anonymous', 'wall', 'admin', 'supervisor', 'operator.dkp', 'pengawas.dkp.1'];
  // [method, path, body, callers allowed past the role check]
  const ROUTES: [string, () => string, unknown, Caller[]][] = [
    ['GET', () => '/api/console/reports', undefined, ['admin', 'supervisor', 'operator.dkp']],
    ['GET', () => `/api/console/reports/${reportId}`, undefined, ['admin', 'supervisor', 'operator.dkp']],
    ['POST', () => `/api/console/reports/${reportId}/actions`, { action: 'note', reason: 'catatan uji' }, ['supervisor', 'operator.dkp', 'pengawas.dkp.1']],
    ['POST', () => '/api/console/reports', { channel: 'phone', reporterContact: '0812-1', category: 'sampah', description: 'Sampah di pasar', lat: -6.1789, lon: 106.6312 }, ['supervisor', 'operator.dkp']],
    ['GET', () => `/api/console/reports/${reportId}/duplicates`, undefined, ['admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/console/field-supervisors?agency=dkp', undefined, ['admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/console/audit.csv?from=2026-01-01&to=2026-01-02', undefined, ['admin', 'supervisor']],
    ['GET', () => '/api/admin/accounts', undefined, ['admin']],
    ['POST', () => '/api/admin/accounts', { username: 'x' }, ['admin']],
    ['POST', () => '/api/admin/accounts/nobody/disable', undefined, ['admin']],
    ['POST', () => '/api/admin/accounts/nobody/enable', undefined, ['admin']],
    ['POST', () => '/api/admin/accounts/nobody/password', { password: 'x' }, ['admin']],
    ['POST', () => '/api/admin/displays', { name: '' }, ['admin', 'supervisor']],
    ['GET', () => '/api/auth/me', undefined, ['admin', 'supervisor', 'operator.dkp', 'pengawas.dkp.1', 'wall']],
    ['GET', () => '/api/console/reminders', undefined, ['admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/console/escalations', undefined, ['admin', 'supervisor']],
    ['POST', () => `/api/console/reports/${reportId}/reminders/ack`, { flag: 'response_near' }, ['supervisor', 'operator.dkp']],
    ['GET', () => '/api/field/jobs', undefined, ['pengawas.dkp.1']],
    ['POST', () => `/api/field/jobs/${reportId}/accept`, { clientId: 'walk-accept-1' }, ['pengawas.dkp.1']],
    ['POST', () => `/api/field/jobs/${reportId}/start`, { clientId: 'walk-start-01' }, ['pengawas.dkp.1']],
    ['GET', () => '/api/cameras', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/cameras/simpang-cikokol/snapshot.webp', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['POST', () => '/api/cameras/simpang-cikokol/ack', undefined, ['supervisor', 'operator.dkp']],
    ['GET', () => '/api/stats?days=7', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/stats/agencies.csv?days=7', undefined, ['admin', 'supervisor']],
    ['GET', () => '/api/admin/api-clients', undefined, ['admin']],
    ['POST', () => '/api/admin/api-clients', { name: '' }, ['admin']],
    ['POST', () => '/api/admin/api-clients/nobody/revoke', undefined, ['admin']],
    ['GET', () => '/api/indicators', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/indicators/ringkas', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/indicators/dkp.anggaran/history', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['POST', () => '/api/indicators/values', { indicatorId: 'dkp.anggaran', period: '2026-01', value: 5 }, ['supervisor', 'operator.dkp']],
    ['POST', () => '/api/indicators/push', { values: [{ indicatorId: 'dkp.tender', period: '2026-01', value: 1 }] }, ['supervisor', 'operator.dkp']],
    ['POST', () => '/api/indicators/import', {}, ['supervisor', 'operator.dkp']],
    ['GET', () => '/api/stats/gaps?from=2026-01-01T00:00:00Z', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp']],
    ['GET', () => '/api/displays', undefined, ['admin', 'supervisor']],
    ['PUT', () => '/api/displays/nobody/layout', { layout: { kind: 'single', view: { view: 'map' } } }, ['admin', 'supervisor']],
    ['GET', () => '/api/replay?date=2026-01-01', undefined, ['wall', 'admin', 'supervisor']],
  ];
  for (const [method, path, payload, allowed] of ROUTES) {
    for (const caller of CALLERS) {
      const ok = allowed.includes(caller);
      it(`${method} ${path.toString().replace(/^\(\) => /, '')} — ${caller} ${ok ? 'passes the role check' : 'is refused'}`, async () => {
        const res = await call(method, path(), undefined, payload, headersOf(caller));
        const text = await res.text();
        if (ok) expect([401, 403]).not.toContain(res.status);
        else {
          expect(res.status).toBe(caller === 'anonymous' ? 401 : 403);
          expect(text).not.toContain('0812-PRIVATE');
          expect(text).not.toMatch(/passwordHash|scrypt\$/);
        }
      });
    }
  }

  it('never lets a staff member past with a forged or expired session', async () => {
    expect((await call('GET', '/api/console/reports', 'pantau_session=forged-session-token')).status).toBe(401);
  });

  it('lets a logged-in supervisor watch the live stream through the session cookie, and refuses a field supervisor', async () => {
    const { io } = await import('socket.io-client');
    const connectWith = (cookie: string) =>
      new Promise<string>((resolve) => {
        const s = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
        s.once('live.catchup', () => (s.close(), resolve('catchup')));
        s.once('connect_error', (e) => (s.close(), resolve(e.message)));
      });
    expect(await connectWith(cookies.supervisor)).toBe('catchup');
    expect(await connectWith(cookies['pengawas.dkp.1'])).toBe('forbidden');
    expect(await connectWith('pantau_session=nope')).toBe('unauthenticated');
  });
});

describe('accounts', () => {
  it('an admin creates, disables and resets an account; disabled means logged out', async () => {
    const created = await call('POST', '/api/admin/accounts', cookies.admin, { username: 'operator.baru', name: 'Operator Baru', role: 'operator', agencyId: 'dkp', password: 'sandi-baru-123' });
    expect(created.status).toBe(201);
    const { account } = (await created.json()) as { account: { id: string } };
    expect((await call('POST', '/api/admin/accounts', cookies.admin, { username: 'operator.baru', name: 'X Y', role: 'operator', agencyId: 'dkp', password: 'sandi-baru-123' })).status).toBe(409);
    expect((await call('POST', '/api/admin/accounts', cookies.admin, { username: 'op2', name: 'X Y', role: 'operator', password: 'sandi-baru-123' })).status).toBe(400);
    const login = await call('POST', '/api/auth/login', undefined, { username: 'operator.baru', password: 'sandi-baru-123' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect((await call('GET', '/api/auth/me', cookie)).status).toBe(200);
    expect((await call('POST', `/api/admin/accounts/${account.id}/disable`, cookies.admin)).status).toBe(200);
    expect((await call('GET', '/api/auth/me', cookie)).status).toBe(401);
    expect((await call('POST', '/api/auth/login', undefined, { username: 'operator.baru', password: 'sandi-baru-123' })).status).toBe(401);
    const types = hub.ctx.store.events.since(0, 1e6).map((e) => e.type);
    expect(types).toContain('account.created');
    expect(types).toContain('account.disabled');
  });
});
