import { Show } from 'solid-js';
import { timeLocal, zoneName } from '../../lib/time';
import { t } from '../../lib/i18n';
import { ago, ct, percent } from './i18n';
import { CAMERA_COLOR, lastGoodOf, stateOf } from './theme';
import type { CameraWithUptime } from '../../../server/contract/cameras';
import { Snapshot } from './Snapshot';
import { LiveVideo } from '../../components/LiveVideo';
import { embedded } from '../../lib/views';

/** An online camera whose last good picture is older than this says so (it is probed every ~10 s). */
const STALE_MS = 2 * 60_000;

/**
 * One camera in the grid: its latest picture filling the tile, the name and state over the top, its uptime
 * along the bottom. Offline: the picture dimmed under a big OFFLINE, since when, and how long since its
 * last good picture; degraded: the reason (frozen, black, slow) and the last good picture. Text sizes
 * follow the tile (container units), so the same tile reads at 10 cameras and at 100.
 */

export function CameraTile(props: { camera: CameraWithUptime; token: string | null; now: number }) {
  const c = () => props.camera;
  const state = () => stateOf(c());
  const src = () => {
    const at = c().snapshotAt;
    if (!at) return null;
    const q = new URLSearchParams({ t: at });
    if (props.token) q.set('display', props.token);
    return `/api/cameras/${encodeURIComponent(c().id)}/snapshot.webp?${q}`;
  };
  const reason = () => (c().reason ? ct.reason[c().reason!] ?? c().reason : '');
  const lastGood = () => lastGoodOf(c());
  /** "Terakhir bagus 3 mnt lalu": shown on a camera in trouble, and on an online one whose picture is late. */
  const goodLine = () => `${ct.lastGood} ${ago(lastGood(), props.now)}`;
  const stale = () => {
    const at = lastGood();
    return !at || props.now - Date.parse(at) >= STALE_MS;
  };

  return (
    <div
      class={`cam-tile cam-tile-${state()}`}
      data-testid="camera-tile"
      data-camera-id={c().id}
      data-health={state()}
      data-alert={c().alert ?? ''}
      style={{ '--cam-color': CAMERA_COLOR[state()] }}
    >
      <div class="cam-tile-pic">
        {/* Inside a wall layout a camera that streams plays live (only while its tile is on screen). */}
        <Show when={embedded() && c().live && !c().disabled && state() !== 'offline'} fallback={<Snapshot src={src()} alt={c().name} />}>
          <LiveVideo cameraId={c().id} name={c().name} token={props.token} />
        </Show>
      </div>
      <Show when={state() === 'offline'}>
        <div class="cam-tile-center" data-testid="camera-tile-offline">
          <div class="cam-tile-big">{ct.state.offline}</div>
          <Show when={c().healthSince}>
            {(since) => (
              <div class="cam-tile-sub cam-tile-since">
                {ct.since} {timeLocal(since())} {zoneName()}
              </div>
            )}
          </Show>
          <div class="cam-tile-sub">{goodLine()}</div>
        </div>
      </Show>
      <Show when={state() === 'degraded' || state() === 'unknown'}>
        <div class="cam-tile-center" data-testid="camera-tile-reason">
          <Show when={reason()}>
            <div class="cam-tile-mid">{reason()}</div>
          </Show>
          <div class="cam-tile-sub">{goodLine()}</div>
        </div>
      </Show>
      <div class="cam-tile-top">
        <span class="cam-tile-name">{c().name}</span>
        <span class="cam-tile-badge" data-testid="camera-tile-badge">
          {ct.state[state()]}
        </span>
      </div>
      <div class="cam-tile-bottom">
        <Show when={state() === 'online' && stale()}>
          <span class="cam-tile-good">{goodLine()}</span>
        </Show>
        <span class="cam-tile-uptime" data-testid="camera-tile-uptime">
          <span class="cam-tile-k">{ct.uptime}</span> {ct.h24} <b>{percent(c().uptime24h)}</b> <span class="cam-tile-k">·</span> {ct.d7}{' '}
          <b>{percent(c().uptime7d)}</b>
        </span>
      </div>
    </div>
  );
}
