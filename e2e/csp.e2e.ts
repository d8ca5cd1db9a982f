import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { seedDemo } from '../scripts/seed.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { launch } from './browser.js';

/**
 * Every screen under the hub's Content-Security-Policy, in chromium: each must come up (its own ready mark) with
 * no violation reported, neither as a securitypolicyviolation event nor in the console.
 */
let hub: Hub;
let url: string;
let browser: Browser;
let ticket: string;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  await seedDemo(hub.ctx, { count: 40, days: 7, now: new Date() });
  await seedAccounts(hub.ctx);
  ticket = String((await postReport(url, validReport(), [await photo()])).body.ticket);
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function contextAs(username: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (username) expect((await context.request.post(`${url}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } })).status()).toBe(200);
  return context;
}

/** Opens a screen, waits for it to be ready, and returns every CSP violation it reported. */
async function violations(context: BrowserContext, path: string, ready: string): Promise<string[]> {
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && logged.push(m.text()));
  const res = await page.goto(`${url}${path}`);
  expect(res?.headers()['content-security-policy'], path).toMatch(/frame-ancestors 'self'/);
  await page.waitForSelector(ready, { timeout: 90_000 }).catch((e: Error) => {
    throw new Error(`${path} never became ready (${ready}): ${e.message}`);
  });
  const seen = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  await page.close();
  return [...seen, ...logged];
}

const display = `display=${WALL_TOKEN}`;
const SCREENS: [who: string | null, path: string, ready: string][] = [
  [null, `/wall?${display}`, 'body[data-live="ready"]'],
  [null, `/wall/kamera?${display}`, 'body[data-cameras="ready"]'],
  [null, `/wall/kinerja?${display}`, 'body[data-kinerja="ready"]'],
  [null, `/wall/indikator?${display}`, 'body[data-indikator="ready"]'],
  [null, `/wall/layar?${display}`, '[data-testid="layar"]'],
  [null, `/wall/putar-ulang?${display}`, 'body[data-replay="ready"]'],
  ['supervisor', '/console', 'body[data-console="ready"]'],
  ['supervisor', '/console/kinerja', '[data-testid="performance-table"]'],
  ['supervisor', '/console/layar', '[data-testid="display-card"]'],
  ['supervisor', '/ringkas', '[data-testid="ringkas-agency"]'],
  ['admin', '/admin', 'body[data-admin="ready"]'],
  ['pengawas.dkp.1', '/field', 'body[data-field="ready"]'],
  [null, '/lapor', '[data-testid="lapor-form"]'],
  [null, '/lacak/TICKET', 'body[data-track="ready"]'],
];

describe('the Content-Security-Policy', () => {
  const contexts = new Map<string | null, BrowserContext>();
  afterAll(async () => {
    for (const c of contexts.values()) await c.close();
  });
  // One screen per test: each gets its own time on a busy machine, and a failure names the screen.
  for (const [who, path, ready] of SCREENS) {
    it(`lets ${path.split('?')[0]} come up with no violation`, async () => {
      if (!contexts.has(who)) contexts.set(who, await contextAs(who));
      expect(await violations(contexts.get(who)!, path.replace('TICKET', ticket), ready)).toEqual([]);
    });
  }

  it('refuses to be framed by another origin and sends the other headers', async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toMatch(/worker-src 'self' blob:/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
  });
});
