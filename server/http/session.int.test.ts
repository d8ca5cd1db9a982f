import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import { startTestHubOn, STORES } from '../testing/hub.js';
import { DEMO_PASSWORD } from '../../scripts/seed-accounts.js';

// A login page's first question must not be a failed request in the visitor's browser (the newcomer walk counts them).
describe.each(STORES)('GET /api/auth/session, on %s', (kind) => {
  let hub: Hub;
  let url: string;
  // The demo accounts' template: their passwords are hashed once per run.
  beforeAll(async () => ({ hub, url } = await startTestHubOn(kind, {}, { from: 'accounts' })));
  afterAll(() => hub?.close());

  it('answers a visitor who is not signed in with actor null, a signed-in one with who they are, a session the hub ended as no session', async () => {
    const anon = await fetch(`${url}/api/auth/session`);
    expect(anon.status).toBe(200);
    expect(await anon.json()).toEqual({ actor: null });

    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pengawas.dkp.1', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const me = (await (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).json()) as { actor: { role: string; agencyId: string } };
    expect(me.actor).toMatchObject({ role: 'field', agencyId: 'dkp' });

    await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    // Issue 16: a cookie naming a session the hub ended is no session (not a 401 that locks the person out).
    const ended = await fetch(`${url}/api/auth/session`, { headers: { cookie } });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ actor: null });
  });
});
