import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { photo, postReport, validReport } from '../server/testing/hub.js';
import { sweepDeadlines } from '../server/commands/deadline-sweep.js';
import { loadCity } from '../server/profile/load.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';
import { cameraSimulator, darkenCamera, type CameraSimulator } from './cameras.js';

// The hub's clock is driven by the test: a report left since September, and one filed this Monday morning
// (category "sampah": respond within 4 working hours) whose response deadline then passes.
const city = loadCity('tangerang');
const DEAD = 'simpang-cikokol';
const clock = { t: Date.parse('2026-09-01T10:00:00+07:00') };
const at = (wib: string) => (clock.t = Date.parse(`${wib}+07:00`));
let sim: CameraSimulator;
// The cameras are up before the hub starts (it is given their address).
beforeAll(async () => {
  sim = await cameraSimulator(city);
});
let oldId: number;
let newId: number;
const e2e = useE2e({ from: 'accounts', now: () => new Date(clock.t), config: () => ({ cameraSimulatorUrl: sim.url }) });

beforeAll(async () => {
  const { hub, url, config } = e2e;
  oldId = Number((await postReport(url, validReport({ description: 'Tumpukan sampah liar di bantaran kali' }), [await photo()])).body.id);
  at('2026-11-23T09:00:00');
  newId = Number((await postReport(url, validReport(), [await photo()])).body.id);
  at('2026-11-23T12:05:00');
  await sweepDeadlines(hub.ctx, 5000);
  at('2026-11-23T13:01:00');
  await sweepDeadlines(hub.ctx, 5000);

  await darkenCamera(hub, config, sim, DEAD, clock);
  expect(hub.ctx.store.cameras.get(DEAD)?.health).toBe('offline');
}, 180_000);
afterAll(async () => {
  await sim?.close();
});

const login = (username: string, path = '/console'): Promise<Page> => e2e.login(username, path);

describe('oversight in the console', () => {
  it('an agency operator sees the deadline reminders, opens one and acknowledges it', async () => {
    const page = await login('operator.dkp');
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    const badge = page.locator('[data-testid="reminders-open"]');
    await badge.click();
    const items = page.locator('[data-testid="reminder-item"]');
    const listed = () => items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-report-id')}:${e.getAttribute('data-flag')}`));
    await expect.poll(listed, { timeout: 30_000 }).toEqual(expect.arrayContaining([`${newId}:response_near`, `${newId}:response_breached`]));
    const flags = await listed();
    expect(await badge.textContent()).toContain(String(flags.length));
    await page.screenshot({ path: join(ARTIFACTS, 'console-reminders.png') });

    const near = page.locator(`[data-testid="reminder-item"][data-report-id="${newId}"][data-flag="response_near"]`);
    await near.locator('[data-testid="reminder-ack"]').click();
    await expect.poll(() => near.count(), { timeout: 20_000 }).toBe(0);
    const left = await items.count();
    expect(left).toBe(flags.length - 1);
    // Acknowledged for good: a reload still leaves it out.
    await page.reload();
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    await page.click('[data-testid="reminders-open"]');
    await expect.poll(() => page.locator('[data-testid="reminder-item"]').count(), { timeout: 20_000 }).toBe(left);

    await page.locator(`[data-testid="reminder-item"][data-report-id="${newId}"] .cn-hpop-open`).first().click();
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${newId}"]`, { timeout: 20_000 });
  });

  it('a supervisor sees the Ombudsman escalation and the dark camera, and clears the camera alert', async () => {
    const page = await login('supervisor');
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    const banner = page.locator(`[data-testid="console-camera-alert"][data-camera-id="${DEAD}"]`);
    await banner.waitFor({ timeout: 30_000 });
    await page.click('[data-testid="escalations-open"]');
    await page.waitForSelector(`[data-testid="escalation-item"][data-report-id="${oldId}"]`, { timeout: 20_000 });
    expect(await page.locator(`[data-testid="escalation-item"][data-report-id="${newId}"]`).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-escalations.png') });

    await page.keyboard.press('Escape');
    await banner.locator('[data-testid="camera-ack"]').click();
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    expect(e2e.hub.ctx.store.events.headSeq()).toBeGreaterThan(0);
  });

  it('the performance page shows every agency’s figures for a chosen range, and the supervisor can export them', async () => {
    const page = await login('supervisor');
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    await page.click('[data-testid="performance-link"]');
    await page.waitForSelector('[data-testid="performance-table"]', { timeout: 30_000 });
    const rows = page.locator('[data-testid="performance-row"]');
    expect(await rows.count()).toBe(city.profile.agencies.length);
    const dkp = page.locator('[data-testid="performance-row"][data-agency-id="dkp"]');
    expect(Number(await dkp.locator('[data-col="open"]').textContent())).toBe(2);
    expect(Number(await dkp.locator('[data-col="breached"]').textContent())).toBe(2);
    expect(await page.getAttribute('[data-testid="performance-csv"]', 'href')).toMatch(/^\/api\/stats\/agencies\.csv\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);

    // Any past range: September, when the old report came in.
    await page.fill('[data-testid="performance-from"]', '2026-09-01');
    await page.fill('[data-testid="performance-to"]', '2026-09-30');
    await page.click('[data-testid="performance-apply"]');
    const summary = page.locator('[data-testid="performance-summary"][data-from="2026-09-01"]');
    await summary.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-09-01');
    expect(Number(await dkp.locator('[data-col="received"]').textContent())).toBe(1);
    expect(Number(await dkp.locator('[data-col="open"]').textContent())).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'console-performance.png') });

    const csv = await page.evaluate((href) => fetch(href).then((r) => r.text()), (await page.getAttribute('[data-testid="performance-csv"]', 'href'))!);
    expect(csv.split('\n')[0]).toMatch(/^rank,agency,open,/);
    expect(csv).toContain(',dkp,1,');
  });

  it('an operator sees the league too, without the export', async () => {
    const page = await login('operator.dishub', '/console/kinerja?days=7');
    await page.waitForSelector('[data-testid="performance-table"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="performance-csv"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="performance-row"][data-agency-id="dishub"]', 'class')).toContain('pf-mine');
  });
});
