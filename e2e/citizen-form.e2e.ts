import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { startTestHub } from '../server/testing/hub.js';
import { cachedScenePhoto } from '../server/testing/photos.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** A phone: 390×844 CSS pixels at 2× (an ordinary Android or iPhone), touch, with a GPS fix where we say. */
async function phone(geo: { latitude: number; longitude: number } | null): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    ...(geo ? { geolocation: { ...geo, accuracy: 12 }, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/lapor`);
  await page.waitForSelector('[data-testid="lapor-form"]', { timeout: 30_000 });
  return { context, page, errors };
}

describe('the citizen files a report from a phone', () => {
  it('category, a tap on the map snapped inside the city, five photos shrunk on the phone, a slow network and a lost answer: one report, its ticket and tracking link', async () => {
    const { context, page, errors } = await phone(null);
    expect(await page.textContent('h1')).toBe('Laporkan masalah di kota');
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-empty.png'), fullPage: false });

    // Sending with nothing filled names every missing field, in Bahasa Indonesia.
    await page.tap('[data-testid="lapor-submit"]');
    for (const f of ['category', 'description', 'district', 'photos']) await page.waitForSelector(`[data-testid="lapor-error-${f}"]`);
    expect(await page.textContent('[data-testid="lapor-error"]')).toBe('Periksa isian yang ditandai merah.');

    await page.tap('[data-testid="lapor-category-sampah"]');
    expect(await page.getAttribute('[data-testid="lapor-category-sampah"]', 'aria-checked')).toBe('true');
    await page.fill('[data-testid="lapor-description"]', 'Sampah menumpuk di pinggir kali dekat jembatan, bau sekali');

    // The map: a tap just over the city's edge is moved inside and the kecamatan is named.
    await page.tap('[data-testid="lapor-open-map"]');
    await page.waitForSelector('[data-testid="lapor-map"][data-ready="true"]', { timeout: 45_000 });
    const canvas = page.locator('[data-testid="lapor-map"] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844); // the map opened in view, not below the fold
    await page.touchscreen.tap(box.x + 6, box.y + 6); // the corner of the fitted bounds lies outside the city polygon
    await page.waitForFunction(() => document.querySelector('[data-testid="lapor-map-where"]')?.textContent?.includes('dipindah'));
    const where = (await page.textContent('[data-testid="lapor-map-where"]'))!;
    expect(where).toMatch(/^Kecamatan \S+/);
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-map.png') });
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => !document.querySelector('[data-testid="lapor-map-where"]')?.textContent?.includes('dipindah'));
    const picked = (await page.textContent('[data-testid="lapor-map-where"]'))!.trim();
    await page.tap('[data-testid="lapor-map-use"]');
    expect((await page.textContent('[data-testid="lapor-district-found"]'))!.trim()).toBe(picked);

    // Five big photos from the gallery; the phone shrinks them before they go anywhere.
    const big = await Promise.all([1, 2, 3, 4, 5].map(async (i) => ({ name: `IMG_000${i}.jpg`, mimeType: 'image/jpeg', buffer: await cachedScenePhoto('sampah', 40 + i, 2800, 2100) })));
    const originalBytes = big.reduce((n, f) => n + f.buffer.length, 0);
    await page.setInputFiles('[data-testid="lapor-photos-gallery"]', big);
    await page.waitForSelector('[data-testid="lapor-photos-count"][data-count="5"]', { timeout: 60_000 });
    expect(await page.isDisabled('[data-testid="lapor-photos-gallery"]')).toBe(true);

    await page.fill('[data-testid="lapor-name"]', 'Rina Wulandari');
    await page.fill('[data-testid="lapor-contact"]', '0813-7777-0001');
    expect(await page.textContent('[data-testid="lapor-private-note"]')).toMatch(/RAHASIA/);
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-filled.png'), fullPage: true });

    // A slow uplink (about 3G), and the first answer lost after the hub has filed: the phone retries with the
    // same clientId and gets the same ticket back; the city gets one report.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200_000, uploadThroughput: 150_000 });
    let attempts = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/reports') && r.method() === 'POST') attempts++;
    });
    // Only the first attempt is intercepted (interception hides upload progress): the hub files it, then the
    // connection drops before the answer reaches the phone.
    let first: { bytes: number; clientId: string | null } | null = null;
    await page.route(
      '**/api/reports',
      async (route) => {
        const body = route.request().postDataBuffer()!;
        first = { bytes: body.length, clientId: /name="clientId"\r\n\r\n([^\r]+)/.exec(body.toString('latin1'))?.[1] ?? null };
        const answer = await route.fetch();
        expect(answer.status()).toBe(201);
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    // Every progress line the citizen sees, as it changes.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __progress: string[] }).__progress = []);
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="lapor-progress"]')?.textContent;
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.tap('[data-testid="lapor-submit"]');
    await page.waitForSelector('[data-testid="lapor-progress"]', { timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-sending.png') });
    await page.waitForSelector('[data-testid="lapor-done"]', { timeout: 180_000 });
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress.some((t) => /^Mengirim… \d+%$|menunggu nomor tiket/.test(t))).toBe(true);
    expect(progress).toContain('Sinyal lemah. Mencoba lagi (2/3)… laporan tidak akan terkirim dua kali.');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    expect(attempts).toBe(2);
    expect(first!.clientId).toMatch(/^lapor-[0-9a-f]{24}$/);
    // Shrunk on the phone: five 2800×2100 photos go up as a fraction of their size.
    expect(first!.bytes).toBeLessThan(originalBytes / 2);

    const ticket = (await page.textContent('[data-testid="lapor-ticket"]'))!.trim();
    expect(ticket).toMatch(/^TNG-\d{4}-\d{6}$/);
    const filed = hub.ctx.store.reports.queuePage({}, { limit: 50 }).filter((r) => r.description.startsWith('Sampah menumpuk di pinggir kali'));
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ ticket, channel: 'web', categoryId: 'sampah', precision: 'point', reporterName: 'Rina Wulandari', reporterContact: '0813-7777-0001' });
    expect(filed[0].photos).toHaveLength(5);
    expect(hub.ctx.city.districts.find((d) => d.code === filed[0].districtCode)?.name).toBe(picked.replace(/^Kecamatan /, ''));
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-done.png'), fullPage: true });

    const link = (await page.inputValue('[data-testid="lapor-track-url"]'))!;
    expect(link).toMatch(new RegExp(`/lacak/${ticket}\\?k=`));
    await page.tap('[data-testid="lapor-track-link"]');
    await page.waitForFunction((t) => document.body.textContent?.includes(t), ticket, { timeout: 30_000 });
    expect(await page.content()).not.toContain('0813-7777-0001');
    await page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-track.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);

  it('uses the phone GPS and names the kecamatan; a phone outside the city is asked to tap the map', async () => {
    const inside = await phone({ latitude: -6.1789, longitude: 106.6312 });
    await inside.page.tap('[data-testid="lapor-locate"]');
    await inside.page.waitForSelector('[data-testid="lapor-district-found"]', { timeout: 30_000 });
    expect((await inside.page.textContent('[data-testid="lapor-location-ok"]'))!).toMatch(/Lokasi ponsel dipakai \(±12 m\)/);
    expect((await inside.page.textContent('[data-testid="lapor-district-found"]'))!).toMatch(/^Kecamatan \S+/);
    await inside.page.screenshot({ path: join(ARTIFACTS, 'lapor-phone-gps.png') });
    await inside.context.close();

    const jakarta = await phone({ latitude: -6.2088, longitude: 106.8456 });
    await jakarta.page.tap('[data-testid="lapor-locate"]');
    await jakarta.page.waitForSelector('[data-testid="lapor-gps-outside"]', { timeout: 30_000 });
    await jakarta.page.waitForSelector('[data-testid="lapor-map-picker"]', { timeout: 30_000 });
    expect(await jakarta.page.$('[data-testid="lapor-location-ok"]')).toBeNull();
    expect(jakarta.errors).toEqual([]);
    await jakarta.context.close();
  });
});
