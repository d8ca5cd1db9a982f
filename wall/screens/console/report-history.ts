import type { HistoryEntry, ProofDetail, ReportDetail } from '../../lib/staff';

/** What the open report's history says about it now: read by the panel's sections, each from the same entries. */
export const lastOf = (history: HistoryEntry[], type: string): HistoryEntry | null => history.findLast((h) => h.type === type) ?? null;

/** The proof the field sent last, unless the report was reopened after it. */
export function currentProof(history: HistoryEntry[]): ProofDetail | null {
  const h = lastOf(history, 'report.proof_submitted');
  const reopened = lastOf(history, 'report.reopened');
  if (!h || (reopened && reopened.seq > h.seq)) return null;
  return (h.detail.proof as ProofDetail | undefined) ?? null;
}

/** The last proof was sent back to the field. */
export function proofReturned(history: HistoryEntry[]): boolean {
  const p = lastOf(history, 'report.proof_submitted');
  const back = lastOf(history, 'report.proof_returned');
  return !!p && !!back && back.seq > p.seq;
}

/** Who the report was last dispatched to, and with what instruction. */
export function dispatchInfo(history: HistoryEntry[]): { assigneeId: string | undefined; instruction: string | null } | null {
  const h = lastOf(history, 'report.dispatched');
  return h ? { assigneeId: h.detail.assigneeId as string | undefined, instruction: (h.detail.instruction as string | undefined) ?? null } : null;
}

export const supervisorName = (d: ReportDetail, id: string | null | undefined): string | null => (id ? d.fieldSupervisors.find((s) => s.id === id)?.name ?? null : null);
