import { createMemo, createSignal, onCleanup, Show, type Accessor } from 'solid-js';
import type { ReportPublic } from '../../../server/contract/reports';
import { profileLabels } from '../../lib/profile';
import { createLiveScreen } from '../../lib/live-screen';
import { lang, t } from '../../lib/i18n';
import { ScreenGate, StaleBanner } from '../../components/ScreenGate';
import { Header } from './Header';
import { Spotlight } from './Spotlight';
import { Recent } from './Recent';
import { createSpotlight } from './spotlight-live';
import { createRecentList } from './recent-list';
import { MapView } from './map/MapView';
import { BaseLayers } from './map/BaseLayers';
import { ReportsLayer } from './map/ReportsLayer';
import { PulseLayer } from './map/PulseLayer';
import { CamerasLayer } from './map/CamerasLayer';
import { CameraAlerts } from './CameraAlerts';
import { createRoomActions } from './room-actions';
import { RoomNotice } from './RoomNotice';
import { DoneMoment } from './DoneMoment';
import './room-actions.css';
import { inWindow, windowFromUrl, windowHeader, windowToUrl, type TimeWindow } from '../../lib/time-window';
import { createWindowedCounts } from './window-counts';
import { WindowControl } from './WindowControl';
import { embedded } from '../../lib/views';

/** The LIVE wall: the city's reports on a map as they happen, the newest one's photo, and the counts. */
export default function WallScreen(props: { window?: Accessor<TimeWindow | null> } = {}) {
  const { live, profile } = createLiveScreen();
  // The time window: a display's layout (props.window) wins; else ?jendela=6h, changed by the supervisor's control.
  const [chosen, setChosen] = createSignal<TimeWindow | null>(windowFromUrl());
  const win = () => (props.window ? props.window() : chosen());
  const windowed = createWindowedCounts(live, win);
  // The latest-reports panel keeps to the window too, so nothing on screen contradicts the header.
  const recentInWindow = () => {
    const w = win();
    const items = recent.items();
    if (!w) return items;
    windowed.counts(); // re-filtered when the recount runs, as reports age out
    const now = Date.now();
    return items.filter((m) => inWindow(m.createdAt, w, now));
  };
  const labels = createMemo(() => {
    const p = profile();
    return p ? profileLabels(p, lang) : null;
  });

  const spotlight = createSpotlight<ReportPublic>();
  const offSubmitted = live.onSubmitted((r) => spotlight.push(r));
  const recent = createRecentList(live, 7);
  const room = createRoomActions(live);

  onCleanup(() => {
    offSubmitted();
    spotlight.dispose();
    recent.dispose();
    room.dispose();
  });

  const conn = () => live.connection();
  const [drawn, setDrawn] = createSignal(false);

  return (
    <ScreenGate connection={conn} caughtUp={live.caughtUp} profile={profile} behind>
      {(p) => (
          <div class="wall" classList={{ stale: conn() === 'reconnecting' }}>
            <Header city={p().name} live={live} counts={windowed.counts} breached={windowed.breached} badge={win() ? windowHeader(win()!) : null} />
            <StaleBanner live={live} />
            <Show when={conn() === 'connecting'}>
              <div class="banner banner-connecting" data-testid="connecting-banner">{t.connectingBanner}</div>
            </Show>
            <main class="wall-body">
              <div class="map-area">
                <MapView profile={p()} onMap={(m) => (window.__pantau!.map = m)}>
                  {(map) => (
                    <>
                      <BaseLayers map={map} profile={p()} />
                      <ReportsLayer map={map} live={live} window={win} onReady={() => ((document.body.dataset.live = 'ready'), setTimeout(() => setDrawn(true)))} />
                      {/* The reports first: the map's one worker lays out 5,000 camera symbols once they are drawn (a task later). */}
                      <Show when={drawn()}>
                        <CamerasLayer map={map} live={live} />
                        <PulseLayer map={map} live={live} />
                      </Show>
                    </>
                  )}
                </MapView>
                <CameraAlerts live={live} />
                {/* In a layout's frame the supervisor set the window from the console: no control on the wall. */}
                <Show when={!props.window && !embedded()}>
                  <WindowControl
                    value={chosen()}
                    onChange={(w) => {
                      setChosen(w);
                      windowToUrl(w);
                    }}
                  />
                </Show>
                <Show when={room.done()} keyed>
                  {(d) => <DoneMoment done={d} profile={p()} labels={labels()!} />}
                </Show>
                <RoomNotice notice={room.notice()} profile={p()} labels={labels()!} />
              </div>
              {/* The panel (and its photos) once the markers are drawn: the map comes first. */}
              <aside class="side">
                <Show when={drawn()}>
                  <Show when={spotlight.shown().length ? spotlight.shown() : null} keyed fallback={<Recent items={recentInWindow()} live={live} labels={labels()!} />}>
                    {(reports) => <Spotlight reports={reports} waiting={spotlight.waiting()} folded={spotlight.folded()} labels={labels()!} />}
                  </Show>
                </Show>
              </aside>
            </main>
          </div>
      )}
    </ScreenGate>
  );
}
