import { describe, expect, it } from 'vitest';
import { diffRows } from './row-diff.js';

describe('two snapshots of a projection, row by row', () => {
  it('names the rows on one side only and the columns that differ, by value and type, but those ignored', () => {
    const left = [{ id: 1, n: 2, note: 'a' }, { id: 2, n: 3, note: 'b' }, { id: 3, n: 1, note: 'c' }];
    const right = [{ id: 1, n: 2, note: 'a' }, { id: 2, n: '3', note: 'x' }, { id: 4, n: 1, note: 'd' }];
    expect(diffRows(left, right, ['note'])).toEqual([
      { key: '2', left: left[1], right: right[1], fields: ['n'] },
      { key: '3', left: left[2], right: null, fields: [] },
      { key: '4', left: null, right: right[2], fields: [] },
    ]);
    expect(diffRows([{ indicator_id: 'a', period: '2026-11', v: 1 }], [{ indicator_id: 'a', period: '2026-11', v: 1, extra: 0 }])).toEqual([
      { key: 'a|2026-11', left: { indicator_id: 'a', period: '2026-11', v: 1 }, right: { indicator_id: 'a', period: '2026-11', v: 1, extra: 0 }, fields: ['extra'] },
    ]);
  });
});
