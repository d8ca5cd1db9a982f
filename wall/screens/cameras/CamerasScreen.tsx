import { createEffect, createMemo, createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { t } from '../../lib/i18n';
import { ScreenGate, StaleBanner } from '../../components/ScreenGate';
import { Clock } from '../../components/Clock';
import { LastEvent } from '../../components/LastEvent';
import { ct } from './i18n';
import { CAMERA_COLOR, stateOf, type CameraState } from './theme';
import { createLiveScreen } from '../../lib/live-screen';
import { mergeCamera, pollCameraStats } from './stats';
import { fitGrid } from './grid-fit';
import { createNow } from './now';
import { CameraTile } from './CameraTile';
import './cameras.css';

const SUMMARY: readonly Exclude<CameraState, 'unknown'>[] = ['online', 'degraded', 'offline'];
const fmt = new Intl.NumberFormat(t.locale);

/**
 * /wall/kamera: every camera of the city in one grid that fits the screen without scrolling, each with its
 * latest picture and state; paired like /wall (the same display token), live from the same stream.
 */
export default function CamerasScreen() {
  // Camera events only: the grid has no use for the reports' stream or a catch-up of every marker.
  const { token, live, profile } = createLiveScreen({ camerasOnly: true });
  const { stats, loaded } = pollCameraStats(token);
  const now = createNow();
  const conn = () => live.connection();

  // Stable order (by name): a camera keeps its place on the wall, so the room learns where to look.
  const ids = createMemo(
    () =>
      live
        .cameraList()
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name, t.locale) || a.id.localeCompare(b.id))
        .map((c) => c.id),
    [],
    { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) },
  );
  const summary = createMemo(() => {
    const n = { online: 0, degraded: 0, offline: 0, unknown: 0 };
    for (const c of live.cameraList()) n[stateOf(c)]++;
    return n;
  });

  createEffect(() => {
    if (live.caughtUp() && loaded()) document.body.dataset.cameras = 'ready';
  });
  onCleanup(() => delete document.body.dataset.cameras);

  return (
    <ScreenGate connection={conn} caughtUp={live.caughtUp} profile={profile}>
      {(p) => (
          <div class="wall cam-screen" classList={{ stale: conn() === 'reconnecting' }}>
            <header class="header">
              <div class="brand">
                <div class="brand-city">{p().name}</div>
                <div class="brand-sub">
                  <span>
                    {t.appName} · {ct.screenTitle}
                  </span>
                  <span class={`conn conn-${conn()}`} data-testid="connection" data-state={conn()}>
                    <span class="conn-dot" />
                    {conn() === 'connected' ? t.connected : conn() === 'reconnecting' ? t.reconnecting : t.connecting}
                  </span>
                </div>
              </div>
              <div class="counts" data-testid="camera-summary">
                <For each={SUMMARY}>
                  {(s) => (
                    <div class={`count cam-sum cam-sum-${s}`} classList={{ 'cam-sum-zero': summary()[s] === 0 }} data-testid={`camera-sum-${s}`}>
                      <span class="count-swatch cam-sum-swatch" style={{ background: CAMERA_COLOR[s] }} />
                      <span class="count-num">{fmt.format(summary()[s])}</span>
                      <span class="count-label">{ct.summary[s]}</span>
                    </div>
                  )}
                </For>
              </div>
              <div class="header-right">
                <Clock />
                <LastEvent at={live.lastEventAt} />
              </div>
            </header>
            <StaleBanner live={live} />
            <Show when={ids().length} fallback={<div class="fullscreen-message cam-none">{ct.noCameras}</div>}>
              <CameraGrid ids={ids()}>
                {(id) => (
                  <Show when={live.camera(id)}>
                    {(cam) => {
                      const merged = createMemo(() => mergeCamera(cam(), stats().get(id)));
                      return <CameraTile camera={merged()} token={token} now={now()} />;
                    }}
                  </Show>
                )}
              </CameraGrid>
            </Show>
          </div>
      )}
    </ScreenGate>
  );
}

/** The grid itself: as many columns and rows as make the largest tiles for this count on this screen. */
function CameraGrid(props: { ids: readonly string[]; children: (id: string) => JSX.Element }) {
  let el!: HTMLDivElement;
  const [box, setBox] = createSignal({ w: 0, h: 0, gap: 0 });
  onMount(() => {
    const measure = () => {
      const cs = getComputedStyle(el);
      const padX = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
      const padY = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom);
      setBox({ w: el.clientWidth - padX, h: el.clientHeight - padY, gap: parseFloat(cs.columnGap) || 0 });
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    onCleanup(() => ro.disconnect());
  });
  const layout = createMemo(() => fitGrid(props.ids.length, box().w, box().h, box().gap));

  return (
    <div
      ref={el}
      class="cam-grid"
      data-testid="camera-grid"
      data-cols={layout().cols}
      data-rows={layout().rows}
      style={{ 'grid-template-columns': `repeat(${layout().cols}, minmax(0, 1fr))`, 'grid-template-rows': `repeat(${layout().rows}, minmax(0, 1fr))` }}
    >
      <For each={props.ids}>{(id) => props.children(id)}</For>
    </div>
  );
}
