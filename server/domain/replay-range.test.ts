import { describe, expect, it } from 'vitest';
import { replayRange } from './replay-range.js';

const actor = { id: 'op', role: 'operator' as const, agencyId: 'dkp' };
const submitted = (seq: number, reportId: number, at: string) => ({
  seq, at, type: 'report.submitted', reportId, actor,
  payload: { report: { id: reportId, ticket: `T-${reportId}`, categoryId: 'sampah', agencyId: 'dkp', description: 'x', lng: 106.6, lat: -6.2, precision: 'point', address: null, districtCode: null, subdistrictCode: null, channel: 'web', photos: [], reporterName: null, reporterContact: null, createdAt: at } },
});
const moved = (seq: number, reportId: number, at: string, type: string, from: string, to: string, extra = {}) => ({ seq, at, type, reportId, actor, payload: { from, to, ...extra } });

describe('replayRange', () => {
  const before = [submitted(1, 1, '2026-11-20T01:00:00Z'), moved(2, 1, '2026-11-20T02:00:00Z', 'report.dispatched', 'new', 'dispatched', { assigneeId: 'f' })];
  const during = [
    { seq: 3, at: '2026-11-20T03:00:00Z', type: 'account.created', reportId: null, actor, payload: {} },
    submitted(4, 2, '2026-11-20T03:10:00Z'),
    moved(5, 1, '2026-11-20T03:20:00Z', 'report.noted', 'dispatched', 'dispatched', { reason: 'catatan' }),
    { seq: 6, at: '2026-11-20T03:30:00Z', type: 'report.deadline_flagged', reportId: 2, actor, payload: { flag: 'response_breached' } },
    moved(7, 2, '2026-11-20T03:40:00Z', 'report.rejected', 'new', 'rejected', { reason: 'ganda' }),
  ];
  const r = replayRange(before, during);

  it('folds the log before the start into the markers as they stood', () => {
    expect(r.markers.map((m) => [m[0], m[1]])).toEqual([[1, 'dispatched']]);
  });
  it('keeps one step per change to a marker, skipping notes and events about no report', () => {
    expect(r.steps.map(([at, type, m]) => [at, type, m[0], m[1], m[7]])).toEqual([
      ['2026-11-20T03:10:00Z', 'report.submitted', 2, 'new', 0],
      ['2026-11-20T03:30:00Z', 'report.deadline_flagged', 2, 'new', 1], // the breach ring appears
      ['2026-11-20T03:40:00Z', 'report.rejected', 2, 'rejected', 0], // and goes with the rejection
    ]);
  });
});
