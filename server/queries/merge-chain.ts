import type { ReportState } from '../domain/reports.js';
import type { Step } from '../store/step.js';

/** A chain of merges is short in practice; the bound only guards a corrupt projection from looping. */
const MAX_CHAIN = 32;

/** How a step reads one report, on either store (server/store/step.ts). */
type ReportRead = (id: number) => Step<ReportState | null>;

/** The open report a merged one finally stands for (null when it is not merged): where its reporter follows it. */
export function* primaryStep(read: ReportRead, r: ReportState): Step<ReportState | null> {
  if (r.status !== 'merged' || !r.mergedIntoId) return null;
  const target = yield* read(r.mergedIntoId);
  return target ? yield* rootStep(read, target) : null;
}

/** The report a merged one finally stands for, on either store. */
export function* rootStep(read: ReportRead, r: ReportState): Step<ReportState> {
  const chain = yield* chainStep(read, r.id);
  return chain[chain.length - 1] ?? r;
}

/** The report with this id and every primary above it, nearest first. */
export function* chainStep(read: ReportRead, id: number): Step<ReportState[]> {
  const chain: ReportState[] = [];
  let next: number | null = id;
  while (next !== null && chain.length < MAX_CHAIN && !chain.some((c) => c.id === next)) {
    const r: ReportState | null = yield* read(next);
    if (!r) break;
    chain.push(r);
    next = r.status === 'merged' ? r.mergedIntoId : null;
  }
  return chain;
}
