/**
 * Wall bench: the real wall with 100,000 reports and 5,000 cameras beside a bare MapLibre page drawing the same
 * points (one GeoJSON source, one circle layer, same map size and bounds), in the same chromium, same run:
 *
 * - time to first render: navigation start to the markers drawn (the wall's `data-live="ready"`; the bare page's
 *   first frame with its source loaded), for the wall with today's JSON snapshot (`?snapshot=tuples`) and with the
 *   compact one (columns, server/contract/marker-columns.ts), with the snapshot's bytes on the wire (socket frames
 *   and polling responses; the bare page: its GeoJSON response) and where the wall's time goes (its
 *   `pantau:` performance marks), and when the clustered source replaces a big city's first paint;
 * - main-thread time of a live tick of 100 status changes: on the wall, 100 reports dispatched through the hub's
 *   commands (socket → store → one updateData diff); on the bare page, the same change as a full setData of all
 *   points. Measured as CDP TaskDuration over a window after the change minus the same window idle before it;
 * - frames while panning: requestAnimationFrame callbacks over the same scripted eased pan on both pages.
 *
 * The store is seeded in bulk (a bench may; tests go through commands). Headless SwiftShader renders on the CPU,
 * so absolute figures are slow: read the ratios.
 *
 *   tsx scripts/bench/wall.ts [--reports 100000] [--cameras 5000] [--repeats 3]
 *   BENCH_WALL_SCREENSHOTS=dir: the wall's first paint and its clustered map as PNGs; BENCH_TRACE=file.json: a
 *   Chrome trace of the compact wall's load, up to its first markers.
 * Prints figures and ratios; asserts no time; always exits 0 unless something breaks.
 */
import { seedCamerasFromProfile } from '../../server/commands/camera-admin.js';
import { seedAccounts } from '../seed-accounts.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { createHub, sqliteHub, type SqliteHub as Hub } from '../../server/hub.js';
import { Store } from '../../server/store/index.js';
import { loadCity } from '../../server/profile/load.js';
import { deadlinesFor } from '../../server/domain/deadlines.js';
import { actOnReport } from '../../server/commands/act-on-report.js';
import type { ReportState } from '../../server/domain/reports.js';
import { PHASE_OF } from '../../server/contract/phase.js';
import { mulberry } from '../simulate/scene-photo.js';
import { launch } from '../../e2e/browser.js';
import { catchUp } from '../../server/queries/catch-up.js';
import { deflateRawSync } from 'node:zlib';
import { fmt, numericFlags, ratio, sleep, stopGuard, summarize, table } from './stats.js';

const flags = numericFlags({ reports: 100_000, cameras: 5_000, repeats: 3, 'tick-window-ms': 3000, 'ready-timeout-s': 300 }, 'usage: tsx scripts/bench/wall.ts [--reports 100000] [--cameras 5000] [--repeats 3]');
const N = Math.floor(flags.reports);
const CAMS = Math.floor(flags.cameras);
const TOKEN = 'bench-wall-token-0123456789abcdef';
const ROOT = join(import.meta.dirname, '..', '..');
const MAPLIBRE_DIST = join(ROOT, 'node_modules', 'maplibre-gl', 'dist');
const STATUSES = ['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted', 'verified', 'closed', 'rejected'] as const;

const dataDir = mkdtempSync(join(tmpdir(), 'pantau-bench-wall-'));
let hub: Hub | null = null;
let bare: Server | null = null;
let browser: Awaited<ReturnType<typeof launch>> | null = null;
stopGuard('wall bench', async () => {
  await browser?.close().catch(() => {});
  bare?.close();
  await hub?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}, 30 * 60_000);

// ------------------------------------------------------------------ seed
const city = loadCity('tangerang');
const rng = mulberry(11);
const now = Date.now();
type Point = { id: number; lng: number; lat: number; phase: string };
const points: Point[] = [];
{
  const t0 = performance.now();
  const store = Store.open(join(dataDir, 'pantau.sqlite'));
  const batch = 10_000;
  for (let start = 0; start < N; start += batch) {
    store.tx(() => {
      for (let i = start; i < Math.min(N, start + batch); i++) {
        const d = city.districts[Math.floor(rng() * city.districts.length)];
        const cat = city.profile.categories[Math.floor(rng() * city.profile.categories.length)];
        const created = now - rng() * 30 * 86400_000;
        // The newest fifth are all new (the tick dispatches some of them); the rest anywhere in the lifecycle.
        const status = i >= N * 0.8 ? 'new' : STATUSES[Math.floor(rng() * STATUSES.length)];
        const lng = d.label[0] + (rng() - 0.5) * 0.03;
        const lat = d.label[1] + (rng() - 0.5) * 0.03;
        const iso = new Date(created).toISOString();
        const r: ReportState = {
          id: i + 1, ticket: `TNG-2026-${String(i + 1).padStart(7, '0')}`, status, categoryId: cat.id, agencyId: cat.agencyId,
          description: 'Laporan uji wall', lng, lat, precision: 'point', address: null, districtCode: d.code, subdistrictCode: null, channel: 'web',
          photos: [], reporterName: null, reporterContact: null, assigneeId: null, mergedIntoId: null, mergedFromStatus: null, citizenCount: 1, instruction: null, dispatchedAt: null, proof: null,
          returnReason: null, trackKeyHash: null, cameraSnapshot: null,
          deadlines: deadlinesFor(new Date(created), { response: { hours: cat.responseHours, clock: cat.clock }, resolution: { hours: cat.resolutionHours, clock: cat.clock } }, city.calendar, 60),
          deadlineFlags: [], acknowledgedFlags: [], firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0,
          createdAt: iso, updatedAt: iso, version: 1, lastSeq: 0,
        };
        store.reports.put(r);
        points.push({ id: r.id, lng, lat, phase: PHASE_OF[status] });
      }
    });
  }
  const [w, s, e, n] = city.outline.bbox;
  seedCamerasFromProfile(
    store,
    Array.from({ length: CAMS }, (_, i) => ({
      id: `bench-cam-${i}`, name: `Kamera ${i}`, kind: 'traffic' as const, location: [w + rng() * (e - w), s + rng() * (n - s)] as [number, number],
      snapshotUrl: 'http://127.0.0.1:9/none.jpg', intervalS: 10,
    })),
    (u: string) => u,
    new Date().toISOString(),
  );
  for (const c of store.cameras.list()) points.push({ id: -1, lng: c.lng, lat: c.lat, phase: 'camera' });
  store.close();
  console.log(`wall bench: ${N.toLocaleString('en')} reports and ${CAMS.toLocaleString('en')} cameras seeded in ${fmt((performance.now() - t0) / 1000)} s`);
}

// ------------------------------------------------------------------ the bare page
const BARE_HTML = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/mlgl/maplibre-gl.css">
<style>html,body{margin:0;height:100%;background:#05080d}#map{position:absolute;left:0;top:0}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/mlgl/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/mlgl/maplibre-gl-worker.mjs');
const q = new URLSearchParams(location.search);
const el = document.getElementById('map');
el.style.width = q.get('w') + 'px'; el.style.height = q.get('h') + 'px';
const bounds = JSON.parse(q.get('bounds'));
const fc = await (await fetch('/points.json')).json();
window.__fc = fc;
const map = new maplibregl.Map({ container: el, style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0b1220' } }] },
  bounds, fitBoundsOptions: { padding: Math.round(Math.min(+q.get('w'), +q.get('h')) * 0.04) }, interactive: false, fadeDuration: 0 });
window.__map = map;
map.on('load', () => {
  map.addSource('points', { type: 'geojson', data: fc });
  map.addLayer({ id: 'points', type: 'circle', source: 'points', paint: {
    'circle-color': ['match', ['get', 'phase'], 'red', '#ff453a', 'yellow', '#ffd60a', 'green', '#30d158', 'camera', '#5ac8fa', '#8e8e93'],
    'circle-radius': 4, 'circle-stroke-color': '#05080d', 'circle-stroke-width': 1 } });
  const check = () => { if (!map.isSourceLoaded('points')) return; map.off('render', check); window.__drawnAt = performance.now(); };
  map.on('render', check);
});
</script></body></html>`;

let bareGeoJson = '';
async function startBare(): Promise<string> {
  const fc = (bareGeoJson = JSON.stringify({
    type: 'FeatureCollection',
    features: points.map((p, i) => ({ type: 'Feature', id: i, geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { id: p.id, phase: p.phase } })),
  }));
  const types: Record<string, string> = { '.mjs': 'text/javascript', '.css': 'text/css', '.js': 'text/javascript', '.map': 'application/json' };
  bare = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === '/bare.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_HTML);
    if (path === '/points.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(fc);
    if (path.startsWith('/mlgl/') && !path.includes('..')) {
      try {
        return res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(MAPLIBRE_DIST, path.slice(6))));
      } catch {
        /* fall through */
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => bare!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(bare!.address() as AddressInfo).port}`;
}

// ------------------------------------------------------------------ measurements
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Main-thread time of `change` over a window, less the same window idle just before. */
async function tickCost(cdp: CDPSession, change: () => Promise<void>): Promise<number> {
  const W = flags['tick-window-ms'];
  const a = await taskMs(cdp);
  await sleep(W);
  const idle = (await taskMs(cdp)) - a;
  const b = await taskMs(cdp);
  await change();
  await sleep(W);
  return (await taskMs(cdp)) - b - idle;
}

const PAN_PATH = (center: [number, number]) => [
  [center[0] + 0.03, center[1] + 0.015],
  [center[0] - 0.03, center[1] + 0.02],
  [center[0] - 0.025, center[1] - 0.02],
  center,
];

/**
 * Frames drawn (rAF callbacks) per second over an eased pan along the same path, at the same zoom. Passed as
 * source text: tsx would wrap named inner functions in a helper the page does not have.
 */
async function panFps(page: Page, mapExpr: string, center: [number, number]): Promise<number> {
  const path = JSON.stringify(PAN_PATH(center));
  return page.evaluate(`(async () => {
    const map = ${mapExpr};
    let frames = 0, on = true;
    const count = function () { frames++; if (on) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const t0 = performance.now();
    for (const c of ${path}) {
      await new Promise(function (done) { map.once('moveend', function () { done(); }); map.easeTo({ center: c, duration: 2000, easing: function (t) { return t; } }); });
    }
    on = false;
    return (frames * 1000) / (performance.now() - t0);
  })()`) as Promise<number>;
}

/** The wall at 1920×1080, navigation to its markers drawn (`data-live="ready"`), with the socket bytes and the page's marks. */
async function openWall(url: string, snapshot: 'tuples' | 'columns') {
  const page = await browser!.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const w = window as unknown as { __drawnAt?: number };
      if (document.body?.dataset.live === 'ready' && w.__drawnAt === undefined) w.__drawnAt = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-live'] });
  });
  page.on('pageerror', (e) => console.error('wall page error:', e.message));
  let wire = 0;
  const bodies: Promise<unknown>[] = [];
  // Whichever transport carries the catch-up: socket.io starts on long-polling and upgrades to a WebSocket.
  page.on('websocket', (ws) => ws.on('framereceived', (f) => void (wire += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.byteLength)));
  page.on('response', (r) => {
    // The sizes, not the body: DevTools keeps no body over 10 MB (today's JSON snapshot is bigger).
    if (r.url().includes('/socket.io/') && r.request().method() === 'GET') bodies.push(r.request().sizes().then((z) => (wire += z.responseBodySize), () => {}));
  });
  const tracing = process.env.BENCH_TRACE && snapshot === 'columns';
  if (tracing) await browser!.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await page.goto(`${url}/wall?display=${TOKEN}${snapshot === 'tuples' ? '&snapshot=tuples' : ''}`);
  await page
    .waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: flags['ready-timeout-s'] * 1000, polling: 200 })
    .catch(async (err) => {
      const state = await page.evaluate(() => ({ live: document.body.dataset.live, size: window.__pantau?.live.size(), conn: window.__pantau?.live.connection(), caughtUp: window.__pantau?.live.caughtUp(), text: document.body.innerText.slice(0, 200) }));
      console.error('the wall did not draw:', state);
      throw err;
    });
  const drawnAt = await page.evaluate(() => (window as unknown as { __drawnAt: number }).__drawnAt);
  if (tracing) await browser!.stopTracing();
  const shots = process.env.BENCH_WALL_SCREENSHOTS;
  if (shots) await page.screenshot({ path: join(shots, `wall-${snapshot}-first-paint.png`) });
  // A big city's first paint is replaced by the clustered source: measured too, and waited for before the tick.
  await page
    .waitForFunction(() => performance.getEntriesByName('pantau:clusters-drawn').length > 0, undefined, { timeout: flags['ready-timeout-s'] * 1000, polling: 200 })
    .catch(() => console.error('the clustered source never replaced the first paint'));
  if (shots) await page.screenshot({ path: join(shots, `wall-${snapshot}-clustered.png`) });
  await Promise.all(bodies);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('pantau:')).map((m) => [m.name.slice(7), m.startTime])));
  return { page, drawnAt, bytes: wire, marks };
}

const phaseLine = (m: Record<string, number>) => Object.entries(m).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(' · ');
const medianMarks = (runs: Record<string, number>[]) => Object.fromEntries(Object.keys(runs[0] ?? {}).map((k) => [k, summarize(runs.map((r) => r[k] ?? NaN)).p50]));

/** The snapshot as each form costs the hub to make and would weigh deflated (measured here, not on the socket). */
async function catchUpSizes(ctx: Hub['ctx']) {
  const time = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now();
    const v = fn();
    return [v, performance.now() - t0];
  };
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const v = await fn();
    return [v, performance.now() - t0];
  };
  const [tuples, tuplesMs] = await timed(async () => JSON.stringify(await catchUp(ctx, {}, 0)));
  const [cols, columnsMs] = await timed(() => catchUp(ctx, { snapshot: 'columns' }, 0));
  const block = cols.kind === 'snapshot' && cols.columns ? Buffer.from(cols.columns.block as Uint8Array) : Buffer.alloc(0);
  const header = Buffer.from(JSON.stringify({ ...cols, columns: cols.kind === 'snapshot' ? { ...cols.columns, block: null } : null }));
  const [td, tuplesDeflateMs] = time(() => deflateRawSync(tuples).byteLength);
  const [cd, columnsDeflateMs] = time(() => deflateRawSync(Buffer.concat([header, block])).byteLength);
  const [bd, bareDeflateMs] = time(() => deflateRawSync(bareGeoJson).byteLength);
  return { tuplesBytes: Buffer.byteLength(tuples), columnsBytes: header.byteLength + block.byteLength, tuplesMs, columnsMs, tuplesDeflated: td, columnsDeflated: cd, bareDeflated: bd, tuplesDeflateMs, columnsDeflateMs, bareDeflateMs };
}

async function main() {
  const config = loadConfig({}, {
    port: 0, dataDir, dbFile: join(dataDir, 'pantau.sqlite'), mediaDir: join(dataDir, 'media'), logLevel: 'warn', wallToken: TOKEN,
    staticDir: join(ROOT, 'dist'), snapshotsDir: join(dataDir, 'cameras'), cameraMonitor: false, deadlineScheduler: false,
  });
  hub = sqliteHub(await createHub(config));
  const url = `http://127.0.0.1:${await hub.listen()}`;
  const bareUrl = await startBare();
  browser = await launch();
  const rows: Record<string, { wall: number[]; bare: number[] }> = { ttfr: { wall: [], bare: [] }, ttfrTuples: { wall: [], bare: [] }, tick: { wall: [], bare: [] }, fps: { wall: [], bare: [] }, fpsReportsOnly: { wall: [], bare: [] } };
  const bytes = { tuples: [] as number[], columns: [] as number[], bare: [] as number[] };
  const phases = { tuples: [] as Record<string, number>[], columns: [] as Record<string, number>[] };
  const system = { id: 'bench', role: 'system' as const };
  // Dispatch goes only to a real field supervisor of the report's agency.
  const crews = await seedAccounts(hub.ctx);
  let nextNew = N; // the newest reports are 'new': dispatch them from the top

  for (let rep = 0; rep < flags.repeats; rep++) {
    // --- the wall with today's JSON snapshot (tuples, as a page of the previous release asks for it): first render only
    {
      const old = await openWall(url, 'tuples');
      rows.ttfrTuples.wall.push(old.drawnAt);
      bytes.tuples.push(old.bytes);
      phases.tuples.push(old.marks);
      await old.page.close();
    }
    // --- the wall with the compact snapshot (columns)
    const { page: wall, drawnAt, bytes: wire, marks } = await openWall(url, 'columns');
    rows.ttfr.wall.push(drawnAt);
    bytes.columns.push(wire);
    phases.columns.push(marks);
    const box = await wall.evaluate(() => {
      const r = document.querySelector('.map')!.getBoundingClientRect();
      const m = window.__pantau!.map!;
      const b = m.getBounds();
      return { w: Math.round(r.width), h: Math.round(r.height), center: m.getCenter().toArray() as [number, number], bounds: [[b.getWest(), b.getSouth()], [b.getEast(), b.getNorth()]] };
    });
    const wallCdp = await wall.context().newCDPSession(wall);
    await wallCdp.send('Performance.enable');
    await sleep(2000);
    rows.tick.wall.push(await tickCost(wallCdp, async () => {
      for (let k = 0; k < 100; k++) {
        const id = nextNew--;
        await actOnReport(hub!.ctx, system, id, { action: 'dispatch', assigneeId: crews.fieldOf(hub!.ctx.store.reports.get(id)!.agencyId).id });
      }
    }));
    rows.fps.wall.push(await panFps(wall, 'window.__pantau.map', box.center));
    // Where the frame time goes: the same pan with only the report layers shown (no basemap, no cameras).
    await wall.evaluate(`(() => { const m = window.__pantau.map; m.jumpTo({ center: ${JSON.stringify(box.center)} });
      for (const l of m.getStyle().layers) if (!l.id.startsWith('reports') && l.type !== 'background') m.setLayoutProperty(l.id, 'visibility', 'none'); })()`);
    await sleep(1000);
    rows.fpsReportsOnly.wall.push(await panFps(wall, 'window.__pantau.map', box.center));
    await wall.close();

    // --- the bare page, same viewport size for the map, same bounds
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => console.error('bare page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('bare page:', m.text()));
    let bareBytes = 0;
    page.on('response', (r) => void (r.url().endsWith('/points.json') && r.body().then((b) => (bareBytes = b.byteLength), () => {})));
    await page.goto(`${bareUrl}/bare.html?w=${box.w}&h=${box.h}&bounds=${encodeURIComponent(JSON.stringify(box.bounds))}`);
    await page.waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: flags['ready-timeout-s'] * 1000, polling: 200 });
    rows.ttfr.bare.push(await page.evaluate(() => (window as unknown as { __drawnAt: number }).__drawnAt));
    bytes.bare.push(bareBytes);
    await page.evaluate((c) => (window as unknown as { __map: import('maplibre-gl').Map }).__map.jumpTo({ center: c }), box.center);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await sleep(2000);
    rows.tick.bare.push(await tickCost(cdp, async () => {
      await page.evaluate(() => {
        const w = window as unknown as { __map: import('maplibre-gl').Map; __fc: GeoJSON.FeatureCollection };
        // The bare way to show 100 status changes: change them and send the whole collection again.
        for (let k = 0; k < 100; k++) w.__fc.features[Math.floor(Math.random() * w.__fc.features.length)].properties!.phase = 'yellow';
        w.__map.getSource<import('maplibre-gl').GeoJSONSource>('points')!.setData(w.__fc);
      });
    }));
    rows.fps.bare.push(await panFps(page, 'window.__map', box.center));
    await page.close();
    console.log(`  run ${rep + 1}/${flags.repeats}: wall (JSON snapshot) ttfr ${fmt(rows.ttfrTuples.wall.at(-1))} ms, ${phaseLine(phases.tuples.at(-1)!)}`);
    console.log(`    wall (columns) ${phaseLine(phases.columns.at(-1)!)}`);
    console.log(`    wall ttfr ${fmt(rows.ttfr.wall.at(-1))} ms, tick ${fmt(rows.tick.wall.at(-1))} ms, ${fmt(rows.fps.wall.at(-1))} fps (reports only ${fmt(rows.fpsReportsOnly.wall.at(-1))}) · bare ttfr ${fmt(rows.ttfr.bare.at(-1))} ms, setData ${fmt(rows.tick.bare.at(-1))} ms, ${fmt(rows.fps.bare.at(-1))} fps`);
  }

  const med = (xs: number[]) => summarize(xs).p50;
  const mb = (xs: number[]) => fmt(med(xs) / 1e6, 2);
  const c = await catchUpSizes(hub.ctx);
  console.log('\n' + table(
    ['first paint, 100,000 reports (median of runs)', "today's JSON snapshot", 'compact snapshot', 'bare MapLibre (GeoJSON file)', 'JSON / bare', 'compact / bare', 'compact / JSON'],
    [
      ['time to first markers drawn, ms', fmt(med(rows.ttfrTuples.wall), 0), fmt(med(rows.ttfr.wall), 0), fmt(med(rows.ttfr.bare), 0), ratio(med(rows.ttfrTuples.wall), med(rows.ttfr.bare)), ratio(med(rows.ttfr.wall), med(rows.ttfr.bare)), ratio(med(rows.ttfr.wall), med(rows.ttfrTuples.wall))],
      ['snapshot bytes on the wire, MB (socket frames / the GeoJSON response)', mb(bytes.tuples), mb(bytes.columns), mb(bytes.bare), ratio(med(bytes.tuples), med(bytes.bare)), ratio(med(bytes.columns), med(bytes.bare)), ratio(med(bytes.columns), med(bytes.tuples))],
      ['  … as the hub serialises it (JSON text / header + binary block), MB', fmt(c.tuplesBytes / 1e6, 2), fmt(c.columnsBytes / 1e6, 2), fmt(bareGeoJson.length / 1e6, 2), ratio(c.tuplesBytes, bareGeoJson.length), ratio(c.columnsBytes, bareGeoJson.length), ratio(c.columnsBytes, c.tuplesBytes)],
      ['  … if deflated (perMessageDeflate / gzip, level 6), MB', fmt(c.tuplesDeflated / 1e6, 2), fmt(c.columnsDeflated / 1e6, 2), fmt(c.bareDeflated / 1e6, 2), ratio(c.tuplesDeflated, c.bareDeflated), ratio(c.columnsDeflated, c.bareDeflated), ratio(c.columnsDeflated, c.tuplesDeflated)],
      ['  … deflate time on the hub, ms', fmt(c.tuplesDeflateMs, 0), fmt(c.columnsDeflateMs, 0), fmt(c.bareDeflateMs, 0), '', '', ''],
      ['snapshot made on the hub (read + encode), ms', fmt(c.tuplesMs, 0), fmt(c.columnsMs, 0), '', '', '', ''],
    ],
  ));
  console.log(`\nThe clustered source (every zoom, live updates) replaces the first paint, ms since navigation: ${fmt(med(phases.columns.map((m) => m['clusters-drawn'] ?? NaN)), 0)} (JSON snapshot: ${fmt(med(phases.tuples.map((m) => m['clusters-drawn'] ?? NaN)), 0)}); bare page drawn at ${fmt(med(rows.ttfr.bare), 0)}.`);
  console.log(`\nWhere the first paint goes (ms since navigation, median): JSON ${phaseLine(medianMarks(phases.tuples))}\n  compact ${phaseLine(medianMarks(phases.columns))}`);
  console.log('Target: compact first markers ≤ 0.5× the bare page.');
  console.log('\n' + table(
    ['measure (median of runs)', 'wall', 'bare MapLibre', 'wall / bare'],
    [
      ['time to first render, ms', fmt(med(rows.ttfr.wall), 0), fmt(med(rows.ttfr.bare), 0), ratio(med(rows.ttfr.wall), med(rows.ttfr.bare))],
      ['live tick of 100 changes, main-thread ms (bare: full setData)', fmt(med(rows.tick.wall), 1), fmt(med(rows.tick.bare), 1), ratio(med(rows.tick.wall), med(rows.tick.bare))],
      ['frames per second while panning', fmt(med(rows.fps.wall), 1), fmt(med(rows.fps.bare), 1), ratio(med(rows.fps.wall), med(rows.fps.bare))],
      ['  … the wall with only its report layers shown', fmt(med(rows.fpsReportsOnly.wall), 1), fmt(med(rows.fps.bare), 1), ratio(med(rows.fpsReportsOnly.wall), med(rows.fps.bare))],
    ],
  ));
  console.log(`\nTargets: panning ≥ 0.9× the bare page's frame rate; a tick well under a full setData. ${N.toLocaleString('en')} reports, ${CAMS.toLocaleString('en')} cameras.`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => {});
    bare?.close();
    await hub?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    process.exit();
  });
