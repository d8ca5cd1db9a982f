import { describe, expect, it } from 'vitest';
import type { ReportStatus } from '../../server/contract/reports.js';
import { mulberry } from './scene-photo.js';
import { nextStep, planRound, ROOM_PACE, type OpenReport, type RoomStep } from './room-pace.js';

const AFTER: Record<RoomStep, ReportStatus> = {
  check: 'checked', reject: 'rejected', dispatch: 'dispatched', accept: 'in_progress', start: 'in_progress', proof: 'proof_submitted', verify: 'verified', return_proof: 'in_progress',
};

describe('the demo room’s pace', () => {
  it('walks a report through the SIGAP cycle, each step only after people had time for it', () => {
    const step = (status: ReportStatus, waitedMs: number, started = false) => nextStep({ status, started, waitedMs, keyRoll: 0.5, pace: ROOM_PACE });
    expect(step('new', 1000)).toBeNull();
    expect(step('new', 60_000)).toBe('check');
    expect(step('checked', 60_000)).toBe('dispatch');
    expect(step('dispatched', 60_000)).toBe('accept');
    expect(step('in_progress', 60_000)).toBe('start');
    expect(step('in_progress', 60_000, true)).toBeNull(); // the work itself takes longer
    expect(step('in_progress', 130_000, true)).toBe('proof');
    expect(step('proof_submitted', 60_000)).toBe('verify');
    expect(step('verified', 1e9)).toBeNull();
  });

  it('keeps up with the citizens for hours: the new queue stays short, reports go red to green in minutes', () => {
    // The citizen simulator's intake: exponential gaps around 8 s, a flood burst of 5–10 every 40 reports.
    const rng = mulberry(42);
    const reports: (OpenReport & { filedAt: number; doneAt?: number; started: boolean })[] = [];
    const seen = new Map<string, number>();
    let id = 0;
    let nextArrival = 0;
    let arrivals = 0;
    let maxNew = 0;
    const hours = 4;
    for (let t = 0; t < hours * 3600_000; t += 2000) {
      while (nextArrival <= t) {
        const n = ++arrivals % 40 === 0 ? 5 + Math.floor(rng() * 6) : 1;
        for (let i = 0; i < n; i++) reports.push({ id: ++id, version: 1, status: 'new', createdAt: new Date(t).toISOString(), filedAt: t, started: false });
        nextArrival += Math.min(32_000, -Math.log(1 - rng()) * 8000);
      }
      const open = reports.filter((r) => !r.doneAt);
      const started = new Set(open.filter((r) => r.started).map((r) => r.id));
      for (const { report, step } of planRound(open, t, seen, started)) {
        report.status = AFTER[step];
        report.version++;
        report.started = step === 'start';
        if (report.status === 'verified' || report.status === 'rejected') report.doneAt = t;
      }
      if (t > 600_000) maxNew = Math.max(maxNew, reports.filter((r) => r.status === 'new').length);
    }
    const done = reports.filter((r) => r.status === 'verified');
    const minutes = done.map((r) => (r.doneAt! - r.filedAt) / 60_000).sort((a, b) => a - b);
    expect(reports.length).toBeGreaterThan(hours * 400);
    expect(maxNew).toBeLessThan(25);
    expect(reports.filter((r) => !r.doneAt).length).toBeLessThan(60);
    expect(minutes[Math.floor(minutes.length / 2)]).toBeGreaterThan(2);
    expect(minutes[Math.floor(minutes.length * 0.99)]).toBeLessThan(30);
    // Some proofs returned, some reports rejected: the room is not a rubber stamp.
    expect(reports.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });
});
