import { describe, expect, it } from 'vitest';
import { dataGaps } from './gaps.js';

const opts = { slackMs: 60_000, minMs: 60_000 };
const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T12:00:00.000Z' };

describe('dataGaps', () => {
  it('finds the hour between a run that stopped heartbeating and the next start', () => {
    const gaps = dataGaps(
      [
        { startedAt: '2026-11-19T20:00:00.000Z', lastAliveAt: '2026-11-20T03:00:00.000Z' },
        { startedAt: '2026-11-20T04:00:00.000Z', lastAliveAt: '2026-11-20T12:00:00.000Z' },
      ],
      range,
      opts,
    );
    // The dead hub is credited one slack after its last heartbeat.
    expect(gaps).toEqual([{ from: '2026-11-20T03:01:00.000Z', to: '2026-11-20T04:00:00.000Z', kind: 'hub' }]);
  });

  it('reports no gap for a restart inside the slack, or for overlapping runs', () => {
    expect(
      dataGaps(
        [
          { startedAt: '2026-11-20T00:00:00.000Z', lastAliveAt: '2026-11-20T06:00:00.000Z' },
          { startedAt: '2026-11-20T06:00:30.000Z', lastAliveAt: '2026-11-20T09:00:00.000Z' },
          { startedAt: '2026-11-20T05:00:00.000Z', lastAliveAt: '2026-11-20T12:00:00.000Z' },
        ],
        range,
        opts,
      ),
    ).toEqual([]);
  });

  it('clips gaps to the range, treats a run with no heartbeat as alive only at its start, and ends at the range end', () => {
    const gaps = dataGaps(
      [
        { startedAt: '2026-11-19T00:00:00.000Z', lastAliveAt: '2026-11-19T23:00:00.000Z' },
        { startedAt: '2026-11-20T02:00:00.000Z', lastAliveAt: null },
        { startedAt: '2026-11-20T08:00:00.000Z', lastAliveAt: '2026-11-20T10:00:00.000Z' },
      ],
      range,
      opts,
    );
    expect(gaps).toEqual([
      { from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T02:00:00.000Z', kind: 'hub' },
      { from: '2026-11-20T02:01:00.000Z', to: '2026-11-20T08:00:00.000Z', kind: 'hub' },
      { from: '2026-11-20T10:01:00.000Z', to: '2026-11-20T12:00:00.000Z', kind: 'hub' },
    ]);
  });

  it('knows nothing before the first recorded run, and drops gaps shorter than minMs', () => {
    expect(dataGaps([], range, opts)).toEqual([]);
    expect(
      dataGaps(
        [
          { startedAt: '2026-11-20T05:00:00.000Z', lastAliveAt: '2026-11-20T06:00:00.000Z' },
          { startedAt: '2026-11-20T06:01:30.000Z', lastAliveAt: '2026-11-20T12:00:00.000Z' },
        ],
        range,
        opts,
      ),
    ).toEqual([]);
  });
});
