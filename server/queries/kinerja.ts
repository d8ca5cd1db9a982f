import type { Ctx } from '../commands/context.js';
import { agencyFigures, dailyTrend, league, openByDistrict, type AgencyFigures } from '../domain/stats.js';
import { dayStart, localDay } from '../domain/time.js';

const DAY_MS = 86400_000;
/** The longest range the kinerja screen may ask for: a year and a month. */
export const MAX_KINERJA_DAYS = 400;

export type KinerjaRange = { fromDay: string; toDay: string; from: string; to: string; days: number };

/** A range of the city's days, [from 00:00, to 24:00); the last `days` (7) up to today by default. */
export function kinerjaRange(ctx: Ctx, q: { from?: string; to?: string; days?: number }): KinerjaRange {
  const today = localDay(ctx.now(), ctx.city.clock);
  const toDay = q.to ?? today;
  const fromDay = q.from ?? new Date(Date.parse(toDay) - ((q.days ?? 7) - 1) * DAY_MS).toISOString().slice(0, 10);
  const from = dayStart(fromDay, ctx.city.clock);
  const end = new Date(Date.parse(dayStart(toDay, ctx.city.clock)) + DAY_MS).toISOString();
  // "Open" and the backlog are as of the end of the range, or now when the range runs to today.
  const to = end > ctx.now().toISOString() ? ctx.now().toISOString() : end;
  return { fromDay, toDay, from, to, days: (Date.parse(end) - Date.parse(from)) / DAY_MS };
}

/**
 * The figures of a range: its day sums and time histograms from the rollups (the city days fromDay…toDay), and what
 * was open at its end from the reports themselves (a state, not a sum), in one read so they agree.
 */
function read(ctx: Ctx, r: KinerjaRange) {
  return ctx.store.read(() => ({ sums: ctx.store.rollups.range(r.fromDay, r.toDay), open: ctx.store.stats.openAt(r.from, r.to) }));
}

const leagueOf = (ctx: Ctx, { sums, open }: ReturnType<typeof read>) =>
  league(agencyFigures(ctx.city.profile.agencies.map((a) => a.id), sums.perAgency, sums.times, open));

/** The agencies' league over a range: the table the kinerja screen and its CSV show. */
export const kinerjaLeague = (ctx: Ctx, r: KinerjaRange): AgencyFigures[] => leagueOf(ctx, read(ctx, r));

/** The kinerja screen: the league, the daily trend and the open reports by kecamatan. */
export function kinerja(ctx: Ctx, r: KinerjaRange) {
  const figures = read(ctx, r);
  return {
    range: { from: r.fromDay, to: r.toDay, asOf: r.to },
    agencies: leagueOf(ctx, figures),
    trend: dailyTrend(figures.sums.perDay, r, ctx.city.clock),
    districts: openByDistrict(figures.open),
  };
}
