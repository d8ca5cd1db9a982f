import { z } from 'zod';
import { WibDay } from './wib-day.js';

// Seed 003: the LIVE Room oversees the government "by certain indicators, such as finance, physical
// development and procurement". An indicator is data in the city profile; its values are events.

const Label = z.object({ id: z.string().min(1), en: z.string().min(1) });
const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const WibDate = WibDay;

export const IndicatorUnit = z.enum(['percent', 'rupiah', 'count']);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;
export const PeriodKind = z.enum(['month', 'quarter']);
export type PeriodKind = z.infer<typeof PeriodKind>;
/**
 * How the plan builds up to the target, which gives the value expected part-way through a period:
 * 'year': year-to-date figures (budget realisation), the target is for the whole fiscal year (Jan–Dec WIB);
 * 'period': the target is reached afresh in each period (packages finished per quarter);
 * 'level': a rate that should sit at the target all the time;
 * 'project': physical progress, planned straight from the project's start to its end.
 */
export const Pace = z.enum(['year', 'period', 'level', 'project']);
export type Pace = z.infer<typeof Pace>;

export const IndicatorSpec = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes'),
  /** null: the whole city. */
  agencyId: z.string().nullable().default(null),
  name: Label,
  /** A word or two for a small tile ("Tender"); the name otherwise. */
  short: Label.optional(),
  unit: IndicatorUnit,
  period: PeriodKind.default('month'),
  target: z.number().nonnegative(),
  good: z.enum(['up', 'down']).default('up'),
  pace: Pace.default('year'),
  /** How far behind plan, as a share of the target, is still "at risk" rather than "off track". */
  tolerance: z.number().min(0).max(1).default(0.1),
  projectId: z.string().optional(),
});
export type IndicatorSpec = z.infer<typeof IndicatorSpec>;

export const ProjectSpec = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  agencyId: z.string(),
  name: z.string().min(1),
  location: LngLat,
  start: WibDate,
  end: WibDate,
  /** Contract value in rupiah, shown beside the progress. */
  budget: z.number().nonnegative().optional(),
});
export type ProjectSpec = z.infer<typeof ProjectSpec>;

export type IndicatorStatus = 'on_track' | 'at_risk' | 'off_track';
export type ValueSource = 'console' | 'csv' | 'api';

/** One period's value as stored (the projection of the latest event for it). */
export type IndicatorValue = {
  indicatorId: string;
  period: string;
  value: number;
  at: string;
  seq: number;
  source: ValueSource;
  /** How many times this period's value was corrected after it was first recorded. */
  corrections: number;
};

/** An indicator as the wall, the phone and the console see it. */
export type IndicatorBoardItem = IndicatorSpec & {
  latest: (IndicatorValue & { expected: number; status: IndicatorStatus }) | null;
  /**
   * The last 12 periods, oldest first (for year-to-date figures only those of the current fiscal year, which
   * starts from zero), with what the plan expected of each; value null where nothing was recorded.
   */
  series: { period: string; value: number | null; expected: number }[];
};

export type ProjectBoardItem = ProjectSpec & {
  indicatorId: string;
  progress: number | null;
  planned: number;
  status: IndicatorStatus | null;
  period: string | null;
};

export type AgencyStanding = { agencyId: string; score: number | null; onTrack: number; atRisk: number; offTrack: number; noData: number };

export type IndicatorBoard = {
  storeId: string;
  /** The event seq the board is as of: a live screen applies only indicator events after it. */
  seq: number;
  asOf: string;
  indicators: IndicatorBoardItem[];
  projects: ProjectBoardItem[];
  league: AgencyStanding[];
};

/** One entry of an indicator's history, read from the event log: first records and corrections alike. */
export type IndicatorHistoryEntry = {
  seq: number;
  at: string;
  type: string;
  period: string;
  value: number;
  previous: number | null;
  source: ValueSource;
  note: string | null;
  actorName: string | null;
  actorRole: string;
};

/** What a live screen receives when a value is recorded or corrected, after commit. */
export type LiveIndicatorEvent = { seq: number; at: string; type: string; value: IndicatorValue };

/** One value as an operator, a CSV row or another system gives it. */
export const ValueInput = z.object({
  indicatorId: z.string().min(1).max(80),
  period: z.string().min(1).max(20),
  value: z.number().finite(),
  /** Required for a correction: why the earlier figure was wrong. */
  note: z.string().trim().max(500).optional().describe('required for a correction: why the earlier figure was wrong'),
});
export type ValueInput = z.infer<typeof ValueInput>;

/** POST /api/indicators/push: another system sends one or more values. */
export const PushInput = z.object({ values: z.array(ValueInput).min(1).max(500) });

export type CsvRowError = { row: number; column: string; code: string; message: string };
