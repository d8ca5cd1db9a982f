import { toMarker, type MarkerTuple } from '../contract/reports.js';
import type { ReplayStep } from '../contract/replay.js';
import type { ReportEventType } from '../contract/events.js';
import { foldReports } from './replay.js';
import { applyEvent, reportFromSubmitted, type ReportEvent, type ReportState } from './reports.js';
import { publicReport } from './views.js';

type Logged = { type: string; reportId: number | null; seq: number; at: string };
const isReportEvent = (e: Logged): e is ReportEvent & { seq: number } => e.type.startsWith('report.') && e.reportId !== null;

/** A report's marker on the replay's map: the public view's, as on the wall. */
export const replayMarker = (r: ReportState): MarkerTuple => toMarker(publicReport(r));

/**
 * A replay from the log: `before` (every event before the replay's start, in log order) folds into the
 * markers as they stood at the start; `during` (the events of the range, in order) becomes one step per
 * event that changed a marker (a note or a reminder's acknowledgement changes nothing on the map).
 */
export function replayRange(before: Iterable<Logged>, during: Iterable<Logged>): { markers: MarkerTuple[]; steps: ReplayStep[] } {
  const reports = foldReports(before);
  const markers = [...reports.values()].map(replayMarker);
  return { markers, steps: replaySteps(reports, during) };
}

/**
 * The steps of a replay: `reports` holds, at the replay's start, every report an event of `during` is about (a
 * report submitted during the range needs none); it is folded forward in place.
 */
export function replaySteps(reports: Map<number, ReportState>, during: Iterable<Logged>): ReplayStep[] {
  const steps: ReplayStep[] = [];
  for (const e of during) {
    if (!isReportEvent(e)) continue;
    const old = reports.get(e.reportId);
    if (!old && e.type !== 'report.submitted') throw new Error(`event ${e.seq} (${e.type}) refers to report ${e.reportId}, which was never submitted`);
    const next = old && e.type !== 'report.submitted' ? applyEvent(old, e, e.seq) : reportFromSubmitted(e, e.seq);
    reports.set(e.reportId, next);
    const m = replayMarker(next);
    if (old && sameMarker(replayMarker(old), m)) continue;
    steps.push([e.at, e.type as ReportEventType, m]);
  }
  // The replay clock walks the steps by time; the log is in seq order, which a hub clock stepped back could make
  // differ. A stable sort keeps seq order among equal times.
  steps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return steps;
}

const sameMarker = (a: MarkerTuple, b: MarkerTuple) => a.length === b.length && a.every((v, i) => v === b[i]);
