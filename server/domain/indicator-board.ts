import type { AgencyStanding, IndicatorBoard, IndicatorBoardItem, IndicatorSpec, IndicatorValue, ProjectBoardItem, ProjectSpec } from '../contract/indicators.js';
import type { CityClock } from './time.js';
import { attainment, expectedValue, indicatorStatus, lastPeriods, periodOf } from './indicators.js';

const SERIES = 12;

/**
 * Every indicator with its latest value judged against plan, a 12-period series for the sparkline,
 * projects with progress versus plan, and the league of agencies. `values` are the current value of
 * each (indicator, period), as projected from the event log.
 */
export function buildBoard(specs: IndicatorSpec[], projects: ProjectSpec[], agencyIds: string[], values: IndicatorValue[], now: Date, clock: CityClock) {
  const byIndicator = new Map<string, Map<string, IndicatorValue>>();
  for (const v of values) {
    if (!byIndicator.has(v.indicatorId)) byIndicator.set(v.indicatorId, new Map());
    byIndicator.get(v.indicatorId)!.set(v.period, v);
  }
  const projectById = new Map(projects.map((p) => [p.id, p]));

  const indicators: IndicatorBoardItem[] = specs.map((s) => {
    const own = byIndicator.get(s.id) ?? new Map<string, IndicatorValue>();
    const current = periodOf(now, s.period, clock);
    // A year-to-date figure starts again from zero in January: the line shows this fiscal year only.
    const periods = lastPeriods(current, SERIES, clock).filter((p) => s.pace !== 'year' || p.slice(0, 4) === current.slice(0, 4));
    // The latest recorded period not in the future; a value for a period long past still shows, with its period.
    const latestKey = [...own.keys()].filter((k) => k <= current).sort().at(-1);
    const v = latestKey ? own.get(latestKey)! : null;
    const project = s.projectId ? projectById.get(s.projectId) : undefined;
    const latest = v ? { ...v, ...judge(s, v, now, clock, project) } : null;
    const series = periods.map((period) => ({ period, value: own.get(period)?.value ?? null, expected: round(expectedValue(s, period, now, clock, project)) }));
    return { ...s, latest, series };
  });

  const projectItems: ProjectBoardItem[] = projects.map((p) => {
    const item = indicators.find((i) => i.projectId === p.id);
    const s = item ?? { target: 100, pace: 'project' as const };
    const planned = expectedValue(s, periodOf(now, 'month', clock), now, clock, p);
    return {
      ...p,
      indicatorId: item?.id ?? '',
      progress: item?.latest?.value ?? null,
      planned: round(planned),
      status: item?.latest?.status ?? null,
      period: item?.latest?.period ?? null,
    };
  });

  return { indicators, projects: projectItems, league: league(indicators, agencyIds, now, clock, projectById) };
}

/**
 * The board with one more recorded value, as buildBoard would make it from every value: what a live screen does
 * with an indicator event instead of fetching the board again. The board carries each indicator's latest value and
 * its series, which is all buildBoard reads of the past; a value for a future period waits for the next fetch.
 */
export function withValue(board: Pick<IndicatorBoard, 'indicators' | 'projects'>, value: IndicatorValue, agencyIds: string[], now: Date, clock: CityClock) {
  const values: IndicatorValue[] = board.indicators.flatMap((i) => {
    // Older than the latest, so never the latest again: only their figure is read, not when or how it came.
    const seen = i.series
      .filter((p) => p.value !== null && p.period !== i.latest?.period)
      .map((p): IndicatorValue => ({ indicatorId: i.id, period: p.period, value: p.value!, at: '', seq: 0, source: 'console', corrections: 0 }));
    if (!i.latest) return seen;
    const { expected: _e, status: _s, ...latest } = i.latest;
    return [...seen, latest];
  });
  const others = values.filter((v) => v.indicatorId !== value.indicatorId || v.period !== value.period);
  const specs = board.indicators.map(({ latest: _l, series: _s, ...spec }): IndicatorSpec => spec);
  const projects = board.projects.map(({ indicatorId: _i, progress: _p, planned: _pl, status: _st, period: _pe, ...project }): ProjectSpec => project);
  return buildBoard(specs, projects, agencyIds, [...others, value], now, clock);
}

function judge(s: IndicatorSpec, v: IndicatorValue, now: Date, clock: CityClock, project?: ProjectSpec) {
  const expected = expectedValue(s, v.period, now, clock, project);
  return { expected: round(expected), status: indicatorStatus(v.value, expected, s) };
}

/** Agencies ranked by their mean attainment of plan over indicators that have data; none at the bottom. */
export function league(items: IndicatorBoardItem[], agencyIds: string[], now: Date, clock: CityClock, projects: Map<string, ProjectSpec>): AgencyStanding[] {
  const rows = agencyIds.map((agencyId): AgencyStanding => {
    const own = items.filter((i) => i.agencyId === agencyId);
    const judged = own.filter((i) => i.latest);
    const scores = judged.map((i) => attainment(i.latest!.value, expectedValue(i, i.latest!.period, now, clock, i.projectId ? projects.get(i.projectId) : undefined), i.good));
    const count = (st: string) => judged.filter((i) => i.latest!.status === st).length;
    return {
      agencyId,
      score: scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      onTrack: count('on_track'),
      atRisk: count('at_risk'),
      offTrack: count('off_track'),
      noData: own.length - judged.length,
    };
  });
  return rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.offTrack - b.offTrack || a.agencyId.localeCompare(b.agencyId));
}

const round = (x: number) => Math.round(x * 10) / 10;
