import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { Open311Client } from '../testing/open311-client.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { createApiClient } from '../commands/api-clients.js';
import { SYSTEM } from '../contract/roles.js';

// A hub with small limits, so a flood is reached in a few requests. This hub is told to trust X-Forwarded-For from
// loopback (PANTAU_TRUST_PROXY=loopback: a reverse proxy on the same machine), which is how these tests stand for
// citizens at different addresses; by default the hub trusts no proxy.
let hub: Hub;
let url: string;
const LIMIT = 3;

const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });
const loginAttempt = (username: string, password: string, ip: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...fromIp(ip) }, body: JSON.stringify({ username, password }) });

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ trustProxy: 'loopback', rateLimits: { reportsPer10Min: LIMIT, open311PerMin: LIMIT, loginFailsPer15Min: 2 * LIMIT, loginFailsPerUser15Min: LIMIT } }, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
}, 60_000);
afterAll(() => hub.close());

describe('flood limits', () => {
  it('stops one address flooding the citizen form while another address still files', async () => {
    const flood = [];
    for (let i = 0; i < LIMIT + 2; i++) flood.push(await postReport(url, validReport({ description: `Banjir iklan ${i} spam spam` }), [await photo()], fromIp('10.1.1.1')));
    expect(flood.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(201));
    const limited = flood[LIMIT];
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited', field: 'rate' });
    expect(String(limited.body.message)).toMatch(/too many reports from this source; try again in \d+ minute/);
    const genuine = await postReport(url, validReport({ description: 'Sampah menumpuk di Jl. Merdeka' }), [await photo()], fromIp('10.2.2.2'));
    expect(genuine.status).toBe(201);
    // What the flood did not get through was not filed.
    expect(hub.ctx.store.reports.queuePage({}, { limit: 100 }).filter((r) => r.description.startsWith('Banjir iklan'))).toHaveLength(LIMIT);
  });

  it('counts a staff member filing for citizens by account, not by the room\'s shared address', async () => {
    const login = await loginAttempt('operator.dkp', DEMO_PASSWORD, '10.1.1.1');
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const r = await postReport(url, validReport({ channel: 'phone', description: 'Telepon warga: sampah di pasar' }), [await photo()], { ...fromIp('10.1.1.1'), cookie });
    expect(r.status).toBe(201);
  });

  it('limits one Open311 key while another key keeps filing, in the spec\'s error format', async () => {
    const a = await createApiClient(hub.ctx, SYSTEM, { name: 'Aplikasi A', scopes: ['open311'] });
    const b = await createApiClient(hub.ctx, SYSTEM, { name: 'Aplikasi B', scopes: ['open311'] });
    if (!a.ok || !b.ok) throw new Error('keys');
    const clientA = new Open311Client({ endpoint: `${url}/open311/v2`, apiKey: a.value.key });
    const clientB = new Open311Client({ endpoint: `${url}/open311/v2`, apiKey: b.value.key, format: 'xml' });
    const sent = [];
    for (let i = 0; i < LIMIT + 1; i++) sent.push(await clientA.submitRequest({ service_code: 'sampah', lat: '-6.1789', long: '106.6312', description: `Kiriman ${i}` }));
    expect(sent.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(201));
    expect(sent[LIMIT].status).toBe(429);
    expect(JSON.parse(sent[LIMIT].text)).toEqual([{ code: 429, description: `too many requests from this api_key; at most ${LIMIT} a minute. Nothing was saved.` }]);
    const other = await clientB.submitRequest({ service_code: 'sampah', lat: '-6.1789', long: '106.6312', description: 'Dari aplikasi lain' });
    expect(other.status).toBe(201);
    // Reading is not limited by the key's filing budget.
    expect((await clientA.serviceRequests()).status).toBe(200);
  });

  it('stops guessing one account’s password, while the rest of the office behind the same address logs in', async () => {
    const tries = [];
    for (let i = 0; i < LIMIT + 1; i++) tries.push((await loginAttempt('admin', `salah-${i}-password`, '10.9.9.9')).status);
    expect(tries).toEqual([...Array(LIMIT).fill(401), 429]);
    // That username waits, from any address: guessing it from many places gets no further.
    expect((await loginAttempt('admin', DEMO_PASSWORD, '10.9.9.9')).status).toBe(429);
    expect((await loginAttempt('Admin ', DEMO_PASSWORD, '10.8.8.8')).status).toBe(429);
    // The office's other people, behind the same NAT address, are not locked out by one person's typos.
    expect((await loginAttempt('supervisor', DEMO_PASSWORD, '10.9.9.9')).status).toBe(200);
    for (let i = 0; i < LIMIT + 2; i++) expect((await loginAttempt('operator.dkp', DEMO_PASSWORD, '10.7.7.7')).status).toBe(200);
  });

  it('stops one address guessing many accounts, at a higher limit', async () => {
    const users = ['operator.dishub', 'operator.bpbd', 'operator.dinkes', 'operator.satpolpp', 'operator.dbmsda', 'pengawas.dkp.1', 'pengawas.dkp.2'];
    const tries = [];
    for (const u of users) tries.push((await loginAttempt(u, 'tebakan-salah-1', '10.6.6.6')).status);
    expect(tries).toEqual([...Array(2 * LIMIT).fill(401), 429]);
    expect((await loginAttempt('operator.dishub', DEMO_PASSWORD, '10.5.5.5')).status).toBe(200);
  });
});

describe('proxy trust', () => {
  it('is off by default: X-Forwarded-For does not choose the address the limits count', async () => {
    const { hub: plain, url: plainUrl } = await startTestHub({ rateLimits: { reportsPer10Min: LIMIT, open311PerMin: LIMIT, loginFailsPer15Min: LIMIT, loginFailsPerUser15Min: 1000 } });
    try {
      await seedAccounts(plain.ctx);
      const attempt = (i: number) =>
        fetch(`${plainUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` }, body: JSON.stringify({ username: `nobody${i}`, password: 'salah-password-x' }) });
      const statuses = [];
      for (let i = 0; i < LIMIT + 1; i++) statuses.push((await attempt(i)).status);
      expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    } finally {
      await plain.close();
    }
  });
});

describe('a retry of the citizen form never files twice', () => {
  it('answers the same ticket and private link for the same clientId, and files one report', async () => {
    const clientId = 'lapor-0c3f9a1e7b2d4c5f8a6e';
    const fields = validReport({ description: 'Lubang besar di Jl. Gatot Subroto', clientId });
    const first = await postReport(url, fields, [await photo()], fromIp('10.3.3.3'));
    expect(first.status).toBe(201);
    // The answer was lost on a slow network; the phone sends the same submission again.
    const retry = await postReport(url, fields, [await photo()], fromIp('10.3.3.3'));
    expect(retry.status).toBe(200);
    expect(retry.body.ticket).toBe(first.body.ticket);
    expect(retry.body.trackUrl).toBe(first.body.trackUrl);
    expect(hub.ctx.store.reports.queuePage({}, { limit: 500 }).filter((r) => r.description === 'Lubang besar di Jl. Gatot Subroto')).toHaveLength(1);
    // The private link (derived from the clientId, never stored) is the report's real key.
    const key = new URL(String(first.body.trackUrl), url).searchParams.get('k')!;
    const { holdsTrackKey } = await import('../domain/tracking.js');
    expect(holdsTrackKey(hub.ctx.store.reports.getByTicket(String(first.body.ticket))!, key)).toBe(true);
  });

  it('refuses a malformed clientId, naming it', async () => {
    const r = await postReport(url, validReport({ clientId: 'x y' }), [await photo()], fromIp('10.4.4.4'));
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('clientId');
  });
});
