import { createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE_OF } from '../../../server/contract/reports';
import { REPLAY_SPEEDS, type Replay } from '../../../server/contract/replay';
import { createLive } from '../../lib/live';
import { takeDisplayToken } from '../../lib/display-token';
import { fetchProfile, profileLabels } from '../../lib/profile';
import { lang, t } from '../../lib/i18n';
import { clockLocal, dateLocal, dayLocal, dayStartLocal, timeLocal, zoneName } from '../../lib/time';
import { Header } from '../wall/Header';
import { MapView } from '../wall/map/MapView';
import { BaseLayers } from '../wall/map/BaseLayers';
import { ReportsLayer } from '../wall/map/ReportsLayer';
import { PHASE_COLOR } from '../wall/map/theme';
import { createReplayPlayer } from './replay-player';
import { rt } from './replay-i18n';
import './replay.css';
import { ApiError, request } from '../../lib/api';

/** How many of the latest steps the side panel lists. */
const SHOWN_STEPS = 8;

const params = new URLSearchParams(location.search);

/**
 * /wall/putar-ulang: the city's day played back from the event log for briefings and incident reviews.
 * The wall's own map layers and header, driven by a replay clock instead of the live stream:
 * play/pause, 60×/600×/3600×, a scrubber in WIB, jump to a moment, another day.
 * A supervisor's console session or a paired display's token opens it (?tanggal=YYYY-MM-DD&jam=HH:MM).
 */
export default function ReplayScreen() {
  const token = takeDisplayToken();
  const live = createLive();
  window.__pantau = { map: null, live };
  const player = createReplayPlayer(live);
  const [profile] = createResource(fetchProfile);
  const labels = createMemo(() => (profile() ? profileLabels(profile()!, lang) : null));
  const [day, setDay] = createSignal(params.get('tanggal') ?? dayLocal(new Date()));
  const [problem, setProblem] = createSignal<'login' | 'failed' | null>(null);
  const [loading, setLoading] = createSignal(true);

  async function load(d: string, jumpTo?: number) {
    setLoading(true);
    setProblem(null);
    try {
      // A day's replay can be large and slow to fold: no time limit of our own.
      const r = await request<Replay>(`/api/replay?date=${encodeURIComponent(d)}`, { token, timeoutMs: null });
      player.load(r, jumpTo);
      live.setConnection('connected');
      document.body.dataset.replay = 'ready';
    } catch (err) {
      setProblem(err instanceof ApiError && (err.status === 401 || err.status === 403) ? 'login' : 'failed');
    } finally {
      setLoading(false);
    }
  }
  const jam = params.get('jam');
  const jamAt = (d: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return dayStartLocal(d) + (h * 60 + (m || 0)) * 60_000;
  };
  void load(day(), jam && /^\d\d?:\d\d$/.test(jam) ? jamAt(day(), jam) : undefined);

  // Keyboard for a supervisor at a laptop: space plays/pauses, arrows step five minutes.
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key === ' ') {
      e.preventDefault();
      player.clock().playing ? player.pause() : player.play();
    } else if (e.key === 'ArrowRight') player.seek(player.clock().at + 5 * 60_000);
    else if (e.key === 'ArrowLeft') player.seek(player.clock().at - 5 * 60_000);
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));

  const at = () => player.clock().at;
  document.body.dataset.replayAt = '';
  const recentSteps = createMemo(() => {
    const r = player.replay();
    const n = player.applied();
    document.body.dataset.replayAt = new Date(at() || 0).toISOString();
    return r ? r.steps.slice(Math.max(0, n - SHOWN_STEPS), n).reverse() : [];
  });

  return (
    <Switch>
      <Match when={problem() === 'login'}>
        <div class="fullscreen-message" data-testid="replay-login">
          <h1>{rt.replayOf}</h1>
          <p>{rt.needLogin}</p>
        </div>
      </Match>
      <Match when={!profile() || (loading() && !player.replay()) || (problem() === 'failed' && !player.replay())}>
        <div class="fullscreen-message" data-testid="replay-wait">
          <h1>{profile()?.name ?? t.appName}</h1>
          <p>{problem() === 'failed' ? rt.failed : rt.loading}</p>
        </div>
      </Match>
      <Match when={profile()}>
        {(p) => (
          <div class="wall replay">
            <Header
              city={p().name}
              live={live}
              badge={rt.badge}
              clock={<ReplayClockFace at={at()} />}
            />
            <main class="wall-body">
              <div class="map-area">
                <ReplayMap profile={p()} live={live} />
              </div>
              <aside class="side replay-side">
                <h2 class="panel-title">{rt.events}</h2>
                <Show when={recentSteps().length} fallback={<p class="recent-empty">{rt.noEvents}</p>}>
                  <ol class="replay-steps" data-testid="replay-steps">
                    <For each={recentSteps()}>
                      {([stepAt, , m]) => (
                        <li class="replay-step">
                          <span class="recent-dot" style={{ background: PHASE_COLOR[PHASE_OF[m[1]] ?? 'grey'] }} />
                          <span class="replay-step-time">{timeLocal(stepAt)}</span>
                          <span class="replay-step-text">
                            <b>{t.status[m[1]]}</b> · {labels()?.category(m[2])} · {labels()?.district(m[5]) ?? t.unknownDistrict}
                          </span>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
              </aside>
            </main>
            <footer class="replay-bar" data-testid="replay-bar">
              <button
                type="button"
                class="replay-play"
                data-testid="replay-play"
                onClick={() => (player.clock().playing ? player.pause() : player.play())}
              >
                {player.clock().playing ? `❚❚ ${rt.pause}` : `▶ ${rt.play}`}
              </button>
              <div class="replay-speeds" role="group" aria-label={rt.speed}>
                <For each={REPLAY_SPEEDS}>
                  {(s) => (
                    <button type="button" class="replay-speed" classList={{ on: player.clock().speed === s }} data-speed={s} onClick={() => player.setSpeed(s)}>
                      {s}× <small>{rt.perSecond(s)}</small>
                    </button>
                  )}
                </For>
              </div>
              <input
                class="replay-scrubber"
                data-testid="replay-scrubber"
                type="range"
                aria-label={rt.scrubber}
                aria-valuetext={`${dateLocal(new Date(at()))} ${timeLocal(new Date(at()))}`}
                min={player.clock().from}
                max={player.clock().to}
                step={60_000}
                value={at()}
                onInput={(e) => player.seek(Number(e.currentTarget.value))}
              />
              <label class="replay-field">
                {rt.jump}
                {/* Text, not type=time: a browser's own time picker may show 12-hour AM/PM; the room reads 24-hour WIB. */}
                <input
                  type="text"
                  inputmode="numeric"
                  class="replay-jump"
                  data-testid="replay-jump"
                  placeholder="HH:MM"
                  maxlength={5}
                  value={timeLocal(at())}
                  onInput={(e) => {
                    const v = e.currentTarget.value.trim();
                    if (/^([01]?\d|2[0-3])[:.][0-5]\d$/.test(v)) player.seek(jamAt(dayLocal(at()), v.replace('.', ':')));
                  }}
                />
              </label>
              <label class="replay-field">
                {rt.date}
                <input
                  type="date"
                  data-testid="replay-date"
                  value={day()}
                  max={dayLocal(new Date())}
                  onChange={(e) => {
                    const d = e.currentTarget.value;
                    if (!d) return;
                    setDay(d);
                    const u = new URL(location.href);
                    u.searchParams.set('tanggal', d);
                    history.replaceState(history.state, '', u);
                    void load(d);
                  }}
                />
              </label>
            </footer>
          </div>
        )}
      </Match>
    </Switch>
  );
}

/** The replay's moment in place of the live clock: the same big WIB face, so nobody takes it for now. */
function ReplayClockFace(props: { at: number }) {
  return (
    <div class="clock replay-clock" data-testid="replay-clock">
      <div class="clock-time">
        {clockLocal(props.at)} <span class="clock-zone">{zoneName()}</span>
      </div>
      <div class="clock-date">{dateLocal(props.at)}</div>
    </div>
  );
}

function ReplayMap(props: { profile: PublicProfile; live: ReturnType<typeof createLive> }) {
  return (
    <MapView profile={props.profile} onMap={(m) => (window.__pantau!.map = m)}>
      {(map) => (
        <>
          <BaseLayers map={map} profile={props.profile} />
          <ReportsLayer map={map} live={props.live} onReady={() => (document.body.dataset.live = 'ready')} />
        </>
      )}
    </MapView>
  );
}
