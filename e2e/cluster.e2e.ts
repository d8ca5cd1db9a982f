import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyOfTemplate } from '../server/testing/templates.js';
import { photo, postReport, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { exifTimeWib, phonePhoto } from '../server/testing/photos.js';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { testDatabase } from '../server/testing/postgres.js';
import { DEMO_PASSWORD } from '../scripts/seed-accounts.js';
import { startCluster, type Cluster } from '../scripts/cluster/start.js';
import { HUB_COOKIE } from '../scripts/cluster/haproxy-config.js';
import { launch } from './browser.js';

/**
 * Three real hub processes (`server/main.ts`) on one PostgreSQL database behind HAProxy, as `npm run demo:cluster`
 * starts them (the demo accounts moved in from the SQLite template by `npm run migrate:pg`, as a city moves):
 * a wall kept on hub 1, a citizen and a field phone on hub 2 and an operator on hub 3 (HAProxy's sticky cookie names
 * the hub), all through the one address. The report turns red, yellow, then green on the wall; then hub 1 is killed
 * with SIGKILL mid-stream, with citizens filing through it and around it: the wall reconnects through the balancer to
 * a live hub and shows exactly what the store holds, every report acknowledged meanwhile among it, none filed twice.
 */
let cluster: Cluster;
let dataDir: string;
let browser: Browser;
let db: { url: string; drop: () => Promise<void> };
let pool: pg.Pool;

beforeAll(async () => {
  dataDir = await copyOfTemplate('accounts');
  const started = launch();
  try {
    db = await testDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const moved = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../scripts/migrate-pg.ts'), join(dataDir, 'pantau.sqlite'), '--url', db.url], { encoding: 'utf8', timeout: 120_000 });
    expect(moved.status, moved.stderr).toBe(0);
    cluster = await startCluster({
      dataDir,
      hubs: 3,
      port: 0,
      checkEveryMs: 500,
      env: {
        PANTAU_WALL_TOKEN: WALL_TOKEN, PANTAU_CAMERA_MONITOR: 'off', PANTAU_LOG_LEVEL: 'warn', PANTAU_TRUST_PROXY: 'loopback',
        PANTAU_RATE_REPORTS_PER_10MIN: '100000', PANTAU_DATABASE_URL: db.url,
      },
    });
  } finally {
    browser = await started;
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
  await pool?.end();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Request headers that keep a caller on one hub, as the balancer's cookie keeps a browser. */
const on = (hub: string, cookie = '') => ({ cookie: `${HUB_COOKIE}=${hub}${cookie ? `; ${cookie}` : ''}` });

async function login(hub: string, username: string): Promise<{ session: string; id: string }> {
  const res = await fetch(`${cluster.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...on(hub) }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return { session: res.headers.get('set-cookie')!.split(';')[0], id: ((await res.json()) as { account: { id: string } }).account.id };
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

  it('a report filed on hub 2, dispatched on hub 3, proved by a field phone on hub 2 turns red, yellow, green on a wall on hub 1', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addCookies([{ name: HUB_COOKIE, value: 'hub1', url: cluster.url }]);
    wall = await ctx.newPage();
    await wall.goto(`${cluster.url}/wall?display=${WALL_TOKEN}`);
    await wall.waitForSelector('body[data-live="ready"]', { timeout: 90_000 });

    const report = validReport();
    const filed = await postReport(cluster.url, report, [await photo()], on('hub2'));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = Number(filed.body.id);
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('new');

    const operator = (await login('hub3', 'operator.dkp')).session;
    const phone = await login('hub2', 'pengawas.dkp.1');
    const detail = (await (await fetch(`${cluster.url}/api/console/reports/${id}`, { headers: on('hub3', operator) })).json()) as { report: { version: number } };
    const checked = await act('hub3', operator, id, { action: 'check', expectedVersion: detail.report.version });
    await act('hub3', operator, id, { action: 'dispatch', expectedVersion: checked.version, assigneeId: phone.id, instruction: 'Segera' });
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('dispatched');

    const accepted = await fetch(`${cluster.url}/api/field/jobs/${id}/accept`, { method: 'POST', headers: { 'content-type': 'application/json', ...on('hub2', phone.session) }, body: JSON.stringify({ clientId: 'cluster-accept-1' }) });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const proof = new FormData();
    proof.set('clientId', 'cluster-proof-1');
    proof.set('note', 'Sudah diangkut');
    const taken = await phonePhoto(Number(report.lat) + 0.0002, Number(report.lon), exifTimeWib(new Date()));
    proof.append('photos', new Blob([new Uint8Array(taken)], { type: 'image/jpeg' }), 'bukti.jpg');
    const proved = await fetch(`${cluster.url}/api/field/jobs/${id}/proof`, { method: 'POST', body: proof, headers: on('hub2', phone.session) });
    expect(proved.status, await proved.clone().text()).toBe(200);
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('proof_submitted');
    const version = ((await (await fetch(`${cluster.url}/api/console/reports/${id}`, { headers: on('hub3', operator) })).json()) as { report: { version: number } }).report.version;
    await act('hub3', operator, id, { action: 'verify', expectedVersion: version });
    await expect.poll(() => markerStatus(wall, id), { timeout: 30_000 }).toBe('verified');
  });

  it('hub 1 killed mid-stream: the wall reconnects through the balancer and shows exactly what the store holds', async () => {
    const hub1 = cluster.hubs[0];
    // The wall is on hub 1 (its cookie names it, its socket goes the same way) and notices when that socket drops.
    expect(((await wall.evaluate(() => fetch('/api/health').then((r) => r.json()))) as { hub: string }).hub).toBe(hub1.runId);
    expect(await wall.evaluate(() => window.__pantau!.live.connection())).toBe('connected');
    await wall.evaluate(() => {
      const w = window as unknown as { __dropped: boolean };
      w.__dropped = false;
      const watch = setInterval(() => {
        if (window.__pantau!.live.connection() !== 'connected') {
          w.__dropped = true;
          clearInterval(watch);
        }
      }, 10);
    });
    const before = (await reportsInStore()).size;

    // Citizens keep filing through the one address while hub 1 dies, every other one kept on hub 1 by its cookie.
    // Each submission carries its client id, as the citizen's form does: an answer lost with hub 1 (a 502, a reset
    // connection) is sent again with the same id, and a report hub 1 committed before it died is not filed twice.
    const picture = await photo();
    const acknowledged = new Map<string, number>();
    const resent: string[] = [];
    const stream = (async () => {
      for (let i = 0; i < 12; i++) {
        const clientId = `cluster-kill-${String(i).padStart(8, '0')}`;
        const headers = i % 2 === 0 ? on('hub1') : {};
        for (let attempt = 1; ; attempt++) {
          const r = await postReport(cluster.url, validReport({ lat: -6.18 - i * 0.002, lon: 106.63, clientId }), [picture], headers).catch((err: Error) => ({ status: 0, body: { text: err.message } as Record<string, unknown> }));
          if (r.status === 201 || r.status === 200) {
            acknowledged.set(clientId, Number(r.body.id));
            break;
          }
          expect([0, 502, 503], JSON.stringify(r.body)).toContain(r.status);
          expect(attempt, `${clientId} still unanswered`).toBeLessThan(30);
          resent.push(clientId);
          await new Promise((res) => setTimeout(res, Math.min(1000, 100 * attempt)));
        }
        await new Promise((res) => setTimeout(res, 150));
      }
    })();
    // Seen by the test even if it fails before the kill below is awaited.
    stream.catch(() => {});
    await expect.poll(() => acknowledged.size, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    hub1.child.kill('SIGKILL');
    await hub1.exited;
    const beforeTheKill = acknowledged.size;
    await stream;
    // Reports filed after hub 1 died: the wall can only have them from another hub.
    expect(acknowledged.size).toBeGreaterThan(beforeTheKill);
    expect(await wall.evaluate(() => (window as unknown as { __dropped: boolean }).__dropped)).toBe(true);

    const inStore = await reportsInStore();
    // Each acknowledged once, and nothing more: a resend did not file a second report.
    expect(new Set(acknowledged.values()).size).toBe(12);
    for (const id of acknowledged.values()) expect(inStore.has(id)).toBe(true);
    expect(inStore.size).toBe(before + 12);
    const want = [...inStore].sort((a, b) => a[0] - b[0]);
    // The wall's own markers, id and status, against the store's rows: no stale one, none missing.
    await expect
      .poll(() => wall.evaluate(() => [...window.__pantau!.live.markers.values()].map((m) => [m.id, m.status] as [number, string]).sort((a, b) => a[0] - b[0])), { timeout: 60_000 })
      .toEqual(want);
    expect(await wall.evaluate(() => window.__pantau!.live.connection())).toBe('connected');
    const health = (await (await fetch(`${cluster.url}/api/health`)).json()) as { seq: number; hub: string };
    expect(health.hub).not.toBe(hub1.runId);
    expect(await wall.evaluate(() => window.__pantau!.live.seq())).toBe(health.seq);
    console.log(`cluster kill: ${beforeTheKill} of 12 acknowledged before the kill, ${resent.length} resends (${[...new Set(resent)].length} submissions)`);
  });
});

/** The store's reports, id → status, read from the database the hubs share. */
async function reportsInStore(): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ id: number; status: string }>('SELECT id::int AS id, status FROM reports ORDER BY id');
  return new Map(rows.map((r) => [r.id, r.status]));
}
