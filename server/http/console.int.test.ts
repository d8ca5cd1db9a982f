import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, runningClock, startTestHub, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { QueueAnswer, StaffReport } from '../contract/console.js';
import { ReportPublic } from '../contract/reports.js';
import { z } from 'zod';

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

  it('pages by cursor with a total on the first page, says what changed since a seq, and names a bad parameter', async () => {
    const get = async (q: string) => (await (await call('GET', `/api/console/reports?${q}`, cookies.supervisor)).json()) as QueueAnswer;
    const first = await get('limit=1');
    expect(first.reports).toHaveLength(1);
    expect(first.total).toEqual({ count: 2, atLeast: false });
    const second = await get(`limit=1&cursor=${first.next}`);
    expect(second.reports.map((r) => r.id)).toEqual([reportId]);
    expect(second.next).toBeNull();
    expect(second.total).toBeUndefined();
    const id = Number((await postReport(url, validReport({ category: 'pju' }), [await photo()])).body.id);
    expect(await get(`category=pju&since=${first.seq}`)).toMatchObject({ reports: [{ id }], gone: [], total: { count: 2 } });
    expect((await get(`category=sampah&since=${first.seq}`)).gone).toEqual([id]);
    expect((await get(`since=${first.seq}&total=false`)).total).toBeUndefined();
    // With an age filter a report joins by growing old, which no event marks: the answer is a first page again.
    expect(await get(`olderThanHours=0&since=${first.seq}`)).toMatchObject({ reset: true, total: { count: 3 } });
    for (const [q, field] of [['cursor=abc', 'cursor'], ['breached=maybe', 'breached'], ['cursor=5&since=1', 'since'], ['limit=0', 'limit']]) {
      const res = await call('GET', `/api/console/reports?${q}`, cookies.supervisor);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { field: string }).field, q).toBe(field);
    }
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

describe('every route checks the caller, and answers an allowed caller in full', () => {
  type Caller = 'anonymous' | 'wall' | 'admin' | 'supervisor' | 'operator.dkp' | 'pengawas.dkp.1';
  const headersOf = (c: Caller): Record<string, string> =>
    c === 'anonymous' ? {} : c === 'wall' ? { authorization: `Bearer ${WALL_TOKEN}` } : { cookie: cookies[c] };
  const CALLERS: Caller[] = ['anonymous', 'wall', 'admin', 'supervisor', 'operator.dkp', 'pengawas.dkp.1'];
  // Its own report, dispatched to pengawas.dkp.1, so a field supervisor's steps and notes on it are genuinely allowed
  // whichever other tests ran before.
  let jobId: number;
  beforeAll(async () => {
    jobId = Number((await postReport(url, validReport({ reporterContact: '0812-PRIVATE' }), [await photo()])).body.id);
    const me = (await (await call('GET', '/api/auth/me', cookies['pengawas.dkp.1'])).json()) as { actor: { id: string } };
    const checked = await call('POST', `/api/console/reports/${jobId}/actions`, cookies['operator.dkp'], { action: 'check', expectedVersion: 1 });
    expect(checked.status).toBe(200);
    const dispatched = await call('POST', `/api/console/reports/${jobId}/actions`, cookies['operator.dkp'], { action: 'dispatch', expectedVersion: 2, assigneeId: me.actor.id });
    expect(dispatched.status).toBe(200);
  }, 30_000);

  // What an allowed caller must get back: the status and the whole body's shape. A refusal that is the route's own
  // answer to this input (a named field, an unknown id) is spelled out, so a 500 or a wrong refusal never passes.
  const refusal = (status: number, error: string, field?: string) => ({
    status,
    body: z.object({ error: z.literal(error), field: field ? z.literal(field) : z.undefined().optional(), message: z.string().min(3) }).strict(),
  });
  const json = (status: number, body: z.ZodType) => ({ status, body });
  const csv = (header: string) => ({ status: 200, csv: header });
  type Answer = { status: number; body?: z.ZodType; csv?: string };
  const staffReport = ReportPublic.extend({ assigneeId: z.string().nullable(), reporter: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable() });
  const fieldJob = ReportPublic.extend({ acceptedAt: z.string().nullable(), startedAt: z.string().nullable(), instruction: z.string().nullable(), dispatchedAt: z.string() }).loose();
  const actor = z.object({ id: z.string(), role: z.string(), name: z.string().nullable() }).loose();
  const camera = z.object({ id: z.string(), name: z.string(), lng: z.number(), lat: z.number() }).loose();
  const indicatorBoard = z.object({ storeId: z.string(), seq: z.number().int(), asOf: z.string(), indicators: z.array(z.object({ id: z.string() }).loose()).min(1) }).loose();
  const recorded = z.object({ recorded: z.array(z.object({ indicatorId: z.string(), period: z.string(), value: z.number(), seq: z.number().int() }).loose()).length(1), unchanged: z.literal(0) });
  const period = (c: Caller) => (c === 'supervisor' ? '2026-01' : '2026-02');
  // [method, path, body (per caller), callers allowed past the role check, what they get]
  const ROUTES: [string, () => string, unknown | ((c: Caller) => unknown), Caller[], Answer][] = [
    ['GET', () => '/api/console/reports', undefined, ['admin', 'supervisor', 'operator.dkp'], json(200, z.object({ seq: z.number().int(), reports: z.array(staffReport).min(1) }))],
    ['GET', () => `/api/console/reports/${jobId}`, undefined, ['admin', 'supervisor', 'operator.dkp'],
      json(200, z.object({ report: staffReport, history: z.array(z.object({ seq: z.number(), type: z.string() }).loose()).min(3), actions: z.array(z.string()) }).loose())],
    ['POST', () => `/api/console/reports/${jobId}/actions`, { action: 'note', reason: 'catatan uji' }, ['supervisor', 'operator.dkp', 'pengawas.dkp.1'], json(200, z.object({ report: staffReport }).loose())],
    ['POST', () => '/api/console/reports', { channel: 'phone', reporterContact: '0812-1', category: 'sampah', description: 'Sampah di pasar', lat: -6.1789, lon: 106.6312 }, ['supervisor', 'operator.dkp'],
      json(201, z.object({ report: staffReport.extend({ status: z.literal('new'), channel: z.literal('phone') }) }).loose())],
    ['GET', () => `/api/console/reports/${jobId}/duplicates`, undefined, ['admin', 'supervisor', 'operator.dkp'],
      json(200, z.object({ window: z.object({ radiusM: z.number(), windowHours: z.number() }), duplicates: z.array(z.object({ report: ReportPublic.loose() }).loose()) }).loose())],
    ['GET', () => '/api/console/field-supervisors?agency=dkp', undefined, ['admin', 'supervisor', 'operator.dkp'],
      json(200, z.object({ fieldSupervisors: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.literal('dkp'), openJobs: z.number().int() })).min(1) }))],
    ['GET', () => '/api/console/audit.csv?from=2026-01-01&to=2026-01-02', undefined, ['admin', 'supervisor'], csv('seq,time_wib,time_utc,event,ticket,actor_id,actor_name,actor_role,actor_agency,from,to,reason')],
    ['GET', () => '/api/admin/accounts', undefined, ['admin'], json(200, z.object({ accounts: z.array(z.object({ id: z.string(), username: z.string(), role: z.string(), disabled: z.boolean() }).loose()).min(5) }))],
    ['POST', () => '/api/admin/accounts', { username: 'x' }, ['admin'], refusal(400, 'invalid', 'username')],
    ['POST', () => '/api/admin/accounts/nobody/disable', undefined, ['admin'], refusal(404, 'not_found', 'id')],
    ['POST', () => '/api/admin/accounts/nobody/enable', undefined, ['admin'], refusal(404, 'not_found', 'id')],
    ['POST', () => '/api/admin/accounts/nobody/password', { password: 'x' }, ['admin'], refusal(400, 'invalid', 'password')],
    ['POST', () => '/api/admin/displays', { name: '' }, ['admin', 'supervisor'], refusal(400, 'invalid', 'name')],
    ['GET', () => '/api/auth/me', undefined, ['admin', 'supervisor', 'operator.dkp', 'pengawas.dkp.1', 'wall'], json(200, z.object({ actor }))],
    ['GET', () => '/api/console/reminders', undefined, ['admin', 'supervisor', 'operator.dkp'], json(200, z.object({ reminders: z.array(z.unknown()) }))],
    ['GET', () => '/api/console/escalations', undefined, ['admin', 'supervisor'], json(200, z.object({ reports: z.array(z.unknown()) }))],
    ['POST', () => `/api/console/reports/${jobId}/reminders/ack`, { flag: 'response_near' }, ['supervisor', 'operator.dkp'], refusal(400, 'invalid', 'flag')],
    ['GET', () => '/api/field/jobs', undefined, ['pengawas.dkp.1'], json(200, z.object({ jobs: z.array(fieldJob).min(1) }))],
    ['POST', () => `/api/field/jobs/${jobId}/accept`, { clientId: 'walk-accept-1' }, ['pengawas.dkp.1'], json(200, z.object({ job: fieldJob.extend({ status: z.literal('in_progress'), acceptedAt: z.string() }) }))],
    ['POST', () => `/api/field/jobs/${jobId}/start`, { clientId: 'walk-start-01' }, ['pengawas.dkp.1'], json(200, z.object({ job: fieldJob.extend({ status: z.literal('in_progress'), startedAt: z.string() }) }))],
    ['GET', () => '/api/cameras', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], json(200, z.object({ cameras: z.array(camera).min(1) }).loose())],
    ['GET', () => '/api/cameras/simpang-cikokol/snapshot.webp', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], refusal(404, 'not_found', 'id')],
    ['POST', () => '/api/cameras/simpang-cikokol/ack', undefined, ['supervisor', 'operator.dkp'], refusal(409, 'conflict')],
    ['GET', () => '/api/stats?days=7', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'],
      json(200, z.object({ range: z.object({ from: z.string(), to: z.string() }).loose(), agencies: z.array(z.object({ agencyId: z.string(), open: z.number() }).loose()).length(6) }).loose())],
    ['GET', () => '/api/stats/agencies.csv?days=7', undefined, ['admin', 'supervisor'], csv('rank,agency,open,breached_open,received,dispatched,fixed,rejected,merged,reopened,returned_proofs,')],
    ['GET', () => '/api/admin/api-clients', undefined, ['admin'], json(200, z.object({ clients: z.array(z.unknown()) }))],
    ['POST', () => '/api/admin/api-clients', { name: '' }, ['admin'], refusal(400, 'invalid', 'name')],
    ['POST', () => '/api/admin/api-clients/nobody/revoke', undefined, ['admin'], refusal(404, 'not_found', 'id')],
    ['GET', () => '/api/indicators', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], json(200, indicatorBoard)],
    ['GET', () => '/api/indicators/ringkas', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], json(200, z.object({ asOf: z.string(), seq: z.number().int(), city: z.string(), agencies: z.array(z.object({ id: z.string() }).loose()) }).loose())],
    ['GET', () => '/api/indicators/dkp.anggaran/history', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], json(200, z.object({ indicator: z.object({ id: z.literal('dkp.anggaran') }).loose() }).loose())],
    ['POST', () => '/api/indicators/values', (c: Caller) => ({ indicatorId: 'dkp.anggaran', period: period(c), value: 5 }), ['supervisor', 'operator.dkp'], json(201, recorded)],
    ['POST', () => '/api/indicators/push', (c: Caller) => ({ values: [{ indicatorId: 'dkp.tender', period: period(c), value: 1 }] }), ['supervisor', 'operator.dkp'], json(201, recorded)],
    ['POST', () => '/api/indicators/import', {}, ['supervisor', 'operator.dkp'], refusal(415, 'unsupported_media', 'content-type')],
    ['GET', () => '/api/stats/gaps?from=2026-01-01T00:00:00Z', undefined, ['wall', 'admin', 'supervisor', 'operator.dkp'], json(200, z.object({ from: z.string(), to: z.string(), gaps: z.array(z.unknown()) }))],
    ['GET', () => '/api/displays', undefined, ['admin', 'supervisor'], json(200, z.object({ displays: z.array(z.object({ id: z.string(), name: z.string(), layout: z.unknown() }).loose()).min(1) }).loose())],
    ['PUT', () => '/api/displays/nobody/layout', { layout: { kind: 'single', view: { view: 'map' } } }, ['admin', 'supervisor'], refusal(404, 'not_found', 'id')],
    ['GET', () => '/api/replay?date=2026-01-01', undefined, ['wall', 'admin', 'supervisor'], json(200, z.object({ from: z.string(), to: z.string(), markers: z.array(z.unknown()), steps: z.array(z.unknown()) }))],
  ];
  for (const [method, path, payload, allowed, answer] of ROUTES) {
    for (const caller of CALLERS) {
      const ok = allowed.includes(caller);
      it(`${method} ${path.toString().replace(/^\(\) => /, '')} — ${caller} ${ok ? `gets ${answer.status}` : 'is refused'}`, async () => {
        const body = typeof payload === 'function' ? payload(caller) : payload;
        const res = await call(method, path(), undefined, body, headersOf(caller));
        const text = await res.text();
        if (ok) {
          expect({ status: res.status, text: text.slice(0, 300) }).toMatchObject({ status: answer.status });
          if (answer.csv) {
            expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
            expect(text.split('\n')[0].startsWith(answer.csv)).toBe(true);
          } else {
            const shape = answer.body!.safeParse(JSON.parse(text));
            expect(shape.success ? 'matches' : shape.error.message).toBe('matches');
          }
        } else {
          expect(res.status).toBe(caller === 'anonymous' ? 401 : 403);
        }
        // Only staff who handle it ever see the reporter's contact; never does any answer carry a password hash.
        if (!['admin', 'supervisor', 'operator.dkp'].includes(caller) || !ok) expect(text).not.toContain('0812-PRIVATE');
        expect(text).not.toMatch(/passwordHash|scrypt\$/);
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
