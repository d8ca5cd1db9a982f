import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lib/staff';
import { currentProof, dispatchInfo, proofReturned } from './report-history';

const actor = { id: 'u', role: 'operator', name: null, agencyId: null };
const entry = (seq: number, type: string, detail: Record<string, unknown> = {}): HistoryEntry => ({ seq, at: '2026-11-23T03:00:00Z', type, actor, detail });
const proof = { photos: ['a'], flags: [], note: 'selesai', capturedAt: null, distanceM: null };

describe('what the open report’s history says', () => {
  it('shows the last proof until the report is reopened after it', () => {
    const sent = [entry(1, 'report.dispatched', { assigneeId: 'f1', instruction: 'segera' }), entry(2, 'report.proof_submitted', { proof })];
    expect(currentProof(sent)).toEqual(proof);
    expect(currentProof([...sent, entry(3, 'report.reopened')])).toBeNull();
    expect(dispatchInfo(sent)).toEqual({ assigneeId: 'f1', instruction: 'segera' });
  });

  it('says the proof came back only when the return is newer than the last proof', () => {
    const returned = [entry(2, 'report.proof_submitted', { proof }), entry(3, 'report.proof_returned')];
    expect(proofReturned(returned)).toBe(true);
    expect(proofReturned([...returned, entry(4, 'report.proof_submitted', { proof })])).toBe(false);
  });
});
