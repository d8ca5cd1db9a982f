import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../server/store/index.js';
import { loadCity } from '../../server/profile/load.js';
import { agencyFigures, dailyTrend, league, openByDistrict } from '../../server/domain/stats.js';
import { deadlinesFor } from '../../server/domain/deadlines.js';
import type { ReportState } from '../../server/domain/reports.js';
import { mulberry } from '../simulate/scene-photo.js';
import { fmt, numericFlags, ratio, summarize, table } from './stats.js';

/**
 * A year of a city's reports (500,000 by default) in a real SQLite file, then the performance queries the
 * kinerja screen makes, timed beside a bare COUNT(*) over the same table in the same run.
 */
const flags = numericFlags({ reports: 500_000, repeats: 5 }, 'usage: tsx scripts/bench/performance.ts [--reports 500000] [--repeats 5]');
const N = Math.floor(flags.reports);
const root = mkdtempSync(join(tmpdir(), 'pantau-bench-perf-'));
const store = Store.open(join(root, 'pantau.sqlite'));
try {
  const city = loadCity('tangerang');
  const rng = mulberry(7);
  const now = Date.parse('2026-11-23T05:00:00Z');
  const year = 365 * 86400_000;
  const statuses = ['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted', 'verified', 'closed', 'rejected', 'merged'] as const;
  const t0 = performance.now();
  const batch = 10_000;
  for (let start = 0; start < N; start += batch) {
    store.tx(() => {
      for (let i = start; i < Math.min(N, start + batch); i++) {
        const created = now - Math.pow(rng(), 0.7) * year;
        const cat = city.profile.categories[Math.floor(rng() * city.profile.categories.length)];
        const age = now - created;
        // Older reports are mostly done; the last weeks' are mostly open.
        const status = age > 30 * 86400_000 ? statuses[5 + Math.floor(rng() * 4)] : statuses[Math.floor(rng() * 9)];
        const dispatched = status !== 'new' && status !== 'checked' && status !== 'rejected' && status !== 'merged' ? new Date(created + rng() * 8 * 3600_000).toISOString() : null;
        const verified = status === 'verified' || status === 'closed' ? new Date(created + rng() * 96 * 3600_000).toISOString() : null;
        const done = verified ?? (status === 'rejected' || status === 'merged' ? new Date(created + rng() * 4 * 3600_000).toISOString() : null);
        const d = city.districts[Math.floor(rng() * city.districts.length)];
        const r: ReportState = {
          id: i + 1, ticket: `TNG-2026-${String(i + 1).padStart(7, '0')}`, status, categoryId: cat.id, agencyId: cat.agencyId,
          description: 'Laporan uji kinerja', lng: d.label[0], lat: d.label[1], precision: 'point', address: null, districtCode: d.code,
          subdistrictCode: null, channel: 'web', photos: [], reporterName: null, reporterContact: null, assigneeId: null, mergedIntoId: null, mergedFromStatus: status === 'merged' ? 'new' : null, citizenCount: 1,
          instruction: null, dispatchedAt: dispatched, proof: null, returnReason: null, trackKeyHash: null, cameraSnapshot: null,
          deadlines: deadlinesFor(new Date(created), { response: { hours: cat.responseHours, clock: cat.clock }, resolution: { hours: cat.resolutionHours, clock: cat.clock } }, city.calendar, 60),
          deadlineFlags: rng() < 0.2 ? ['response_breached'] : [], acknowledgedFlags: [], firstDispatchedAt: dispatched, verifiedAt: verified, doneAt: done,
          reopenCount: rng() < 0.02 ? 1 : 0, returnCount: rng() < 0.05 ? 1 : 0, createdAt: new Date(created).toISOString(),
          updatedAt: new Date(created).toISOString(), version: 1, lastSeq: i + 1,
        };
        store.reports.put(r);
      }
    });
  }
  store.db.pragma('optimize');
  console.log(`performance bench: ${N.toLocaleString('en')} reports over a year seeded in ${fmt((performance.now() - t0) / 1000)} s; ${flags.repeats} repeats each\n`);

  const agencies = city.profile.agencies.map((a) => a.id);
  const count = store.db.prepare('SELECT COUNT(*) FROM reports').pluck();
  const time = (fn: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < flags.repeats; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return summarize(xs);
  };
  const to = new Date(now).toISOString();
  const kinerja = (days: number) => () => {
    const r = { from: new Date(now - days * 86400_000).toISOString(), to };
    const facts = store.stats.facts(r.from, r.to);
    return [league(agencyFigures(facts, agencies, r)), dailyTrend(facts, r, city.clock), openByDistrict(facts, r.to), facts.length];
  };
  const bare = time(() => count.get());
  const rows: [string, ReturnType<typeof summarize>, number][] = [];
  for (const days of [1, 7, 30]) {
    const facts = store.stats.facts(new Date(now - days * 86400_000).toISOString(), to).length;
    rows.push([`kinerja, last ${days} d (${facts.toLocaleString('en')} reports in scope)`, time(kinerja(days)), facts]);
  }
  console.log(
    table(
      ['query', 'p50 ms', 'max ms', 'vs bare COUNT(*)'],
      [['bare SELECT COUNT(*) FROM reports', fmt(bare.p50, 2), fmt(bare.max, 2), ''], ...rows.map(([name, s]) => [name, fmt(s.p50, 1), fmt(s.max, 1), ratio(s.p50, bare.p50)])],
    ),
  );
  console.log('\nThe kinerja queries read only the reports open during or touched in the range (indexed), then fold them in JS.');
} finally {
  store.close();
  rmSync(root, { recursive: true, force: true });
}
