import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openInstallation, type Installation } from './installation.js';
import { photo, postReport, STORES, testConfig, validReport, WallClient, type StoreKind } from './testing/hub.js';
import { createAccount } from './commands/accounts.js';
import { SYSTEM } from './contract/roles.js';
import { listenForEvents } from './store/pg/notify.js';
import type { Hub } from './hub.js';

/**
 * Two cities in one installation (PANTAU_CITIES=tangerang,malang), on each store: each its own store, seq, accounts
 * and wall, so nothing of Tangerang's is reached from Malang's address, and Malang's wall hears none of its events.
 */
const PASSWORD = 'sandi-uji-coba-123';
// A point in Kota Malang (the profile's map centre); validReport's is in Tangerang.
const IN_MALANG = { lat: -7.9783, lon: 112.635907 };

describe.each(STORES)('an installation of two cities on %s', (kind: StoreKind) => {
  let installation: Installation;
  let urls: string[];
  let dataDir: string;
  let db: { url: string; drop: () => Promise<void> } | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pantau-installation-'));
    if (kind === 'PostgreSQL') db = await (await import('./testing/postgres.js')).testDatabase();
    installation = await openInstallation(testConfig(dataDir, { cities: ['tangerang', 'malang'], city: 'tangerang', ...(db ? { databaseUrl: db.url } : {}) }));
    urls = (await installation.listen()).map((port) => `http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await installation?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const loginAs = async (url: string, username: string) => {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0];
  };
  const get = (url: string, path: string, cookie: string) => fetch(`${url}${path}`, { headers: { cookie } });
  // A head beat sent now arrives after anything the hub sent that wall before it (one socket, in order).
  const heard = async (hub: Hub, wall: WallClient) => {
    const heads = wall.heads;
    hub.headBeat.beat();
    await wall.until(() => wall.heads > heads);
  };
  const head = (hub: Hub) => hub.ctx.store.query((p) => p.reports.headSeq());

  it('keeps each city on its own store, port, seq, accounts and wall', async () => {
    const [tangerang, malang] = installation.hubs;
    const [tngUrl, mlgUrl] = urls;
    expect(installation.hubs.map((h) => h.ctx.city.profile.id)).toEqual(['tangerang', 'malang']);
    expect(tngUrl).not.toBe(mlgUrl);
    expect(tangerang.ctx.store.storeId).not.toBe(malang.ctx.store.storeId);
    if (kind === 'SQLite') for (const city of ['tangerang', 'malang']) expect(existsSync(join(dataDir, city, 'pantau.sqlite'))).toBe(true);
    else {
      const admin = new pg.Client({ connectionString: db!.url });
      await admin.connect();
      const { rows } = await admin.query<{ schema: string }>("SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema LIKE 'city%' ORDER BY 1");
      await admin.end();
      expect(rows.map((r) => r.schema)).toEqual(['city_malang', 'city_tangerang']);
    }

    // The same username in both cities: two accounts, each signing in only where it was made.
    for (const hub of installation.hubs) expect((await createAccount(hub.ctx, SYSTEM, { username: 'supervisor.kota', name: 'Supervisor', role: 'supervisor', agencyId: null, password: PASSWORD })).ok).toBe(true);
    const tngCookie = await loginAs(tngUrl, 'supervisor.kota');
    const mlgCookie = await loginAs(mlgUrl, 'supervisor.kota');

    const tngWall = new WallClient(tngUrl);
    const mlgWall = new WallClient(mlgUrl);
    // PostgreSQL: Malang's channel hears no Tangerang commit (migration 019); its own is heard.
    let malangNotified = 0;
    const listener = db ? listenForEvents(db.url, () => malangNotified++, { warn: () => {} }, 'city_malang') : null;
    try {
      await listener?.ready;
      await tngWall.until(() => tngWall.catchUps.length === 1);
      await mlgWall.until(() => mlgWall.catchUps.length === 1);
      const malangHead = await head(malang);
      const heardBefore = malangNotified;

      const filed = await Promise.all([postReport(tngUrl, validReport(), [await photo()]), postReport(tngUrl, validReport({ description: 'Lampu jalan padam di Jalan Daan Mogot' }), [await photo()])]);
      expect(filed.map((f) => f.status)).toEqual([201, 201]);
      const [first, second] = filed.map((f) => f.body as { id: number; ticket: string });
      expect(first.ticket.startsWith('TNG')).toBe(true);
      await tngWall.until(() => tngWall.markers.has(first.id) && tngWall.markers.has(second.id));

      // Malang's log did not move, nor did its wall hear anything, nor its channel.
      expect(await head(malang)).toBe(malangHead);
      await heard(malang, mlgWall);
      expect(mlgWall.events).toEqual([]);
      expect(mlgWall.markers.size).toBe(0);
      expect(malangNotified).toBe(heardBefore);

      // Tangerang's sign-in is no sign-in at Malang; Malang's own supervisor finds no such report, nor its ticket.
      expect((await get(mlgUrl, '/api/console/reports', tngCookie)).status).toBe(401);
      expect((await get(mlgUrl, `/api/console/reports/${second.id}`, mlgCookie)).status).toBe(404);
      expect((await fetch(`${mlgUrl}/api/track/${first.ticket}`)).status).toBe(404);
      expect((await get(tngUrl, `/api/console/reports/${second.id}`, tngCookie)).status).toBe(200);
      const queue = (await (await get(mlgUrl, '/api/console/reports', mlgCookie)).json()) as { reports: unknown[]; total: { count: number } };
      expect([queue.reports.length, queue.total.count]).toEqual([0, 0]);

      // Malang's own report starts its own seq and ticket series, and reaches only its own wall.
      const tngEvents = tngWall.events.length;
      const inMalang = await postReport(mlgUrl, validReport({ ...IN_MALANG, description: 'Jalan berlubang di Jalan Ijen' }), [await photo()]);
      expect(inMalang.status).toBe(201);
      const mlgReport = inMalang.body as { id: number; ticket: string };
      expect(mlgReport.ticket.startsWith('MLG')).toBe(true);
      await mlgWall.until(() => mlgWall.markers.has(mlgReport.id));
      expect(mlgWall.events.map((e) => e.seq)).toEqual([malangHead + 1]);
      if (listener) await mlgWall.until(() => malangNotified > heardBefore);
      await heard(tangerang, tngWall);
      expect(tngWall.events.length).toBe(tngEvents);
    } finally {
      tngWall.close();
      mlgWall.close();
      await listener?.close();
    }
  });
});
