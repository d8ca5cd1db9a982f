import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { startTestHub } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { launch } from './browser.js';

/**
 * The attacks found in issue 16, in a real browser: a page served from another port of the same host (same site,
 * so SameSite=Lax still sends the session cookie) submits a form to the hub. Both must be refused and change nothing.
 */
let hub: Hub;
let url: string;
let browser: Browser;
let attacker: Server;
let attackerUrl: string;
let page = '';

beforeAll(async () => {
  ({ hub, url } = await startTestHub());
  await seedAccounts(hub.ctx);
  browser = await launch();
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  attacker?.close();
  await hub?.close();
});

async function loggedIn(username: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const r = await context.request.post(`${url}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(r.status()).toBe(200);
  return context;
}

/** Serves a self-submitting form on the attacker's port, opens it, and returns the hub's answer to the form. */
async function submitFrom(context: BrowserContext, form: string): Promise<{ status: number; body: string }> {
  page = `<!doctype html><body>${form}<script>document.forms[0].submit()</script></body>`;
  const tab = await context.newPage();
  const answer = tab.waitForResponse((r) => r.url().startsWith(url) && r.request().method() === 'POST');
  await tab.goto(attackerUrl);
  const res = await answer;
  const out = { status: res.status(), body: await res.text() };
  await tab.close();
  return out;
}

describe('a page on another port of the same host', () => {
  it('cannot disable an account with a text/plain form POST', async () => {
    const context = await loggedIn('admin');
    const victim = hub.ctx.store.accounts.byUsername('operator.dkp')!;
    const r = await submitFrom(context, `<form method="POST" enctype="text/plain" action="${url}/api/admin/accounts/${victim.id}/disable"><input name="x" value="y"></form>`);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'forbidden', field: 'origin' });
    expect(hub.ctx.store.accounts.get(victim.id)!.disabled).toBe(false);
    // The same session from the hub's own origin still works: the refusal is about where the request came from.
    const own = await context.request.post(`${url}/api/admin/accounts/${victim.id}/disable`, { headers: { origin: url } });
    expect(own.status()).toBe(200);
    await context.request.post(`${url}/api/admin/accounts/${victim.id}/enable`, { headers: { origin: url } });
    await context.close();
  });

  it('cannot file a console report with a multipart form', async () => {
    const context = await loggedIn('operator.dkp');
    const before = hub.ctx.store.events.headSeq();
    const fields = { channel: 'phone', reporterContact: '0812-0000-1111', category: 'sampah', description: 'Laporan palsu dari situs lain', lat: '-6.1789', lon: '106.6312' };
    const inputs = Object.entries(fields).map(([k, v]) => `<input name="${k}" value="${v}">`).join('');
    const r = await submitFrom(context, `<form method="POST" enctype="multipart/form-data" action="${url}/api/console/reports">${inputs}</form>`);
    expect(r.status).toBe(403);
    expect(hub.ctx.store.events.headSeq()).toBe(before);
    await context.close();
  });
});
