import { describe, expect, it } from 'vitest';
import { cityClock } from './time.js';
import { addTime, deadlinesFor, dueFlags, elapsed, nextCheckAt, type WorkCalendar } from './deadlines.js';

const cal: WorkCalendar = { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5], holidays: ['2026-12-25'], clock: cityClock('Asia/Jakarta') };
// 2026-11-23 is a Monday. WIB = UTC+7, so 08:00 WIB = 01:00Z and 18:00 WIB = 11:00Z.
const wib = (s: string) => new Date(`${s}+07:00`);

describe('deadline arithmetic in WIB working time', () => {
  it('adds hours within one working day', () => {
    expect(addTime(wib('2026-11-23T09:00:00'), { hours: 4, clock: 'working' }, cal)).toEqual(wib('2026-11-23T13:00:00'));
  });
  it('carries over the night', () => {
    expect(addTime(wib('2026-11-23T16:00:00'), { hours: 4, clock: 'working' }, cal)).toEqual(wib('2026-11-24T10:00:00'));
  });
  it('starts a report received at night at the next opening', () => {
    expect(addTime(wib('2026-11-23T22:30:00'), { hours: 1, clock: 'working' }, cal)).toEqual(wib('2026-11-24T09:00:00'));
  });
  it('skips the weekend', () => {
    expect(addTime(wib('2026-11-27T17:00:00'), { hours: 3, clock: 'working' }, cal)).toEqual(wib('2026-11-30T10:00:00'));
  });
  it('skips a public holiday from the profile', () => {
    // Thursday 24 Dec 17:00 + 2 h: Friday 25 Dec is Christmas, so Monday 28 Dec 09:00.
    expect(addTime(wib('2026-12-24T17:00:00'), { hours: 2, clock: 'working' }, cal)).toEqual(wib('2026-12-28T09:00:00'));
  });
  it('counts continuous time straight through for emergencies', () => {
    expect(addTime(wib('2026-11-28T23:00:00'), { hours: 2, clock: 'continuous' }, cal)).toEqual(wib('2026-11-29T01:00:00'));
  });
  it('measures working time elapsed across nights and weekends', () => {
    expect(elapsed(wib('2026-11-27T17:00:00'), wib('2026-11-30T10:00:00'), 'working', cal)).toBe(3 * 3600_000);
  });
});

describe('a report’s clocks', () => {
  const received = wib('2026-11-23T09:00:00');
  const d = deadlinesFor(received, { response: { hours: 4, clock: 'working' }, resolution: { hours: 20, clock: 'working' } }, cal, 60);
  it('reminds at 75% of the time and breaches at 100%', () => {
    expect(d.responseRemindAt).toBe(wib('2026-11-23T12:00:00').toISOString());
    expect(d.responseDueAt).toBe(wib('2026-11-23T13:00:00').toISOString());
    expect(d.resolutionDueAt).toBe(wib('2026-11-25T09:00:00').toISOString());
    expect(d.escalateAt).toBe(new Date(received.getTime() + 60 * 86400_000).toISOString());
  });
  it('raises each flag once, only while its clock runs', () => {
    const r = { status: 'new', deadlines: d, deadlineFlags: [] as never[] };
    expect(dueFlags(r, wib('2026-11-23T11:59:00'))).toEqual([]);
    expect(dueFlags(r, wib('2026-11-23T13:30:00'))).toEqual(['response_near', 'response_breached']);
    expect(dueFlags({ ...r, deadlineFlags: ['response_near', 'response_breached'] as never[] }, wib('2026-11-23T13:30:00'))).toEqual([]);
    // Dispatched: the response clock has stopped; the resolution clock still runs.
    expect(dueFlags({ ...r, status: 'dispatched' }, wib('2026-11-26T09:00:00'))).toEqual(['resolution_near', 'resolution_breached']);
    expect(dueFlags({ ...r, status: 'verified' }, wib('2027-03-01T09:00:00'))).toEqual([]);
  });
  it('escalates to the Ombudsman a report never followed up in 60 days', () => {
    const r = { status: 'checked', deadlines: d, deadlineFlags: ['response_near', 'response_breached', 'resolution_near', 'resolution_breached'] as never[] };
    expect(dueFlags(r, new Date(Date.parse(d.escalateAt) + 1000))).toEqual(['escalated']);
    expect(dueFlags({ ...r, status: 'in_progress' }, new Date(Date.parse(d.escalateAt) + 1000))).toEqual([]);
  });
  it('knows when to look next', () => {
    expect(nextCheckAt({ status: 'new', deadlines: d, deadlineFlags: [] })).toBe(d.responseRemindAt);
    expect(nextCheckAt({ status: 'dispatched', deadlines: d, deadlineFlags: [] })).toBe(d.resolutionRemindAt);
    expect(nextCheckAt({ status: 'closed', deadlines: d, deadlineFlags: [] })).toBeNull();
  });
});
