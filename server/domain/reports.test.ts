import { describe, expect, it } from 'vitest';
import { allowedActions, applyEvent, decide, reportFromSubmitted, RULES, type Action, type Command, type ReportState } from './reports.js';
import type { Actor } from '../contract/roles.js';
import type { ReportStatus } from '../contract/reports.js';
import { PHASE_OF } from '../contract/reports.js';

const NOW = new Date('2026-11-23T03:00:00Z');
const operator: Actor = { id: 'op-1', role: 'operator', agencyId: 'dkp' };
const otherOperator: Actor = { id: 'op-2', role: 'operator', agencyId: 'dishub' };
const field: Actor = { id: 'fs-1', role: 'field', agencyId: 'dkp' };
const otherField: Actor = { id: 'fs-2', role: 'field', agencyId: 'dkp' };
const supervisor: Actor = { id: 'sv-1', role: 'supervisor' };
const wall: Actor = { id: 'display:1', role: 'wall' };
const citizen: Actor = { id: 'citizen', role: 'citizen' };

function report(status: ReportStatus, over: Partial<ReportState> = {}): ReportState {
  return {
    id: 1, ticket: 'TNG-2026-000001', status, categoryId: 'sampah', agencyId: 'dkp', description: 'Sampah menumpuk',
    lng: 106.64, lat: -6.18, precision: 'point', address: null, districtCode: '36.71.01', subdistrictCode: null,
    channel: 'web', photos: ['h'], reporterName: 'Budi', reporterContact: '0812', assigneeId: 'fs-1', mergedIntoId: null, mergedFromStatus: null, citizenCount: 1,
    instruction: null, dispatchedAt: null, proof: null, returnReason: null, trackKeyHash: null, cameraSnapshot: null, deadlines: null, deadlineFlags: [], acknowledgedFlags: [], firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0,
    createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), version: 3, lastSeq: 9, ...over,
  };
}

const FULL: Omit<Command, 'action'> = { reason: 'alasan', agencyId: 'dishub', assigneeId: 'fs-1', intoReportId: 2, toCity: 'malang', proof: { photos: ['p1'], note: null, location: null, capturedAt: null, flags: [], distanceM: null } };

describe('the SIGAP lifecycle table', () => {
  // status × action for the actor each action is meant for: only the listed "from" statuses are legal.
  const intendedActor: Record<Action, Actor> = {
    check: operator, reject: operator, reroute: operator, dispatch: operator, accept: field, start: field,
    submit_proof: field, return_proof: operator, verify: operator, close: operator, merge: operator, unmerge: operator, reopen: citizen, note: operator, forward: operator,
  };
  const statuses = Object.keys(PHASE_OF) as ReportStatus[];
  for (const action of Object.keys(RULES) as Action[]) {
    for (const status of statuses) {
      const legal = RULES[action].from.includes(status);
      it(`${legal ? 'allows' : 'refuses'} ${action} on a ${status} report`, () => {
        const d = decide(report(status), { action, ...FULL }, intendedActor[action], NOW);
        expect(d.ok).toBe(legal);
        if (!d.ok) expect(d.code).toBe('conflict');
      });
    }
  }

  it('moves new → checked → dispatched → in_progress → proof_submitted → verified → closed, turning red → yellow → green', () => {
    let r = report('new', { assigneeId: null, version: 1 });
    const steps: [Action, Actor, Command?][] = [
      ['check', operator], ['dispatch', operator, { action: 'dispatch', assigneeId: 'fs-1' }], ['accept', field],
      ['submit_proof', field, { action: 'submit_proof', proof: { photos: ['p1'], note: null, location: null, capturedAt: null, flags: [], distanceM: null } }], ['verify', operator], ['close', operator],
    ];
    const phases = [PHASE_OF[r.status]];
    let seq = 10;
    for (const [action, actor, cmd] of steps) {
      const d = decide(r, cmd ?? { action }, actor, NOW);
      if (!d.ok) throw new Error(d.message);
      r = applyEvent(r, d.event, ++seq);
      phases.push(PHASE_OF[r.status]);
    }
    expect(r.status).toBe('closed');
    expect(r.version).toBe(7);
    expect(r.lastSeq).toBe(16);
    expect(phases).toEqual(['red', 'red', 'yellow', 'yellow', 'yellow', 'green', 'green']);
  });
});

describe('who may act', () => {
  it('refuses the wall any change', () => {
    for (const action of Object.keys(RULES) as Action[]) {
      const d = decide(report('new'), { action, ...FULL }, wall, NOW);
      expect(d.ok, action).toBe(false);
      if (!d.ok) expect(d.code).toBe('forbidden');
    }
  });
  it('refuses an operator of another agency', () => {
    const d = decide(report('new'), { action: 'check' }, otherOperator, NOW);
    expect(d).toMatchObject({ ok: false, code: 'forbidden' });
  });
  it('refuses a field supervisor a job dispatched to someone else', () => {
    const d = decide(report('dispatched'), { action: 'accept' }, otherField, NOW);
    expect(d).toMatchObject({ ok: false, code: 'forbidden' });
  });
  it('refuses a field supervisor a note on a report not dispatched to them', () => {
    expect(decide(report('new', { assigneeId: null }), { action: 'note', reason: 'saya lihat juga' }, field, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(report('dispatched'), { action: 'note', reason: 'bukan tugas saya' }, otherField, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(report('dispatched'), { action: 'note', reason: 'kru berangkat' }, field, NOW).ok).toBe(true);
    expect(allowedActions(report('new', { assigneeId: null }), field)).toEqual([]);
  });
  it('lets a supervisor reroute but not dispatch', () => {
    expect(decide(report('new'), { action: 'reroute', agencyId: 'dishub', reason: 'salah dinas' }, supervisor, NOW).ok).toBe(true);
    expect(decide(report('new'), { action: 'dispatch', assigneeId: 'fs-1' }, supervisor, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
  });
  it('lists the actions an actor has now', () => {
    // forward: the lifecycle allows it; a city with no other city beside it shows none (queries/console.ts actionsHere).
    expect(allowedActions(report('new'), operator).sort()).toEqual(['check', 'dispatch', 'forward', 'merge', 'note', 'reject', 'reroute']);
    expect(allowedActions(report('dispatched'), field).sort()).toEqual(['accept', 'note', 'submit_proof']);
    expect(allowedActions(report('new'), wall)).toEqual([]);
  });
});

describe('what each step needs', () => {
  it('forwards a report to another city only with the city and a reason, and never one with duplicates merged into it', () => {
    expect(decide(report('new'), { action: 'forward', reason: 'Kewenangan kota lain' }, operator, NOW)).toMatchObject({ ok: false, code: 'invalid', field: 'toCity' });
    expect(decide(report('checked'), { action: 'forward', toCity: 'malang', reason: 'Kewenangan kota lain' }, operator, NOW)).toMatchObject({ ok: true, event: { type: 'report.forwarded', payload: { to: 'forwarded', toCity: 'malang' } } });
    expect(decide({ ...report('new'), citizenCount: 3 }, { action: 'forward', toCity: 'malang', reason: 'Kewenangan kota lain' }, operator, NOW)).toMatchObject({ ok: false, code: 'conflict' });
  });
  it('refuses a rejection without a reason, naming the field', () => {
    expect(decide(report('new'), { action: 'reject' }, operator, NOW)).toMatchObject({ ok: false, code: 'invalid', field: 'reason' });
  });
  it('refuses a dispatch without a field supervisor', () => {
    expect(decide(report('checked'), { action: 'dispatch' }, operator, NOW)).toMatchObject({ ok: false, field: 'assigneeId' });
  });
  it('refuses a stale version as a conflict, never a silent overwrite', () => {
    expect(decide(report('new'), { action: 'check', expectedVersion: 2 }, operator, NOW)).toMatchObject({ ok: false, code: 'conflict', field: 'expectedVersion' });
    expect(decide(report('new'), { action: 'check', expectedVersion: 3 }, operator, NOW).ok).toBe(true);
  });
  it('refuses merging a report into itself and rerouting to its own agency', () => {
    expect(decide(report('new'), { action: 'merge', intoReportId: 1 }, operator, NOW)).toMatchObject({ ok: false, field: 'intoReportId' });
    expect(decide(report('new'), { action: 'reroute', agencyId: 'dkp', reason: 'x' }, operator, NOW)).toMatchObject({ ok: false, field: 'agencyId' });
  });
});

describe('folding events', () => {
  it('records who, when, why and the transition in the event', () => {
    const d = decide(report('new'), { action: 'reject', reason: 'spam' }, operator, NOW);
    expect(d).toMatchObject({ ok: true, event: { type: 'report.rejected', at: NOW.toISOString(), actor: operator, payload: { from: 'new', to: 'rejected', reason: 'spam' } } });
  });
  it('reroute hands the report to the new agency and clears the assignee', () => {
    const d = decide(report('checked'), { action: 'reroute', agencyId: 'dishub', reason: 'lampu jalan' }, operator, NOW);
    if (!d.ok) throw new Error(d.message);
    const next = applyEvent(report('checked'), d.event, 50);
    expect(next).toMatchObject({ status: 'checked', agencyId: 'dishub', assigneeId: null, version: 4, lastSeq: 50 });
  });
  it('builds the initial state from report.submitted', () => {
    const { status, version, lastSeq, updatedAt, assigneeId, mergedIntoId, instruction, dispatchedAt, proof, returnReason, deadlineFlags, acknowledgedFlags, firstDispatchedAt, verifiedAt, doneAt, reopenCount, returnCount, ...initial } = report('new');
    const r = reportFromSubmitted({ type: 'report.submitted', reportId: 1, at: NOW.toISOString(), actor: citizen, payload: { to: 'new', report: initial } }, 1);
    expect(r).toMatchObject({ status: 'new', version: 1, lastSeq: 1, assigneeId: null, ticket: 'TNG-2026-000001' });
  });
});
