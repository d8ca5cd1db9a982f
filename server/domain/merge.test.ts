import { describe, expect, it } from 'vitest';
import { allowedActions, applyEvent, decide, type ReportEvent, type ReportState } from './reports.js';
import { foldReports } from './replay.js';
import type { Actor } from '../contract/roles.js';
import type { ReportStatus } from '../contract/reports.js';

const NOW = new Date('2026-11-23T03:00:00Z');
const operator: Actor = { id: 'op-1', role: 'operator', agencyId: 'dbmsda' };
const otherOperator: Actor = { id: 'op-2', role: 'operator', agencyId: 'dkp' };
const supervisor: Actor = { id: 'sv-1', role: 'supervisor' };
const field: Actor = { id: 'fs-1', role: 'field', agencyId: 'dbmsda' };
const citizen: Actor = { id: 'citizen', role: 'citizen' };

function report(id: number, status: ReportStatus, over: Partial<ReportState> = {}): ReportState {
  return {
    id, ticket: `TNG-2026-00000${id}`, status, categoryId: 'jalan-rusak', agencyId: 'dbmsda', description: 'Jalan berlubang',
    lng: 106.63, lat: -6.18, precision: 'point', address: null, districtCode: null, subdistrictCode: null, channel: 'phone',
    photos: [], reporterName: null, reporterContact: '0812', assigneeId: null, mergedIntoId: null, mergedFromStatus: null, citizenCount: 1,
    instruction: null, dispatchedAt: null, proof: null, returnReason: null, trackKeyHash: null, cameraSnapshot: null, deadlines: null,
    deadlineFlags: [], acknowledgedFlags: [], firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0,
    createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), version: 2, lastSeq: 5, ...over,
  };
}

const ok = (d: ReturnType<typeof decide>): ReportEvent => {
  if (!d.ok) throw new Error(d.message);
  return d.event;
};

describe('merging a duplicate', () => {
  it('closes the duplicate into the primary, remembering where it was', () => {
    const dup = report(2, 'checked');
    const e = ok(decide(dup, { action: 'merge', intoReportId: 1, expectedVersion: 2, reason: 'lubang yang sama' }, operator, NOW));
    expect(e).toMatchObject({ type: 'report.merged', payload: { from: 'checked', to: 'merged', intoReportId: 1, reason: 'lubang yang sama' } });
    const next = applyEvent(dup, e, 6);
    expect(next).toMatchObject({ status: 'merged', mergedIntoId: 1, mergedFromStatus: 'checked', doneAt: NOW.toISOString(), version: 3 });
  });

  it('may be done by an operator of the report’s agency and by a supervisor, never by others', () => {
    const cmd = { action: 'merge' as const, intoReportId: 1 };
    expect(decide(report(2, 'new'), cmd, operator, NOW).ok).toBe(true);
    expect(decide(report(2, 'new'), cmd, supervisor, NOW).ok).toBe(true);
    for (const actor of [otherOperator, field, citizen]) expect(decide(report(2, 'new'), cmd, actor, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('only takes a report still in the queue: dispatched work or a done report is not merged away', () => {
    for (const status of ['dispatched', 'in_progress', 'proof_submitted', 'verified', 'closed', 'rejected', 'merged'] as ReportStatus[])
      expect(decide(report(2, status), { action: 'merge', intoReportId: 1 }, operator, NOW), status).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses merging a report into itself, and a merge with no primary, naming the field', () => {
    expect(decide(report(2, 'new'), { action: 'merge', intoReportId: 2 }, operator, NOW)).toMatchObject({ ok: false, field: 'intoReportId' });
    expect(decide(report(2, 'new'), { action: 'merge' }, operator, NOW)).toMatchObject({ ok: false, field: 'intoReportId' });
  });

  it('refuses a stale version', () => {
    expect(decide(report(2, 'new'), { action: 'merge', intoReportId: 1, expectedVersion: 1 }, operator, NOW)).toMatchObject({ ok: false, code: 'conflict', field: 'expectedVersion' });
  });
});

describe('the primary’s reporter count', () => {
  const at = NOW.toISOString();
  const joined = (reporters: number): ReportEvent => ({ type: 'report.duplicate_merged', reportId: 1, at, actor: operator, payload: { duplicateId: 2, reporters } });
  const left = (reporters: number): ReportEvent => ({ type: 'report.duplicate_unmerged', reportId: 1, at, actor: operator, payload: { duplicateId: 2, reporters } });

  it('adds the duplicate’s reporters (its own and any merged into it) without staling the primary’s open form', () => {
    const p = applyEvent(report(1, 'dispatched'), joined(3), 7);
    expect(p).toMatchObject({ citizenCount: 4, status: 'dispatched', version: 2, lastSeq: 7 });
  });

  it('takes them away again on un-merge, never below one', () => {
    const p = applyEvent(applyEvent(report(1, 'new'), joined(2), 7), left(2), 8);
    expect(p.citizenCount).toBe(1);
    expect(applyEvent(report(1, 'new'), left(5), 9).citizenCount).toBe(1);
  });
});

describe('un-merging', () => {
  const merged = report(2, 'merged', { mergedIntoId: 1, mergedFromStatus: 'checked', doneAt: NOW.toISOString() });

  it('returns the report to the status it had before the merge, reopened in the queue', () => {
    const e = ok(decide(merged, { action: 'unmerge', reason: 'lokasi berbeda', expectedVersion: 2 }, operator, NOW));
    expect(e).toMatchObject({ type: 'report.unmerged', payload: { from: 'merged', to: 'checked', fromReportId: 1, reason: 'lokasi berbeda' } });
    expect(applyEvent(merged, e, 9)).toMatchObject({ status: 'checked', mergedIntoId: null, mergedFromStatus: null, doneAt: null, version: 3 });
  });

  it('needs a reason (it is audited) and is refused on a report that is not merged', () => {
    expect(decide(merged, { action: 'unmerge' }, operator, NOW)).toMatchObject({ ok: false, code: 'invalid', field: 'reason' });
    expect(decide(report(2, 'new'), { action: 'unmerge', reason: 'x' }, operator, NOW)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('may be done by the agency’s operators and supervisors only', () => {
    expect(decide(merged, { action: 'unmerge', reason: 'beda' }, supervisor, NOW).ok).toBe(true);
    for (const actor of [otherOperator, field, citizen]) expect(decide(merged, { action: 'unmerge', reason: 'beda' }, actor, NOW).ok).toBe(false);
  });

  it('is offered to the operator only on a merged report', () => {
    expect(allowedActions(merged, operator)).toEqual(['unmerge', 'note']);
    expect(allowedActions(report(2, 'new'), operator)).not.toContain('unmerge');
  });
});

describe('a replay of the log', () => {
  it('folds merge, count and un-merge to the same state as live commands', () => {
    const at = NOW.toISOString();
    const submitted = (id: number): ReportEvent & { seq: number } => {
      const { status, version, lastSeq, updatedAt, assigneeId, mergedIntoId, mergedFromStatus, citizenCount, instruction, dispatchedAt, proof, returnReason,
        deadlineFlags, acknowledgedFlags, firstDispatchedAt, verifiedAt, doneAt, reopenCount, returnCount, ...initial } = report(id, 'new');
      return { type: 'report.submitted', reportId: id, at, actor: operator, payload: { to: 'new', report: initial }, seq: id };
    };
    const log = [
      submitted(1), submitted(2),
      { type: 'report.merged', reportId: 2, at, actor: operator, payload: { from: 'new', to: 'merged', intoReportId: 1 }, seq: 3 },
      { type: 'report.duplicate_merged', reportId: 1, at, actor: operator, payload: { duplicateId: 2, reporters: 1 }, seq: 4 },
    ] as (ReportEvent & { seq: number })[];
    let folded = foldReports(log);
    expect(folded.get(1)).toMatchObject({ citizenCount: 2, status: 'new' });
    expect(folded.get(2)).toMatchObject({ status: 'merged', mergedIntoId: 1, mergedFromStatus: 'new' });
    log.push(
      { type: 'report.unmerged', reportId: 2, at, actor: operator, payload: { from: 'merged', to: 'new', reason: 'beda' }, seq: 5 },
      { type: 'report.duplicate_unmerged', reportId: 1, at, actor: operator, payload: { duplicateId: 2, reporters: 1 }, seq: 6 },
    );
    folded = foldReports(log);
    expect(folded.get(1)?.citizenCount).toBe(1);
    expect(folded.get(2)).toMatchObject({ status: 'new', mergedIntoId: null });
  });
});
