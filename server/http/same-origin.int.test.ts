import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { createApiClient } from '../commands/api-clients.js';

let hub: Hub;
let url: string;
let admin: string;
const PUBLIC = 'https://pantau.example.go.id';

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ publicOrigins: [PUBLIC] }, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  admin = res.headers.get('set-cookie')!.split(';')[0];
}, 60_000);
afterAll(() => hub.close());

const createAccount = (headers: Record<string, string>, username: string) =>
  fetch(`${url}/api/admin/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, name: 'Petugas Uji', role: 'operator', agencyId: 'dkp', password: 'a-long-password-2026' }),
  });

describe('a cookie-borne change must come from our own pages', () => {
  it('refuses another origin or site with 403 naming origin, and lets our own pages, curl and the public origin through', async () => {
    const foreign = await createAccount({ cookie: admin, origin: 'http://127.0.0.1:1' }, 'uji.satu');
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: 'forbidden', field: 'origin' });
    expect((await createAccount({ cookie: admin, 'sec-fetch-site': 'same-site' }, 'uji.satu')).status).toBe(403);
    expect(hub.ctx.store.accounts.byUsername('uji.satu')).toBeNull();

    expect((await createAccount({ cookie: admin, origin: url, 'sec-fetch-site': 'same-origin' }, 'uji.dua')).status).toBe(201);
    expect((await createAccount({ cookie: admin }, 'uji.tiga')).status).toBe(201);
    expect((await createAccount({ cookie: admin, origin: PUBLIC, 'sec-fetch-site': 'same-origin' }, 'uji.empat')).status).toBe(201);
  });

  it('leaves reads and bearer keys alone', async () => {
    expect((await fetch(`${url}/api/admin/accounts`, { headers: { cookie: admin, origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
    const key = await createApiClient(hub.ctx, { id: 'system', role: 'system' } as never, { name: 'SPSE', scopes: ['indicators'] });
    expect(key.ok).toBe(true);
    const push = await fetch(`${url}/api/indicators/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(key as { value: { key: string } }).value.key}`, origin: 'https://spse.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ values: [] }),
    });
    expect(push.status).not.toBe(403);
  });

  it('opens a staff live stream on a session only from our own pages', async () => {
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const s = connect(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: admin, origin } });
        s.once('connect', () => (s.close(), resolve('connected')));
        s.once('connect_error', (e) => (s.close(), resolve((e as { data?: { code?: string } }).data?.code ?? e.message)));
      });
    expect(await open('http://127.0.0.1:1')).toBe('forbidden');
    expect(await open(url)).toBe('connected');
  });
});
