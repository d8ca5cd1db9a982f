import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';

let hub: Hub;
let url: string;

const login = async (username: string, cookie?: string) => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
};
const call = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });

/** Waits for a socket's first connect or connect_error; whichever comes tells how the hub answered the handshake. */
function handshake(cookie: string): Promise<{ connected: boolean; code?: string }> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  return new Promise((resolve) => {
    socket.once('connect', () => (socket.close(), resolve({ connected: true })));
    socket.once('connect_error', (e) => (socket.close(), resolve({ connected: false, code: (e as { data?: { code?: string } }).data?.code })));
  });
}

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
}, 60_000);
afterAll(() => hub.close());

describe('an unreadable cookie is no session', () => {
  const BAD = 'pantau_session=%E0';

  it('refuses a socket handshake with it and the hub stays up', async () => {
    expect(await handshake(BAD)).toEqual({ connected: false, code: 'unauthenticated' });
    expect(await handshake(`${BAD}; other=%zz`)).toEqual({ connected: false, code: 'unauthenticated' });
    const health = await fetch(`${url}/api/health`, { headers: { cookie: BAD } });
    expect(health.status).toBe(200);
  });

  it('answers every public route over HTTP as for no cookie', async () => {
    expect((await fetch(`${url}/api/health`, { headers: { cookie: BAD } })).status).toBe(200);
    expect((await fetch(`${url}/api/profile`, { headers: { cookie: BAD } })).status).toBe(200);
    expect((await call('GET', '/api/auth/me', BAD)).status).toBe(401);
    const r = await login('operator.dkp', BAD);
    expect(r.status).toBe(200);
    expect((await call('GET', '/api/auth/me', r.cookie)).status).toBe(200);
  });
});

describe('a stale session cookie locks nobody out', () => {
  const adminCookie = async () => (await login('admin')).cookie;
  const accountId = (username: string) => hub.ctx.store.accounts.byUsername(username)!.id;

  /** What a browser still holding the old cookie must be able to do: file and follow a report, log in, log out. */
  async function stillWorks(stale: string, username: string) {
    expect((await call('GET', '/api/auth/me', stale)).status).toBe(401);
    const filed = await postReport(url, validReport(), [await photo()], { cookie: stale });
    expect(filed.status).toBe(201);
    expect((await call('GET', `/api/reports/${String(filed.body.ticket)}`, stale)).status).toBe(200);
    const out = await call('POST', '/api/auth/logout', stale);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/pantau_session=;/);
    const again = await login(username, stale);
    expect(again.status).toBe(200);
    expect(again.cookie).not.toBe(stale);
    expect((await call('GET', '/api/auth/me', again.cookie)).status).toBe(200);
  }

  it('after a password reset', async () => {
    const stale = (await login('operator.dishub')).cookie;
    const admin = await adminCookie();
    expect((await call('POST', `/api/admin/accounts/${accountId('operator.dishub')}/password`, admin, { password: DEMO_PASSWORD })).status).toBe(200);
    await stillWorks(stale, 'operator.dishub');
  });

  it('after the account was disabled and enabled again', async () => {
    const stale = (await login('pengawas.dkp.1')).cookie;
    const admin = await adminCookie();
    const id = accountId('pengawas.dkp.1');
    expect((await call('POST', `/api/admin/accounts/${id}/disable`, admin)).status).toBe(200);
    expect((await call('POST', `/api/admin/accounts/${id}/enable`, admin)).status).toBe(200);
    await stillWorks(stale, 'pengawas.dkp.1');
  });

  it('after the session ended on the hub', async () => {
    const stale = (await login('supervisor')).cookie;
    expect((await call('POST', '/api/auth/logout', stale)).status).toBe(204);
    await stillWorks(stale, 'supervisor');
  });
});
