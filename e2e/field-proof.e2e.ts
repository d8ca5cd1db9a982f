import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts, type DemoAccounts } from '../scripts/seed-accounts.js';
import { actOnReport } from '../server/commands/act-on-report.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;
let accounts: DemoAccounts;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }, { from: 'accounts' }));
  accounts = await seedAccounts(hub.ctx);
  browser = await launch();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await hub?.close();
});

const phone = async (geo: { latitude: number; longitude: number }) => {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1,
    permissions: ['geolocation'], geolocation: geo, locale: 'id-ID',
  });
  contexts.push(context);
  return context;
};

const proofJpeg = (seed: number) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 60 + seed * 40, g: 140, b: 90 } } }).jpeg({ quality: 80 }).toBuffer();

describe('a field supervisor on a bad network', () => {
  it('submits a proof while offline; it waits, is delivered once when the network returns, and the citizen sees it', async () => {
    const lat = -6.1789;
    const lon = 106.6312;
    const created = await postReport(url, validReport({ lat, lon }), [await photo()]);
    const id = Number(created.body.id);
    const fs = accounts.fieldOf('dkp', 1);
    expect((await actOnReport(hub.ctx, accounts.operatorOf('dkp'), id, { action: 'dispatch', assigneeId: fs.id, instruction: 'Angkut hari ini' })).ok).toBe(true);

    const context = await phone({ latitude: lat, longitude: lon });
    const page = await context.newPage();
    await page.goto(`${url}/field`);
    await page.fill('[data-testid="login-username"]', 'pengawas.dkp.1');
    await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('body[data-field="ready"]', { timeout: 30_000 });
    const card = page.locator(`[data-testid="job-card"][data-report-id="${id}"]`);
    await card.waitFor();
    await card.locator('[data-testid="job-accept"]').click();
    await expect.poll(() => hub.ctx.store.reports.get(id)!.status, { timeout: 20_000 }).toBe('in_progress');

    await context.setOffline(true);
    await card.locator('[data-testid="job-proof"]').click();
    await page.setInputFiles('[data-testid="proof-photos"]', [
      { name: 'bukti-1.jpg', mimeType: 'image/jpeg', buffer: await proofJpeg(1) },
      { name: 'bukti-2.jpg', mimeType: 'image/jpeg', buffer: await proofJpeg(2) },
    ]);
    await page.fill('[data-testid="proof-note"]', 'Sampah sudah diangkut, lokasi bersih');
    await page.click('[data-testid="proof-submit"]');
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="outbox-count"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await page.locator(`[data-testid="job-card"][data-report-id="${id}"] [data-testid="job-pending"]`).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'field-offline-waiting.png') });
    expect(hub.ctx.store.reports.get(id)!.status).toBe('in_progress');

    await context.setOffline(false);
    await expect.poll(() => hub.ctx.store.reports.get(id)!.status, { timeout: 60_000, interval: 500 }).toBe('proof_submitted');
    await page.waitForFunction(() => !/[1-9]/.test(document.querySelector('[data-testid="outbox-count"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    // Delivered exactly once, with both photos.
    const proofs = hub.ctx.store.events.forReport(id).filter((e) => e.type === 'report.proof_submitted');
    expect(proofs).toHaveLength(1);
    expect(hub.ctx.store.reports.get(id)!.proof?.photos).toHaveLength(2);
    await page.screenshot({ path: join(ARTIFACTS, 'field-delivered.png') });

    expect((await actOnReport(hub.ctx, accounts.operatorOf('dkp'), id, { action: 'verify' })).ok).toBe(true);
    const citizen = await (await phone({ latitude: lat, longitude: lon })).newPage();
    await citizen.goto(`${url}${created.body.trackUrl}`);
    await citizen.waitForSelector('[data-testid="track-before-after"] img');
    await citizen.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="track-before-after"] img')].every((i) => i.complete && i.naturalWidth > 0));
    expect(await citizen.textContent('[data-testid="track-status"]')).toMatch(/selesai|beres|terverifikasi/i);
    expect(await citizen.content()).not.toContain('0812-5555-0199');
    await citizen.screenshot({ path: join(ARTIFACTS, 'track-before-after.png'), fullPage: true });
  });
});
