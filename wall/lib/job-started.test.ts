import { describe, expect, it } from 'vitest';
import { jobStarted } from './job-started';

const dispatchedAt = '2026-11-20T02:00:00.000Z';
const nothingOnPhone = { startWaiting: false, startSentAt: [] };

describe('a field job started in this round', () => {
  it('after a reload (nothing on the phone) the hub’s startedAt says so, and “Mulai kerja” is not offered again', () => {
    expect(jobStarted({ dispatchedAt, startedAt: '2026-11-20T02:30:00.000Z' }, nothingOnPhone)).toBe(true);
  });
  it('not started: neither the hub nor the phone knows of a start', () => {
    expect(jobStarted({ dispatchedAt, startedAt: null }, nothingOnPhone)).toBe(false);
  });
  it('a start before the latest dispatch belongs to an earlier round', () => {
    expect(jobStarted({ dispatchedAt, startedAt: '2026-11-19T09:00:00.000Z' }, nothingOnPhone)).toBe(false);
    expect(jobStarted({ dispatchedAt, startedAt: null }, { startWaiting: false, startSentAt: [Date.parse('2026-11-19T09:00:00Z')] })).toBe(false);
  });
  it('a start waiting in the outbox or just sent counts before the hub’s list has it', () => {
    expect(jobStarted({ dispatchedAt, startedAt: null }, { startWaiting: true, startSentAt: [] })).toBe(true);
    expect(jobStarted({ dispatchedAt, startedAt: null }, { startWaiting: false, startSentAt: [Date.parse('2026-11-20T02:10:00Z')] })).toBe(true);
  });
});
