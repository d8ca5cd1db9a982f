import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { photo, postReport, startTestHub, validReport } from '../server/testing/hub.js';
import { ARTIFACTS } from './browser.js';
import { DIST, layoutFrame, useE2e } from './harness.js';

/**
 * A wall left running through a hub restart and a release: it says it is stale within seconds, clears, catches up
 * by seq, and takes the new front end at a quiet moment. The store holds only the accounts, so nothing raises an
 * alert the test did not raise: the quiet moment comes as soon as the release is seen (with the demo city's
 * breaches and dark camera it came at the ten-minute cap, which is what made this test flaky).
 */
// The hub serves a copy of the build, so this test can release a "new" front end without touching dist/.
const staticDir = mkdtempSync(join(tmpdir(), 'pantau-dist-'));
cpSync(DIST, staticDir, { recursive: true });
const e2e = useE2e({ from: 'accounts', config: { staticDir } });

/** The layout screen's map view, once its map is up. */
async function mapFrame(page: Page): Promise<Frame> {
  const frame = await layoutFrame(page, 'map');
  await frame.waitForSelector('body[data-live="ready"]', { timeout: 90_000 });
  return frame;
}

/** A step that must end within `ms`, named when it does not (an unbounded await would only say "test timed out"). */
function step<T>(label: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: not done within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

async function restart() {
  const port = Number(new URL(e2e.url).port);
  await e2e.hub.close();
  return async () => {
    ({ hub: e2e.hub, url: e2e.url } = await startTestHub({ dataDir: e2e.dataDir, port, staticDir }));
  };
}

describe('a wall through a hub restart', () => {
  let wall: Page;

  it('says it is stale within seconds of the hub stopping, and clears, catches up and takes a new release when it returns', async () => {
    wall = await e2e.wall('/wall/layar', '[data-testid="layar"][data-kind="single"]');
    const map = await mapFrame(wall);
    const seqBefore = await map.evaluate(() => window.__pantau!.live.seq());
    await wall.evaluate(() => ((window as unknown as { beforeRelease: boolean }).beforeRelease = true));
    const start = await restart();
    await wall.waitForSelector('[data-testid="layar-stale"]', { timeout: 15_000 });
    await map.waitForSelector('[data-testid="stale-banner"]', { timeout: 15_000 });
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-stale-1080p.png') });

    // A new release is put in place while the hub is down; the hub comes back on the same data and port.
    appendFileSync(join(staticDir, 'index.html'), '\n<!-- release 2 -->\n');
    await start();
    const r = await postReport(e2e.url, validReport(), [await photo()]);
    expect(r.status).toBe(201);
    const head = e2e.hub.ctx.store.events.headSeq();
    expect(head).toBeGreaterThan(seqBefore);

    // The wall reconnects, notices the new build and reloads itself at a quiet moment…
    await wall.waitForFunction(() => !(window as unknown as { beforeRelease?: boolean }).beforeRelease, undefined, { timeout: 60_000 });
    await wall.waitForSelector('[data-testid="layar"][data-kind="single"]', { timeout: 60_000 });
    expect(await wall.locator('[data-testid="layar-stale"]').count()).toBe(0);
    // …and its map holds everything up to the hub's head, the report filed while it was away included.
    const reloaded = await mapFrame(wall);
    await expect.poll(() => reloaded.evaluate(() => window.__pantau!.live.seq()), { timeout: 60_000 }).toBeGreaterThanOrEqual(head);
    expect(await reloaded.evaluate((id) => !!window.__pantau!.live.get(id), Number(r.body.id))).toBe(true);
  });

  it('without a new release, a restart only clears the stale marker and catches up by seq', async () => {
    const map = await step('the map view', 120_000, mapFrame(wall));
    await step('marking the page load', 30_000, wall.evaluate(() => ((window as unknown as { sameLoad: boolean }).sameLoad = true)));
    const start = await step('stopping the hub', 60_000, restart());
    await wall.waitForSelector('[data-testid="layar-stale"]', { timeout: 15_000 });
    await step('starting the hub', 60_000, start());
    const r = await step('filing a report', 60_000, postReport(e2e.url, validReport({ category: 'jalan-rusak' }), [await photo()]));
    const head = e2e.hub.ctx.store.events.headSeq();
    await wall.waitForSelector('[data-testid="layar-stale"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => step('reading the seq', 10_000, map.evaluate(() => window.__pantau!.live.seq())), { timeout: 30_000 }).toBeGreaterThanOrEqual(head);
    expect(await step('finding the report', 30_000, map.evaluate((id) => !!window.__pantau!.live.get(id), Number(r.body.id)))).toBe(true);
    // The same page load: no reload happened.
    expect(await step('reading the page load', 30_000, wall.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad))).toBe(true);
    await wall.screenshot({ path: join(ARTIFACTS, 'layar-recovered-1080p.png') });
  });
});
