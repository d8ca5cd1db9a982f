import type { Ctx } from '../commands/context.js';
import { isBreached } from '../domain/statuses.js';
import { cameraView } from '../domain/views.js';
import { indicatorBoardStep } from './indicator-board.js';
import type { City } from '../profile/load.js';
import type { Ports } from '../store/ports.js';

/** How many breached reports /ringkas reads at most: far more than a city has open past a deadline at once. */
const BREACHED_READ = 2000;

/**
 * /ringkas: what a supervisor checks on the phone between meetings, in one small request: every indicator's latest
 * figure, the open reports past a deadline, and the cameras that are dark.
 */
export const phoneSummary = (ctx: Ctx) => ctx.store.query((p) => phoneSummaryStep(p, ctx.city, ctx.store.storeId, ctx.now()));

/** phoneSummary on either store (server/store/step.ts), in one read. */
export function* phoneSummaryStep(p: Ports, city: City, storeId: string, now: Date) {
  const b = yield* indicatorBoardStep(p, city, storeId, now);
  const breached = (yield* p.reports.flagged(null, BREACHED_READ)).filter(isBreached);
  const cameras = yield* p.cameras.list();
  const byAgency = new Map<string, number>();
  for (const r of breached) byAgency.set(r.agencyId, (byAgency.get(r.agencyId) ?? 0) + 1);
  const labels = new Map(city.profile.categories.map((c) => [c.id, c.label]));
  return {
    asOf: b.asOf,
    seq: b.seq,
    city: city.profile.name,
    agencies: city.profile.agencies.map(({ id, short }) => ({ id, short })),
    indicators: b.indicators.map(({ id, agencyId, name, short, unit, target, projectId, latest }) => ({
      id, agencyId, name, short, unit, target, projectId,
      latest: latest && { period: latest.period, value: latest.value, expected: latest.expected, status: latest.status, corrections: latest.corrections },
    })),
    projects: b.projects.map(({ id, agencyId, name, progress, planned, status, period }) => ({ id, agencyId, name, progress, planned, status, period })),
    league: b.league,
    breached: {
      total: breached.length,
      byAgency: [...byAgency].map(([agencyId, count]) => ({ agencyId, count })).sort((a, b) => b.count - a.count),
      // The oldest first: those are the ones to call about. No reporter details leave here.
      oldest: breached
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, 8)
        .map((r) => ({ ticket: r.ticket, category: labels.get(r.categoryId) ?? { id: r.categoryId, en: r.categoryId }, agencyId: r.agencyId, createdAt: r.createdAt, flags: r.deadlineFlags, address: r.address })),
    },
    cameras: cameras
      .map(cameraView)
      .filter((c) => c.health === 'offline' || c.health === 'degraded')
      .map(({ id, name, health, healthSince, reason, alert }) => ({ id, name, health, healthSince, reason, alert })),
  };
}
