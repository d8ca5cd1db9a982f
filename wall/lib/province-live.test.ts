import { describe, expect, it } from 'vitest';
import { leagueOrder, sumCounts, worstConnection } from './province-live';

describe("a province's screen over its cities", () => {
  it('is as connected as its least connected city', () => {
    expect(worstConnection(['connected', 'connected'])).toBe('connected');
    expect(worstConnection(['connected', 'reconnecting', 'connecting'])).toBe('connecting');
    expect(worstConnection(['connected', 'unpaired'])).toBe('unpaired');
  });

  it('adds up the counts, and ranks the cities by breaches, then untouched reports, then name', () => {
    const c = (red: number, yellow = 0) => ({ red, yellow, green: 0, grey: 0 });
    expect(sumCounts([c(1, 2), c(3, 4)])).toEqual({ red: 4, yellow: 6, green: 0, grey: 0 });
    const rows = [
      { id: 'a', name: 'Kota Malang', counts: c(5), breached: 2 },
      { id: 'b', name: 'Kota Mataram', counts: c(9), breached: 2 },
      { id: 'c', name: 'Kota Bogor', counts: c(1), breached: 0 },
      { id: 'd', name: 'Kota Ambon', counts: c(1), breached: 0 },
    ];
    expect(leagueOrder(rows).map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
  });
});
