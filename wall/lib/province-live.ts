import type { Accessor } from 'solid-js';
import type { Connection, Counts, Live } from './live';

/** What a province's screen shows of its cities together: the header's figures, the connection, the latest event. */
export type CombinedLive = {
  connection: Accessor<Connection>;
  counts: Accessor<Counts>;
  breached: Accessor<number>;
  lastEventAt: Accessor<string | null>;
  caughtUp: Accessor<boolean>;
};

/** The least connected of the cities' streams speaks for all: a wall that hears three cities of four is not "connected". */
const WORST: readonly Connection[] = ['unpaired', 'connecting', 'reconnecting', 'connected'];
export function worstConnection(states: readonly Connection[]): Connection {
  return WORST.find((c) => states.includes(c)) ?? 'connecting';
}

export function sumCounts(all: readonly Counts[]): Counts {
  return all.reduce((a, c) => ({ red: a.red + c.red, yellow: a.yellow + c.yellow, green: a.green + c.green, grey: a.grey + c.grey }), { red: 0, yellow: 0, green: 0, grey: 0 });
}

export function combineLives(lives: readonly Live[]): CombinedLive {
  return {
    connection: () => worstConnection(lives.map((l) => l.connection())),
    counts: () => sumCounts(lives.map((l) => l.counts())),
    breached: () => lives.reduce((n, l) => n + l.breached(), 0),
    lastEventAt: () => lives.map((l) => l.lastEventAt()).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null),
    caughtUp: () => lives.every((l) => l.caughtUp()),
  };
}

export type LeagueRow = { id: string; name: string; counts: Counts; breached: number };

/**
 * The league of cities: the most reports past a deadline first, then the most still untouched (red), then by name;
 * the city that needs the province's call comes first.
 */
export function leagueOrder(rows: readonly LeagueRow[]): LeagueRow[] {
  return [...rows].sort((a, b) => b.breached - a.breached || b.counts.red - a.counts.red || a.name.localeCompare(b.name));
}
