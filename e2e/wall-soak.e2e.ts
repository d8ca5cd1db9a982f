import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { createWeek } from '../server/testing/week.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';

/**
 * Weeks unattended: a working week of the city (five days, accelerated) streams through a real hub into the wall
 * in chromium, and the wall's JS heap, DOM nodes and event listeners are sampled once per simulated day after a
 * warm-up day.
 *
 * The bounds, and why:
 * - DOM nodes and listeners: the wall draws reports on a WebGL canvas and keeps fixed panels (7 recent rows or
 *   one spotlight, a bounded notice queue, one alert per dark camera); nothing it shows grows with the number
 *   of events. Which panel is up when a sample is taken moves the count by up to ~150 nodes (measured:
 *   378–494 over a week), so: the nodes of a panel passing at that moment are left out, and at most NODE_SLACK
 *   nodes and LISTENER_SLACK listeners more than after the warm-up day are allowed. A leak of one node per event
 *   would add thousands; one listener per report, hundreds. (A CI run saw listeners at 69–71 for six days and 90
 *   on the seventh, a panel up at that moment: hence 40, not 20.) One reading per day, taken as soon as the wall
 *   has applied the day (no waiting for panels to pass: that was three seconds of sleep a day).
 * - Heap: the wall keeps one marker per report by design (the whole city, on the map and in the counts), so
 *   the heap may grow with reports added: PER_REPORT_BYTES each (the marker, MapLibre's copy of the
 *   feature and its cluster index), plus HEAP_SLACK for what garbage collection leaves lying around. What it
 *   must not do is grow with events (about four per report here, each a full report over the socket): a
 *   leak of a few hundred bytes per event breaks the bound.
 */
const NODE_SLACK = 250;
const LISTENER_SLACK = 40;
const PER_REPORT_BYTES = 2_048;
// Five days, not seven: the heap moved within ±0.5 MB day to day over seven (no trend), so a 2 MB slack over the
// ~3,800 events after the warm-up day still breaks at ~550 bytes per event, as 3 MB over 5,800 did, for 2/7 less CPU.
const HEAP_SLACK = 2 * 1024 * 1024;
const DAYS = 5;
// Leaks do not depend on the screen's size; a smaller one spares SwiftShader most of its per-event repaints.
const SIZE = { width: 1280, height: 720 };

let clock = new Date('2026-11-15T17:00:00Z'); // Monday 16 November 2026, 00:00 WIB
const e2e = useE2e({ from: 'accounts', now: () => clock });
let hub: Hub;
beforeAll(() => {
  hub = e2e.hub;
});

type Sample = { day: number; heap: number; nodes: number; listeners: number; markers: number; seq: number };

/** The wall's passing panels: up for a few seconds after a report, a "selesai" or a room action, then gone. */
const PASSING = '[data-testid="spotlight"], [data-testid="wall-done"], [data-testid="wall-notice"]';

async function sample(page: Page, cdp: CDPSession, day: number): Promise<Sample> {
  // The wall has applied everything the hub logged, then a full collection, then one reading.
  const head = hub.ctx.store.events.headSeq();
  await page.waitForFunction((s) => window.__pantau!.live.seq() >= s, head, { timeout: 120_000, polling: 100 });
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (n: string) => metrics.find((m) => m.name === n)?.value ?? NaN;
  // A panel passing at this moment is not a leak: its nodes are left out (a leak stays in the rest of the page).
  const passing = await page.evaluate((sel) => [...document.querySelectorAll(sel)].reduce((n, el) => n + 1 + el.querySelectorAll('*').length, 0), PASSING);
  const markers = await page.evaluate(() => window.__pantau!.live.size());
  return { day, heap: usedSize, nodes: metric('Nodes') - passing, listeners: metric('JSEventListeners'), markers, seq: head };
}

describe('the wall over a week unattended', () => {
  it('keeps heap, DOM nodes and listeners within a small bound while five days of events stream through', async () => {
    const errors: string[] = [];
    const page = await e2e.wall('/wall', 'body[data-live="ready"]', SIZE);
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const week = createWeek(hub, (d) => (clock = d), clock);
    const samples: Sample[] = [];
    for (let day = 1; day <= DAYS; day++) {
      for (let h = 0; h < 24; h++) await week.hour();
      samples.push(await sample(page, cdp, day));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'wall-soak-day7.png') });
    console.table(samples.map((s) => ({ ...s, heapMB: +(s.heap / 1048576).toFixed(2) })));
    console.log('week:', week.counts, 'events', hub.ctx.store.events.headSeq());

    expect(errors).toEqual([]);
    expect(week.counts.reports).toBeGreaterThan(500);
    expect(week.counts.actions).toBeGreaterThan(1000);
    expect(week.counts.flags).toBeGreaterThan(0);
    expect(week.counts.cameraChanges).toBeGreaterThan(10);
    // The wall holds every report the hub has.
    expect(samples.at(-1)!.markers).toBe(hub.ctx.store.reports.allMarkers().length);

    const base = samples[0]; // after the first (warm-up) day
    for (const s of samples.slice(1)) {
      expect(s.nodes - base.nodes, `DOM nodes on day ${s.day}`).toBeLessThanOrEqual(NODE_SLACK);
      expect(s.listeners - base.listeners, `listeners on day ${s.day}`).toBeLessThanOrEqual(LISTENER_SLACK);
      const allowed = HEAP_SLACK + PER_REPORT_BYTES * (s.markers - base.markers);
      expect(s.heap - base.heap, `heap growth by day ${s.day} (allowed ${allowed})`).toBeLessThanOrEqual(allowed);
    }
    await page.close();
  });
});
