import type { Ctx } from '../commands/context.js';
import type { ReportState } from '../domain/reports.js';
import { requestOf, type Lang, type Open311Request } from '../domain/open311.js';
import type { RequestsQuery } from '../domain/open311-parse.js';
import { publicRecordStep } from './public-report.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import type { City } from '../profile/load.js';

/** How a client asked: its language, whether it wants our extensions (history, proof photos), the hub's own address. */
export type Open311Asked = { lang: Lang; extensions: boolean; baseUrl: string };

/** One Open311 service request: the public record in the spec's words; photos as absolute URLs under `baseUrl`. */
export const open311Request = (ctx: Ctx, r: ReportState, opts: Open311Asked): Promise<Open311Request> => ctx.store.query((p) => open311RequestStep(p.reports, ctx.city, r, opts));

/** open311Request on either store (server/store/step.ts). */
export function* open311RequestStep(w: ReportWrites, city: City, r: ReportState, opts: Open311Asked): Step<Open311Request> {
  const { profile } = city;
  const agencyName = (id: string) => profile.agencies.find((a) => a.id === id)?.name ?? id;
  // A rejection's or a forwarding's reason is in its status notes even without extensions: the history is read for it.
  const closedWhy = r.status === 'rejected' ? 'report.rejected' : r.status === 'forwarded' ? 'report.forwarded' : null;
  const { report, steps, primary } = yield* publicRecordStep(w, r, { history: opts.extensions || closedWhy !== null });
  return requestOf(r, {
    category: profile.categories.find((c) => c.id === r.categoryId),
    agencyName: agencyName(r.agencyId),
    districtName: r.districtCode ? (city.districts.find((d) => d.code === r.districtCode)?.name ?? null) : null,
    cityName: profile.name,
    photoUrl: (hash) => `${opts.baseUrl}/media/${hash}/display.webp`,
    lang: opts.lang,
    clock: city.clock,
    reason: closedWhy ? [...steps].reverse().find((s) => s.type === closedWhy)?.reason : null,
    mergedInto: primary?.ticket ?? null,
    primaryStatus: primary?.status ?? null,
    breached: report.breached,
    steps: opts.extensions ? steps : undefined,
    agencyNameOf: agencyName,
  });
}

/** GET requests: by the tickets asked for, or the window and filters, newest first, one page. */
export async function open311Requests(ctx: Ctx, q: RequestsQuery, opts: Open311Asked): Promise<Open311Request[]> {
  return ctx.store.query(function* (p) {
    const ids = q.tickets ? (yield* p.reads.idsOfTickets(q.tickets)).slice(q.offset, q.offset + q.limit) : yield* p.reads.open311Ids({ ...q });
    const out: Open311Request[] = [];
    for (const n of ids) {
      const r = yield* p.reports.report(n);
      if (r) out.push(yield* open311RequestStep(p.reports, ctx.city, r, opts));
    }
    return out;
  });
}
