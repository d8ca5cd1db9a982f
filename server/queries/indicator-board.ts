import type { Ctx } from '../commands/context.js';
import type { IndicatorBoard } from '../contract/indicators.js';
import { indicatorSpecs } from '../profile/indicators.js';
import { buildBoard } from '../domain/indicator-board.js';
import { localYear } from '../domain/time.js';

/** The indicator board (wall, phone): every indicator's figures and status, the projects, the agencies' league. */
export function indicatorBoard(ctx: Ctx): IndicatorBoard {
  const now = ctx.now();
  const { profile } = ctx.city;
  // The board and its seq come from one read, so a live screen applies exactly the events after it.
  return ctx.store.read((): IndicatorBoard => {
    const seq = ctx.store.events.headSeq();
    // Twelve quarters back is the longest sparkline; period keys sort as text.
    const fromYear = localYear(now, ctx.city.clock) - 3;
    const values = ctx.store.indicators.list(`${fromYear}-01`);
    const b = buildBoard([...indicatorSpecs(ctx.city).values()], profile.projects, profile.agencies.map((a) => a.id), values, now, ctx.city.clock);
    return { storeId: ctx.store.storeId, seq, asOf: now.toISOString(), ...b };
  });
}
