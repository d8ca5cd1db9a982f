import type { IndicatorSpec, IndicatorStatus, IndicatorUnit, PeriodKind, ProjectSpec } from '../contract/indicators.js';
import { localDayStartMs, localMonthStartMs, wallClock, type CityClock } from './time.js';

// Periods are the city's calendar months and quarters, keyed '2026-11' and '2026-Q4'. The fiscal year is the
// calendar year (APBD runs January to December).

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function periodKind(key: string): PeriodKind | null {
  if (MONTH.test(key)) return 'month';
  if (QUARTER.test(key)) return 'quarter';
  return null;
}

/** The period an instant falls in, in the city's calendar. */
export function periodOf(at: Date, kind: PeriodKind, clock: CityClock): string {
  const local = wallClock(at, clock);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return kind === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${Math.floor(m / 3) + 1}`;
}

const monthStart = (y: number, m0: number, clock: CityClock) => new Date(localMonthStartMs(y, m0, clock));

/** [start, end) of a period as UTC instants; null for a key that is not a period. */
export function periodBounds(key: string, clock: CityClock): { start: Date; end: Date } | null {
  const mm = MONTH.exec(key);
  if (mm) return { start: monthStart(+mm[1], +mm[2] - 1, clock), end: monthStart(+mm[1], +mm[2], clock) };
  const q = QUARTER.exec(key);
  if (q) return { start: monthStart(+q[1], (+q[2] - 1) * 3, clock), end: monthStart(+q[1], +q[2] * 3, clock) };
  return null;
}

/** The period before a key of the same kind. */
export function previousPeriod(key: string, clock: CityClock): string {
  const b = periodBounds(key, clock)!;
  return periodOf(new Date(b.start.getTime() - 1), periodKind(key)!, clock);
}

/** The last n periods up to and including `key`, oldest first. */
export function lastPeriods(key: string, n: number, clock: CityClock): string[] {
  const out = [key];
  while (out.length < n) out.unshift(previousPeriod(out[0], clock));
  return out;
}

const share = (from: number, to: number, t: number) => (to <= from ? 1 : Math.min(1, Math.max(0, (t - from) / (to - from))));

/**
 * The value the plan expects for a period, as of `at` (or as of the period's end once it is over):
 * with 60% of the fiscal year gone a 100% budget target expects 60%.
 */
export function expectedValue(spec: Pick<IndicatorSpec, 'target' | 'pace'>, period: string, at: Date, clock: CityClock, project?: Pick<ProjectSpec, 'start' | 'end'>): number {
  const b = periodBounds(period, clock);
  if (!b) throw new Error(`not a period: ${period}`);
  const t = Math.min(at.getTime(), b.end.getTime());
  switch (spec.pace) {
    case 'level':
      return spec.target;
    case 'period':
      return spec.target * share(b.start.getTime(), b.end.getTime(), t);
    case 'year': {
      const y = +period.slice(0, 4);
      return spec.target * share(monthStart(y, 0, clock).getTime(), monthStart(y + 1, 0, clock).getTime(), t);
    }
    case 'project':
      if (!project) throw new Error('a project indicator needs its project');
      // Progress is planned from the first day of work to the end of the last day.
      return spec.target * share(localDayStartMs(project.start, clock), localDayStartMs(project.end, clock) + 86400_000, t);
  }
}

/**
 * On track when the value is where the plan expects or better; at risk within the tolerance band
 * (a share of the target, so early in the year a small shortfall is not already "off track"); off track beyond.
 */
export function indicatorStatus(value: number, expected: number, spec: Pick<IndicatorSpec, 'good' | 'tolerance' | 'target'>): IndicatorStatus {
  const behind = spec.good === 'up' ? expected - value : value - expected;
  if (behind <= 1e-9) return 'on_track';
  return behind <= spec.tolerance * spec.target + 1e-9 ? 'at_risk' : 'off_track';
}

/**
 * How close to plan, 0–100: the share of the expected value reached (for "down is good", of the
 * allowance kept). Capped at 100, so being far ahead on one indicator cannot hide being behind on another.
 */
export function attainment(value: number, expected: number, good: 'up' | 'down'): number {
  if (good === 'up') return expected <= 0 ? 100 : Math.min(100, (100 * value) / expected);
  if (value <= expected) return 100;
  return expected <= 0 ? 0 : Math.max(0, 100 - (100 * (value - expected)) / expected);
}

/** The limits a value must respect whatever its source. Returns a reason, or null when it is acceptable. */
export function checkValue(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'not a number';
  if (value < 0) return 'cannot be negative';
  if (unit === 'percent' && value > 100) return 'a percentage cannot exceed 100';
  if (unit === 'count' && !Number.isInteger(value)) return 'a count must be a whole number';
  return null;
}

/** A period may be recorded once it has started (a year-end figure cannot come in January). */
export function checkPeriod(spec: Pick<IndicatorSpec, 'period'>, period: string, now: Date, clock: CityClock): string | null {
  const kind = periodKind(period);
  if (!kind) return 'a period is YYYY-MM (month) or YYYY-Qn (quarter)';
  if (kind !== spec.period) return spec.period === 'month' ? 'this indicator is monthly: YYYY-MM' : 'this indicator is quarterly: YYYY-Qn';
  if (periodBounds(period, clock)!.start.getTime() > now.getTime()) return 'this period has not started yet';
  return null;
}

type Agency = { id: string; short: string; name: string };

/** Packages a typical agency puts to tender in a year; a profile states its own. */
const DEFAULT_PACKAGES = 12;

/**
 * The indicators of a city: the profile's own, or per agency budget realisation and the three procurement
 * steps (tendered, contracted, finished), plus the whole city's realisation; and one physical-progress
 * indicator per development project.
 */
export function cityIndicators(profile: { agencies: Agency[]; indicators?: IndicatorSpec[]; projects: ProjectSpec[] }): IndicatorSpec[] {
  const base: IndicatorSpec[] =
    profile.indicators ??
    [
      spec('kota.anggaran', null, ['Realisasi anggaran kota', 'City budget realisation'], ['Anggaran kota', 'City budget'], 'percent', 100),
      ...profile.agencies.flatMap((a) => [
        spec(`${a.id}.anggaran`, a.id, ['Realisasi anggaran', 'Budget realisation'], ['Anggaran', 'Budget'], 'percent', 100),
        spec(`${a.id}.tender`, a.id, ['Paket ditender', 'Packages tendered'], ['Tender', 'Tendered'], 'count', DEFAULT_PACKAGES),
        spec(`${a.id}.kontrak`, a.id, ['Paket berkontrak', 'Packages contracted'], ['Kontrak', 'Contract'], 'count', DEFAULT_PACKAGES),
        spec(`${a.id}.selesai`, a.id, ['Paket selesai', 'Packages finished'], ['Selesai', 'Finished'], 'count', DEFAULT_PACKAGES),
      ]),
    ];
  const projects = profile.projects.map(
    (p): IndicatorSpec => ({
      ...spec(projectIndicatorId(p.id), p.agencyId, [`Progres fisik: ${p.name}`, `Physical progress: ${p.name}`], [p.name, p.name], 'percent', 100),
      pace: 'project',
      projectId: p.id,
    }),
  );
  return [...base, ...projects];
}

export const projectIndicatorId = (projectId: string) => `fisik.${projectId}`;

function spec(id: string, agencyId: string | null, name: [string, string], short: [string, string], unit: IndicatorUnit, target: number): IndicatorSpec {
  return { id, agencyId, name: { id: name[0], en: name[1] }, short: { id: short[0], en: short[1] }, unit, period: 'month', target, good: 'up', pace: 'year', tolerance: 0.1 };
}
