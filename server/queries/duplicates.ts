import type { Ctx } from '../commands/context.js';
import type { DuplicatesView, PossibleDuplicate } from '../contract/intake.js';
import type { Actor } from '../contract/roles.js';
import { actsForAgency, agencyScope } from '../domain/access.js';
import { allowedActions, type ReportState } from '../domain/reports.js';
import { choosePrimary, duplicateWindow, findDuplicates } from '../domain/duplicates.js';
import type { City } from '../profile/load.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import { staffView } from '../domain/views.js';

/** Possible duplicates of a report (nearest first), its primary when merged, and what was merged into it. */
export const duplicatesOf = (ctx: Ctx, r: ReportState, actor: Actor): Promise<DuplicatesView> => ctx.store.query((p) => duplicatesStep(p.reports, ctx.city, r, actor));

/** duplicatesOf on either store (server/store/step.ts). */
export function* duplicatesStep(w: ReportWrites, city: City, r: ReportState, actor: Actor): Step<DuplicatesView> {
  const window = duplicateWindow(city.profile, r.categoryId);
  const root = r.status === 'merged' && r.mergedIntoId ? yield* w.report(r.mergedIntoId) : null;
  // A merged report is no longer in the queue: it shows its primary, not candidates.
  // An operator sees only their own agency's reports, here as in the queue: another agency's text and address stay there.
  const scope = agencyScope(actor);
  const near = (yield* w.openNear(r.categoryId, r, window.radiusM)).filter((c) => !scope || c.agencyId === scope);
  const found = r.status === 'merged' ? [] : findDuplicates(r, near, window);
  const duplicates: PossibleDuplicate[] = found.map(({ report: c, distanceM }) => {
    const { primary, duplicate } = choosePrimary(r, c);
    return {
      report: staffView(c, actor), distanceM, primaryId: primary.id, duplicateId: duplicate.id,
      canMerge: allowedActions(duplicate, actor).includes('merge') && actsForAgency(actor, primary.agencyId),
    };
  });
  return {
    window,
    duplicates,
    primary: root ? { id: root.id, ticket: root.ticket, status: root.status, citizenCount: root.citizenCount } : null,
    merged: (yield* w.mergedInto(r.id)).map((m) => ({ id: m.id, ticket: m.ticket, channel: m.channel, createdAt: m.createdAt })),
  };
}
