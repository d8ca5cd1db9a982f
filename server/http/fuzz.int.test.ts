import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { io as connect } from 'socket.io-client';
import { startTestHubOn, STORES, photo, postReport, validReport, WALL_TOKEN, type StoreKind } from '../testing/hub.js';
import { anyOf, junk, valid } from '../testing/arbitrary.js';
import { createAccount } from '../commands/accounts.js';
import { SYSTEM } from '../contract/roles.js';
import { NewReportFields } from '../contract/reports.js';
import { OperatorReportFields } from '../contract/intake.js';
import { ActionInput, QueueQuery } from '../contract/console.js';
import { LoginInput, NewAccount, ResetPassword } from '../contract/accounts.js';
import { FieldStep, ProofFields, ReopenFields } from '../contract/field.js';
import { PushInput, ValueInput } from '../contract/indicators.js';
import { AssignLayout } from '../contract/layouts.js';
import { NewApiClient } from '../contract/api-clients.js';
import { SyncInput } from '../realtime/inputs.js';
import type { Hub } from '../hub.js';

/**
 * The hub's edge under a property-based fuzzer: bodies, queries, headers, cookies and socket payloads made from the
 * zod contracts, valid and broken, against a real hub. Whatever comes in: never a 5xx, the process keeps running,
 * and every refusal is a 4xx in the hub's own shape whose message names the field it refuses.
 *
 * A fixed seed and a bounded run inside `npm test`; `npm run fuzz` runs many more (PANTAU_FUZZ_RUNS, and
 * PANTAU_FUZZ_SEED=random for a new seed each time; the seed is printed so a failure can be replayed).
 */
const RUNS = Number(process.env.PANTAU_FUZZ_RUNS ?? 10);
const SEED = process.env.PANTAU_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.PANTAU_FUZZ_SEED ?? 16_016);
const PASSWORD = 'fuzz-password-2026';
const TIMEOUT = Math.max(120_000, RUNS * 6_000);
// The bounded run reports the first failure as found; the long run shrinks it to the smallest input.
const params = (runs = RUNS) => ({ seed: SEED, numRuns: Math.max(1, Math.round(runs)), endOnFailure: !process.env.PANTAU_FUZZ_RUNS });

let hub: Hub;
let url: string;
const cookies: Record<'operator' | 'field' | 'admin' | 'supervisor', string> = { operator: '', field: '', admin: '', supervisor: '' };
let reportId = 0;
let ticket = '';
let displayId = '';

/** A fresh hub on either store, its staff signed in and a report filed: what the properties aim at. */
async function start(kind: StoreKind) {
  ({ hub, url } = await startTestHubOn(kind));
  const people = [
    ['operator', 'operator.dkp', 'operator', 'dkp'],
    ['field', 'pengawas.dkp.1', 'field', 'dkp'],
    ['admin', 'admin', 'admin', null],
    ['supervisor', 'supervisor', 'supervisor', null],
  ] as const;
  for (const [key, username, role, agencyId] of people) {
    await createAccount(hub.ctx, SYSTEM, { username, name: `Uji ${username}`, role, agencyId, password: PASSWORD });
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    cookies[key] = res.headers.get('set-cookie')!.split(';')[0];
  }
  const filed = await postReport(url, validReport(), [await photo()]);
  reportId = Number(filed.body.id);
  ticket = String(filed.body.ticket);
  displayId = String(((await (await fetch(`${url}/api/displays`, { headers: { cookie: cookies.supervisor } })).json()) as { displays: { id: string }[] }).displays[0].id);
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property, on ${kind}`);
}

/** Ids as a stranger writes them in a path. */
const idInPath = () => fc.oneof(fc.constant(String(reportId)), fc.constantFrom('0', '-1', '0x1', '1.0', '1e3', 'abc', '99999999999999999999', '%E0', '%00', '..', ' 1'), fc.integer().map(String));

type Body = { as: 'json' | 'multipart' | 'form'; value: unknown } | null;

function encode(b: Body): { body?: BodyInit; headers: Record<string, string> } {
  if (!b) return { headers: {} };
  if (b.as === 'json') return { body: JSON.stringify(b.value) ?? 'null', headers: { 'content-type': 'application/json' } };
  const entries: [string, unknown][] = b.value && typeof b.value === 'object' && !Array.isArray(b.value) ? Object.entries(b.value as Record<string, unknown>) : [['value', b.value]];
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === undefined ? undefined : (JSON.stringify(v) ?? String(v)));
  if (b.as === 'form') {
    const p = new URLSearchParams();
    for (const [k, v] of entries) if (text(v) !== undefined) p.append(k, text(v)!);
    return { body: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  const fd = new FormData();
  for (const [k, v] of entries) {
    if (k === 'photos' && v instanceof Uint8Array) fd.append('photos', new Blob([new Uint8Array(v)], { type: 'image/jpeg' }), 'foto.jpg');
    else if (text(v) !== undefined) fd.append(k, text(v)!);
  }
  return { body: fd, headers: {} };
}

function queryOf(v: unknown): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `?q=${encodeURIComponent(String(v))}`;
  const p = new URLSearchParams();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) p.append(k, typeof x === 'string' ? x : JSON.stringify(x) ?? '');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The hub's answer to anything: below 500, and a refusal says what it refuses. */
async function expectSound(label: string, res: Response) {
  const text = await res.text();
  const where = `${label} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return;
  const open311 = label.includes('/open311/');
  const body = JSON.parse(text) as Record<string, unknown> | { code: number; description: string }[];
  if (open311) {
    const [e] = body as { code: number; description: string }[];
    expect(e.code, where).toBe(res.status);
    if (res.status === 400) expect(e.description, where).toMatch(/^[\w.[\]-]+: /);
    return;
  }
  const b = body as { error?: unknown; field?: unknown; message?: unknown };
  expect(typeof b.error, where).toBe('string');
  expect(typeof b.message, where).toBe('string');
  if ([400, 413, 415, 422].includes(res.status)) {
    expect(typeof b.field, where).toBe('string');
    expect(b.message, where).toContain(String(b.field));
  }
}

async function hubAlive() {
  const res = await fetch(`${url}/api/health`);
  expect(res.status).toBe(200);
}

type Caller = keyof typeof cookies | 'none';
/** share: of the runs per property; a route that hashes a password (scrypt, on purpose slow) gets a few. */
type Target = { name: string; method: string; path: fc.Arbitrary<string>; caller: Caller; body?: fc.Arbitrary<Body>; share?: number };

const json = (schema: z.ZodType) => anyOf(schema).map((value): Body => ({ as: 'json', value }));
const multipart = (schema: z.ZodType, withPhoto = false) =>
  fc.tuple(anyOf(schema), withPhoto ? fc.constantFrom<'none' | 'junk' | 'photo'>('none', 'junk', 'photo') : fc.constant('none' as const))
    .map(([value, p]): Body => ({ as: 'multipart', value: p === 'none' || !value || typeof value !== 'object' ? value : { ...value, photos: p === 'junk' ? new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]) : PHOTO } }));
let PHOTO = new Uint8Array();

// Query shapes of the read routes, as their routers parse them (stats.ts, replay.ts, gaps.ts, Open311).
const WibDate = z.string().regex(/^\d{4}-\d\d-\d\d$/);
const RangeQuery = z.object({ from: WibDate.optional(), to: WibDate.optional(), days: z.number().int().min(1).max(400).optional() });
const ReplayQuery = z.object({ date: WibDate.optional(), from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });
const GapsQuery = z.object({ from: z.iso.datetime(), to: z.iso.datetime().optional() });
const Open311Query = z.object({
  service_code: z.enum(['sampah', 'banjir', 'pju', 'nope']).optional(), status: z.enum(['open', 'closed']).optional(), start_date: z.iso.datetime().optional(),
  end_date: z.iso.datetime().optional(), page: z.number().int().min(1).max(1000).optional(), page_size: z.number().int().min(1).max(1000).optional(),
  service_request_id: z.string().max(40).optional(), extensions: z.enum(['true', 'false']).optional(),
});
const Open311Post = z.object({
  api_key: z.string().max(60), service_code: z.enum(['sampah', 'banjir', 'pju', 'nope']), lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180),
  description: z.string().max(4000), address_string: z.string().max(100).optional(), email: z.string().max(60).optional(), first_name: z.string().max(60).optional(),
});

const q = (path: string, schema: z.ZodType) => anyOf(schema).map((v) => `${path}${queryOf(v)}`);
const TARGETS: () => Target[] = () => [
  { name: 'POST /api/reports', method: 'POST', path: fc.constant('/api/reports'), caller: 'none', body: multipart(NewReportFields.extend({ clientId: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/).optional() }), true) },
  { name: 'POST /api/console/reports', method: 'POST', path: fc.constant('/api/console/reports'), caller: 'operator', body: json(OperatorReportFields) },
  { name: 'POST /api/console/reports/:id/actions', method: 'POST', path: idInPath().map((id) => `/api/console/reports/${id}/actions`), caller: 'operator', body: json(ActionInput) },
  { name: 'GET /api/console/reports', method: 'GET', path: q('/api/console/reports', QueueQuery), caller: 'supervisor' },
  { name: 'GET /api/console/reports/:id', method: 'GET', path: idInPath().map((id) => `/api/console/reports/${id}`), caller: 'operator' },
  { name: 'POST /api/auth/login', method: 'POST', path: fc.constant('/api/auth/login'), caller: 'none', body: json(LoginInput), share: 0.3 },
  { name: 'POST /api/admin/accounts', method: 'POST', path: fc.constant('/api/admin/accounts'), caller: 'admin', body: json(NewAccount), share: 0.5 },
  // Only ids no one has: a fuzzed reset of a real account would end the sessions this suite runs on.
  { name: 'POST /api/admin/accounts/:id/password', method: 'POST', path: fc.constantFrom('nobody', '%E0', '0', '..').map((id) => `/api/admin/accounts/${id}/password`), caller: 'admin', body: json(ResetPassword), share: 0.3 },
  { name: 'POST /api/admin/api-clients', method: 'POST', path: fc.constant('/api/admin/api-clients'), caller: 'admin', body: json(NewApiClient) },
  { name: 'POST /api/field/jobs/:id/accept', method: 'POST', path: idInPath().map((id) => `/api/field/jobs/${id}/accept`), caller: 'field', body: json(FieldStep) },
  { name: 'POST /api/field/jobs/:id/proof', method: 'POST', path: idInPath().map((id) => `/api/field/jobs/${id}/proof`), caller: 'field', body: multipart(ProofFields, true) },
  { name: 'POST /api/track/:ticket/reopen', method: 'POST', path: fc.constantFrom(ticket, 'TNG-2026-999999', '%E0', 'x').map((t) => `/api/track/${t}/reopen`), caller: 'none', body: multipart(ReopenFields) },
  { name: 'POST /api/indicators/values', method: 'POST', path: fc.constant('/api/indicators/values'), caller: 'supervisor', body: json(ValueInput) },
  { name: 'POST /api/indicators/push', method: 'POST', path: fc.constant('/api/indicators/push'), caller: 'supervisor', body: json(PushInput) },
  { name: 'PUT /api/displays/:id/layout', method: 'PUT', path: fc.constantFrom(displayId, 'nobody', '%E0').map((id) => `/api/displays/${id}/layout`), caller: 'supervisor', body: json(AssignLayout) },
  { name: 'GET /api/stats', method: 'GET', path: q('/api/stats', RangeQuery), caller: 'supervisor' },
  { name: 'GET /api/stats/agencies.csv', method: 'GET', path: q('/api/stats/agencies.csv', RangeQuery), caller: 'supervisor' },
  { name: 'GET /api/console/audit.csv', method: 'GET', path: q('/api/console/audit.csv', RangeQuery), caller: 'supervisor' },
  { name: 'GET /api/replay', method: 'GET', path: q('/api/replay', ReplayQuery), caller: 'supervisor' },
  { name: 'GET /api/stats/gaps', method: 'GET', path: q('/api/stats/gaps', GapsQuery), caller: 'supervisor' },
  { name: 'GET /open311/v2/requests.json', method: 'GET', path: q('/open311/v2/requests.json', Open311Query), caller: 'none' },
  { name: 'POST /open311/v2/requests.json', method: 'POST', path: fc.constant('/open311/v2/requests.json'), caller: 'none', body: anyOf(Open311Post).map((value): Body => ({ as: 'form', value })) },
];

describe.each(STORES)('on %s', (kind) => {
  beforeAll(() => start(kind), 60_000);
  afterAll(() => hub.close());

  describe('the edge, fuzzed from the contracts', () => {
    beforeAll(async () => {
      PHOTO = new Uint8Array(await photo());
    });

    it('every route answers every body and query below 500, naming the field it refuses', async () => {
      for (const t of TARGETS()) {
        const t0 = performance.now();
        await fc.assert(
          fc.asyncProperty(t.path, t.body ?? fc.constant(null), async (path, body) => {
            const { body: payload, headers } = encode(body);
            const res = await fetch(`${url}${path}`, { method: t.method, body: payload, headers: { ...headers, ...(t.caller === 'none' ? {} : { cookie: cookies[t.caller] }) } });
            await expectSound(`${t.method} ${path}`, res);
          }),
          params(RUNS * (t.share ?? 1)),
        ).finally(() => process.env.PANTAU_FUZZ_RUNS && console.log(`fuzz ${t.name}: ${Math.round(performance.now() - t0)} ms`));
      }
      await hubAlive();
    }, TIMEOUT);

    it('no header, cookie or credential a stranger sends makes a 5xx', async () => {
      const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,80}$/), fc.constantFrom('%E0', '%', '%%', '"', ';', '=', '\t'));
      const cookie = fc.oneof(
        headerValue,
        headerValue.map((v) => `pantau_session=${v}`),
        fc.constantFrom('pantau_session=%E0', 'pantau_session=%E0%A4%A', 'pantau_session=; pantau_session=x', `${cookies.operator}; pantau_session=%E0`),
      );
      const authorization = fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`), fc.constantFrom(`Bearer ${WALL_TOKEN}`, 'Bearer pk_', 'Basic Og=='));
      const contentType = fc.oneof(headerValue, fc.constantFrom('application/json', 'multipart/form-data', 'multipart/form-data; boundary=', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-7'));
      const route = fc.constantFrom(
        ['GET', '/api/health'], ['GET', '/api/profile'], ['GET', '/api/auth/me'], ['POST', '/api/auth/logout'], ['POST', '/api/auth/login'],
        ['GET', '/api/console/reports'], ['POST', '/api/reports'], ['POST', '/api/console/reports'], ['GET', `/api/reports/${ticket}`], ['GET', '/api/cameras'],
        ['GET', '/open311/v2/services.json'], ['POST', '/open311/v2/requests.json'], ['GET', '/api/indicators'],
      );
      await fc.assert(
        fc.asyncProperty(route, fc.record({ cookie, authorization, 'content-type': contentType, origin: headerValue }, { requiredKeys: [] }), fc.option(junk), async ([method, path], headers, body) => {
          const res = await fetch(`${url}${path}`, { method, headers: headers as Record<string, string>, body: method === 'GET' || body === null ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
          await expectSound(`${method} ${path} ${JSON.stringify(headers)}`, res);
        }),
        params(RUNS * 3),
      );
      await hubAlive();
    }, TIMEOUT);

    it('no handshake or socket payload takes the hub down', async () => {
      const auth = fc.oneof(valid(z.object({ display: z.string(), storeId: z.string().nullable(), seq: z.number().int() }).partial()), fc.constant({ display: WALL_TOKEN }), junk.map((j) => ({ display: j, seq: j })));
      const cookie = fc.oneof(fc.constant(undefined), fc.constantFrom('pantau_session=%E0', cookies.supervisor, `${cookies.supervisor}; pantau_session=%E0`, 'pantau_session=x'));
      const emit = fc.array(fc.tuple(fc.oneof(fc.constant('live.sync'), fc.string({ maxLength: 20 })), anyOf(SyncInput)), { maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(auth, cookie, emit, async (a, c, sends) => {
          const socket = connect(url, { transports: ['websocket'], reconnection: false, auth: a as Record<string, unknown>, extraHeaders: c ? { cookie: c } : {} });
          const opened = await new Promise<boolean>((resolve) => {
            socket.once('connect', () => resolve(true));
            socket.once('connect_error', () => resolve(false));
          });
          if (opened) {
            const call = (event: string, payload: unknown) =>
              Promise.race([
                new Promise<unknown>((resolve) => socket.emit(event as 'live.sync', payload as never, resolve as never)),
                new Promise<unknown>((resolve) => socket.once('disconnect', () => resolve('disconnected'))),
              ]);
            for (const [event, payload] of sends) {
              if (event !== 'live.sync') {
                socket.emit(event as 'live.sync', payload as never); // an event the hub does not know: ignored
                continue;
              }
              const ack = (await call(event, payload)) as { ok: boolean; error?: { code: string; field?: string; message: string } } | 'disconnected';
              if (ack === 'disconnected') break;
              // Every call is answered: a catch-up, or a refusal that names the field; never the hub's own failure.
              if (!ack.ok) {
                expect(ack.error!.code).not.toBe('internal');
                if (ack.error!.code === 'invalid') expect(typeof ack.error!.field).toBe('string');
              }
            }
            // The socket still answers after all that (its events are handled in order).
            const last = (await call('live.sync', { storeId: null, seq: 0 })) as { ok: boolean } | 'disconnected';
            if (last !== 'disconnected') expect(last.ok).toBe(true);
          }
          socket.close();
          await hubAlive();
        }),
        params(),
      );
    }, TIMEOUT);
  });
});
