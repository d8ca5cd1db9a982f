import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { DisplayLayoutPush } from '../../../server/contract/layouts';
import { playlistTurn } from '../../../server/domain/layouts';
import { takeDisplayToken } from '../../lib/display-token';
import { createLive } from '../../lib/live';
import { connectLive } from '../../lib/socket';
import { fetchProfile } from '../../lib/profile';
import { viewName } from '../../lib/views';
import { t } from '../../lib/i18n';
import { clockLocal, zoneName } from '../../lib/time';
import { watchRelease } from '../../lib/release-watch';
import { ScreenGate } from '../../components/ScreenGate';
import { createWallAlerts } from './alert-sources';
import { AlertStrip } from './AlertStrip';
import { panesOf } from './panes';
import { lt } from './i18n';
import './layar.css';

/** In the last seconds of a playlist turn the screen is about to change: not the moment to reload. */
const BUSY_BEFORE_SWITCH_MS = 5_000;

/**
 * /wall/layar: what a paired display shows when a supervisor runs it from the console. The layout comes from the
 * hub (on every connect, and live when it changes); each view runs in its own frame at its own scale, so a view
 * designed for a whole screen stays right in half of one. Alerts from the live stream run across the foot, and
 * a new front-end release reloads the page at a quiet moment.
 */
export default function LayarScreen() {
  const token = takeDisplayToken();
  const live = createLive();
  window.__pantau = { map: null, live };
  const socket = token ? connectLive(token, live) : null;
  if (!socket) live.setConnection('unpaired');
  const [profile] = createResource(fetchProfile);
  const [layout, setLayout] = createSignal<DisplayLayoutPush | null>(null);
  // The newest assignment wins, whatever order a reconnect delivers them in.
  socket?.on('display.layout', (l) => {
    const held = layout();
    if (!held || l.seq >= held.seq) setLayout(l);
  });

  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 250);
  const alerts = createWallAlerts(live, profile);

  const panes = createMemo(() => {
    const l = layout();
    return l ? panesOf(l.layout) : [];
  });
  const turn = createMemo(() => {
    const l = layout()?.layout;
    if (l?.kind !== 'playlist') return null;
    const t = playlistTurn(l.items, Date.parse(layout()!.at ?? '1970-01-01T00:00:00Z'), now());
    return { ...t, next: l.items[(t.index + 1) % l.items.length], total: l.items[t.index].seconds * 1000 };
  });

  // Quiet: no alert on screen, and a playlist not about to switch (for short turns, in their first half).
  const aboutToSwitch = () => {
    const tn = turn();
    return tn !== null && tn.remainingMs < Math.min(BUSY_BEFORE_SWITCH_MS, tn.total / 2);
  };
  const release = watchRelease({ quiet: () => alerts.quiet() && !aboutToSwitch() });
  socket?.on('connect', release.poke);
  onCleanup(() => {
    clearInterval(clock);
    release.stop();
    socket?.close();
  });

  // URL → pane, so a view keeps its frame as long as its address stays the same.
  const urls = createMemo(() => panes().map((p) => p.url), [], { equals: (a, b) => a.length === b.length && a.every((u, i) => u === b[i]) });
  const paneOf = (url: string) => panes().find((p) => p.url === url);

  return (
    <ScreenGate connection={live.connection} caughtUp={() => live.caughtUp() && layout() !== null} profile={profile}>
      {() => (
        <div class="layar" data-testid="layar" data-kind={layout()!.layout.kind} data-seq={layout()!.seq}>
          {/* The views take what the alert strip leaves: a strip never covers a map's foot or its notices. */}
          <div class="layar-stage" data-testid="layar-stage">
          <For each={urls()}>
            {(url) => {
              const pane = () => paneOf(url);
              const shown = () => pane()?.turn == null || pane()!.turn === turn()?.index;
              return (
                <iframe
                  class="layar-frame"
                  classList={{ 'layar-hidden': !shown() }}
                  src={url}
                  title={pane() ? viewName(pane()!.view) : ''}
                  data-testid="layar-frame"
                  data-view={pane()?.view}
                  data-shown={shown() ? 'yes' : 'no'}
                  style={{
                    left: `${pane()?.box.left ?? 0}%`,
                    top: `${pane()?.box.top ?? 0}%`,
                    width: `${pane()?.box.width ?? 100}%`,
                    height: `${pane()?.box.height ?? 100}%`,
                  }}
                />
              );
            }}
          </For>
          <Show when={turn()}>
            {(tn) => (
              <div class="layar-countdown" data-testid="playlist-countdown" data-index={tn().index}>
                <span class="layar-countdown-label">
                  {lt.next}: <strong>{viewName(tn().next.view)}</strong> {lt.inSeconds(Math.ceil(tn().remainingMs / 1000))}
                </span>
                <span class="layar-countdown-bar" style={{ width: `${(100 * tn().remainingMs) / tn().total}%` }} />
              </div>
            )}
          </Show>
          {/* Over every view, whatever it is (the performance view polls and would notice only later). */}
          <Show when={live.connection() === 'reconnecting'}>
            <div class="layar-stale" role="alert" data-testid="layar-stale">
              {t.staleBanner}
              <Show when={live.disconnectedAt()}>{(at) => <span> · {t.staleSince} {clockLocal(at())} {zoneName()}</span>}</Show>
            </div>
          </Show>
          </div>
          <AlertStrip current={alerts.current()} others={alerts.others()} />
        </div>
      )}
    </ScreenGate>
  );
}
