import type { SqliteHub as Hub } from '../hub.js';
import { actOnReport } from '../commands/act-on-report.js';

/**
 * Takes a report through the SIGAP lifecycle with the real commands, as the console and the field
 * phone would: dispatch (yellow), accept, proof from the field, then verify (green). `at(step)` moves the
 * hub's clock before each step so a test controls when each event is logged.
 */
export async function handle(hub: Hub, reportId: number, steps: ('dispatch' | 'accept' | 'submit_proof' | 'verify')[], at: (step: string) => void = () => {}) {
  const report = hub.ctx.store.reports.get(reportId)!;
  const operator = { id: 'op-replay', role: 'operator' as const, agencyId: report.agencyId, name: 'Operator Uji' };
  // The agency's first active field supervisor when accounts exist (dispatch checks it), else any id.
  const account = hub.ctx.store.accounts.fieldSupervisors(report.agencyId).find((a) => !a.disabled);
  const field = { id: account?.id ?? 'pengawas-uji', role: 'field' as const, agencyId: report.agencyId, name: account?.name ?? 'Pengawas Uji' };
  for (const step of steps) {
    at(step);
    const r =
      step === 'dispatch' ? await actOnReport(hub.ctx, operator, reportId, { action: 'dispatch', assigneeId: field.id })
      : step === 'accept' ? await actOnReport(hub.ctx, field, reportId, { action: 'accept' })
      : step === 'submit_proof'
        ? await actOnReport(hub.ctx, field, reportId, { action: 'submit_proof', proof: { photos: report.photos.slice(0, 1), note: 'Sudah dibersihkan', location: null, capturedAt: null, flags: [], distanceM: null } })
        : await actOnReport(hub.ctx, operator, reportId, { action: 'verify' });
    if (!r.ok) throw new Error(`${step} on report ${reportId} refused: ${r.message}`);
  }
}
