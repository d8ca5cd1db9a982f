import { describe, expect, it } from 'vitest';
import { openDb } from './db.js';
import { Store } from './index.js';
import type { Open311Filter } from './open311.js';
import { manyOpenReports } from '../testing/many-reports.js';
import { loadCity } from '../profile/load.js';

// Plans, not timings: on a fresh store (no statistics) and on a filled one after ANALYZE, where the planner weighs
// the indexes by what they hold.
const fresh = new Store(openDb(':memory:'));
const filled = new Store(openDb(':memory:'));
filled.tx(() => manyOpenReports(loadCity('tangerang'), 3000, { firstId: 1, now: Date.parse('2026-11-23T00:00:00Z'), spanMs: 120 * 86400_000 }).forEach((r) => filled.reports.put(r)));
filled.db.exec('ANALYZE');

describe.each([['a fresh store', fresh], ['a filled store with statistics', filled]] as const)('Open311 GET requests stay indexed on %s', (_, store) => {
  const window = { from: '2026-09-01T00:00:00Z', to: '2026-11-30T00:00:00Z', limit: 50, offset: 100, categories: [], statuses: [] } satisfies Open311Filter;
  const open = ['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted'] as const;
  const cases: Record<string, Open311Filter> = {
    'the window alone': window,
    'one service': { ...window, categories: ['sampah'] },
    'several services': { ...window, categories: ['sampah', 'banjir'] },
    'status open': { ...window, statuses: [...open] },
    'one service, status closed': { ...window, categories: ['sampah'], statuses: ['verified', 'closed', 'rejected', 'merged'] },
    'several services, status open': { ...window, categories: ['sampah', 'pju'], statuses: [...open] },
  };

  it.each(Object.entries(cases))('%s: walks an index over the window in order, never the table, never a sort', (_, f) => {
    const plan = store.open311.requestPlan(f).join(' | ');
    expect(plan).toMatch(/^SEARCH reports USING (COVERING )?INDEX (reports_created|reports_open311_category) \(.*created_at>\? AND created_at<\?\)$/);
  });

  it('one service reads its own index', () => {
    expect(store.open311.requestPlan(cases['one service']).join()).toContain('reports_open311_category (category_id=? AND created_at>? AND created_at<?)');
  });
});
