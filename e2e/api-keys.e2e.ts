import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { startTestHub } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { Open311Client } from '../server/testing/open311-client.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('an admin gives a partner system an Open311 key', () => {
  it('creates it (shown once), the partner files with it, the admin revokes it and the partner is refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/admin`);
    await page.fill('[data-testid="login-username"]', 'admin');
    await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="api-clients"]', { timeout: 30_000 });

    await page.fill('[data-testid="api-client-name"]', 'SP4N-LAPOR Kota Tangerang');
    await page.click('[data-testid="api-client-create"]');
    const key = (await page.textContent('[data-testid="api-client-key-value"]', { timeout: 15_000 }))!.trim();
    expect(key).toMatch(/^pk_/);
    await page.locator('[data-testid="api-clients"]').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="api-clients"]').screenshot({ path: join(ARTIFACTS, 'admin-api-keys.png') });

    const partner = new Open311Client({ endpoint: `${url}/open311/v2`, jurisdiction: 'tangerang', apiKey: key });
    const filed = await partner.submitRequest({ service_code: 'jalan-rusak', lat: '-6.1789', long: '106.6312', description: 'Jalan berlubang dari SP4N-LAPOR' });
    expect(filed.status).toBe(201);

    // After a reload the key is gone for good: only its first characters are listed.
    await page.reload();
    await page.waitForSelector('[data-testid="api-client-row"]');
    expect(await page.content()).not.toContain(key);
    expect(await page.textContent('[data-testid="api-client-row"]')).toContain(key.slice(0, 9));

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="api-client-revoke"]');
    await page.waitForSelector('[data-testid="api-client-row"][data-revoked="true"]');
    const refused = await partner.submitRequest({ service_code: 'jalan-rusak', lat: '-6.1789', long: '106.6312', description: 'Sesudah dicabut' });
    expect(refused.status).toBe(403);
    await page.locator('[data-testid="api-clients"]').screenshot({ path: join(ARTIFACTS, 'admin-api-keys-revoked.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('an integrator reads the API docs', () => {
  it('opens /api/docs: the page renders from the hub alone, with no console error and no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    // Offline is the point: anything asked of another origin is refused here and fails the test.
    await page.route('**/*', (r) => (r.request().url().startsWith(url) ? r.continue() : (elsewhere.push(r.request().url()), r.abort())));
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${url}/api/docs`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pantau LIVE Room API');
    const push = page.locator('[data-path="/api/indicators/push"][data-method="post"]');
    expect(await push.isVisible()).toBe(true);
    expect(await push.textContent()).toContain('indicators');
    expect(await page.getByRole('link', { name: '/api/openapi.json' }).isVisible()).toBe(true);
    await push.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png') });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});
