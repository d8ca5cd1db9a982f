import type { Ctx } from '../commands/context.js';
import { agencyFigures, dailyTrend, league, type AgencyFigures } from '../domain/stats.js';
import { addOpenGroups, noOpenFigures, openFiguresOf } from '../domain/open-reports.js';
import { dayStart, localDay, type CityClock } from '../domain/time.js';
import type { Reads } from '../store/reads.js';
import type { StepValue } from '../store/step.js';

const DAY_MS = 86400_000;
/** The longest range the kinerja screen may ask for: a year and a month. */
export const MAX_KINERJA_DAYS = 400;

/** toNow: the range runs to now (its end is still to come), so what is open at its end is what is open now. */
export type KinerjaRange = { fromDay: string; toDay: string; from: string; to: string; days: number; toNow: boolean };

/** A range of the city's days, [from 00:00, to 24:00); the last `days` (7) up to today by default. */
export function kinerjaRange(ctx: Ctx, q: { from?: string; to?: string; days?: number }): KinerjaRange {
  const today = localDay(ctx.now(), ctx.city.clock);
  const toDay = q.to ?? today;
  const fromDay = q.from ?? new Date(Date.parse(toDay) - ((q.days ?? 7) - 1) * DAY_MS).toISOString().slice(0, 10);
  const from = dayStart(fromDay, ctx.city.clock);
  const end = new Date(Date.parse(dayStart(toDay, ctx.city.clock)) + DAY_MS).toISOString();
  // "Open" and the backlog are as of the end of the range, or now when the range runs to today.
  const to = end > ctx.now().toISOString() ? ctx.now().toISOString() : end;
  return { fromDay, toDay, from, to, days: (Date.parse(end) - Date.parse(from)) / DAY_MS, toNow: to !== end };
}

/**
 * The figures of a range: its day sums and time histograms from the rollups (the city days fromDay…toDay), and what
 * was open at its end, in one read so they agree. For a range to now that is the open counts (migration 027) and the
 * reports done since its end (none, unless a clock runs behind); a range that ended in the past reads the reports
 * open then, which the counts (a state of now) cannot tell. On either store (server/store/step.ts).
 */
export function* kinerjaFiguresStep(p: Reads, clock: CityClock, r: KinerjaRange) {
  const [from, to] = [Date.parse(r.from), Date.parse(r.to)];
  return {
    sums: yield* p.rollupRange(r.fromDay, r.toDay),
    open: r.toNow
      ? addOpenGroups(openFiguresOf(yield* p.openCounts(from, to, clock), from, to), yield* p.doneSince(r.from, r.to))
      : addOpenGroups(noOpenFigures(), yield* p.openAt(r.from, r.to)),
  };
}
type Figures = StepValue<ReturnType<typeof kinerjaFiguresStep>>;

const leagueOf = (ctx: Ctx, { sums, open }: Figures) => league(agencyFigures(ctx.city.profile.agencies.map((a) => a.id), sums.perAgency, sums.times, open));

/** The agencies' league over a range: the table the kinerja screen and its CSV show. */
export const kinerjaLeague = async (ctx: Ctx, r: KinerjaRange): Promise<AgencyFigures[]> => leagueOf(ctx, await ctx.store.query((p) => kinerjaFiguresStep(p.reads, ctx.city.clock, r)));

/** The kinerja screen: the league, the daily trend and the open reports by kecamatan. */
export async function kinerja(ctx: Ctx, r: KinerjaRange) {
  const figures = await ctx.store.query((p) => kinerjaFiguresStep(p.reads, ctx.city.clock, r));
  return {
    range: { from: r.fromDay, to: r.toDay, asOf: r.to },
    agencies: leagueOf(ctx, figures),
    trend: dailyTrend(figures.sums.perDay, r, ctx.city.clock),
    districts: figures.open.districts,
  };
}
