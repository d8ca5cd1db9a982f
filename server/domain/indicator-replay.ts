import type { IndicatorValue, ValueSource } from '../contract/indicators.js';

type Logged = { type: string; seq: number; at: string; payload: Record<string, unknown> };

/**
 * Folds indicator.* events from the start of the log into the current value of every (indicator, period):
 * the indicator_values projection must equal this, so the log stays the single source of truth.
 */
export function foldIndicatorValues(events: Iterable<Logged>): Map<string, IndicatorValue> {
  const values = new Map<string, IndicatorValue>();
  for (const e of events) {
    if (e.type !== 'indicator.recorded' && e.type !== 'indicator.corrected') continue;
    const p = e.payload as { indicatorId: string; period: string; value: number; source: ValueSource };
    const key = `${p.indicatorId}|${p.period}`;
    const before = values.get(key);
    values.set(key, { indicatorId: p.indicatorId, period: p.period, value: p.value, at: e.at, seq: e.seq, source: p.source, corrections: before ? before.corrections + 1 : 0 });
  }
  return values;
}
