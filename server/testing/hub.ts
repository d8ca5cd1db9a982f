import { cityClock, localDay } from '../domain/time.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../config.js';
import { createHub, sqliteHub, type Hub } from '../hub.js';
import type { Store } from '../store/index.js';
import type { CatchUp, ClientToServerEvents, LiveReportEvent, ServerToClientEvents } from '../contract/events.js';
import { toMarker, type MarkerTuple } from '../contract/reports.js';
import { decodeMarkers, markerCoord } from '../contract/marker-columns.js';

/** As the wall keeps a marker: its position at the snapshot's precision, however it arrived. */
const atMarkerPrecision = (m: MarkerTuple): MarkerTuple => Object.assign([...m], { 3: markerCoord(m[3]), 4: markerCoord(m[4]) }) as MarkerTuple;
import type { CameraPublic, LiveCameraEvent } from '../contract/cameras.js';
import type { LiveIndicatorEvent } from '../contract/indicators.js';
import { photo } from './photos.js';
import type { TemplateName } from './templates.js';

export const WALL_TOKEN = 'test-wall-token-0123456789abcdefghij';

/**
 * A real hub on an ephemeral port, with its own SQLite file and media folder under a temp dir. `from` starts it on
 * a copy of a seeded store made once per run (server/testing/templates.ts): 'accounts' or 'demo'.
 */
export async function startTestHub(over: Partial<Config> = {}, opts: { now?: () => Date; from?: TemplateName } = {}): Promise<{ hub: Hub<Store>; url: string; dataDir: string; config: Config }> {
  const dataDir = over.dataDir ?? (opts.from ? await (await import('./templates.js')).copyOfTemplate(opts.from) : mkdtempSync(join(tmpdir(), 'pantau-')));
  const config = testConfig(dataDir, over);
  const hub = sqliteHub(await createHub(config, opts));
  const port = await hub.listen();
  return { hub, url: `http://127.0.0.1:${port}`, dataDir, config };
}

/** The stores a test that runs on both gives describe.each. */
export const STORES = ['SQLite', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORES)[number];

/**
 * startTestHub on either store: on PostgreSQL a database of its own (dropped when the hub closes), with the template's
 * city moved into it as `npm run migrate:pg` moves one (the log replayed, the rows no event carries copied).
 */
export async function startTestHubOn(kind: StoreKind, over: Partial<Config> = {}, opts: { now?: () => Date; from?: TemplateName } = {}): Promise<{ hub: Hub; url: string }> {
  if (kind === 'SQLite') return startTestHub(over, opts);
  const dataDir = opts.from ? await (await import('./templates.js')).copyOfTemplate(opts.from) : mkdtempSync(join(tmpdir(), 'pantau-'));
  const { testDatabase } = await import('./postgres.js');
  const db = await testDatabase();
  let hub: Hub | null = null;
  try {
    if (opts.from) await (await import('./move-to-pg.js')).moveToPg(join(dataDir, 'pantau.sqlite'), db.url);
    hub = await createHub(testConfig(dataDir, { databaseUrl: db.url, ...over }), opts);
    const url = `http://127.0.0.1:${await hub.listen()}`;
    const close = hub.close;
    hub.close = async () => {
      await close();
      await db.drop();
    };
    return { hub, url };
  } catch (e) {
    // A start that failed leaves no database behind (nor a hub holding it).
    await hub?.close().catch(() => {});
    await db.drop().catch(() => {});
    throw e;
  }
}

export function testConfig(dataDir: string, over: Partial<Config> = {}): Config {
  return loadConfig({}, {
    port: 0, dataDir, dbFile: join(dataDir, 'pantau.sqlite'), mediaDir: join(dataDir, 'media'),
    logLevel: 'silent', wallToken: WALL_TOKEN, staticDir: null, snapshotsDir: join(dataDir, 'cameras'), cameraMonitor: false, deadlineScheduler: false,
    // Tests file many reports from one address; a test of the limits themselves passes its own.
    rateLimits: { reportsPer10Min: 100_000, open311PerMin: 100_000, loginFailsPer15Min: 100_000, loginFailsPerUser15Min: 100_000 }, ...over,
  });
}

/**
 * A hub clock that runs with real time from a fixed moment, so "today" in a test is a known WIB day whatever the
 * hour the suite runs (a run across midnight WIB would otherwise see two). Pass `now` to startTestHub.
 */
export function runningClock(startIso = '2026-11-23T10:00:00+07:00') {
  const offset = Date.parse(startIso) - Date.now();
  const now = () => new Date(Date.now() + offset);
  /** The WIB calendar day of the hub's clock, YYYY-MM-DD. */
  const wibDay = () => localDay(now(), cityClock('Asia/Jakarta'));
  return { now, wibDay };
}

export type ReportForm = Record<string, string | number | undefined>;

export async function postReport(url: string, fields: ReportForm, photos: (Buffer | { data: Buffer; type: string; name: string })[] = [], headers: Record<string, string> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.set(k, String(v));
  for (const p of photos) {
    const f = Buffer.isBuffer(p) ? { data: p, type: 'image/jpeg', name: 'photo.jpg' } : p;
    fd.append('photos', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  }
  const res = await fetch(`${url}/api/reports`, { method: 'POST', body: fd, headers });
  return { status: res.status, body: await bodyOf(res) };
}

/** A JSON answer's fields; anything else (a load balancer's HTML 502) as its text, so the caller can show or resend it. */
export async function bodyOf(res: Response): Promise<Record<string, unknown>> {
  if (res.headers.get('content-type')?.includes('json')) return (await res.json()) as Record<string, unknown>;
  return { text: await res.text() };
}

export const validReport = (over: ReportForm = {}): ReportForm => ({
  category: 'sampah', description: 'Sampah menumpuk di depan Pasar Anyar', lat: -6.1789, lon: 106.6312,
  reporterName: 'Siti Rahmawati', reporterContact: '0812-5555-0199', ...over,
});

/** The next of a small set of cached test photos (server/testing/photos.ts). */
export { photo };

/**
 * A wall client that keeps a keyed marker store exactly as the wall does: snapshot replaces,
 * delta and live events upsert, events at or below the applied seq are ignored.
 */
export class WallClient {
  readonly markers = new Map<number, MarkerTuple>();
  storeId: string | null = null;
  seq = 0;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly events: LiveReportEvent[] = [];
  readonly cameras = new Map<string, CameraPublic>();
  readonly cameraEvents: LiveCameraEvent[] = [];
  catchUps: CatchUp['kind'][] = [];
  /** Head beats heard (live.head). */
  heads = 0;
  readonly indicatorEvents: LiveIndicatorEvent[] = [];

  constructor(url: string, token = WALL_TOKEN) {
    this.socket = connect(url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: (cb) => cb({ display: token, storeId: this.storeId, seq: this.seq, snapshot: 'columns' }),
    });
    this.socket.on('live.catchup', (c) => this.applyCatchUp(c));
    this.socket.on('camera.event', (e) => {
      this.cameraEvents.push(e);
      if (e.seq <= this.seq) return;
      this.cameras.set(e.camera.id, e.camera);
      this.seq = e.seq;
    });
    this.socket.on('indicator.event', (e) => {
      this.indicatorEvents.push(e);
      if (e.seq > this.seq) this.seq = e.seq;
    });
    this.socket.on('live.head', () => this.heads++);
    this.socket.on('live.tick', (e) => {
      if (e.seq > this.seq) this.seq = e.seq;
    });
    this.socket.on('report.event', (e) => {
      this.events.push(e);
      if (e.seq <= this.seq) return;
      this.markers.set(e.report.id, atMarkerPrecision(toMarker(e.report)));
      this.seq = e.seq;
    });
  }

  applyCatchUp(c: CatchUp) {
    this.catchUps.push(c.kind);
    if (c.kind === 'snapshot') this.markers.clear();
    for (const m of c.columns ? decodeMarkers(c.columns) : c.markers) this.markers.set(m[0], atMarkerPrecision(m));
    this.cameras.clear();
    for (const cam of c.cameras) this.cameras.set(cam.id, cam);
    this.storeId = c.storeId;
    this.seq = Math.max(c.kind === 'snapshot' ? 0 : this.seq, c.seq);
  }

  async until(pred: () => boolean, ms = 15_000) {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('timed out waiting for the wall client');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close() {
    this.socket.close();
  }
}
