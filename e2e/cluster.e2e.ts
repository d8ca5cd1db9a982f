import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyOfTemplate } from '../server/testing/templates.js';
import { photo, postReport, testConfig, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { exifTimeWib, phonePhoto } from '../server/testing/photos.js';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { testDatabase } from '../server/testing/postgres.js';
import { DEMO_PASSWORD } from '../scripts/seed-accounts.js';
import { startCluster, type Cluster } from '../scripts/cluster/start.js';
import { HUB_COOKIE } from '../scripts/cluster/haproxy-config.js';
import { launch } from './browser.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHub } from '../server/hub.js';
import { loadCity } from '../server/profile/load.js';
import { cameraSimulator, type CameraSimulator } from '../server/testing/cameras.js';
import { shareOwner, SHARE_TERM_MS } from '../server/domain/camera-shares.js';
import { DEADLINE_SWEEP_LEASE } from '../server/jobs/deadline-scheduler.js';

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
let cameras: CameraSimulator;
let agency: Agency;
// The sweep every two seconds (its lease runs three intervals): a dead holder's lease is taken within seconds, not
// minutes, and a holder stalled a few seconds on a loaded machine keeps it.
const SWEEP_EVERY_MS = 2000;
const DAY = 24 * 3600_000;

/** An agency's real endpoint on loopback: answers 503 while it is down, 200 once up; every request and its answer kept. */
class Agency {
  down = true;
  readonly got: { key: string; status: number }[] = [];
  private server!: Server;
  url = '';
  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      for await (const _ of req);
      const status = this.down ? 503 : 200;
      this.got.push({ key: String(req.headers['idempotency-key']), status });
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/pantau`;
    return this;
  }
  close = () => new Promise<void>((r) => (this.server.closeAllConnections(), this.server.close(() => r())));
}

/**
 * Reports filed a week ago, through a hub on the same database and media folder whose clock says so: overdue now,
 * not yet swept (that hub runs no sweep).
 */
async function fileAWeekAgo(url: string, n: number): Promise<void> {
  const hub = await createHub(testConfig(dataDir, { databaseUrl: url }), { now: () => new Date(Date.now() - 7 * DAY) });
  try {
    const at = `http://127.0.0.1:${await hub.listen()}`;
    for (let i = 0; i < n; i++) {
      const r = await postReport(at, validReport({ lat: -6.17 - i * 0.003 }), [await photo()]);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  } finally {
    await hub.close();
  }
}

beforeAll(async () => {
  dataDir = await copyOfTemplate('accounts');
  const started = launch();
  try {
    db = await testDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const moved = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../scripts/migrate-pg.ts'), join(dataDir, 'pantau.sqlite'), '--url', db.url], { encoding: 'utf8', timeout: 120_000 });
    expect(moved.status, moved.stderr).toBe(0);
    await fileAWeekAgo(db.url, 2);
    const city = loadCity('tangerang');
    cameras = await cameraSimulator(city);
    agency = await new Agency().start();
    cluster = await startCluster({
      dataDir,
      hubs: 3,
      port: 0,
      checkEveryMs: 500,
      env: {
        PANTAU_WALL_TOKEN: WALL_TOKEN, PANTAU_LOG_LEVEL: 'warn', PANTAU_TRUST_PROXY: 'loopback',
        PANTAU_RATE_REPORTS_PER_10MIN: '100000', PANTAU_DATABASE_URL: db.url,
        PANTAU_CAMERA_MONITOR: 'on', PANTAU_CAMERA_SIMULATOR_URL: cameras.url, PANTAU_CAMERA_THREADS: '1',
        PANTAU_DEADLINE_SCHEDULER: 'on', PANTAU_DEADLINE_EVERY_MS: String(SWEEP_EVERY_MS),
        PANTAU_AGENCY_WEBHOOKS: city.profile.agencies.map((a) => `${a.id}=${agency.url}`).join(','),
      },
    });
  } finally {
    browser = await started;
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
  await cameras?.close();
  await agency?.close();
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

  // Its cap is past the webhooks' longest backoff (they were refused since the cluster started), not a threshold.
  it('hub 1 killed mid-stream: the wall reconnects through the balancer and shows exactly what the store holds', { timeout: 600_000 }, async () => {
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
    // What hub 1 holds besides the wall: the sweep's lease, a third of the cameras, and webhooks the agency refused.
    const runs = cluster.hubs.map((h) => h.runId);
    expect((await leaseOf(DEADLINE_SWEEP_LEASE))?.owner).toBe(hub1.runId);
    await expect.poll(() => liveShares(), { timeout: 30_000 }).toEqual([...runs].sort());
    const hub1Cameras = (await cameraIntervals()).filter((c) => shareOwner(c.id, [...runs].sort()) === hub1.runId);
    expect(hub1Cameras.length).toBeGreaterThan(0);
    const queued = await outbox();
    expect(queued.length).toBeGreaterThanOrEqual(2);
    expect(queued.every((m) => m.delivered === null)).toBe(true);
    // Each was tried (and refused) before the kill.
    await expect.poll(() => queued.every((m) => agency.got.some((g) => g.key.endsWith(`:${m.seq}`))), { timeout: 30_000 }).toBe(true);

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
    const killedAt = Date.now();
    hub1.child.kill('SIGKILL');
    await hub1.exited;
    // Up only once hub 1 is gone, and a moment after: a request it sent as it died is not answered 200.
    await new Promise((r) => setTimeout(r, 250));
    agency.down = false;
    // Hub 1's last renewal stands in the row until a live hub takes the lease after it runs out.
    const lastHeld = await leaseOf(DEADLINE_SWEEP_LEASE);
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
    // The cameras' events go on meanwhile: the wall reaches the head the hubs answer with.
    await expect.poll(async () => (await wall.evaluate(() => window.__pantau!.live.seq())) >= health.seq, { timeout: 30_000 }).toBe(true);
    console.log(`cluster kill: ${beforeTheKill} of 12 acknowledged before the kill, ${resent.length} resends (${[...new Set(resent)].length} submissions)`);

    // The sweep: a live hub takes the lease once hub 1's has run out, at its next tick. Read on the hubs' own clock
    // (the lease's times); one interval more than the rule allows, for a tick late on a loaded machine.
    // The row as first seen taken: a renewal after it would move `until` on.
    let taken: { owner: string; until: string } | undefined;
    await expect.poll(async () => (taken = await leaseOf(DEADLINE_SWEEP_LEASE))?.owner, { timeout: 60_000 }).not.toBe(hub1.runId);
    taken = taken!;
    expect(runs.slice(1)).toContain(taken.owner);
    const heldUntil = lastHeld?.owner === hub1.runId ? Date.parse(lastHeld.until) : killedAt;
    const takenAt = Date.parse(taken.until) - 3 * SWEEP_EVERY_MS;
    expect(takenAt - heldUntil).toBeLessThanOrEqual(2 * SWEEP_EVERY_MS);

    // The cameras: each of hub 1's is probed by a live hub once hub 1's share has run out, within its interval (and
    // one more for a round late on a loaded machine).
    const since = new Date(killedAt).toISOString();
    await expect.poll(async () => (await firstProbesAfter(hub1Cameras.map((c) => c.id), since)).size, { timeout: 60_000 }).toBe(hub1Cameras.length);
    const firstAfter = await firstProbesAfter(hub1Cameras.map((c) => c.id), since);
    const late = hub1Cameras.map((c) => Date.parse(firstAfter.get(c.id)!) - killedAt - (SHARE_TERM_MS + 2 * c.intervalMs));
    expect(Math.max(...late)).toBeLessThanOrEqual(0);

    // The webhooks queued before the kill: every one delivered, each answered 200 exactly once.
    // Each is tried again at its next try (the backoff grew while the agency was down), or after hub 1's claim ran out.
    const { rows: [{ last }] } = await pool.query<{ last: string | null }>('SELECT max(greatest(next_attempt_at, coalesce(claimed_until, next_attempt_at))) AS last FROM outbox WHERE delivered_at IS NULL');
    const wait = Math.max(0, Date.parse(last ?? new Date().toISOString()) - Date.now()) + 30_000;
    await expect.poll(async () => (await outbox()).filter((m) => m.delivered === null).length, { timeout: wait }).toBe(0);
    const sent = await outbox();
    expect(sent.every((m) => m.givenUp === null)).toBe(true);
    const accepted = agency.got.filter((g) => g.status === 200).map((g) => Number(g.key.split(':').at(-1)));
    expect(accepted.sort((a, b) => a - b)).toEqual(sent.map((m) => m.seq).sort((a, b) => a - b));
    console.log(
      `cluster takeover: sweep lease ${takenAt - heldUntil} ms after hub 1's ran out; hub 1's ${hub1Cameras.length} cameras probed again ` +
        `${Math.round(Math.max(...hub1Cameras.map((c) => Date.parse(firstAfter.get(c.id)!) - killedAt)) / 100) / 10} s after the kill at the latest; ` +
        `${sent.length} webhooks delivered once after ${agency.got.length - accepted.length} refused tries`,
    );
  });
});

/** The store's reports, id → status, read from the database the hubs share. */
async function reportsInStore(): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ id: number; status: string }>('SELECT id::int AS id, status FROM reports ORDER BY id');
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function leaseOf(name: string): Promise<{ owner: string; until: string } | undefined> {
  return (await pool.query<{ owner: string; until: string }>('SELECT owner, until FROM leases WHERE name = $1', [name])).rows[0];
}

/** The hub runs whose camera share is live now, sorted. */
async function liveShares(): Promise<string[]> {
  const { rows } = await pool.query<{ owner: string; until: string }>("SELECT owner, until FROM leases WHERE name LIKE 'camera-share:%'");
  return rows.filter((r) => Date.parse(r.until) > Date.now()).map((r) => r.owner).sort();
}

async function cameraIntervals(): Promise<{ id: string; intervalMs: number }[]> {
  const { rows } = await pool.query<{ id: string; interval_s: number }>('SELECT id, interval_s FROM cameras WHERE disabled = 0 ORDER BY id');
  return rows.map((r) => ({ id: r.id, intervalMs: r.interval_s * 1000 }));
}

/** Each camera's first probe after `since` (ISO), for those probed since. */
async function firstProbesAfter(ids: string[], since: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ camera_id: string; at: string }>('SELECT camera_id, min(at) AS at FROM camera_probes WHERE camera_id = ANY($1) AND at > $2 GROUP BY camera_id', [ids, since]);
  return new Map(rows.map((r) => [r.camera_id, r.at]));
}

async function outbox(): Promise<{ seq: number; delivered: string | null; givenUp: string | null }[]> {
  const { rows } = await pool.query<{ seq: number; delivered: string | null; givenUp: string | null }>('SELECT seq::int AS seq, delivered_at AS delivered, given_up_at AS "givenUp" FROM outbox ORDER BY seq');
  return rows;
}
