import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cityWallToken, openInstallation, type Installation } from './installation.js';
import { photo, postReport, STORES, testConfig, validReport, WALL_TOKEN, WallClient, type StoreKind } from './testing/hub.js';
import { createAccount } from './commands/accounts.js';
import { createApiClient } from './commands/api-clients.js';
import { pairDisplay } from './commands/displays.js';
import { io as connect } from 'socket.io-client';
import { registeredRoutes } from './testing/express-routes.js';
import { actOnReport } from './commands/act-on-report.js';
import { deliverPending } from './province/forwarding.js';
import { forwardReport } from './commands/forward-report.js';
import { scenePhoto } from '../scripts/simulate/scene-photo.js';
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

type Creds = { cookie?: string; display?: string };
/** What a live stream answers a handshake with these credentials: 'connected', or the refusal's code. */
function streamAnswer(url: string, creds: Creds): Promise<string> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = creds.cookie ? { cookie: creds.cookie, origin: new URL(url).origin } : {};
    const socket = connect(url, { transports: ['websocket'], reconnection: false, auth: { display: creds.display ?? '' }, extraHeaders: headers });
    socket.once('live.catchup', () => (socket.close(), resolve('connected')));
    socket.once('connect_error', (e) => (socket.close(), resolve((e as { data?: { code?: string } }).data?.code ?? e.message)));
  });
}

describe.each(STORES)('an installation of two cities on %s', (kind: StoreKind) => {
  let installation: Installation;
  let urls: string[];
  let provinceUrl: string;
  let dataDir: string;
  let db: { url: string; drop: () => Promise<void> } | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pantau-installation-'));
    if (kind === 'PostgreSQL') db = await (await import('./testing/postgres.js')).testDatabase();
    installation = await openInstallation(testConfig(dataDir, { cities: ['tangerang', 'malang'], city: 'tangerang', ...(db ? { databaseUrl: db.url } : {}) }));
    const ports = await installation.listen();
    urls = ports.cities.map((port) => `http://127.0.0.1:${port}`);
    provinceUrl = `http://127.0.0.1:${ports.province}`;
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
    if (kind === 'SQLite') for (const city of ['tangerang', 'malang', 'provinsi']) expect(existsSync(join(dataDir, city, 'pantau.sqlite'))).toBe(true);
    else {
      const admin = new pg.Client({ connectionString: db!.url });
      await admin.connect();
      const { rows } = await admin.query<{ schema: string }>("SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema LIKE 'city%' ORDER BY 1");
      await admin.end();
      expect(rows.map((r) => r.schema)).toEqual(['city_malang', 'city_provinsi', 'city_tangerang']);
    }

    // The same username in both cities: two accounts, each signing in only where it was made.
    for (const hub of installation.hubs) expect((await createAccount(hub.ctx, SYSTEM, { username: 'supervisor.kota', name: 'Supervisor', role: 'supervisor', agencyId: null, password: PASSWORD })).ok).toBe(true);
    const tngCookie = await loginAs(tngUrl, 'supervisor.kota');
    const mlgCookie = await loginAs(mlgUrl, 'supervisor.kota');

    const tngWall = new WallClient(tngUrl, cityWallToken(WALL_TOKEN, 'tangerang'));
    const mlgWall = new WallClient(mlgUrl, cityWallToken(WALL_TOKEN, 'malang'));
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
      // One notification, Malang's own: LISTEN delivers in commit order, so one of Tangerang's would be counted by now.
      if (listener) {
        await mlgWall.until(() => malangNotified > heardBefore);
        expect(malangNotified).toBe(heardBefore + 1);
      }
      await heard(tangerang, tngWall);
      expect(tngWall.events.length).toBe(tngEvents);
    } finally {
      tngWall.close();
      mlgWall.close();
      await listener?.close();
    }
  });

  // Dispatch is the same on either store (each city's own app answers); once is enough.
  it.runIf(kind === 'SQLite')("serves every city's Open311 at the province's address by jurisdiction_id, each with its own keys", async () => {
    const [tangerang, malang] = installation.hubs;
    const keyOf = async (hub: Hub) => {
      const made = await createApiClient(hub.ctx, SYSTEM, { name: `Aplikasi warga ${hub.ctx.city.profile.id}`, scopes: ['open311'] });
      if (!made.ok) throw new Error(made.message);
      return made.value.key;
    };
    const [tngKey, mlgKey] = [await keyOf(tangerang), await keyOf(malang)];
    const open311 = (path: string, init?: RequestInit) => fetch(`${provinceUrl}/open311/v2/${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }));
    const errorOf = (r: { body: { description: string }[] }) => r.body[0].description;

    const found = await open311('discovery.json');
    expect(found.status).toBe(200);
    expect(found.body.endpoints[0].url).toBe(`${provinceUrl}/open311/v2`);
    expect(found.body.contact).toContain('tangerang, malang');

    const none = await open311('services.json');
    expect([none.status, errorOf(none)]).toEqual([400, 'jurisdiction_id: required at this endpoint, which serves tangerang, malang']);
    const elsewhere = await open311('services.json?jurisdiction_id=pontianak');
    expect([elsewhere.status, errorOf(elsewhere)]).toEqual([404, 'jurisdiction_id: pontianak is not served here; this endpoint serves tangerang, malang']);
    // Malang's services, as Malang's own endpoint lists them.
    const services = await open311('services.json?jurisdiction_id=malang');
    expect(services.status).toBe(200);
    expect(services.body).toEqual(await (await fetch(`${urls[1]}/open311/v2/services.json`)).json());

    // A POST names its city in the form, as the spec has it; the key must be that city's.
    const form = (over: Record<string, string>) => ({
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ service_code: 'jalan-rusak', description: 'Jalan berlubang di depan sekolah', lat: String(IN_MALANG.lat), long: String(IN_MALANG.lon), ...over }).toString(),
    });
    const count = () => malang.ctx.store.query((p) => p.reads.queueCount({}, 100));
    const before = await count();
    const res = await fetch(`${provinceUrl}/open311/v2/requests.json`, form({ jurisdiction_id: 'malang', api_key: mlgKey }));
    expect(res.status).toBe(201);
    expect(await count()).toBe(before + 1);
    // Its Location answers at the province's address too: it names its jurisdiction.
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/open311\/v2\/requests\/MLG-.+\.json\?jurisdiction_id=malang$/);
    expect((await fetch(`${provinceUrl}${location}`)).status).toBe(200);
    // A Malang report's photo, linked from the answer under the province's address, is served there (by Malang).
    const withPhoto = await postReport(urls[1], validReport({ ...IN_MALANG, description: 'Pohon tumbang di Jalan Ijen' }), [await photo()]);
    const ticket = (withPhoto.body as { ticket: string }).ticket;
    const [request] = (await open311(`requests/${ticket}.json?jurisdiction_id=malang`)).body as { media_url: string }[];
    expect(request.media_url.startsWith(`${provinceUrl}/media/`)).toBe(true);
    const image = await fetch(request.media_url);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect((await fetch(`${provinceUrl}/media/${'0'.repeat(64)}/display.webp`)).status).toBe(404);
    const wrongKey = await open311('requests.json', form({ jurisdiction_id: 'malang', api_key: tngKey }));
    expect([wrongKey.status, errorOf(wrongKey)]).toEqual([403, 'api_key: not a valid key']);
    const conflict = await open311('requests.json?jurisdiction_id=tangerang', form({ jurisdiction_id: 'malang', api_key: mlgKey }));
    expect([conflict.status, errorOf(conflict)]).toEqual([400, 'jurisdiction_id: the query names tangerang, the form malang']);
    expect(await count()).toBe(before + 2);

    const off = await fetch(`${provinceUrl}/console`);
    expect(off.status).toBe(404);
  });

  it("streams every city to the province's screens, each on its own seq, known by the province's store alone", async () => {
    const province = installation.province!;
    const [tangerang, malang] = installation.hubs;
    const [tngUrl] = urls;
    expect((await createAccount(province.ctx, SYSTEM, { username: 'supervisor.provinsi', name: 'Supervisor Provinsi', role: 'supervisor', agencyId: null, password: PASSWORD })).ok).toBe(true);
    const provincial = await loginAs(provinceUrl, 'supervisor.provinsi');
    // A provincial account is nobody at a city's address, nor a city's at the province's.
    expect((await get(tngUrl, '/api/console/reports', provincial)).status).toBe(401);
    expect((await createAccount(tangerang.ctx, SYSTEM, { username: 'supervisor.tangerang', name: 'Supervisor Tangerang', role: 'supervisor', agencyId: null, password: PASSWORD })).ok).toBe(true);
    const cityCookie = await loginAs(tngUrl, 'supervisor.tangerang');
    const cityDisplay = await pairDisplay(tangerang.ctx, SYSTEM, 'Layar Tangerang', 'only-paired-in-tangerang-0123456789');
    const refused = (stream: string, creds: Creds) => streamAnswer(`${provinceUrl}${stream}`, creds);
    expect(await refused('/kota/tangerang', { cookie: cityCookie })).toBe('unauthenticated');
    expect(await refused('/kota/tangerang', { display: cityDisplay.token })).toBe('unauthenticated');
    expect(await refused('/kota/tangerang', { cookie: provincial })).toBe('connected');

    // The provincial wall (the display the province's store paired with its wall token) follows both cities; a
    // city's own wall token is nobody there.
    const provinceWall = cityWallToken(WALL_TOKEN, 'provinsi');
    expect(await refused('/kota/malang', { display: cityWallToken(WALL_TOKEN, 'malang') })).toBe('unauthenticated');
    const onTangerang = new WallClient(`${provinceUrl}/kota/tangerang`, provinceWall);
    const onMalang = new WallClient(`${provinceUrl}/kota/malang`, provinceWall);
    try {
      await onTangerang.until(() => onTangerang.catchUps.length === 1);
      await onMalang.until(() => onMalang.catchUps.length === 1);
      expect([onTangerang.storeId, onTangerang.seq]).toEqual([tangerang.ctx.store.storeId, await head(tangerang)]);
      expect([onMalang.storeId, onMalang.seq]).toEqual([malang.ctx.store.storeId, await head(malang)]);
      expect(onTangerang.markers.size).toBe(await tangerang.ctx.store.query((p) => p.reads.queueCount({}, 100)));

      const malangEvents = onMalang.events.length;
      const filed = await postReport(tngUrl, validReport({ description: 'Pohon tumbang menutup jalan' }), [await photo()]);
      expect(filed.status).toBe(201);
      const id = (filed.body as { id: number }).id;
      await onTangerang.until(() => onTangerang.markers.has(id));
      expect(onTangerang.seq).toBe(await head(tangerang));
      // Malang's stream carried none of it: the next thing on it is Malang's own next event.
      const inMalang = await postReport(urls[1], validReport({ ...IN_MALANG, description: 'Saluran tersumbat di Jalan Ijen' }), [await photo()]);
      expect(inMalang.status).toBe(201);
      await onMalang.until(() => onMalang.markers.has((inMalang.body as { id: number }).id));
      expect(onMalang.events.slice(malangEvents).map((e) => e.seq)).toEqual([await head(malang)]);
    } finally {
      onTangerang.close();
      onMalang.close();
    }
  });

  // Every route is the same code on either store, and each city's credentials live in its own: once is enough.
  it.runIf(kind === 'SQLite')("gives no credential of one city anything at another's address, route by route", async () => {
    const [tangerang, malang] = installation.hubs;
    const [tngUrl, mlgUrl] = urls;
    // Tangerang's every kind of caller: each staff role, a paired display, an API key of every scope.
    const cookies: Record<string, string> = {};
    for (const [role, agencyId] of [['admin', null], ['supervisor', null], ['operator', 'dkp'], ['field', 'dkp']] as const) {
      const username = `${role}.matriks`;
      expect((await createAccount(tangerang.ctx, SYSTEM, { username, name: `Matriks ${role}`, role, agencyId, password: PASSWORD })).ok).toBe(true);
      cookies[role] = await loginAs(tngUrl, username);
    }
    const display = (await pairDisplay(tangerang.ctx, SYSTEM, 'Layar matriks', 'tangerang-display-for-the-matrix-0123')).token;
    const key = await createApiClient(tangerang.ctx, SYSTEM, { name: 'Sistem matriks', scopes: ['open311', 'indicators'] });
    if (!key.ok) throw new Error(key.message);
    const callers: Record<string, Record<string, string>> = {
      ...Object.fromEntries(Object.entries(cookies).map(([role, cookie]) => [role, { cookie }])),
      display: { authorization: `Bearer ${display}` },
      'api key': { authorization: `Bearer ${key.value.key}` },
    };
    // Malang's own objects in every path: a report and its ticket that exist there.
    const filed = await postReport(mlgUrl, validReport({ ...IN_MALANG, description: 'Sampah menumpuk di Pasar Besar' }), [await photo()]);
    const report = filed.body as { id: number; ticket: string };
    const path = (route: string) => route.replace(/:id\b/g, String(report.id)).replace(/:ticket\b/g, report.ticket).replace(/:[a-zA-Z]+/g, 'x').replace(/\{\*[a-zA-Z]+\}/g, 'x');
    const routes = registeredRoutes(malang.app as unknown as Parameters<typeof registeredRoutes>[0]).filter((r) => r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(40);
    const call = async (method: string, route: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${mlgUrl}${path(route)}`, {
        method: method.toUpperCase(), redirect: 'manual',
        headers: { origin: mlgUrl, ...(method === 'get' ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(method === 'get' ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const leaks: string[] = [];
    for (const { method, path: route } of routes) {
      const anonymous = await call(method, route);
      for (const [who, headers] of Object.entries(callers)) {
        const status = await call(method, route, headers);
        // Closed to a stranger: Tangerang's caller is a stranger too (401, never a 403 that knew who it was). Open to
        // anyone: it gets what anyone gets, or is refused as a credential Malang does not know.
        const ok = anonymous === 401 || anonymous === 403 ? status === 401 : status === anonymous || status === 401;
        if (!ok) leaks.push(`${who} ${method.toUpperCase()} ${route}: ${status} (a stranger gets ${anonymous})`);
      }
    }
    expect(leaks).toEqual([]);
    // The control: the same requests with Malang's own admin get past the door on the routes closed to strangers.
    expect((await createAccount(malang.ctx, SYSTEM, { username: 'admin.matriks', name: 'Matriks admin', role: 'admin', agencyId: null, password: PASSWORD })).ok).toBe(true);
    const own = await loginAs(mlgUrl, 'admin.matriks');
    let closed = 0;
    let opened = 0;
    for (const { method, path: route } of routes) {
      if (![401, 403].includes(await call(method, route))) continue;
      closed++;
      if (![401, 403].includes(await call(method, route, { cookie: own }))) opened++;
    }
    expect(closed).toBeGreaterThan(30);
    expect(opened).toBeGreaterThan(closed / 2);

    // The live stream too: Tangerang's session and display open nothing at Malang's address.
    const refusedAt = (creds: Creds) => streamAnswer(mlgUrl, creds);
    for (const cookie of Object.values(cookies)) expect(await refusedAt({ cookie })).toBe('unauthenticated');
    expect(await refusedAt({ display })).toBe('unauthenticated');
  });

  it('forwards a report to another city: it leaves the first city for the other, keeps its ticket and link, and both histories show it', async () => {
    const [tangerang, malang] = installation.hubs;
    const [tngUrl, mlgUrl] = urls;
    expect((await createAccount(malang.ctx, SYSTEM, { username: 'operator.jalan', name: 'Operator Jalan', role: 'operator', agencyId: 'dbmsda', password: PASSWORD })).ok).toBe(true);
    const operator = await loginAs(mlgUrl, 'operator.jalan');
    const act = (id: number, body: Record<string, unknown>) =>
      fetch(`${mlgUrl}/api/console/reports/${id}/actions`, { method: 'POST', headers: { cookie: operator, origin: mlgUrl, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

    const filed = await postReport(mlgUrl, validReport({ ...IN_MALANG, category: 'jalan-rusak', description: 'Jalan provinsi berlubang di perbatasan kota' }), [await photo()]);
    expect(filed.status).toBe(201);
    const { id, ticket, trackKey } = filed.body as { id: number; ticket: string; trackKey: string };
    const page = await (await get(mlgUrl, `/api/console/reports/${id}`, operator)).json();
    expect(page.actions).toContain('forward');
    expect(page.forwardTo).toEqual([{ id: 'tangerang', name: 'Kota Tangerang' }]);

    // Refused with the field named: a city not in the installation, its own city.
    for (const toCity of ['pontianak', 'malang']) {
      const refused = await act(id, { action: 'forward', toCity, reason: 'Bukan kewenangan kota ini', expectedVersion: page.report.version });
      expect([refused.status, refused.body.field]).toEqual([400, 'toCity']);
    }

    const tngWall = new WallClient(tngUrl, cityWallToken(WALL_TOKEN, 'tangerang'));
    const mlgWall = new WallClient(mlgUrl, cityWallToken(WALL_TOKEN, 'malang'));
    try {
      await tngWall.until(() => tngWall.catchUps.length === 1);
      await mlgWall.until(() => mlgWall.markers.get(id)?.[1] === 'new');
      const done = await act(id, { action: 'forward', toCity: 'tangerang', reason: 'Ruas jalan ini ditangani Kota Tangerang', expectedVersion: page.report.version });
      expect([done.status, done.body.report.status]).toEqual([200, 'forwarded']);
      // Out of Malang's queue and grey on its wall; red on Tangerang's, under the same ticket, with its photo.
      await mlgWall.until(() => mlgWall.markers.get(id)?.[1] === 'forwarded');
      const there = (await tangerang.ctx.store.query((p) => p.reports.reportByTicket(ticket)))!;
      expect([there.status, there.agencyId, there.photos]).toEqual(['new', 'dbmsda', (filed.body as { photos: string[] }).photos]);
      await tngWall.until(() => tngWall.markers.get(there.id)?.[1] === 'new');
      expect((await fetch(`${tngUrl}/media/${there.photos[0]}/display.webp`)).status).toBe(200);
      // A photo only Tangerang holds (its proof, say) is served at Malang's address too: the tracking page there shows it.
      // A picture of its own (the shared test photos may be Malang's too).
      const own = await scenePhoto('pohon-tumbang', 4242, 320, 240);
      const tngPhoto = ((await postReport(tngUrl, validReport({ description: 'Foto yang hanya ada di Tangerang' }), [own])).body as { photos: string[] }).photos[0];
      expect(await malang.ctx.store.query((p) => p.reports.hasMedia(tngPhoto))).toBe(false);
      expect((await fetch(`${mlgUrl}/media/${tngPhoto}/display.webp`)).status).toBe(200);
      const open = await malang.ctx.store.query((p) => p.reads.queuePage({ statuses: ['new', 'checked'] }, { limit: 500 }));
      expect(open.some((r) => r.id === id)).toBe(false);

      // The citizen's link at Malang follows it to Tangerang: both steps, Tangerang's status; reopening is there.
      const track = await (await fetch(`${mlgUrl}/api/track/${ticket}?k=${encodeURIComponent(trackKey)}`)).json();
      expect(track.status).toBe('new');
      expect(track.forwardedTo).toEqual({ city: 'tangerang', name: 'Kota Tangerang' });
      const steps = track.history.map((h: { type: string; city?: string; reason?: string }) => [h.type, h.city ?? null, h.reason ?? null]);
      expect(steps).toEqual([
        ['report.submitted', null, null],
        ['report.forwarded', 'Kota Tangerang', 'Ruas jalan ini ditangani Kota Tangerang'],
        ['report.received', 'Kota Malang', 'Ruas jalan ini ditangani Kota Tangerang'],
      ]);
      // At Tangerang's address the same ticket answers with Tangerang's own record.
      expect((await (await fetch(`${tngUrl}/api/track/${ticket}`)).json()).history.map((h: { type: string }) => h.type)).toEqual(['report.received']);
      const again = await act(id, { action: 'forward', toCity: 'tangerang', reason: 'Sekali lagi', expectedVersion: done.body.report.version });
      expect(again.status).toBe(409);
      // Never back where it was: Tangerang cannot forward it to Malang (Malang would file nothing, and nobody handle it).
      const tngOperator = { id: 'tangerang-operator', role: 'operator' as const, agencyId: 'dbmsda' };
      const back = await forwardReport(tangerang.ctx, tngOperator, there.id, { toCity: 'malang', reason: 'Kembali ke Malang' });
      expect(back).toMatchObject({ ok: false, code: 'conflict', field: 'toCity' });
    } finally {
      tngWall.close();
      mlgWall.close();
    }

    // A forward whose filing did not happen (a stop between the two commits) is filed at the next start, once.
    const lost = await postReport(mlgUrl, validReport({ ...IN_MALANG, category: 'jalan-rusak', description: 'Jembatan retak di perbatasan' }), [await photo()]);
    const lostReport = lost.body as { id: number; ticket: string };
    const operatorActor = { id: (await malang.ctx.store.query((p) => p.accounts.accountByUsername('operator.jalan')))!.id, role: 'operator' as const, agencyId: 'dbmsda' };
    expect((await actOnReport(malang.ctx, operatorActor, lostReport.id, { action: 'forward', toCity: 'tangerang', toCityName: 'Kota Tangerang', reason: 'Ditangani Kota Tangerang' })).ok).toBe(true);
    expect(await tangerang.ctx.store.query((p) => p.reports.reportByTicket(lostReport.ticket))).toBeNull();
    const pending = () => deliverPending(malang, malang.ctx.forwarding!, malang.log);
    expect(await pending()).toEqual({ sent: 1, failed: 0 });
    expect((await tangerang.ctx.store.query((p) => p.reports.reportByTicket(lostReport.ticket)))?.status).toBe('new');
    expect(await pending()).toEqual({ sent: 0, failed: 0 });
  });
});
