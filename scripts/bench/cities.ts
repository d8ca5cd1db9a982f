/**
 * Cities bench (issue 21): does one city's wall pay for the other cities of its installation, and does the
 * province's wall keep up with a city's own?
 *
 * Three phases in one run, each `--seconds` long, each city's log getting a report event every `--interval-ms`
 * (an operator's note on one seeded report, driven in-process as in bench:fanout):
 *   alone      Tangerang as a one-city hub (no PANTAU_CITIES), its wall connected;
 *   one of 4   an installation of the four seed cities, only Tangerang's log moving;
 *   4 moving   the same installation, every city's log moving.
 * Measured on Tangerang's wall (its own address): events and bytes it received, per minute; and in the installation,
 * the time from the command to Tangerang's wall and to the province's wall (its stream of Tangerang, a namespace of
 * the province's hub), whose p50/p99 ratio is the "province's tick within 2× a city's" figure. The clients run in
 * this process, on the hubs' event loop: both walls pay that alike. Prints figures and ratios; always exits 0.
 *
 *   tsx scripts/bench/cities.ts [--seconds 15] [--interval-ms 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config.js';
import { cityWallToken, openInstallation, type Installation } from '../../server/installation.js';
import { createHub, type Hub } from '../../server/hub.js';
import { submitReport } from '../../server/commands/submit-report.js';
import { actOnReport } from '../../server/commands/act-on-report.js';
import type { Actor } from '../../server/contract/roles.js';
import type { LiveReportEvent } from '../../server/contract/events.js';
import { scenePhoto } from '../simulate/scene-photo.js';
import { fmt, numericFlags, ratio, sleep, summarize, table, waitFor } from './stats.js';

const flags = numericFlags({ seconds: 15, 'interval-ms': 100 }, 'usage: tsx scripts/bench/cities.ts [--seconds 15] [--interval-ms 100]');
const CITIES = ['tangerang', 'mataram', 'malang', 'pontianak'] as const;
const TOKEN = 'bench-installation-wall-token-0123456789';
const ACTOR: Actor = { id: 'bench', role: 'system' };

/** A wall's socket that counts what it receives: report events, and the bytes of every frame. */
type Wall = { socket: Socket; events: number; bytes: number; at: Map<number, number>; ready: Promise<void> };
function wall(url: string, token: string): Wall {
  const socket = connect(url, { transports: ['websocket'], auth: { display: token, snapshot: 'columns' } });
  const w: Wall = { socket, events: 0, bytes: 0, at: new Map(), ready: new Promise((r) => socket.once('live.catchup', () => r())) };
  socket.io.on('open', () => socket.io.engine.on('data', (d: string | ArrayBuffer) => (w.bytes += typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength)));
  socket.on('report.event', (e: LiveReportEvent) => {
    w.events++;
    w.at.set(e.seq, performance.now());
  });
  return w;
}

/** One report in the city to note on, then a note every interval for the phase's length; returns each note's seq and send time. */
async function seedReport(hub: Hub): Promise<number> {
  const [lng, lat] = hub.ctx.city.profile.map.center;
  const r = await submitReport(hub.ctx, ACTOR, { category: 'sampah', description: 'Sampah menumpuk (bench kota)', lat, lon: lng, channel: 'web' }, [await scenePhoto('sampah', 1, 640, 480)]);
  if (!r.ok) throw new Error(`${hub.ctx.city.profile.id}: ${r.message}`);
  return r.value.id;
}

async function drive(moving: { hub: Hub; reportId: number }[]): Promise<Map<number, number>> {
  const sent = new Map<number, number>(); // Tangerang's seq → send time (the first of `moving` is Tangerang)
  const end = performance.now() + flags.seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await Promise.all(
      moving.map(async ({ hub, reportId }, i) => {
        const at = performance.now();
        const r = await actOnReport(hub.ctx, ACTOR, reportId, { action: 'note', reason: 'bench' });
        if (i === 0 && r.ok) sent.set(r.value.lastSeq, at);
      }),
    );
    await sleep(Math.max(0, flags['interval-ms'] - (performance.now() - t)));
  }
  return sent;
}

type Phase = { name: string; perMin: number; bytesPerMin: number; city: number[]; province: number[] };
async function measure(name: string, walls: { city: Wall; province?: Wall }, moving: { hub: Hub; reportId: number }[]): Promise<Phase> {
  const before = { events: walls.city.events, bytes: walls.city.bytes };
  const t0 = performance.now();
  const sent = await drive(moving);
  // What was sent has arrived (or never will): the last note's seq on the city's wall, and on the province's.
  const last = Math.max(...sent.keys());
  await waitFor(() => walls.city.at.has(last) && (!walls.province || walls.province.at.has(last)), 10_000);
  const minutes = (performance.now() - t0) / 60_000;
  const lag = (w: Wall | undefined) => (w ? [...sent].flatMap(([seq, at]) => (w.at.has(seq) ? [w.at.get(seq)! - at] : [])) : []);
  return { name, perMin: (walls.city.events - before.events) / minutes, bytesPerMin: (walls.city.bytes - before.bytes) / minutes, city: lag(walls.city), province: lag(walls.province) };
}

const root = mkdtempSync(join(tmpdir(), 'pantau-bench-cities-'));
const base = (dir: string, over: Partial<Config> = {}) =>
  loadConfig({}, { port: 0, dataDir: dir, dbFile: join(dir, 'pantau.sqlite'), mediaDir: join(dir, 'media'), snapshotsDir: join(dir, 'cameras'), staticDir: null, logLevel: 'silent', wallToken: TOKEN, cameraMonitor: false, deadlineScheduler: false, ...over });
const phases: Phase[] = [];
let alone: Hub | null = null;
let installation: Installation | null = null;
try {
  // ---- Tangerang alone
  alone = await createHub(base(join(root, 'alone')));
  const aloneWall = wall(`http://127.0.0.1:${await alone.listen()}`, TOKEN);
  await aloneWall.ready;
  phases.push(await measure('alone', { city: aloneWall }, [{ hub: alone, reportId: await seedReport(alone) }]));
  aloneWall.socket.close();
  await alone.close();
  alone = null;

  // ---- the four cities
  installation = await openInstallation(base(join(root, 'four'), { cities: [...CITIES], city: CITIES[0] }));
  const ports = await installation.listen();
  const cityWall = wall(`http://127.0.0.1:${ports.cities[0]}`, cityWallToken(TOKEN, 'tangerang'));
  const provinceWall = wall(`http://127.0.0.1:${ports.province}/kota/tangerang`, cityWallToken(TOKEN, 'provinsi'));
  await Promise.all([cityWall.ready, provinceWall.ready]);
  const seeded = await Promise.all(installation.hubs.map(async (hub) => ({ hub, reportId: await seedReport(hub) })));
  phases.push(await measure('one of 4 moving', { city: cityWall, province: provinceWall }, seeded.slice(0, 1)));
  phases.push(await measure('4 moving', { city: cityWall, province: provinceWall }, seeded));
  cityWall.socket.close();
  provinceWall.socket.close();
} finally {
  await alone?.close();
  await installation?.close();
  rmSync(root, { recursive: true, force: true });
}

const [only] = phases;
console.log(`\nbench:cities: ${flags.seconds} s per phase, a note every ${flags['interval-ms']} ms in each moving city's log\n`);
console.log(table(
  ['phase', "Tangerang's wall: events/min", 'bytes/min', 'vs alone', 'city wall p50 ms', 'p99', 'province wall p50 ms', 'p99', 'province/city p99'],
  phases.map((p) => {
    const c = summarize(p.city);
    const v = p.province.length ? summarize(p.province) : null;
    return [p.name, fmt(p.perMin, 0), fmt(p.bytesPerMin, 0), ratio(p.bytesPerMin, only.bytesPerMin), fmt(c.p50), fmt(c.p99), v ? fmt(v.p50) : '—', v ? fmt(v.p99) : '—', v ? ratio(v.p99, c.p99) : '—'];
  }),
));
console.log("\nGoals: Tangerang's wall gets the same with 4 cities moving as alone (bytes/min vs alone ≈ 1.00×); the province's wall within 2× a city wall's p99.");
process.exit(0);
