import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../server/store/index.js';
import { loadCity } from '../../server/profile/load.js';
import { dayStart } from '../../server/domain/time.js';
import { replayRange } from '../../server/domain/replay-range.js';
import type { ReportEvent } from '../../server/domain/reports.js';
import type { ReportStatus } from '../../server/contract/reports.js';
import type { Ctx } from '../../server/commands/context.js';
import { replayBetween } from '../../server/queries/replay.js';
import { SYSTEM } from '../../server/contract/roles.js';
import { mulberry } from '../simulate/scene-photo.js';
import { fmt, numericFlags, ratio, summarize, table } from './stats.js';

/**
 * One city day's replay (GET /api/replay?date=…) after 1 and after 100 simulated days of log, timed beside a bare
 * better-sqlite3 SELECT of that day's event rows in the same run, and beside the replay as it was before checkpoints
 * (the whole log folded from its first event). The log is written through the store's projector, as the hub writes it.
 */
const flags = numericFlags({ days: 100, 'reports-per-day': 150, repeats: 9 }, 'usage: tsx scripts/bench/replay.ts [--days 100] [--reports-per-day 150] [--repeats 9]');
const DAYS = Math.floor(flags.days);
const PER_DAY = Math.floor(flags['reports-per-day']);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const city = loadCity('tangerang');
const root = mkdtempSync(join(tmpdir(), 'pantau-bench-replay-'));
const store = Store.open(join(root, 'pantau.sqlite'), { clock: city.clock });
const ctx = { store, city } as Ctx<Store>;
const rng = mulberry(17);
const first = Date.parse(dayStart('2026-08-01', city.clock));
const dayOf = (n: number) => first + (n - 1) * DAY;

/** Every event of the simulated days, in time order: each report's SIGAP steps spread over the hours after it. */
function simulate(): ReportEvent[] {
  const out: ReportEvent[] = [];
  const citizen = { id: 'warga', role: 'citizen' as const };
  let id = 0;
  for (let day = 1; day <= DAYS; day++) {
    // The hub numbers reports in the order they arrive.
    const arrivals = Array.from({ length: PER_DAY }, () => dayOf(day) + rng() * DAY).sort((x, y) => x - y);
    for (const arrival of arrivals) {
      const reportId = ++id;
      const cat = city.profile.categories[Math.floor(rng() * city.profile.categories.length)];
      const d = city.districts[Math.floor(rng() * city.districts.length)];
      const operator = { id: `op-${cat.agencyId}`, role: 'operator' as const, agencyId: cat.agencyId, name: 'Operator' };
      const field = { id: `pengawas-${cat.agencyId}`, role: 'field' as const, agencyId: cat.agencyId, name: 'Pengawas' };
      let t = arrival;
      const createdAt = new Date(t).toISOString();
      out.push({
        type: 'report.submitted', reportId, at: createdAt, actor: citizen,
        payload: {
          to: 'new',
          report: {
            id: reportId, ticket: `TNG-2026-${String(reportId).padStart(6, '0')}`, categoryId: cat.id, agencyId: cat.agencyId,
            description: `Laporan uji replay #${reportId}`, lng: d.label[0] + (rng() - 0.5) * 0.01, lat: d.label[1] + (rng() - 0.5) * 0.01,
            precision: 'point', address: null, districtCode: d.code, subdistrictCode: null, channel: 'web', photos: [],
            reporterName: null, reporterContact: '0812000000', createdAt,
          },
        },
      });
      const step = (type: ReportEvent['type'], from: ReportStatus, to: ReportStatus | undefined, actor: ReportEvent['actor'], hours: number, payload: Record<string, unknown> = {}) => {
        t += rng() * hours * HOUR;
        out.push({ type, reportId, at: new Date(t).toISOString(), actor, payload: { from, ...(to ? { to } : {}), ...payload } });
      };
      // A fifth wait past their response deadline; a few are rejected; most go all the way to closed.
      if (rng() < 0.2) step('report.deadline_flagged', 'new', undefined, SYSTEM, 6, { flag: 'response_breached' });
      if (rng() < 0.05) {
        step('report.rejected', 'new', 'rejected', operator, 4, { reason: 'Bukan wewenang kota' });
        continue;
      }
      step('report.checked', 'new', 'checked', operator, 3);
      step('report.dispatched', 'checked', 'dispatched', operator, 4, { assigneeId: field.id });
      step('report.accepted', 'dispatched', 'in_progress', field, 6);
      if (rng() < 0.15) continue; // still being worked on
      step('report.proof_submitted', 'in_progress', 'proof_submitted', field, 24, { proof: { photos: [], note: null, location: null, capturedAt: null, flags: [], distanceM: null } });
      step('report.verified', 'proof_submitted', 'verified', operator, 12);
      if (rng() < 0.8) step('report.closed', 'verified', 'closed', operator, 24);
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The reads timed in alternating rounds, so a pause of the machine (it is shared) falls on each alike. */
async function timeAlternating(fns: (() => unknown)[]) {
  const xs = fns.map(() => [] as number[]);
  for (let i = 0; i < flags.repeats; i++)
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      xs[k].push(performance.now() - t);
    }
  return xs.map(summarize);
}

try {
  const t0 = performance.now();
  const events = simulate();
  const bareDay = store.db.prepare('SELECT * FROM events WHERE at >= ? AND at < ? ORDER BY seq');
  let written = 0;
  const rows: string[][] = [];
  for (const n of [1, DAYS]) {
    // The log up to the end of day n (later steps of its reports are still to come), then day n's replay.
    const end = new Date(dayOf(n) + DAY).toISOString();
    while (written < events.length && events[written].at < end) {
      const batch = events.slice(written, written + 5000).filter((e) => e.at < end);
      store.tx(() => batch.forEach((e) => store.projector.append(e)));
      written += batch.length;
    }
    const from = new Date(dayOf(n)).toISOString();
    const to = end;
    const dayRows = (bareDay.all(from, to) as unknown[]).length;
    const checkpointed = await replayBetween(ctx, from, to);
    const folded = store.read(() => replayRange(store.events.inRange('', from), store.events.inRange(from, to)));
    if (JSON.stringify(checkpointed.markers) !== JSON.stringify(folded.markers) || JSON.stringify(checkpointed.steps) !== JSON.stringify(folded.steps))
      throw new Error(`day ${n}: the replay from the checkpoint differs from the fold from the first event`);
    const [bare, fromCheckpoint, fromStart] = await timeAlternating([
      () => bareDay.all(from, to),
      () => replayBetween(ctx, from, to),
      () => store.read(() => replayRange(store.events.inRange('', from), store.events.inRange(from, to))),
    ]);
    const log = `${n} day${n === 1 ? '' : 's'}, ${store.events.headSeq().toLocaleString('en')} events`;
    const day = `${checkpointed.markers.length.toLocaleString('en')} markers at the start, ${dayRows.toLocaleString('en')} events, ${checkpointed.steps.length.toLocaleString('en')} steps`;
    rows.push(
      [log, day, "bare SELECT of the day's event rows", fmt(bare.p50, 2), fmt(bare.max, 2), ''],
      ['', '', 'replay from the checkpoint', fmt(fromCheckpoint.p50, 1), fmt(fromCheckpoint.max, 1), ratio(fromCheckpoint.p50, bare.p50)],
      ['', '', 'replay folded from the first event (before)', fmt(fromStart.p50, 1), fmt(fromStart.max, 1), ratio(fromStart.p50, bare.p50)],
    );
  }
  console.log(`replay bench: ${DAYS} days × ${PER_DAY} reports (${events.length.toLocaleString('en')} events) written through the projector in ${fmt((performance.now() - t0) / 1000)} s; ${flags.repeats} repeats each\n`);
  console.log(table(['log', 'the replayed day', 'read', 'p50 ms', 'max ms', 'vs bare SELECT'], rows));
  const size = (t: string) => store.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  console.log(`\nCheckpoints kept: ${size('replay_checkpoints')} days, ${size('replay_checkpoint_markers').toLocaleString('en')} marker rows (one per report per day its marker changed).`);
} finally {
  store.close();
  rmSync(root, { recursive: true, force: true });
}
