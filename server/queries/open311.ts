import type { Ctx } from '../commands/context.js';
import type { ReportState } from '../domain/reports.js';
import { requestOf, type Lang, type Open311Request } from '../domain/open311.js';
import { publicRecord } from './public-report.js';

/** One Open311 service request: the public record in the spec's words; photos as absolute URLs under `baseUrl`. */
export function open311Request(ctx: Ctx, r: ReportState, opts: { lang: Lang; extensions: boolean; baseUrl: string }): Open311Request {
  const { profile } = ctx.city;
  const agencyName = (id: string) => profile.agencies.find((a) => a.id === id)?.name ?? id;
  // A rejection's reason is in its status notes even without extensions: the history is read for it.
  const { report, steps, primary } = publicRecord(ctx, r, { history: opts.extensions || r.status === 'rejected' });
  return requestOf(r, {
    category: profile.categories.find((c) => c.id === r.categoryId),
    agencyName: agencyName(r.agencyId),
    districtName: r.districtCode ? (ctx.city.districts.find((d) => d.code === r.districtCode)?.name ?? null) : null,
    cityName: profile.name,
    photoUrl: (hash) => `${opts.baseUrl}/media/${hash}/display.webp`,
    lang: opts.lang,
    clock: ctx.city.clock,
    reason: r.status === 'rejected' ? [...steps].reverse().find((s) => s.type === 'report.rejected')?.reason : null,
    mergedInto: primary?.ticket ?? null,
    primaryStatus: primary?.status ?? null,
    breached: report.breached,
    steps: opts.extensions ? steps : undefined,
    agencyNameOf: agencyName,
  });
}
