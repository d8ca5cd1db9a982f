import { chartText } from '../../lib/chart-text';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { NotPaired } from '../../components/NotPaired';
import type { ChartConfiguration } from 'chart.js';
import type { PublicProfile } from '../../../server/contract/profile';
import { takeDisplayToken } from '../../lib/display-token';
import { fetchProfile } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import { Clock } from '../../components/Clock';
import { MapView } from '../wall/map/MapView';
import { BaseLayers } from '../wall/map/BaseLayers';
import { backlogConfig, Chart, dayLabel, ontimeConfig, trendConfig } from './charts';
import { ChoroplethLayer, classesFor, RAMP } from './ChoroplethLayer';
import { k } from './i18n';
import { fmtHours, fmtPct, level, num } from './figures';
import { daysFromUrl, fetchStats, Unpaired, type AgencyFigures, type Stats } from './stats';
import './kinerja.css';

/** The figures are fetched again this often (and when the screen becomes visible again). */
const REFRESH_MS = 60_000;
/** Older than this and the stamp turns red: the hub has not answered for a while. */
const STALE_AFTER_MS = 3 * REFRESH_MS;


/**
 * /wall/kinerja: how each agency performs, for the supervisors in the room. Unattended like the wall:
 * no range switch (the last 7 days, or `?days=30`), figures fetched every minute, every size from the viewport.
 */
export default function KinerjaScreen() {
  const token = takeDisplayToken();
  const days = daysFromUrl();
  const [profile] = createResource(fetchProfile);

  const [stats, setStats] = createSignal<Stats | null>(null);
  const [lastOkAt, setLastOkAt] = createSignal<number>(0);
  const [failing, setFailing] = createSignal(false);
  const [unpaired, setUnpaired] = createSignal(!token);
  const [now, setNow] = createSignal(Date.now());

  let inFlight = false;
  async function refresh() {
    if (!token || inFlight) return;
    inFlight = true;
    try {
      const s = await fetchStats(token, days);
      setStats(s);
      setLastOkAt(Date.now());
      setFailing(false);
      setUnpaired(false);
    } catch (err) {
      if (err instanceof Unpaired) setUnpaired(true);
      setFailing(true);
    } finally {
      inFlight = false;
    }
  }
  void refresh();
  const timer = setInterval(() => {
    setNow(Date.now());
    void refresh();
  }, REFRESH_MS);
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  document.addEventListener('visibilitychange', onVisible);

  // Chart.js draws in pixels: fonts are recomputed from the viewport when the screen changes size.
  const [width, setWidth] = createSignal(window.innerWidth);
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => setWidth(window.innerWidth), 200);
  };
  window.addEventListener('resize', onResize);

  onCleanup(() => {
    clearInterval(timer);
    clearTimeout(resizeTimer);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('resize', onResize);
  });

  return (
    <Switch>
      <Match when={unpaired()}>
        <NotPaired />
      </Match>
      <Match when={!profile() || !stats()}>
        <div class="fullscreen-message" data-testid="hub-wait">
          <h1>{profile()?.name ?? t.appName}</h1>
          <p>{profile() && !failing() ? k.loading : t.hubUnreachable}</p>
        </div>
      </Match>
      <Match when={profile() && stats()}>
        <Board
          profile={profile()!}
          stats={stats()!}
          days={days}
          width={width()}
          stale={failing() && now() - lastOkAt() > STALE_AFTER_MS}
          failing={failing()}
        />
      </Match>
    </Switch>
  );
}

function Board(props: { profile: PublicProfile; stats: Stats; days: number; width: number; stale: boolean; failing: boolean }) {
  const agencies = createMemo(() => new Map(props.profile.agencies.map((a) => [a.id, a])));
  const short = (id: string) => agencies().get(id)?.short ?? id;
  const totals = createMemo(() =>
    props.stats.agencies.reduce((t, a) => ({ open: t.open + a.open, breached: t.breached + a.breachedOpen }), { open: 0, breached: 0 }),
  );
  const rangeText = () => {
    const { trend } = props.stats;
    if (!trend.length) return k.lastDays(props.days);
    const first = dayLabel(trend[0].day);
    const last = dayLabel(trend[trend.length - 1].day);
    return `${k.lastDays(props.days)} · ${first === last ? first : `${first} – ${last}`}`;
  };
  const maxOpen = createMemo(() => Math.max(0, ...Object.values(props.stats.districts)));
  const classes = createMemo(() => classesFor(maxOpen()));

  // Ready once every chart has drawn and the map is idle with its colours (tests and screenshots wait for it).
  const pending = new Set(['ontime', 'trend', 'backlog', 'map']);
  const drawn = (what: string) => {
    pending.delete(what);
    if (!pending.size) document.body.dataset.kinerja = 'ready';
  };

  return (
    <div class="kinerja" classList={{ 'kin-stale': props.stale }} data-testid="kinerja">
      <header class="kin-top">
        <div class="kin-brand">
          <div class="kin-title">{k.title}</div>
          <div class="kin-sub">
            {props.profile.name} · {rangeText()}
          </div>
        </div>
        <div class="kin-totals">
          <div class="kin-total kin-total-breached" data-testid="kinerja-breached">
            <span class="kin-total-num">⚠ {num.format(totals().breached)}</span>
            <span class="kin-total-label">{k.breached}</span>
          </div>
          <div class="kin-total">
            <span class="kin-total-num">{num.format(totals().open)}</span>
            <span class="kin-total-label">{k.open}</span>
          </div>
        </div>
        <div class="kin-right">
          <div class="kin-stamp" classList={{ 'kin-stamp-failing': props.failing }} data-testid="kinerja-updated">
            {props.failing ? k.failed : k.updated} {stampLocal(props.stats.range.asOf)}
          </div>
          <Clock />
        </div>
      </header>

      <main class="kin-body">
        <section class="kin-panel kin-table-panel">
          <table class="kin-table" data-testid="kinerja-table">
            <thead>
              <tr>
                <th class="kin-c-rank">{k.col.rank}</th>
                <th class="kin-c-name">{k.col.agency}</th>
                <th>{k.col.open}</th>
                <th class="kin-c-breached">{k.col.breached}</th>
                <th>
                  {k.col.fixed}
                  <span class="kin-th-sub">{k.col.fixedSub}</span>
                </th>
                <th class="kin-c-void">{k.col.rejected}</th>
                <th class="kin-c-void">{k.col.merged}</th>
                <th>{k.col.responseOnTime}</th>
                <th>{k.col.resolutionOnTime}</th>
                <th>
                  {k.col.median}
                  <span class="kin-th-sub">({k.hours})</span>
                </th>
                <th>{k.col.backlog7}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.stats.agencies}>{(a, i) => <Row a={a} rank={i() + 1} short={short(a.agencyId)} name={agencies().get(a.agencyId)?.name ?? ''} />}</For>
            </tbody>
          </table>
          <p class="kin-rule">{k.rule}</p>
        </section>

        <section class="kin-panel kin-map-panel">
          <h2 class="kin-h">{k.mapTitle}</h2>
          <div class="kin-map-box" data-testid="kinerja-map">
            <MapView profile={props.profile}>
              {(map) => (
                <>
                  <BaseLayers map={map} profile={props.profile} />
                  <ChoroplethLayer map={map} profile={props.profile} counts={() => props.stats.districts} classes={classes} onDrawn={() => drawn('map')} />
                </>
              )}
            </MapView>
          </div>
          <div class="kin-legend" data-testid="kinerja-map-legend">
              <For each={classes().labels}>
                {(label, i) => (
                  <span class="kin-legend-item">
                    <span class="kin-swatch" style={{ background: RAMP[i()] }} />
                    {label}
                  </span>
                )}
              </For>
          </div>
        </section>

        <section class="kin-panel">
          <h2 class="kin-h">{k.ontimeTitle}</h2>
          <ChartBox title={k.ontimeTitle} testid="kinerja-chart-ontime" config={() => (props.width, ontimeConfig(props.stats, short))} onDrawn={() => drawn('ontime')} />
        </section>
        <section class="kin-panel">
          <h2 class="kin-h">{k.trendTitle}</h2>
          <ChartBox title={k.trendTitle} testid="kinerja-chart-trend" config={() => (props.width, trendConfig(props.stats))} onDrawn={() => drawn('trend')} />
        </section>
        <section class="kin-panel">
          <h2 class="kin-h">{k.backlogTitle}</h2>
          <ChartBox title={k.backlogTitle} testid="kinerja-chart-backlog" config={() => (props.width, backlogConfig(props.stats, short))} onDrawn={() => drawn('backlog')} />
        </section>
      </main>
    </div>
  );
}

function Row(props: { a: AgencyFigures; rank: number; short: string; name: string }) {
  const a = () => props.a;
  return (
    <tr data-testid="kinerja-row" data-agency={a().agencyId}>
      <td class="kin-c-rank">{props.rank}</td>
      <td class="kin-c-name" title={props.name}>
        {props.short}
      </td>
      <td>{num.format(a().open)}</td>
      <td class="kin-c-breached">
        <Show when={a().breachedOpen > 0} fallback={<span class="kin-zero">0</span>}>
          <span class="kin-breach">⚠ {num.format(a().breachedOpen)}</span>
        </Show>
      </td>
      <td class="kin-c-fixed">{num.format(a().fixed)}</td>
      <td class="kin-c-void">{num.format(a().rejected)}</td>
      <td class="kin-c-void">{num.format(a().merged)}</td>
      <td>
        <span class={`kin-pct kin-${level(a().responseOnTime)}`}>{fmtPct(a().responseOnTime)}</span>
      </td>
      <td>
        <span class={`kin-pct kin-${level(a().resolutionOnTime)}`}>{fmtPct(a().resolutionOnTime)}</span>
      </td>
      <td>{fmtHours(a().resolutionHours.p50)}</td>
      <td classList={{ 'kin-old': a().backlog.over7d > 0 }}>{num.format(a().backlog.over7d)}</td>
    </tr>
  );
}

/**
 * One Chart.js chart, drawn again from scratch whenever its config changes (new figures once a minute, or a
 * new screen size): destroying and recreating is cheap at this rate and keeps the fonts in step with the viewport.
 */
function ChartBox(props: { title: string; testid: string; config: () => ChartConfiguration<any, any, any>; onDrawn: () => void }) {
  let canvas!: HTMLCanvasElement;
  let chart: Chart | undefined;
  let announced = false;
  onMount(() => {
    createEffect(
      on(props.config, (config) => {
        chart?.destroy();
        chart = new Chart(canvas, config);
        // A canvas is a picture: its text alternative says the figures it draws.
        canvas.setAttribute('aria-label', chartText(props.title, config.data));
        if (!announced) {
          announced = true;
          requestAnimationFrame(() => props.onDrawn());
        }
      }),
    );
  });
  onCleanup(() => chart?.destroy());
  return (
    <div class="kin-chart" data-testid={props.testid}>
      <canvas ref={canvas} role="img" />
    </div>
  );
}
