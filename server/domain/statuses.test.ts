import { describe, expect, it } from 'vitest';
import { ReportStatus } from '../contract/reports.js';
import { PHASE_OF } from '../contract/phase.js';
import { ALL_STATUSES, DONE_STATUSES, isBreached, isOpen, OPEN_STATUSES } from './statuses.js';
import { actsForAgency, mayBeDispatched, mayOpenReport, maySeeReporter } from './access.js';
import { distanceMeters } from './distance.js';

describe('report status groups', () => {
  it('split every status once: open or done, and open is exactly what the wall draws red or yellow', () => {
    expect([...ALL_STATUSES].sort()).toEqual([...ReportStatus.options].sort());
    expect(OPEN_STATUSES.filter((s) => DONE_STATUSES.includes(s))).toEqual([]);
    for (const s of ReportStatus.options) expect(isOpen(s)).toBe(PHASE_OF[s] === 'red' || PHASE_OF[s] === 'yellow');
  });

  it('breached means open and past a deadline: a finished report with an old flag is not breached', () => {
    expect(isBreached({ status: 'in_progress', deadlineFlags: ['resolution_breached'] })).toBe(true);
    expect(isBreached({ status: 'in_progress', deadlineFlags: ['resolution_near'] })).toBe(false);
    expect(isBreached({ status: 'verified', deadlineFlags: ['response_breached'] })).toBe(false);
  });
});

describe('the agency rule', () => {
  it('lets city-wide roles act for any agency and agency staff only for their own', () => {
    expect(actsForAgency({ id: 's', role: 'supervisor' }, 'dkp')).toBe(true);
    expect(actsForAgency({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'dkp')).toBe(true);
    expect(actsForAgency({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'dishub')).toBe(false);
    expect(actsForAgency({ id: 'o', role: 'operator' }, null)).toBe(false);
    expect(actsForAgency({ id: 'w', role: 'wall' }, 'dkp')).toBe(false);
    expect(maySeeReporter({ id: 'a', role: 'admin' }, 'dkp')).toBe(false);
    expect(maySeeReporter({ id: 'f', role: 'field', agencyId: 'dkp' }, 'dkp')).toBe(false);
  });

  it('opens a report for the console, its duplicates and notes by the queue\'s own scope', () => {
    expect(mayOpenReport({ id: 's', role: 'supervisor' }, 'dkp')).toBe(true);
    expect(mayOpenReport({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'dkp')).toBe(true);
    expect(mayOpenReport({ id: 'o', role: 'operator', agencyId: 'dkp' }, 'dishub')).toBe(false);
    // An operator's account with no agency opens none.
    expect(mayOpenReport({ id: 'o', role: 'operator' }, 'dkp')).toBe(false);
    expect(mayOpenReport({ id: 'f', role: 'field', agencyId: 'dkp' }, 'dishub')).toBe(false);
  });

  it('dispatches only to an existing, active field supervisor of the owning agency', () => {
    expect(mayBeDispatched(null, 'dkp')).toBe(false);
    expect(mayBeDispatched({ role: 'field', agencyId: 'dkp', disabled: false }, 'dkp')).toBe(true);
    expect(mayBeDispatched({ role: 'field', agencyId: 'dkp', disabled: true }, 'dkp')).toBe(false);
    expect(mayBeDispatched({ role: 'operator', agencyId: 'dkp', disabled: false }, 'dkp')).toBe(false);
  });
});

describe('distance', () => {
  it('is about 111 m per thousandth of a degree of latitude', () => {
    expect(distanceMeters({ lng: 116.1, lat: -8.58 }, { lng: 116.1, lat: -8.581 })).toBeCloseTo(111.2, 0);
  });
});
