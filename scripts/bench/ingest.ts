/**
 * Ingest bench: reports per second through the hub's real `POST /api/reports` (multipart, one 640×480 JPEG),
 * against baselines measured in the same run:
 *   (a) a bare better-sqlite3 INSERT of an equivalent reports row (WAL, synchronous=FULL as the hub, one transaction per report);
 *   (b) a bare express 5 + multer (memoryStorage) handler that accepts the same upload and answers 201 without storing;
 *   (c) the hub's sharp step alone (processPhoto: 1600 px webp + 360 px thumb), where the hub spends its time.
 * Durability before/after, in the same rounds: a hub as it was (synchronous = NORMAL, one transaction per report),
 * one with synchronous = FULL alone, and the hub as it is (FULL + group commit), each with text-only reports (an
 * operator's phone intake, JSON) and with the 640×480 photo (plus the photo files' fsync in the FULL variants).
 * PostgreSQL beside them (a private cluster with fsync on, started here): the same hub on PANTAU_DATABASE_URL, text-only
 * and with a photo, against a bare `pg` INSERT of the same row (autocommit, C connections at once).
 * The HTTP load comes from a child process (same client code for hub and bare express), so the client's own
 * work does not run on the hub's event loop. Only 127.0.0.1 is used; data lives in a temp dir that is removed.
 *
 *   tsx scripts/bench/ingest.ts [--reports 2000] [--concurrency 16] [--warmup 50] [--max-seconds 10] [--rounds 3]
 * (or BENCH_REPORTS, BENCH_CONCURRENCY, BENCH_WARMUP, BENCH_MAX_SECONDS, BENCH_ROUNDS). Prints figures and ratios; always exits 0.
 */
import { cityClock } from '../../server/domain/time.js';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import sharp from 'sharp';
import multer from 'multer';
import { loadConfig, type Config } from '../../server/config.js';
import { createAccount } from '../../server/commands/accounts.js';
import { SYSTEM } from '../../server/contract/roles.js';
import { createHub, sqliteHub, type SqliteHub as Hub } from '../../server/hub.js';
import { openDb } from '../../server/store/db.js';
import { migrate } from '../../server/store/migrate.js';
import { Store } from '../../server/store/index.js';
import { processPhoto } from '../../server/media/photos.js';
import type { ReportEvent } from '../../server/domain/reports.js';
import { MAX_PHOTOS } from '../../server/contract/reports.js';
import { mulberry, scenePhoto } from '../simulate/scene-photo.js';
import { closedLoop, fmt, numericFlags, ratio, sleep, summarize, table, waitFor, type LoopResult, stopGuard } from './stats.js';
import { CATEGORY, forkIntakeClient, type DoneMsg } from './intake-client.js';
import { onDatabase, startPostgres, type PgCluster } from '../../server/testing/postgres.js';
import { bareReportInserts } from './pg-bare.js';

const WALL_TOKEN = 'bench-wall-token-0123456789abcdef';

await main();

/** cpuMs: CPU time of this (server-side) process during the measured part, all threads (sharp's included). */
type Row = { name: string; result: LoopResult; okCount: number; cpuMs: number; note?: string };

async function main() {
  const usage = 'usage: tsx scripts/bench/ingest.ts [--reports 2000] [--concurrency 16] [--warmup 50] [--max-seconds 10] [--rounds 3]';
  const flags = numericFlags({ reports: 2000, concurrency: 16, warmup: 50, 'max-seconds': 10, rounds: 3 }, usage);
  const N = Math.floor(flags.reports);
  const C = Math.floor(flags.concurrency);
  const W = Math.floor(flags.warmup);
  const maxMs = flags['max-seconds'] * 1000;
  const R = Math.floor(flags.rounds);

  const root = mkdtempSync(join(tmpdir(), 'pantau-bench-ingest-'));
  let client: ReturnType<typeof forkIntakeClient> | null = null;
  const servers: (() => Promise<void>)[] = [];
  // Stopping (Ctrl-C, SIGTERM or the watchdog) and the normal end share one cleanup; an error the stop causes
  // in the running phase is expected and not reported.
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await client?.close();
      // A stop mid-run leaves uploads in sharp; let them finish before the hub and its media dir go away
      // (a late media write would recreate the folder after it was removed).
      await waitFor(() => sharp.counters().queue + sharp.counters().process === 0, 15_000, 20);
      await sleep(100);
      for (const close of servers.splice(0).reverse()) await close().catch(() => {});
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    })());
  const guard = stopGuard('ingest bench', cleanup, (12 * (flags['max-seconds'] + 15) + 60) * 1000);

  try {
    // Durable commits, as the SQLite rows' synchronous = FULL: the tests' cluster runs with fsync off.
    const cluster: PgCluster = await startPostgres({ settings: { fsync: 'on', full_page_writes: 'on' } });
    servers.unshift(() => cluster.stop());
    const pgDatabase = async (name: string) => {
      await onDatabase(cluster.url(), `CREATE DATABASE ${name}`);
      await onDatabase(cluster.url(name), 'CREATE EXTENSION postgis');
      return cluster.url(name);
    };
    const photo = await scenePhoto(CATEGORY, 1, 640, 480);
    console.log(
      `ingest bench: ${N} reports per run (≤ ${flags['max-seconds']} s each; sharp and hub runs split over ${R} interleaved rounds), ` +
        `concurrency ${C}, warm-up ${W}; ` +
        `photo ${photo.length.toLocaleString('en')} B JPEG 640×480; node ${process.version}, ${cpus().length} CPUs, ` +
        `sharp threads/op ${sharp.concurrency()}, libuv pool ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
    );

    client = forkIntakeClient(photo);
    const drive = (label: string, port: number, n: number, ms: number, unique: boolean, seed: number, text?: { cookie: string }): Promise<DoneMsg> =>
      client!.drive(label, port, n, C, ms, unique, seed, text);
    /** One measured closed-loop run against a server (after a warm-up run if `warm`); seed makes bodies and photos differ per run. */
    const http = async (name: string, port: number, unique: boolean, seed: number, n: number, ms: number, warm: boolean, text?: { cookie: string }): Promise<Row> => {
      if (warm && W > 0) await drive(`${name} warm-up`, port, W, maxMs, unique, seed + 1, text);
      const cpu0 = process.cpuUsage();
      const d = await drive(`${name} ${seed}`, port, n, ms, unique, seed, text);
      const cpuMs = cpuSince(cpu0);
      const okCount = (d.statuses['201'] ?? 0);
      const bad = Object.entries(d.statuses).filter(([k]) => k !== '201');
      const note = bad.length ? `non-201: ${bad.map(([k, v]) => `${k}×${v}`).join(', ')}${d.firstError ? ` (${d.firstError})` : ''}` : undefined;
      return { name, result: d.loop, okCount, cpuMs, note };
    };

    const rows: Record<string, Row> = {};
    const merge = (a: Row | undefined, b: Row): Row =>
      a
        ? {
            name: a.name,
            result: {
              latencies: Float64Array.from([...a.result.latencies, ...b.result.latencies]),
              done: a.result.done + b.result.done,
              elapsedMs: a.result.elapsedMs + b.result.elapsedMs,
              stoppedByTime: a.result.stoppedByTime || b.result.stoppedByTime,
            },
            okCount: a.okCount + b.okCount,
            cpuMs: a.cpuMs + b.cpuMs,
            note: [...new Set([a.note, b.note].filter(Boolean))].join('; ') || undefined,
          }
        : b;

    // (a) bare better-sqlite3: an equivalent reports row, its own transaction each, same pragmas and schema as the hub.
    {
      const db = openDb(join(root, 'bare.sqlite'));
      servers.push(async () => {
        db.close();
      });
      migrate(db);
      const insert = db.prepare(
        `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, address,
           district_code, subdistrict_code, channel, photos, reporter_name, reporter_contact, assignee_id, merged_into_id,
           created_at, updated_at, version, last_seq)
         VALUES (@id, @ticket, 'new', @category, 'dlh', @description, @lng, @lat, 'point', @address, '36.71.01', NULL, 'web',
           @photos, 'Warga Uji', @contact, NULL, NULL, @at, @at, 1, @id)`,
      );
      const tx = db.transaction((row: Record<string, unknown>) => insert.run(row));
      const row = (i: number) => {
        const rnd = mulberry(i);
        const at = new Date().toISOString();
        return {
          id: i + 1,
          ticket: `TNG-2026-${String(i + 1).padStart(6, '0')}`,
          category: CATEGORY,
          description: `Sampah menumpuk di pinggir jalan, laporan uji #${i}`,
          lng: 106.64 + (rnd() * 2 - 1) * 0.01,
          lat: -6.18 + (rnd() * 2 - 1) * 0.01,
          address: `Jl. Uji Beban No. ${1 + (i % 200)}`,
          photos: JSON.stringify([`${i.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`]),
          contact: `0812${String(1_000_000 + i).slice(-7)}`,
          at,
        };
      };
      const total = W + N;
      const lat = new Float64Array(N);
      let done = 0;
      let stoppedByTime = false;
      for (let i = 0; i < W; i++) tx.immediate(row(i));
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      for (let i = W; i < total; i++) {
        if (performance.now() - start > maxMs) {
          stoppedByTime = true;
          break;
        }
        const r = row(i);
        const t0 = performance.now();
        tx.immediate(r);
        lat[done++] = performance.now() - t0;
      }
      const result = { latencies: lat.slice(0, done), done, elapsedMs: performance.now() - start, stoppedByTime };
      rows.sqlite = { name: '(a) bare better-sqlite3 INSERT, WAL FULL, 1 tx each', result, okCount: done, cpuMs: cpuSince(cpu0) };
    }

    // (a') bare pg: the same row into the hub's PostgreSQL schema, autocommit (one flush each), C connections at once.
    {
      const { result, cpuMs } = await bareReportInserts(await pgDatabase('bare'), { n: N, concurrency: C, maxMs, warmup: W, category: CATEGORY });
      rows.pgBare = { name: "(a') bare pg INSERT, fsync on, autocommit, C at once", result, okCount: result.done, cpuMs };
    }

    // For information: the hub's own write set per report (ticket, media row, event, projection) in one transaction.
    {
      const store = Store.open(join(root, 'store-only.sqlite'));
      servers.push(async () => store.close());
      const write = (i: number) =>
        store.tx(() => {
          const at = new Date().toISOString();
          const id = store.reports.nextId();
          const ticket = `TNG-2026-${String(store.tickets.next('TNG', 2026)).padStart(6, '0')}`;
          const hash = `${i.toString(16).padStart(8, '0')}${'cd'.repeat(28)}`;
          store.media.add({ hash, width: 640, height: 480, bytes: 20_000, createdAt: at });
          const rnd = mulberry(i);
          const event: ReportEvent = {
            type: 'report.submitted',
            reportId: id,
            at,
            actor: { id: 'citizen', role: 'citizen' },
            payload: {
              to: 'new',
              report: {
                id, ticket, categoryId: CATEGORY, agencyId: 'dlh', description: `Sampah menumpuk di pinggir jalan, laporan uji #${i}`,
                lng: 106.64 + (rnd() * 2 - 1) * 0.01, lat: -6.18 + (rnd() * 2 - 1) * 0.01, precision: 'point', districtCode: '36.71.01',
                subdistrictCode: null, address: `Jl. Uji Beban No. ${1 + (i % 200)}`, channel: 'web', photos: [hash],
                reporterName: 'Warga Uji', reporterContact: '0812000000', createdAt: at,
              },
            },
          };
          store.projector.append(event);
        });
      for (let i = 0; i < W; i++) write(i);
      const lat = new Float64Array(N);
      let done = 0;
      let stoppedByTime = false;
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      for (let i = W; i < W + N; i++) {
        if (performance.now() - start > maxMs) {
          stoppedByTime = true;
          break;
        }
        const t0 = performance.now();
        write(i);
        lat[done++] = performance.now() - t0;
      }
      const result = { latencies: lat.slice(0, done), done, elapsedMs: performance.now() - start, stoppedByTime };
      rows.storeTx = { name: 'hub store transaction alone (for information)', result, okCount: done, cpuMs: cpuSince(cpu0) };
    }

    // (b) bare express 5 + multer memoryStorage, same limits as the hub, answering 201 without storing.
    {
      const app = express();
      const upload = multer({
        storage: multer.memoryStorage(),
        limits: { fileSize: 12 * 1024 * 1024, files: MAX_PHOTOS, fields: 20, fieldSize: 8 * 1024, parts: 40 },
      }).array('photos', MAX_PHOTOS);
      app.post('/api/reports', upload, (req, res) => {
        res.status(201).json({ ok: true, photos: ((req.files as Express.Multer.File[] | undefined) ?? []).length });
      });
      const server = createServer(app);
      const port = await listen(server);
      servers.push(() => closeServer(server));
      rows.express = await http('(b) bare express 5 + multer, 201 no store', port, false, 11, N, maxMs, true);
      await servers.pop()!();
    }

    // The hub itself, a fresh one (own temp db and media dir) per variant, and (c) sharp alone with the hub's own
    // function at the same concurrency. These are the slow runs: they alternate in rounds, so load that comes and
    // goes on the machine falls on all three alike.
    const startHub = async (dir: string, durability?: Config['durability'], databaseUrl?: string): Promise<{ hub: Hub; port: number }> => {
      const dataDir = join(root, dir);
      const opened = await createHub(
        loadConfig({}, {
          port: 0, dataDir, dbFile: join(dataDir, 'pantau.sqlite'), mediaDir: join(dataDir, 'media'),
          staticDir: null, logLevel: 'silent', wallToken: WALL_TOKEN,
          // The bench's clients all post from loopback: the flood limit is not what it measures.
          rateLimits: { reportsPer10Min: 1e9, open311PerMin: 1e9, loginFailsPer15Min: 1e9, loginFailsPerUser15Min: 1e9 },
          // Nor is the photo line: the bench keeps C uploads in flight, all of which must be let in to wait.
          photoLimits: { ...loadConfig({}).photoLimits, maxWaiting: 10_000 },
          ...(durability ? { durability } : {}),
          ...(databaseUrl ? { databaseUrl } : {}),
        }),
      );
      // The PostgreSQL hub's tables are not read here; the SQLite ones' media index is, below.
      const hub = (databaseUrl ? opened : sqliteHub(opened)) as Hub;
      const port = await hub.listen();
      servers.push(async () => {
        hub.http.closeAllConnections();
        await hub.close();
      });
      return { hub, port };
    };
    const same = await startHub('hub-same');
    const unique = await startHub('hub-unique');
    // Durability before / after: one hub per variant, an operator logged in on each for the text-only reports.
    const VARIANTS = [
      ['before', 'NORMAL, 1 tx each (before)', { synchronous: 'NORMAL', groupCommit: false }],
      ['full', 'FULL, 1 tx each', { synchronous: 'FULL', groupCommit: false }],
      ['after', 'FULL + group commit (now)', { synchronous: 'FULL', groupCommit: true }],
      ['pg', 'PostgreSQL (PANTAU_DATABASE_URL), fsync on', null],
    ] as const;
    const durable: Record<string, { port: number; cookie: string }> = {};
    for (const [key, , durability] of VARIANTS) {
      const h = await startHub(`hub-${key}`, durability ? { ...durability } : undefined, durability ? undefined : await pgDatabase('hub'));
      await createAccount(h.hub.ctx, SYSTEM, { username: 'operator.bench', name: 'Operator Uji', role: 'operator', agencyId: 'dkp', password: 'bench-password-2026' });
      const res = await fetch(`http://127.0.0.1:${h.port}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${h.port}` },
        body: JSON.stringify({ username: 'operator.bench', password: 'bench-password-2026' }),
      });
      durable[key] = { port: h.port, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
    }
    const sharpRun = async (n: number, ms: number): Promise<Row> => {
      let failed = 0;
      const cpu0 = process.cpuUsage();
      const result = await closedLoop(n, C, ms, async () => {
        const t0 = performance.now();
        const r = await processPhoto(photo, 'photos[0]', 50_000_000, cityClock('Asia/Jakarta').offset);
        if (!r.ok) failed++;
        return performance.now() - t0;
      });
      return { name: '(c) sharp alone: 1600 webp + 360 thumb', result, okCount: result.done - failed, cpuMs: cpuSince(cpu0) };
    };
    for (let i = 0; i < Math.min(W, 20); i++) await processPhoto(photo, 'photos[0]', 50_000_000, cityClock('Asia/Jakarta').offset);
    for (let r = 0; r < R; r++) {
      const n = Math.floor((N * (r + 1)) / R) - Math.floor((N * r) / R);
      const ms = maxMs / R;
      const runs: [string, () => Promise<Row>][] = [
        ['sharp', () => sharpRun(n, ms)],
        ['hubSame', () => http('hub POST /api/reports, same photo', same.port, false, 100 + r, n, ms, r === 0)],
        ['hubUnique', () => http('hub POST /api/reports, unique photo each', unique.port, true, 200 + r, n, ms, r === 0)],
        ...VARIANTS.flatMap(([key, label], v): [string, () => Promise<Row>][] => [
          [`${key}Text`, () => http(`durability: ${label}, text only`, durable[key].port, false, 300 + 10 * v + r, n, ms, r === 0, { cookie: durable[key].cookie })],
          [`${key}Photo`, () => http(`durability: ${label}, unique photo`, durable[key].port, true, 400 + 10 * v + r, n, ms, r === 0)],
        ]),
      ];
      // Each round starts with a different one, so none of the three always runs first or last.
      for (let k = 0; k < runs.length; k++) {
        const [key, run] = runs[(k + r) % runs.length];
        rows[key] = merge(rows[key], await run());
      }
    }
    for (const [key, h] of [['hubSame', same.hub], ['hubUnique', unique.hub]] as const) {
      const stored = h.ctx.store.media.hashes().size;
      rows[key].note = [rows[key].note, `${stored} distinct photo${stored === 1 ? '' : 's'} stored (warm-up included)`].filter(Boolean).join('; ');
    }
    for (let i = 0; i < 2 + VARIANTS.length; i++) await servers.pop()!();

    // ---------------------------------------------------------------- report
    const rate = (r: Row) => (r.okCount / r.result.elapsedMs) * 1000;
    const order = ['hubSame', 'hubUnique', 'sqlite', 'pgBare', 'express', 'sharp', 'storeTx'];
    const lines = order.map((k) => {
      const r = rows[k];
      const s = summarize(r.result.latencies);
      return [
        r.name,
        `${r.okCount}${r.result.stoppedByTime ? '*' : ''}`,
        fmt(rate(r), 1),
        fmt(s.p50, 2),
        fmt(s.p99, 2),
        fmt(r.cpuMs / Math.max(1, r.result.done), 2),
        k.startsWith('hub') ? '' : ratio(rate(rows.hubSame), rate(r)),
        k.startsWith('hub') ? '' : ratio(rate(rows.hubUnique), rate(r)),
      ];
    });
    console.log('');
    console.log(table(['name', 'n', 'reports/s', 'p50 ms', 'p99 ms', 'cpu ms/op', 'hub(same)/this', 'hub(unique)/this'], lines));
    if (order.some((k) => rows[k].result.stoppedByTime))
      console.log(`* stopped by --max-seconds ${flags['max-seconds']} (split over the rounds for sharp and hub) before ${N} were done`);
    for (const k of order) if (rows[k].note) console.log(`  ${rows[k].name}: ${rows[k].note}`);
    console.log('  latency: HTTP rows per request at the client (closed loop, so it includes queueing); sqlite/sharp/store rows per operation.');
    console.log('  cpu ms/op: CPU of the bench process (the server side: hub or bare server, all threads) per operation; the client child is not counted.');

    console.log('\ntarget: the hub keeps at least half of the bare baselines\' throughput (hub/baseline ≥ 0.50×)');
    for (const [hk, hname] of [['hubSame', 'same photo'], ['hubUnique', 'unique photos']] as const) {
      for (const [bk, bname] of [['sqlite', '(a) bare sqlite'], ['express', '(b) bare express']] as const) {
        const q = rate(rows[hk]) / rate(rows[bk]);
        console.log(`  hub (${hname}) vs ${bname}: ${ratio(rate(rows[hk]), rate(rows[bk]))} → ${q >= 0.5 ? 'holds' : 'does NOT hold'}`);
      }
    }
    console.log(`  for reference, hub (same photo) vs (c) sharp alone: ${ratio(rate(rows.hubSame), rate(rows.sharp))}`);

    console.log('\ndurability: a 201 only once the report is on disk (synchronous = FULL), throughput kept by group commit');
    const dLines = VARIANTS.flatMap(([key, label]) =>
      (['Text', 'Photo'] as const).map((kind) => {
        const r = rows[`${key}${kind}`];
        const s = summarize(r.result.latencies);
        const before = rows[`before${kind}`];
        return [`${label}, ${kind === 'Text' ? 'text only' : 'with a photo'}`, `${r.okCount}${r.result.stoppedByTime ? '*' : ''}`, fmt(rate(r), 1), fmt(s.p50, 2), fmt(s.p99, 2), ratio(rate(r), rate(before))];
      }),
    );
    console.log(table(['variant', 'n', 'reports/s', 'p50 ms', 'p99 ms', 'this/before'], dLines));
    for (const [key] of VARIANTS) for (const kind of ['Text', 'Photo']) if (rows[`${key}${kind}`].note) console.log(`  ${rows[`${key}${kind}`].name}: ${rows[`${key}${kind}`].note}`);

    console.log('\nPostgreSQL against SQLite and the bare inserts, in the same run:');
    for (const kind of ['Text', 'Photo'] as const) {
      const [pgHub, sqliteHubRow] = [rows[`pg${kind}`], rows[`after${kind}`]];
      console.log(`  hub ${kind === 'Text' ? 'text only' : 'with a photo'}: PostgreSQL ${fmt(rate(pgHub), 1)}/s, SQLite ${fmt(rate(sqliteHubRow), 1)}/s (${ratio(rate(pgHub), rate(sqliteHubRow))}); vs bare pg ${ratio(rate(pgHub), rate(rows.pgBare))}`);
    }
    console.log(`  bare pg INSERT ${fmt(rate(rows.pgBare), 1)}/s vs bare better-sqlite3 ${fmt(rate(rows.sqlite), 1)}/s (${ratio(rate(rows.pgBare), rate(rows.sqlite))})`);
  } catch (err) {
    if (!guard.stopping()) throw err;
  } finally {
    await cleanup();
  }
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: HttpServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
