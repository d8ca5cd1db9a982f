import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { sweepDeadlines } from '../server/commands/deadline-sweep.js';
import { periodOf } from '../server/domain/indicators.js';
import { loadCity } from '../server/profile/load.js';
import { DARK_CAMERA } from '../server/testing/templates.js';
import { DEMO_PASSWORD } from '../scripts/seed-accounts.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';

// The demo city seeded once per run: reports, a year of indicator figures, one camera dark (an outage for the phone).
const city = loadCity('tangerang');
const clock = { t: Date.now() };
const e2e = useE2e({ from: 'demo', now: () => new Date(clock.t) });

beforeAll(async () => {
  await sweepDeadlines(e2e.hub.ctx, 5000);
  expect(e2e.hub.ctx.store.cameras.get(DARK_CAMERA)?.health).toBe('offline');
});

async function login(username: string): Promise<string> {
  const { name, value } = await e2e.session(username);
  return `${name}=${value}`;
}

const openWall = (size: { width: number; height: number }): Promise<Page> => e2e.wall('/wall/indikator', 'body[data-indikator="ready"]', size);

const tile = (page: Page, id: string) => page.locator(`[data-testid="ind-tile"][data-indicator="${id}"]`);

describe('the indicators wall', () => {
  it('shows every agency with budget and procurement tiles, the league and the projects at 1080p, without scrolling', async () => {
    const page = await openWall({ width: 1920, height: 1080 });
    expect(await page.locator('[data-testid="ind-card"]').count()).toBe(city.profile.agencies.length);
    expect(await page.locator('[data-testid="ind-league"] tr').count()).toBe(city.profile.agencies.length);
    expect(await tile(page, 'dkp.anggaran').getAttribute('data-status')).toMatch(/on_track|at_risk|off_track/);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    // Every tile fits in its card: nothing cut off at the bottom of the screen.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="ind-card"]')].some((c) => c.scrollHeight > c.clientHeight + 1 || c.getBoundingClientRect().bottom > window.innerHeight),
    );
    expect(overflow).toBe(false);
    const projects = await page.evaluate(
      () => (window as unknown as { __pantauIndicatorsMap?: import('maplibre-gl').Map }).__pantauIndicatorsMap?.queryRenderedFeatures({ layers: ['indicator-projects-circle'] }).length ?? -1,
    );
    expect(projects).toBe(city.profile.projects.length);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-indikator-1080p.png') });
    await page.close();
  });

  it("updates a tile live when another system pushes a value", async () => {
    const page = await openWall({ width: 1920, height: 1080 });
    const before = await tile(page, 'dinkes.anggaran').locator('[data-testid="ind-value"]').textContent();
    const period = periodOf(new Date(clock.t), 'month', city.clock);
    // Another system: the finance office's, with an admin-issued key scoped to indicators.
    const made = await fetch(`${e2e.url}/api/admin/api-clients`, {
      method: 'POST',
      headers: { cookie: await login('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'SIPD keuangan', scopes: ['indicators'] }),
    });
    expect(made.status).toBe(201);
    const { key } = (await made.json()) as { key: string };
    const fetched: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname === '/api/indicators' && fetched.push(r.url()));
    const res = await fetch(`${e2e.url}/api/indicators/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: [{ indicatorId: 'dinkes.anggaran', period, value: 99.5 }] }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => tile(page, 'dinkes.anggaran').locator('[data-testid="ind-value"]').textContent(), { timeout: 15_000 }).toBe('99,5%');
    // The board applied the event itself (the hub's rule, run in the page): no new board was fetched for it.
    expect(fetched).toEqual([]);
    expect(before).not.toBe('99,5%');
    expect(await tile(page, 'dinkes.anggaran').getAttribute('data-status')).toBe('on_track');
    expect(await tile(page, 'dinkes.anggaran').getAttribute('class')).toContain('ind-flash');
    await page.close();
  });

  // At 4K: in the sweep of every wall screen (wall-screens.e2e.ts).
});

describe('the supervisor on the phone', () => {
  it('logs in and sees breached deadlines, the dark camera and every indicator in one page', async () => {
    // The login by hand: every request the page makes is counted, from the first.
    const page = await e2e.page({ width: 390, height: 844, context: { deviceScaleFactor: 2, isMobile: true, hasTouch: true } });
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && requests.push(new URL(r.url()).pathname));
    await page.goto(`${e2e.url}/ringkas`);
    await page.fill('[data-testid="login-username"]', 'supervisor');
    await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="ringkas-agency"]', { timeout: 30_000 });
    const breached = Number(await page.locator('[data-testid="ringkas-breached"] .rk-alert-num').textContent());
    expect(breached).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="ringkas-cameras"] .rk-alert-num').textContent()).toBe('1');
    expect(await page.locator('[data-testid="ringkas-agency"]').count()).toBe(city.profile.agencies.length + 1);
    expect(await page.locator('[data-testid="ringkas-project"]').count()).toBe(city.profile.projects.length);
    // One request for the figures (besides logging in): light on mobile data.
    expect(requests.filter((p) => p.startsWith('/api/indicators'))).toEqual(['/api/indicators/ringkas']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'ringkas-phone.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'ringkas-phone-full.png'), fullPage: true });
  });
});

describe('the operator at the console', () => {
  it('records a correction with a note, sees it in the history, and sees every bad row of a CSV', async () => {
    const page = await e2e.login('operator.dkp', '/console');
    await page.click('[data-testid="indicators-open"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="indicator-select"] option', { state: 'attached' });
    const options = await page.$$eval('[data-testid="indicator-select"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.every((o) => o.startsWith('dkp.') || o.startsWith('fisik.'))).toBe(true);
    await page.selectOption('[data-testid="indicator-select"]', 'dkp.anggaran');
    await page.fill('[data-testid="indicator-value"]', '88,8');
    await page.click('[data-testid="indicator-save"]');
    // The month already has a figure: a correction needs a note.
    await expect.poll(() => page.locator('[data-testid="indicator-message"]').textContent()).toMatch(/catatan/);
    await page.fill('[data-testid="indicator-note"]', 'Angka SP2D direvisi BPKAD');
    await page.click('[data-testid="indicator-save"]');
    await expect.poll(() => page.locator('[data-testid="indicator-message"]').textContent()).toBe('Tersimpan');
    await expect.poll(() => page.locator('[data-testid="indicator-history"] tr').first().textContent()).toContain('Angka SP2D direvisi BPKAD');

    const csv = join(ARTIFACTS, 'realisasi-salah.csv');
    writeFileSync(csv, 'indikator;periode;nilai;satuan\ndkp.anggaran;2026-01;5,5;%\ndkp.kontrak;2026-01;3;%\ndishub.anggaran;2026-01;4;%\ndkp.anggaran;Januari 2026;6;%\n');
    await page.setInputFiles('[data-testid="indicator-file"]', csv);
    await page.click('[data-testid="indicator-import"]');
    await page.waitForSelector('[data-testid="import-errors"]');
    expect(await page.locator('[data-testid="import-errors"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-testid="import-errors"] tbody tr').first().textContent()).toContain('satuan salah');
    await page.locator('[data-testid="import-errors"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'console-indicator-desk.png') });
  });
});
