import { createMemo, createResource, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { NotPaired } from '../../components/NotPaired';
import type { AgencyStanding, IndicatorBoard, IndicatorBoardItem } from '../../../server/contract/indicators';
import type { PublicProfile } from '../../../server/contract/profile';
import { takeDisplayToken } from '../../lib/display-token';
import { fetchProfile } from '../../lib/profile';
import { lang, t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import { Clock } from '../../components/Clock';
import { MapView } from '../wall/map/MapView';
import { BaseLayers } from '../wall/map/BaseLayers';
import { createLiveBoard } from './live-board';
import { ProjectsLayer } from './ProjectsLayer';
import { Sparkline } from './Sparkline';
import { formatValue, STATUS_COLOR, STATUS_MARK } from './format';
import { ind } from './i18n';
import './indicators.css';

/** Older than this and the stamp turns red: the hub has not answered for a while. */
const STALE_AFTER_MS = 15 * 60_000;

/**
 * /wall/indikator: how each agency's budget, procurement and development projects are going, against plan.
 * Unattended like the wall; paired by display token (`?display=`, or `token` when a playlist embeds it).
 * It fills its container and sizes everything from it (container units), so a playlist may give it any box.
 */
export default function IndicatorsScreen(props: { token?: string | null }) {
  const token = props.token !== undefined ? props.token : takeDisplayToken();
  const [profile] = createResource(fetchProfile);
  const live = createLiveBoard(token, () => profile()?.agencies.map((a) => a.id) ?? null);

  return (
    <div class="ind" data-testid="indikator">
      <Switch>
        <Match when={!token || live.unpaired()}>
          <NotPaired />
        </Match>
        <Match when={!profile() || !live.board()}>
          <div class="fullscreen-message" data-testid="hub-wait">
            <h1>{profile()?.name ?? t.appName}</h1>
            <p>{profile() && !live.failing() ? ind.loading : t.hubUnreachable}</p>
          </div>
        </Match>
        <Match when={profile() && live.board()}>
          <Board profile={profile()!} board={live.board()!} failing={live.failing()} lastOkAt={live.lastOkAt()} flashing={live.flashing()} />
        </Match>
      </Switch>
    </div>
  );
}

function Board(props: { profile: PublicProfile; board: IndicatorBoard; failing: boolean; lastOkAt: number; flashing: ReadonlySet<string> }) {
  const byAgency = createMemo(() => {
    const m = new Map<string | null, IndicatorBoardItem[]>();
    for (const i of props.board.indicators) if (!i.projectId) m.set(i.agencyId, [...(m.get(i.agencyId) ?? []), i]);
    return m;
  });
  const standing = createMemo(() => new Map(props.board.league.map((l, i) => [l.agencyId, { ...l, rank: i + 1 }])));
  // Cards in league order: the eye goes first to the top left.
  const agencies = createMemo(() => props.board.league.map((l) => props.profile.agencies.find((a) => a.id === l.agencyId)!).filter(Boolean));
  const cols = () => (agencies().length <= 4 ? 2 : 3);
  const short = (id: string) => props.profile.agencies.find((a) => a.id === id)?.short ?? id;

  // Ready once the figures are on screen and the map is idle with its projects (tests and screenshots wait for it).
  let mapDrawn = false;
  const markReady = () => {
    if (mapDrawn) document.body.dataset.indikator = 'ready';
  };
  onCleanup(() => delete document.body.dataset.indikator);

  return (
    <div class="ind-board" classList={{ 'ind-stale': props.failing && Date.now() - props.lastOkAt > STALE_AFTER_MS }}>
      <header class="ind-top">
        <div class="ind-brand">
          <div class="ind-title">{ind.title}</div>
          <div class="ind-sub">
            {props.profile.name} · {ind.subtitle}
          </div>
        </div>
        <div class="ind-city">
          <div class="ind-city-tiles">
            <For each={byAgency().get(null) ?? []}>{(i) => <Tile item={i} hero flashing={props.flashing.has(i.id)} />}</For>
          </div>
          <Show when={(byAgency().get(null) ?? []).some((i) => i.unit === 'percent')}>
            <p class="ind-city-note" data-testid="ind-city-note">{ind.cityNote}</p>
          </Show>
        </div>
        <div class="ind-right">
          <div class="ind-stamp" classList={{ 'ind-stamp-failing': props.failing }} data-testid="indikator-updated">
            {props.failing ? ind.failed : ind.updated} {stampLocal(props.board.asOf)}
          </div>
          <Clock />
        </div>
      </header>

      <main class="ind-body">
        <section class="ind-cards" style={{ 'grid-template-columns': `repeat(${cols()}, minmax(0, 1fr))` }}>
          <For each={agencies()}>
            {(a) => {
              const items = () => byAgency().get(a.id) ?? [];
              const heroes = () => items().filter((i) => i.unit !== 'count');
              const minis = () => items().filter((i) => i.unit === 'count');
              const s = () => standing().get(a.id);
              return (
                <article class="ind-card" data-testid="ind-card" data-agency={a.id}>
                  <header class="ind-card-head">
                    <span class="ind-rank">{s()?.rank}</span>
                    <span class="ind-agency" title={a.name}>
                      {a.short}
                    </span>
                    <span class="ind-score">{s()?.score === null || !s() ? ind.noData : `${Math.round(s()!.score!)}`}</span>
                  </header>
                  <div class="ind-heroes">
                    <For each={heroes()}>{(i) => <Tile item={i} flashing={props.flashing.has(i.id)} />}</For>
                  </div>
                  <div class="ind-minis">
                    <For each={minis()}>{(i) => <Mini item={i} flashing={props.flashing.has(i.id)} />}</For>
                  </div>
                </article>
              );
            }}
          </For>
        </section>

        <section class="ind-side">
          <div class="ind-panel ind-map-panel">
            <h2 class="ind-h">{ind.projects}</h2>
            <div class="ind-map-box" data-testid="indikator-map">
              <MapView profile={props.profile} onMap={(m) => ((window as unknown as { __pantauIndicatorsMap?: unknown }).__pantauIndicatorsMap = m)}>
                {(map) => (
                  <>
                    <BaseLayers map={map} profile={props.profile} />
                    <ProjectsLayer
                      map={map}
                      projects={() => props.board.projects}
                      onDrawn={() => {
                        mapDrawn = true;
                        markReady();
                      }}
                    />
                  </>
                )}
              </MapView>
            </div>
            <Legend />
          </div>
          <div class="ind-panel">
            <h2 class="ind-h">{ind.league}</h2>
            <League rows={props.board.league} short={short} />
            <p class="ind-rule">{ind.leagueRule}</p>
          </div>
        </section>
      </main>
    </div>
  );
}

const statusOf = (i: IndicatorBoardItem) => i.latest?.status ?? 'none';

function Tile(props: { item: IndicatorBoardItem; hero?: boolean; flashing: boolean }) {
  const i = () => props.item;
  const st = () => statusOf(i());
  // In a card the agency is already named: its tile says just "Anggaran"; the city's tile in the top bar says it all.
  const label = () => (props.hero ? i().name : i().short ?? i().name)[lang];
  return (
    <div
      class="ind-tile"
      classList={{ 'ind-tile-hero': props.hero, 'ind-flash': props.flashing }}
      style={{ '--st': STATUS_COLOR[st()] }}
      data-testid="ind-tile"
      data-indicator={i().id}
      data-status={st()}
    >
      <div class="ind-tile-name">
        <span>{label()}</span>
        <span class="ind-tile-status">
          {STATUS_MARK[st()]} {ind.status[st()]}
        </span>
      </div>
      <div class="ind-tile-figures">
        <span class="ind-value" data-testid="ind-value">
          {formatValue(i().unit, i().latest?.value)}
        </span>
        <span class="ind-plan">
          <Show when={i().latest} fallback={`${ind.target} ${formatValue(i().unit, i().target)}`}>
            <span class="ind-plan-fig">
              {ind.planNow} {formatValue(i().unit, i().latest!.expected)}
            </span>
            <span>
              {ind.periodMonth(i().latest!.period)}
              <Show when={i().latest!.corrections > 0}> · {ind.corrected(i().latest!.corrections)}</Show>
            </span>
          </Show>
        </span>
      </div>
      <Sparkline values={i().series.map((p) => p.value)} plan={i().series.map((p) => p.expected)} color={STATUS_COLOR[st()]} max={i().unit === 'percent' ? i().target : undefined} />
    </div>
  );
}

/** A count against its yearly target ("7 / 12"), small: three of them sit under an agency's budget tile. */
function Mini(props: { item: IndicatorBoardItem; flashing: boolean }) {
  const i = () => props.item;
  const st = () => statusOf(i());
  return (
    <div class="ind-mini" classList={{ 'ind-flash': props.flashing }} style={{ '--st': STATUS_COLOR[st()] }} data-testid="ind-tile" data-indicator={i().id} data-status={st()}>
      <div class="ind-mini-name">{(i().short ?? i().name)[lang]}</div>
      <div class="ind-mini-figure">
        <span class="ind-mini-mark">{STATUS_MARK[st()]}</span>
        <span class="ind-value" data-testid="ind-value">
          {formatValue(i().unit, i().latest?.value)}
        </span>
        <span class="ind-mini-target">/ {formatValue(i().unit, i().target)}</span>
      </div>
    </div>
  );
}

function League(props: { rows: AgencyStanding[]; short: (id: string) => string }) {
  return (
    <table class="ind-league" data-testid="ind-league">
      <tbody>
        <For each={props.rows}>
          {(r, n) => (
            <tr data-agency={r.agencyId}>
              <td class="ind-l-rank">{n() + 1}</td>
              <td class="ind-l-name">{props.short(r.agencyId)}</td>
              <td class="ind-l-bar">
                <div class="ind-bar">
                  <div class="ind-bar-fill" style={{ width: `${r.score ?? 0}%` }} />
                </div>
              </td>
              <td class="ind-l-score">{r.score === null ? ind.noData : Math.round(r.score)}</td>
              <td class="ind-l-counts">
                <span style={{ color: STATUS_COLOR.on_track }}>{STATUS_MARK.on_track} {r.onTrack}</span>
                <span style={{ color: STATUS_COLOR.at_risk }}>{STATUS_MARK.at_risk} {r.atRisk}</span>
                <span style={{ color: STATUS_COLOR.off_track }}>{STATUS_MARK.off_track} {r.offTrack}</span>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function Legend() {
  return (
    <div class="ind-legend">
      <For each={['on_track', 'at_risk', 'off_track', 'none'] as const}>
        {(s) => (
          <span class="ind-legend-item">
            <span style={{ color: STATUS_COLOR[s] }}>{STATUS_MARK[s]}</span> {ind.status[s]}
          </span>
        )}
      </For>
    </div>
  );
}
