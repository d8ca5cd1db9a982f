import type { City } from '../profile/load.js';
import type { ReportEvent } from '../domain/reports.js';
import type { ReportStatus } from '../contract/reports.js';
import type { Actor } from '../contract/roles.js';
import { SYSTEM } from '../contract/roles.js';
import { deadlinesFor } from '../domain/deadlines.js';
import { mulberry } from '../../scripts/simulate/scene-photo.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A min-heap of the steps still to come, by time: the log is written in time order, as the hub writes it. */
class Pending {
  private readonly items: { t: number; e: ReportEvent }[] = [];
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0]?.t ?? Infinity;
  }
  push(t: number, e: ReportEvent) {
    const xs = this.items;
    xs.push({ t, e });
    for (let i = xs.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (xs[p].t <= xs[i].t) break;
      [xs[p], xs[i]] = [xs[i], xs[p]];
      i = p;
    }
  }
  pop(): ReportEvent {
    const xs = this.items;
    const top = xs[0];
    const last = xs.pop()!;
    if (xs.length) {
      xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && xs[l].t < xs[m].t) m = l;
        if (r < xs.length && xs[r].t < xs[m].t) m = r;
        if (m === i) break;
        [xs[m], xs[i]] = [xs[i], xs[m]];
        i = m;
      }
    }
    return top.e;
  }
}

/**
 * The report events of `reports` reports received evenly between `from` and `to` (ms), in time order, streamed:
 * each report's SIGAP steps over the hours after it: some rejected, merged (and a few unmerged), rerouted, proofs
 * returned, fixed and closed, some reopened and fixed again, a fifth past their response deadline; most of the last
 * month's still open. Steps after `to` are left out (they have not happened yet). Made for the projector (the
 * rollup and kinerja tests, bench:performance), not for the commands: no photos, no rule checks.
 */
export function* lifecycles(city: City, opts: { reports: number; from: number; to: number; seed?: number; firstId?: number }): Generator<ReportEvent> {
  const rng = mulberry(opts.seed ?? 7);
  const pending = new Pending();
  const citizen: Actor = { id: 'warga', role: 'citizen' };
  const { categories, agencies } = city.profile;
  const gap = (opts.to - opts.from) / opts.reports;
  for (let i = 0; i < opts.reports; i++) {
    // One arrival in each slice of the span, at random within it: evenly spread, in order, to the span's end.
    const t0 = opts.from + (i + rng()) * gap;
    while (pending.peek() <= t0) yield pending.pop();
    const reportId = (opts.firstId ?? 1) + i;
    const cat = categories[Math.floor(rng() * categories.length)];
    const d = city.districts[Math.floor(rng() * city.districts.length)];
    let agencyId = cat.agencyId;
    const createdAt = new Date(t0).toISOString();
    yield {
      type: 'report.submitted', reportId, at: createdAt, actor: citizen,
      payload: {
        to: 'new',
        report: {
          id: reportId, ticket: `${city.profile.ticketPrefix}-2026-${String(reportId).padStart(7, '0')}`, categoryId: cat.id, agencyId,
          description: 'Laporan uji kinerja', lng: d.label[0], lat: d.label[1], precision: 'point', address: null,
          districtCode: rng() < 0.02 ? null : d.code, subdistrictCode: null, channel: 'web', photos: [], reporterName: null, reporterContact: null, createdAt,
          deadlines: deadlinesFor(new Date(t0), { response: { hours: cat.responseHours, clock: cat.clock }, resolution: { hours: cat.resolutionHours, clock: cat.clock } }, city.calendar, city.profile.escalationDays),
        },
      },
    };
    let t = t0;
    let status: ReportStatus = 'new';
    const operator = () => ({ id: `op-${agencyId}`, role: 'operator' as const, agencyId, name: 'Operator' });
    const step = (type: ReportEvent['type'], to: ReportStatus | undefined, hours: number, payload: Record<string, unknown> = {}, actor: Actor = operator()) => {
      t += rng() * hours * HOUR;
      if (t < opts.to) pending.push(t, { type, reportId, at: new Date(t).toISOString(), actor, payload: { from: status, ...(to ? { to } : {}), ...payload } });
      if (to) status = to;
    };
    const recent = opts.to - t0 < 30 * DAY;
    if (rng() < 0.2) step('report.deadline_flagged', undefined, 6, { flag: 'response_breached' }, SYSTEM);
    if (rng() < 0.05) {
      step('report.rejected', 'rejected', 4, { reason: 'Bukan wewenang kota' });
      continue;
    }
    if (rng() < 0.03 && reportId > 1) {
      step('report.merged', 'merged', 4, { intoReportId: reportId - 1 });
      if (rng() < 0.3) step('report.unmerged', 'new', 24, { reason: 'Bukan duplikat' });
      continue;
    }
    if (rng() < 0.04) {
      agencyId = agencies[Math.floor(rng() * agencies.length)].id;
      step('report.rerouted', undefined, 3, { agencyId, reason: 'Wewenang dinas lain' });
    }
    for (let round = 0; round < 2; round++) {
      if (rng() < 0.5) step('report.checked', 'checked', 3);
      step('report.dispatched', 'dispatched', 4, { assigneeId: `pengawas-${agencyId}` });
      if (rng() < (recent ? 0.08 : 0.002)) break;
      step('report.accepted', 'in_progress', 6);
      if (rng() < (recent ? 0.05 : 0.002)) break;
      const proof = { proof: { photos: [], note: null, location: null, capturedAt: null, flags: [], distanceM: null } };
      step('report.proof_submitted', 'proof_submitted', 24, proof);
      if (rng() < 0.1) {
        step('report.proof_returned', 'in_progress', 12, { reason: 'Foto kurang jelas' });
        step('report.proof_submitted', 'proof_submitted', 12, proof);
      }
      step('report.verified', 'verified', 12);
      if (rng() < 0.8) step('report.closed', 'closed', 24);
      if (rng() >= 0.05) break;
      step('report.reopened', 'new', 48, { reason: 'Pelapor: belum beres' }, citizen);
    }
  }
  while (pending.size) yield pending.pop();
}
