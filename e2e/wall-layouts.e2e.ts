import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { acknowledgeCameraAlert } from '../server/commands/cameras.js';
import { DARK_CAMERA } from '../server/testing/templates.js';
import { actOnReport } from '../server/commands/act-on-report.js';
import { assignLayout } from '../server/commands/layouts.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { ARTIFACTS, launch } from './browser.js';
import { layoutFrame } from './harness.js';

let hub: Hub;
let url: string;
let browser: Browser;
let wall: Page;
let consolePage: Page;

beforeAll(async () => {
  // The demo city seeded once per run. Its dark camera's alert is acknowledged, so the alerts across the foot
  // are this file's own.
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }, { from: 'demo' }));
  const accounts = await seedAccounts(hub.ctx);
  expect((await acknowledgeCameraAlert(hub.ctx, accounts.operatorOf('dishub'), DARK_CAMERA)).ok).toBe(true);
  // The hub's history: it was down for eight hours three days ago, so the kinerja trend has a data gap to draw.
  const day = 86_400_000;
  const t0 = Date.now();
  hub.ctx.store.hubRuns.start('e2e-run-a', new Date(t0 - 8 * day).toISOString());
  hub.ctx.store.hubRuns.alive('e2e-run-a', new Date(t0 - 3 * day - 8 * 3600_000).toISOString());
  hub.ctx.store.hubRuns.start('e2e-run-b', new Date(t0 - 3 * day).toISOString());
  hub.ctx.store.hubRuns.alive('e2e-run-b', new Date(t0).toISOString());
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const shownViews = (page: Page) =>
  page.$$eval('[data-testid="layar-frame"][data-shown="yes"]', (els) => els.map((e) => e.getAttribute('data-view')).sort().join(','));

async function assign(kind: 'split' | 'playlist') {
  await consolePage.click('[data-testid="display-edit"]');
  await consolePage.click(`[data-testid="layout-kind-${kind}"]`);
  await consolePage.selectOption('[data-testid="layout-view-0"]', 'map');
  await consolePage.selectOption('[data-testid="layout-view-1"]', 'cameras');
  if (kind === 'playlist') {
    await consolePage.fill('[data-testid="layout-seconds-0"]', '5');
    await consolePage.fill('[data-testid="layout-seconds-1"]', '5');
  }
  await consolePage.click('[data-testid="layout-save"]');
  // Saved: the form closes (a refusal would keep it open with the hub's message).
  await consolePage.waitForSelector('[data-testid="layout-form"]', { state: 'detached', timeout: 30_000 });
  await expect.poll(() => consolePage.textContent('[data-testid="display-layout"]'), { timeout: 15_000 }).toMatch(kind === 'split' ? /\+/ : /bergantian/);
}

describe('wall layouts from the console', () => {
  it('a supervisor assigns a split layout and the paired wall changes live', async () => {
    wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`${url}/wall/layar?display=${WALL_TOKEN}`);
    await wall.waitForSelector('[data-testid="layar"][data-kind="single"]', { timeout: 60_000 });
    expect(await shownViews(wall)).toBe('map');
    // The wall is settled (its map drawn) before anyone changes it: the change must arrive on a running wall.
    await (await layoutFrame(wall, 'map')).waitForSelector('body[data-live="ready"]', { timeout: 90_000 });

    consolePage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await consolePage.goto(`${url}/console/layar`);
    await consolePage.fill('[data-testid="login-username"]', 'supervisor');
    await consolePage.fill('[data-testid="login-password"]', DEMO_PASSWORD);
    await consolePage.click('[data-testid="login-submit"]');
    await consolePage.waitForSelector('[data-testid="display-card"] [data-online="yes"]', { timeout: 30_000 });

    await assign('split');
    // Generous: the map of a software-rendered (SwiftShader) wall shares the page's main thread on a busy machine.
    await wall.waitForSelector('[data-testid="layar"][data-kind="split"]', { timeout: 45_000 });
    expect(await shownViews(wall)).toBe('cameras,map');
    expect(await consolePage.textContent('[data-testid="display-layout"]')).toMatch(/Peta laporan \+ Kamera CCTV/);
    // Both views are live inside their halves, and nothing scrolls.
    await (await layoutFrame(wall, 'map')).waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
    await (await layoutFrame(wall, 'cameras')).waitForSelector('body[data-cameras="ready"]', { timeout: 60_000 });
    expect(await wall.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-split-1080p.png') });
    await consolePage.screenshot({ path: join(ARTIFACTS, 'console-layar.png') });
  });

  it('a playlist rotates its views with a visible countdown', async () => {
    await assign('playlist');
    await wall.waitForSelector('[data-testid="layar"][data-kind="playlist"]', { timeout: 45_000 });
    const countdown = wall.locator('[data-testid="playlist-countdown"]');
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/Berikutnya: .+ dalam \d+ dtk/);
    const first = await shownViews(wall);
    expect(['map', 'cameras']).toContain(first);
    await expect.poll(() => shownViews(wall), { timeout: 15_000, interval: 250 }).not.toBe(first);
    const second = await shownViews(wall);
    expect(['map', 'cameras']).toContain(second);
    await expect.poll(() => shownViews(wall), { timeout: 15_000, interval: 250 }).toBe(first);
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-playlist-1080p.png') });
  });

  it('the map beside the performance board fits its half without scrolling, at 1080p and 4K', async () => {
    const displayId = hub.ctx.store.layouts.displays()[0].id;
    const sup = { id: 'e2e-supervisor', role: 'supervisor' as const, name: 'Supervisor' };
    const playlistLayout = hub.ctx.store.layouts.get(displayId)!.layout;
    expect((await assignLayout(hub.ctx, sup, displayId, { kind: 'split', views: [{ view: 'map' }, { view: 'performance' }], direction: 'columns' })).ok).toBe(true);
    // Half density: the same 3840×2160 CSS layout, a quarter of the pixels for SwiftShader to paint.
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 0.5 });
    await big.goto(`${url}/wall/layar?display=${WALL_TOKEN}`);
    for (const page of [big, wall]) {
      await page.waitForSelector('[data-testid="layar"][data-kind="split"]', { timeout: 60_000 });
      await (await layoutFrame(page, 'map')).waitForSelector('body[data-live="ready"]', { timeout: 90_000 });
      const performance = await layoutFrame(page, 'performance');
      await performance.waitForSelector('body[data-kinerja="ready"]', { timeout: 90_000 });
      expect(await performance.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    }
    await big.screenshot({ path: join(ARTIFACTS, 'layar-split-kinerja-4k.png') });
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-split-kinerja-1080p.png') });
    await big.close();
    expect((await assignLayout(hub.ctx, sup, displayId, playlistLayout)).ok).toBe(true);
    await wall.waitForSelector('[data-testid="layar"][data-kind="playlist"]', { timeout: 15_000 });
  }, 420_000);

  it('an emergency report raises an alert across the wall, and it clears itself once the report is handled', async () => {
    const r = await postReport(url, validReport({ category: 'banjir', description: 'Banjir setinggi lutut di Jl. Daan Mogot' }), [await photo()]);
    const id = Number(r.body.id);
    const alert = wall.locator(`[data-testid="wall-alert"][data-key="report:${id}"]`);
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('data-kind')).toBe('critical');
    expect(await alert.textContent()).toMatch(/LAPORAN DARURAT.*Banjir/);
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-alert-1080p.png') });
    const report = hub.ctx.store.reports.get(id)!;
    const done = await actOnReport(hub.ctx, { id: 'op-bpbd', role: 'operator', agencyId: 'bpbd', name: 'Operator BPBD' }, id, { action: 'reject', reason: 'laporan ganda, sudah ditangani', expectedVersion: report.version });
    expect(done.ok).toBe(true);
    await alert.waitFor({ state: 'detached', timeout: 15_000 });
  });
});
