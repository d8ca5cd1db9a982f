import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { photo, postReport, validReport } from '../server/testing/hub.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';

const e2e = useE2e({ from: 'accounts' });
const newPage = (viewport = { width: 1920, height: 1080 }): Promise<Page> => e2e.page(viewport);

type WallWindow = { __pantau: { map: import('maplibre-gl').Map } };
/** What the wall draws for a report: its marker's phase, and the number on its badge (null when none). */
const onWall = (wall: Page, id: number) =>
  wall.evaluate((reportId) => {
    const { map } = (window as unknown as WallWindow).__pantau;
    const point = map.queryRenderedFeatures({ layers: ['reports-points'] }).find((x) => x.properties?.id === reportId);
    const badge = map.queryRenderedFeatures({ layers: ['reports-reporters-count'] }).find((x) => x.properties?.id === reportId);
    return { phase: point ? String(point.properties.phase) : null, badge: badge ? Number(badge.properties.reporters) : null };
  }, id);

describe('a complaint by phone, a second one about the same rubbish, and a merge', () => {
  it('the operator files the call, sees the second report as a possible duplicate, merges, and the wall shows 2 reporters', async () => {
    // Kelurahan Sukarasa's label point, as the place search puts it.
    const at = { lng: 106.631851, lat: -6.172884 };

    const wall = await e2e.wall('/wall', 'body[data-live="ready"]');
    await wall.evaluate(([lng, lat]) => (window as unknown as WallWindow).__pantau.map.jumpTo({ center: [lng, lat], zoom: 16.5 }), [at.lng, at.lat]);

    const page = await e2e.login('operator.dkp', '/console');
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });

    // 1. A caller on the phone: the operator opens the form with its key and files the complaint.
    await page.keyboard.press('l');
    await page.waitForSelector('[data-testid="intake-panel"]');
    await page.click('[data-testid="intake-channel-phone"]');
    await page.fill('[data-testid="intake-contact"]', '0813-7777-1234');
    await page.fill('[data-testid="intake-name"]', 'Ibu Ratna');
    await page.selectOption('[data-testid="intake-category"]', 'sampah');
    await page.fill('[data-testid="intake-text"]', 'Sampah menumpuk di pinggir jalan dekat musala, sudah bau');
    // A submit without a place is refused here, naming the location.
    await page.click('[data-testid="intake-submit"]');
    await page.waitForSelector('[data-testid="intake-error"][data-field="lat"]');
    await page.fill('[data-testid="intake-place"]', 'sukaras');
    await page.click('[data-testid="intake-place-result"] >> nth=0');
    await expect.poll(() => page.getAttribute('[data-testid="intake-spot"]', 'data-lat')).toBe(String(at.lat));
    await page.screenshot({ path: join(ARTIFACTS, 'merge-intake-form.png') });
    await page.click('[data-testid="intake-submit"]');
    const saved = await page.waitForSelector('[data-testid="intake-saved"]', { timeout: 15_000 });
    const phoneId = Number(await saved.getAttribute('data-report-id'));
    expect(e2e.hub.ctx.store.reports.get(phoneId)).toMatchObject({ channel: 'phone', categoryId: 'sampah', reporterContact: '0813-7777-1234', lat: at.lat, lng: at.lng });
    await expect.poll(() => onWall(wall, phoneId).then((w) => w.phase), { timeout: 20_000, interval: 250 }).toBe('red');

    // 2. A citizen sends nearly the same report from the web form, 30 m away.
    const created = await postReport(e2e.url, validReport({ lat: at.lat + 30 / 111_195, lon: at.lng, description: 'Tumpukan sampah dekat musala belum diangkut' }), [await photo()]);
    expect(created.status).toBe(201);
    const webId = Number(created.body.id);
    await expect.poll(() => onWall(wall, webId).then((w) => w.phase), { timeout: 20_000, interval: 250 }).toBe('red');

    // 3. The operator opens it and sees the phone complaint as a possible duplicate, 30 m away.
    await page.click(`[data-testid="queue-row"][data-report-id="${webId}"]`, { timeout: 15_000 });
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${webId}"]`);
    const candidate = await page.waitForSelector(`[data-testid="duplicate"][data-report-id="${phoneId}"]`, { timeout: 15_000 });
    expect(Number(await candidate.getAttribute('data-distance'))).toBeGreaterThanOrEqual(29);
    expect(Number(await candidate.getAttribute('data-distance'))).toBeLessThanOrEqual(31);
    expect(await candidate.textContent()).toContain('30 m');
    await page.screenshot({ path: join(ARTIFACTS, 'merge-console-duplicates.png') });

    // 4. Merge, with the confirmation naming which report closes into which.
    await candidate.$('[data-testid="merge-duplicate"]').then((b) => b!.click());
    const confirm = await page.waitForSelector('[data-testid="merge-confirmation"]');
    const phoneTicket = e2e.hub.ctx.store.reports.get(phoneId)!.ticket;
    const webTicket = e2e.hub.ctx.store.reports.get(webId)!.ticket;
    expect(await confirm.textContent()).toContain(`${webTicket} ke ${phoneTicket}`);
    await page.click('[data-testid="merge-confirm"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${webId}"][data-status="merged"]`, { timeout: 15_000 });
    await page.waitForSelector(`[data-testid="merged-primary"][data-primary-id="${phoneId}"]`);
    await page.waitForSelector('[data-testid="unmerge"]');

    // 5. The primary says how many citizens reported it.
    await page.click('[data-testid="open-primary"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${phoneId}"]`);
    const count = await page.waitForSelector('[data-testid="reporter-count"][data-count="2"]', { timeout: 15_000 });
    expect(await count.textContent()).toContain('2 warga melaporkan');
    await page.screenshot({ path: join(ARTIFACTS, 'merge-console-primary.png') });

    // 6. The wall: the primary's marker carries a "2", the duplicate is gone from the map.
    await expect.poll(() => onWall(wall, phoneId), { timeout: 20_000, interval: 250 }).toEqual({ phase: 'red', badge: 2 });
    await expect.poll(() => onWall(wall, webId).then((w) => w.phase), { timeout: 20_000, interval: 250 }).toBeNull();
    await wall.screenshot({ path: join(ARTIFACTS, 'merge-wall-badge.png') });

    // 7. The citizen who sent the duplicate is led to the primary's tracking page.
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${e2e.url}/lacak/${webTicket}`);
    const notice = await phone.waitForSelector('[data-testid="track-merged"]', { timeout: 15_000 });
    expect(await notice.getAttribute('data-primary')).toBe(phoneTicket);
    expect(await phone.getAttribute('[data-testid="track-merged-link"]', 'href')).toBe(`/lacak/${phoneTicket}`);
    await phone.screenshot({ path: join(ARTIFACTS, 'merge-track-duplicate.png'), fullPage: true });

    // 8. Un-merge, with a reason: the duplicate is back on the wall and the badge goes.
    await page.click(`[data-testid="merged-here"] button`);
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${webId}"][data-status="merged"]`);
    await page.click('[data-testid="unmerge"]');
    await page.fill('[data-testid="unmerge-reason"]', 'Ternyata dua tumpukan berbeda');
    await page.click('[data-testid="unmerge-confirm"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${webId}"][data-status="new"]`, { timeout: 15_000 });
    await expect.poll(() => onWall(wall, webId).then((w) => w.phase), { timeout: 20_000, interval: 250 }).toBe('red');
    await expect.poll(() => onWall(wall, phoneId), { timeout: 20_000, interval: 250 }).toEqual({ phase: 'red', badge: null });
    expect(e2e.hub.ctx.store.events.forReport(webId).map((e) => e.type)).toEqual(['report.submitted', 'report.merged', 'report.unmerged']);
  });
});
