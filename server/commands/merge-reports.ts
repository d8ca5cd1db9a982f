import type { Actor } from '../contract/roles.js';
import { decide, refuse, type Command, type ReportEvent, type ReportState } from '../domain/reports.js';
import { isOpen } from '../domain/statuses.js';
import { actsForAgency } from '../domain/access.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import type { Committed, Result } from './context.js';
import { appendStep, replayedStep, type ActOptions } from './act-on-report.js';
import { chainStep, rootStep } from '../queries/merge-chain.js';

/**
 * Merge and un-merge (actOnReport's step for them): the duplicate's own lifecycle event (through decide) and, in the
 * same transaction, an event on every primary whose reporter count it changes. Persisted first, then published.
 */
export function* mergeStep(w: ReportWrites, actor: Actor, reportId: number, cmd: Command, opts: ActOptions, now: Date): Step<[Result<ReportState>, Committed[]]> {
  const replay = opts.clientId ? yield* replayedStep(w, actor, reportId, opts.clientId) : null;
  if (replay) return [replay, []];
  const report = yield* w.report(reportId);
  if (!report) return [refuse('not_found', `report ${reportId} does not exist`, 'reportId'), []];
  const read = (id: number) => w.report(id);

  let command = cmd;
  let primaries: ReportState[];
  if (cmd.action === 'merge') {
    const target = cmd.intoReportId === undefined ? null : yield* w.report(cmd.intoReportId);
    if (!target) return [refuse('not_found', `report ${cmd.intoReportId} to merge into does not exist`, 'intoReportId'), []];
    // A report that was itself merged stands for its primary: follow the chain so every complaint counts at the root.
    const root = yield* rootStep(read, target);
    const refusal = checkPrimary(report, root, actor);
    if (refusal) return [refusal, []];
    command = { ...cmd, intoReportId: root.id };
    primaries = [root];
  } else {
    primaries = report.mergedIntoId ? yield* chainStep(read, report.mergedIntoId) : [];
  }

  const d = decide(report, command, actor, now);
  if (!d.ok) return [d, []];
  const [result, done] = yield* appendStep(w, actor, d.event, opts);

  // Each primary counts the duplicate's reporters (its own and any merged into it before).
  for (const primary of primaries) {
    const event: ReportEvent = {
      type: cmd.action === 'merge' ? 'report.duplicate_merged' : 'report.duplicate_unmerged',
      reportId: primary.id, at: d.event.at, actor,
      payload: { duplicateId: report.id, duplicateTicket: report.ticket, reporters: report.citizenCount },
    };
    const { seq: s, report: p } = yield* w.append(event);
    if (!p) throw new Error(`report event ${event.type} projected no report`);
    done.push({ event: { ...event, seq: s }, report: p });
  }
  return [result, done];
}

function checkPrimary(report: ReportState, primary: ReportState, actor: Actor) {
  if (primary.id === report.id) return refuse('invalid', 'a report cannot be merged into itself', 'intoReportId');
  if (primary.categoryId !== report.categoryId)
    return refuse('invalid', `report ${primary.ticket} is of another category (${primary.categoryId}); merge only the same problem`, 'intoReportId');
  if (!isOpen(primary.status))
    return refuse('conflict', `report ${primary.ticket} is ${primary.status}; merge only into an open report`, 'intoReportId');
  if (!actsForAgency(actor, primary.agencyId))
    return refuse('forbidden', `report ${primary.ticket} belongs to another agency`, 'intoReportId');
  return null;
}
