import type { Db } from './db.js';
import type { IndicatorHistoryEntry, IndicatorValue } from '../contract/indicators.js';


const SELECT = 'SELECT indicator_id AS indicatorId, period, value, at, seq, source, corrections FROM indicator_values';

/** An indicator.* event as the history reads it from the log, on either store. */
export type IndicatorEventRow = { seq: number; at: string; type: string; actorRole: string; payload: string };

/** One entry of an indicator's history: the figure, the one it replaced, who and why. */
export function indicatorHistoryEntry(r: IndicatorEventRow): IndicatorHistoryEntry {
  const p = JSON.parse(r.payload);
  return { seq: r.seq, at: r.at, type: r.type, period: p.period, value: p.value, previous: p.previous ?? null, source: p.source, note: p.note ?? null, actorName: p.actorName ?? null, actorRole: r.actorRole };
}

export class IndicatorValuesTable {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      one: db.prepare(`${SELECT} WHERE indicator_id = ? AND period = ?`),
      all: db.prepare(`${SELECT} ORDER BY indicator_id, period`),
      since: db.prepare(`${SELECT} WHERE period >= ? ORDER BY indicator_id, period`),
      put: db.prepare(
        `INSERT INTO indicator_values (indicator_id, period, value, at, seq, source, corrections) VALUES (@indicatorId, @period, @value, @at, @seq, @source, 0)
         ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value, at = excluded.at, seq = excluded.seq, source = excluded.source,
           corrections = corrections + 1`,
      ),
      history: db.prepare(
        `SELECT seq, at, type, actor_role AS actorRole, payload FROM events
         WHERE type LIKE 'indicator.%' AND json_extract(payload, '$.indicatorId') = ? ORDER BY seq DESC LIMIT ?`,
      ),
    };
  }

  get(indicatorId: string, period: string): IndicatorValue | null {
    return (this.s.one.get(indicatorId, period) as IndicatorValue | undefined) ?? null;
  }

  /** Current values; with `fromPeriod`, only periods at or after it (keys sort as text: 2025-12 < 2026-01 < 2026-Q1). */
  list(fromPeriod?: string): IndicatorValue[] {
    return (fromPeriod ? this.s.since.all(fromPeriod) : this.s.all.all()) as IndicatorValue[];
  }

  /** The projection of one indicator.* event. A second write for the same period counts as a correction. */
  put(v: Omit<IndicatorValue, 'corrections'>): IndicatorValue {
    this.s.put.run(v);
    return this.get(v.indicatorId, v.period)!;
  }

  history(indicatorId: string, limit = 200): IndicatorHistoryEntry[] {
    return (this.s.history.all(indicatorId, limit) as IndicatorEventRow[]).map(indicatorHistoryEntry);
  }
}
