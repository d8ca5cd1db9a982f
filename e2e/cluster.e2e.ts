import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyOfTemplate } from '../server/testing/templates.js';
import { photo, postReport, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { Store } from '../server/store/index.js';
import { DEMO_PASSWORD } from '../scripts/seed-accounts.js';
import { startCluster, type Cluster } from '../scripts/cluster/start.js';
import { HUB_COOKIE } from '../scripts/cluster/haproxy-config.js';
import { launch } from './browser.js';

/**
 * Three real hub processes (`server/main.ts`) on one store behind HAProxy, as `npm run demo:cluster` starts them:
 * a wall kept on hub 1, a citizen on hub 2 and an operator on hub 3 (HAProxy's sticky cookie names the hub), all
 * through the one address. The report turns red then yellow on the wall; then hub 1 is killed with SIGKILL mid-stream:
 * the wall reconnects through the balancer to a live hub and shows exactly what the store holds, every report
 * acknowledged meanwhile among it.
 */
let cluster: Cluster;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = await copyOfTemplate('accounts');
  const started = launch();
  cluster = await startCluster({
    dataDir,
    hubs: 3,
    port: 0,
    checkEveryMs: 500,
    env: {
      PANTAU_WALL_TOKEN: WALL_TOKEN, PANTAU_CAMERA_MONITOR: 'off', PANTAU_LOG_LEVEL: 'warn', PANTAU_TRUST_PROXY: 'loopback',
      PANTAU_RATE_REPORTS_PER_10MIN: '100000',
    },
  });
  browser = await started;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
});

/** Request headers that keep a caller on one hub, as the balancer's cookie keeps a browser. */
const on = (hub: string, cookie = '') => ({ cookie: `${HUB_COOKIE}=${hub}${cookie ? `; ${cookie}` : ''}` });

async function login(hub: string, username: string): Promise<string> {
  const res = await fetch(`${cluster.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...on(hub) }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function act(hub: string, session: string, id: number, body: Record<string, unknown>) {
  const res = await fetch(`${cluster.url}/api/console/reports/${id}/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...on(hub, session) }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { report: { version: number } }).report;
}

const markerStatus = (page: Page, id: number) => page.evaluate((i) => window.__pantau!.live.get(i)?.status ?? null, id);

describe('three hubs behind HAProxy', () => {
  let wall: Page;

  it('answers from each hub the cookie names, all through one address', async () => {
    for (const h of cluster.hubs) {
      const health = (await (await fetch(`${cluster.url}/api/health`, { headers: on(h.name) })).json()) as { hub: string };
      expect(health.hub).toBe(h.runId);
    }
  });

  it('a report filed on hub 2 and dispatched on hub 3 turns red then yellow on a wall on hub 1', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addCookies([{ name: HUB_COOKIE, value: 'hub1', url: cluster.url }]);
    wall = await ctx.newPage();
    await wall.goto(`${cluster.url}/wall?display=${WALL_TOKEN}`);
    await wall.waitForSelector('body[data-live="ready"]', { timeout: 90_000 });

    const filed = await postReport(cluster.url, validReport(), [await photo()], on('hub2'));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = Number(filed.body.id);
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('new');

    const operator = await login('hub3', 'operator.dkp');
    const detail = (await (await fetch(`${cluster.url}/api/console/reports/${id}`, { headers: on('hub3', operator) })).json()) as { report: { version: number }; fieldSupervisors: { id: string }[] };
    const checked = await act('hub3', operator, id, { action: 'check', expectedVersion: detail.report.version });
    await act('hub3', operator, id, { action: 'dispatch', expectedVersion: checked.version, assigneeId: detail.fieldSupervisors[0].id, instruction: 'Segera' });
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('dispatched');
  });

  it('hub 1 killed mid-stream: the wall reconnects through the balancer and shows exactly what the store holds', async () => {
    const hub1 = cluster.hubs[0];
    const acknowledged: number[] = [];
    // Citizens keep filing through the one address while hub 1 dies; a request it held when it died is answered
    // 502 and sent again, as the phone's outbox does.
    const picture = await photo();
    const stream = (async () => {
      for (let i = 0; i < 12; i++) {
        for (;;) {
          const r = await postReport(cluster.url, validReport({ lat: -6.18 - i * 0.002, lon: 106.63 }), [picture]);
          if (r.status === 201) {
            acknowledged.push(Number(r.body.id));
            break;
          }
          expect([502, 503], JSON.stringify(r.body)).toContain(r.status);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    hub1.child.kill('SIGKILL');
    await hub1.exited;
    const beforeTheKill = acknowledged.length;
    await stream;
    // Reports filed after hub 1 died: the wall can only have them from another hub.
    expect(acknowledged.length).toBeGreaterThan(beforeTheKill);

    const store = Store.open(join(dataDir, 'pantau.sqlite'));
    try {
      const inStore = new Map(store.reports.latest(10_000).map((r) => [r.id, r.status]));
      for (const id of acknowledged) expect(inStore.has(id)).toBe(true);
      const want = [...inStore].sort((a, b) => a[0] - b[0]);
      // The wall's own markers, id and status, against the store's rows: no stale one, none missing.
      await expect
        .poll(() => wall.evaluate(() => [...window.__pantau!.live.markers.values()].map((m) => [m.id, m.status] as [number, string]).sort((a, b) => a[0] - b[0])), { timeout: 60_000 })
        .toEqual(want);
      expect(await wall.evaluate(() => window.__pantau!.live.connection())).toBe('connected');
      const health = (await (await fetch(`${cluster.url}/api/health`)).json()) as { seq: number; hub: string };
      expect(health.hub).not.toBe(hub1.runId);
      expect(await wall.evaluate(() => window.__pantau!.live.seq())).toBe(health.seq);
    } finally {
      store.close();
    }
  });
});
