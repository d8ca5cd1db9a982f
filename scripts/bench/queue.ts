import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../server/store/index.js';
import { loadCity } from '../../server/profile/load.js';
import type { Ctx } from '../../server/commands/context.js';
import type { Actor } from '../../server/contract/roles.js';
import { QueueQuery } from '../../server/contract/console.js';
import { consoleQueue } from '../../server/queries/console.js';
import { manyOpenReports } from '../../server/testing/many-reports.js';
import { fmt, numericFlags, ratio, table, timed, timedAsync } from './stats.js';

/**
 * The console's queue over 100,000 open reports (by default) in a real SQLite file: for each filter the first page
 * (with its total) and a page 1,000 rows down, through consoleQueue as the HTTP handler calls it, beside a bare
 * better-sqlite3 `SELECT * FROM reports ORDER BY id DESC LIMIT 50` (the primary key) in the same run.
 */
const flags = numericFlags({ reports: 100_000, repeats: 15, page: 50 }, 'usage: tsx scripts/bench/queue.ts [--reports 100000] [--repeats 15] [--page 50]');
const N = Math.floor(flags.reports);
const PAGE = Math.floor(flags.page);
const root = mkdtempSync(join(tmpdir(), 'pantau-bench-queue-'));
const store = Store.open(join(root, 'pantau.sqlite'));
try {
  const city = loadCity('tangerang');
  const now = Date.parse('2026-11-23T05:00:00Z');
  const t0 = performance.now();
  const reports = manyOpenReports(city, N, { firstId: 1, now, spanMs: 60 * 86400_000 });
  for (let start = 0; start < N; start += 10_000) store.tx(() => reports.slice(start, start + 10_000).forEach((r) => store.reports.put(r)));
  store.db.pragma('optimize');
  console.log(`queue bench: ${N.toLocaleString('en')} open reports seeded in ${fmt((performance.now() - t0) / 1000)} s; pages of ${PAGE}, ${flags.repeats} repeats each\n`);

  const ctx = { store, city, now: () => new Date(now) } as unknown as Ctx;
  const supervisor: Actor = { id: 'supervisor', role: 'supervisor' };
  const operator = (agencyId: string): Actor => ({ id: `operator.${agencyId}`, role: 'operator', agencyId });
  const benda = city.districts.find((d) => d.name === 'Benda')!.code;
  const todo = 'new,checked,proof_submitted';
  const cases: [string, Actor, Record<string, string>][] = [
    ['no filter (supervisor)', supervisor, {}],
    ['tab: new, checked, proof', supervisor, { status: todo }],
    ['one status: proof_submitted', supervisor, { status: 'proof_submitted' }],
    ['agency dkp', supervisor, { agency: 'dkp' }],
    ['category kesehatan (3%)', supervisor, { category: 'kesehatan' }],
    ['kecamatan Benda', supervisor, { district: benda }],
    ['channel walk_in (1%)', supervisor, { channel: 'walk_in' }],
    ['breached', supervisor, { breached: 'true' }],
    ['older than 72 h', supervisor, { olderThanHours: '72' }],
    ['text "berlubang"', supervisor, { q: 'berlubang' }],
    ['text "Thamrin" (a street)', supervisor, { q: 'Thamrin' }],
    ['text "kemacetan" (names a category)', supervisor, { q: 'kemacetan' }],
    ['text: a ticket', supervisor, { q: 'TNG-2026-012345' }],
    ['text "xyzzy" (nothing)', supervisor, { q: 'xyzzy' }],
    ['operator dkp, tab', operator('dkp'), { status: todo }],
    ['operator dkp, tab, Benda', operator('dkp'), { status: todo, district: benda }],
    ['operator dkp, tab, breached, "kali"', operator('dkp'), { status: todo, breached: 'true', q: 'kali' }],
    ['operator dkp, tab, "lampu" (another agency\'s word)', operator('dkp'), { status: todo, q: 'lampu' }],
    ['operator dinkes, walk_in, Benda (rare)', operator('dinkes'), { channel: 'walk_in', district: benda }],
  ];

  const time = (fn: () => unknown) => timed(flags.repeats, fn);
  const timeAsync = (fn: () => Promise<unknown>) => timedAsync(flags.repeats, fn);
  const bareStmt = store.db.prepare(`SELECT * FROM reports ORDER BY id DESC LIMIT ${PAGE}`);
  const bare = time(() => bareStmt.all());
  const rows: string[][] = [['bare SELECT * … ORDER BY id DESC LIMIT ' + PAGE, '', '', fmt(bare.p50, 2), fmt(bare.max, 2), '', '', '', '']];
  let worst = 0;
  for (const [name, actor, params] of cases) {
    const q = QueueQuery.parse({ ...params, limit: String(PAGE) });
    const first = await consoleQueue(ctx, actor, q);
    // A page 1,000 rows down: the cursor an operator reaches after scrolling twenty pages.
    const deep = await consoleQueue(ctx, actor, { ...q, limit: 1000 });
    const cursor = deep.next ?? undefined;
    const firstT = await timeAsync(() => consoleQueue(ctx, actor, q));
    const laterT = cursor ? await timeAsync(() => consoleQueue(ctx, actor, { ...q, cursor })) : null;
    worst = Math.max(worst, firstT.p50, laterT?.p50 ?? 0);
    const total = first.total ? `${first.total.atLeast ? '≥ ' : ''}${first.total.count.toLocaleString('en')}` : '';
    rows.push([
      name, total, String(first.reports.length), fmt(firstT.p50, 2), fmt(firstT.max, 2), ratio(firstT.p50, bare.p50),
      laterT ? fmt(laterT.p50, 2) : '-', laterT ? fmt(laterT.max, 2) : '-', laterT ? ratio(laterT.p50, bare.p50) : '-',
    ]);
  }
  console.log(table(['filter', 'matches', 'rows', 'first p50 ms', 'first max', 'first vs bare', 'later p50 ms', 'later max', 'later vs bare'], rows));
  console.log(`\nfirst page = the page, its total (counted up to 1,000) and the staff views, in one read transaction; later = the page`);
  console.log(`after the 1,000th match (no total). Slowest p50: ${fmt(worst, 2)} ms (a frame is 16.7 ms).`);
} finally {
  store.close();
  rmSync(root, { recursive: true, force: true });
}
