import type { Ctx } from '../server/commands/context.js';
import type { Actor } from '../server/contract/roles.js';
import type { ValueInput, ValueSource } from '../server/contract/indicators.js';
import { recordValues } from '../server/commands/indicators.js';
import { indicatorSpecs } from '../server/profile/indicators.js';
import { lastPeriods, periodBounds, periodOf } from '../server/domain/indicators.js';
import { localDayStartMs, localMonthStartMs } from '../server/domain/time.js';
import { mulberry } from './simulate/scene-photo.js';
import { seedAccounts } from './seed-accounts.js';
import type { Rng } from './simulate/content.js';

const DAY = 86400_000;
/** The procurement system (SPSE/LPSE) pushes its counts; in the demo it acts as another system would. */
const SPSE: Actor = { id: 'spse', role: 'open311', name: 'SPSE (LPSE)', scopes: ['indicators'] };

/**
 * A year of indicator values for the demo, through the same command the hub uses: each month's figures
 * arrive early the next month (budget from the finance office's CSV, procurement pushed by SPSE, project
 * progress typed at the console), the current month's so far today, and a few corrections.
 * Agencies differ: some realise their budget on plan, some lag, as the league should show.
 */
export async function seedIndicators(ctx: Ctx, opts: { now: Date; seed?: number; operatorOf: (agencyId: string) => Actor; supervisor: Actor }): Promise<number> {
  const rng: Rng = mulberry(opts.seed ?? 20261124);
  const specs = [...indicatorSpecs(ctx.city).values()];
  const projects = new Map(ctx.city.profile.projects.map((p) => [p.id, p]));
  const pace = new Map<string, number>();
  for (const a of [null, ...ctx.city.profile.agencies.map((a) => a.id)]) pace.set(String(a), 0.68 + rng() * 0.4);
  const projectPace = new Map([...projects.keys()].map((id) => [id, 0.7 + rng() * 0.38]));

  const clock = { t: 0 };
  const seeded: Ctx = { ...ctx, now: () => new Date(clock.t) };
  const now = opts.now.getTime();
  let count = 0;

  for (const month of lastPeriods(periodOf(opts.now, 'month', ctx.city.clock), 12, ctx.city.clock)) {
    const { start, end } = periodBounds(month, ctx.city.clock)!;
    // Figures of a month are as of its end (or today), and arrive on the 5th of the next month at 09:00 city time.
    const asOf = Math.min(now, end.getTime());
    clock.t = Math.min(now - 3600_000, end.getTime() + 4 * DAY + 9 * 3600_000);
    if (clock.t < start.getTime()) clock.t = start.getTime() + 3600_000;
    const year = +month.slice(0, 4);
    const yearStart = localMonthStartMs(year, 0, ctx.city.clock);
    const frac = Math.min(1, (asOf - yearStart) / (localMonthStartMs(year + 1, 0, ctx.city.clock) - yearStart));

    const batches = new Map<string, { actor: Actor; source: ValueSource; values: ValueInput[] }>();
    const add = (actor: Actor, source: ValueSource, v: ValueInput) => {
      const key = `${actor.id}|${source}`;
      if (!batches.has(key)) batches.set(key, { actor, source, values: [] });
      batches.get(key)!.values.push(v);
    };
    for (const s of specs) {
      const p = pace.get(String(s.agencyId)) ?? 0.9;
      const wobble = 0.97 + rng() * 0.06;
      if (s.projectId) {
        const pr = projects.get(s.projectId)!;
        const from = localDayStartMs(pr.start, ctx.city.clock);
        const to = localDayStartMs(pr.end, ctx.city.clock) + DAY;
        if (asOf <= from) continue;
        const plan = Math.min(1, (asOf - from) / (to - from));
        const value = Math.min(100, Math.round(100 * Math.min(1, plan * projectPace.get(pr.id)! * wobble) * 10) / 10);
        add(opts.operatorOf(s.agencyId!), 'console', { indicatorId: s.id, period: month, value });
      } else if (s.unit === 'percent') {
        // APBD spending is back-loaded: little early in the year, most of it in the last quarter.
        const value = Math.min(100, Math.round(100 * Math.pow(frac, 1.25) * p * 10) / 10);
        add(s.agencyId ? opts.operatorOf(s.agencyId) : opts.supervisor, 'csv', { indicatorId: s.id, period: month, value });
      } else if (s.unit === 'count') {
        const step = s.id.split('.').pop();
        const shape = step === 'tender' ? Math.min(1, frac * 1.7) : step === 'kontrak' ? Math.min(1, frac * 1.35) : Math.pow(frac, 1.6);
        add(SPSE, 'api', { indicatorId: s.id, period: month, value: Math.min(s.target, Math.round(s.target * shape * Math.min(1, p + 0.05))) });
      }
    }
    for (const b of batches.values()) {
      const r = await recordValues(seeded, b.actor, b.values, b.source);
      if (!r.ok) throw new Error(`seeding indicators for ${month} failed: ${r.field ?? ''} ${r.message}`);
      count += r.value.recorded.length;
    }
  }

  // A finance office revises its figure after late SP2D: a correction, kept beside the first figure.
  const last = lastPeriods(periodOf(opts.now, 'month', ctx.city.clock), 2, ctx.city.clock)[0];
  const first = ctx.city.profile.agencies[0];
  const before = await ctx.store.query((p) => p.room.indicatorValue(`${first.id}.anggaran`, last));
  if (before) {
    clock.t = now - 2 * 3600_000;
    const r = await recordValues(seeded, opts.operatorOf(first.id), [{ indicatorId: `${first.id}.anggaran`, period: last, value: Math.min(100, before.value + 2.4), note: 'SP2D akhir bulan terlambat masuk' }], 'console');
    if (r.ok) count += r.value.recorded.length;
  }
  return count;
}

/** The demo's year of indicators, once: nothing is added to a store that already has indicator values. */
export async function seedDemoIndicators(ctx: Ctx, now: Date): Promise<number> {
  if ((await ctx.store.query((p) => p.room.indicatorValues(''))).length > 0) return 0;
  const accounts = await seedAccounts(ctx);
  const sup = accounts.all.find((a) => a.username === 'supervisor')!;
  return seedIndicators(ctx, { now, operatorOf: accounts.operatorOf, supervisor: { id: sup.id, role: 'supervisor', agencyId: null, name: sup.name } });
}
