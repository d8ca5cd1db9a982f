import type { Ctx } from '../commands/context.js';
import type { IndicatorBoard } from '../contract/indicators.js';
import { indicatorSpecs } from '../profile/indicators.js';
import { buildBoard } from '../domain/indicator-board.js';
import { localYear } from '../domain/time.js';
import type { City } from '../profile/load.js';
import type { Ports } from '../store/ports.js';
import type { Step } from '../store/step.js';

/** The indicator board (wall, phone): every indicator's figures and status, the projects, the agencies' league. */
export const indicatorBoard = (ctx: Ctx): Promise<IndicatorBoard> => ctx.store.query((p) => indicatorBoardStep(p, ctx.city, ctx.store.storeId, ctx.now()));

/** indicatorBoard on either store (server/store/step.ts), in the caller's one read: the board and its seq agree. */
export function* indicatorBoardStep(p: Ports, city: City, storeId: string, now: Date): Step<IndicatorBoard> {
  // The board and its seq come from one read, so a live screen applies exactly the events after it.
  const seq = yield* p.reports.headSeq();
  // Twelve quarters back is the longest sparkline; period keys sort as text.
  const fromYear = localYear(now, city.clock) - 3;
  const values = yield* p.room.indicatorValues(`${fromYear}-01`);
  const b = buildBoard([...indicatorSpecs(city).values()], city.profile.projects, city.profile.agencies.map((a) => a.id), values, now, city.clock);
  return { storeId, seq, asOf: now.toISOString(), ...b };
}
