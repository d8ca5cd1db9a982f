import type { Actor } from '../contract/roles.js';
import type { IndicatorValue, ValueInput, ValueSource } from '../contract/indicators.js';
import { may, mayRecordIndicator } from '../domain/access.js';
import { checkPeriod, checkValue } from '../domain/indicators.js';
import { indicatorSpecs } from '../profile/indicators.js';
import { refuse } from '../domain/reports.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import type { RoomWrites } from '../store/room-writes.js';
import type { Step } from '../store/step.js';

export type RecordOutcome = { recorded: IndicatorValue[]; unchanged: number };

/**
 * Records values for indicators, all or none, in one transaction. A value for a period that already has
 * one is a correction: a new `indicator.corrected` event carrying the previous figure, never an edit.
 * The same figure sent again changes nothing (a system may resend its whole month).
 * `field` prefixes the name of a bad field, so the caller's 400 names it ("values.3.period").
 */
export async function recordValues(ctx: Ctx, actor: Actor, inputs: ValueInput[], source: ValueSource, field = (i: number, f: string) => `values.${i}.${f}`): Promise<Result<RecordOutcome>> {
  if (!may(actor, source === 'api' ? 'indicators.push' : 'indicators.record')) return refuse('forbidden', `${actor.role} may not record indicator values`);
  const specs = indicatorSpecs(ctx.city);
  const now = ctx.now();
  for (const [i, v] of inputs.entries()) {
    const spec = specs.get(v.indicatorId);
    if (!spec) return refuse('invalid', `no indicator "${v.indicatorId}" in this city`, field(i, 'indicatorId'));
    if (!mayRecordIndicator(actor, spec.agencyId)) return refuse('forbidden', `${v.indicatorId} belongs to ${spec.agencyId ?? 'the city'}, not to your agency`, field(i, 'indicatorId'));
    const badPeriod = checkPeriod(spec, v.period, now, ctx.city.clock);
    if (badPeriod) return refuse('invalid', badPeriod, field(i, 'period'));
    const badValue = checkValue(spec.unit, v.value);
    if (badValue) return refuse('invalid', badValue, field(i, 'value'));
  }
  const keys = new Set<string>();
  for (const [i, v] of inputs.entries()) {
    const key = `${v.indicatorId}|${v.period}`;
    if (keys.has(key)) return refuse('invalid', `${v.indicatorId} ${v.period} is given twice`, field(i, 'period'));
    keys.add(key);
  }
  return command(ctx, (p) => recordValuesStep(p.room, actor, inputs, source, ctx.now(), field));
}

/**
 * recordValues' transaction, on either store (server/store/step.ts), once every value has been checked against its
 * indicator: a correction without its note refuses them all; a figure sent again is left alone.
 */
export function* recordValuesStep(w: RoomWrites, actor: Actor, inputs: ValueInput[], source: ValueSource, now: Date, field = (i: number, f: string) => `values.${i}.${f}`): Step<[Result<RecordOutcome>, Committed[]]> {
  const befores: (IndicatorValue | null)[] = [];
  for (const [i, v] of inputs.entries()) {
    // A person changing a figure must say why (at the console, or pushing with their session); the history shows it
    // beside the old one. A finance office's CSV and another system's key are their own recorded source.
    const before = yield* w.indicatorValue(v.indicatorId, v.period);
    const byPerson = source === 'console' || (source === 'api' && actor.role !== 'open311');
    if (byPerson && before && before.value !== v.value && !v.note)
      return [refuse('invalid', 'a correction needs a note saying why the earlier figure was wrong', field(i, 'note')), []];
    befores.push(before);
  }
  const at = now.toISOString();
  const done: Committed[] = [];
  const recorded: IndicatorValue[] = [];
  let unchanged = 0;
  for (const [i, v] of inputs.entries()) {
    const before = befores[i];
    if (before && before.value === v.value) {
      unchanged++;
      continue;
    }
    const event = {
      type: before ? ('indicator.corrected' as const) : ('indicator.recorded' as const),
      reportId: null,
      at,
      actor,
      payload: { indicatorId: v.indicatorId, period: v.period, value: v.value, previous: before?.value ?? null, previousSeq: before?.seq ?? null, source, note: v.note ?? null },
    };
    const { seq, indicator: value } = yield* w.append(event);
    if (!value) throw new Error(`${event.type} projected no value`);
    recorded.push(value);
    done.push({ event: { ...event, seq }, report: null, indicator: value });
  }
  return [{ ok: true, value: { recorded, unchanged } }, done];
}
