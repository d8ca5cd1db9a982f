import { createMemo, For, Show } from 'solid-js';
import type { CameraPublic } from '../../../server/contract/cameras';
import type { Live } from '../../lib/live';
import { stampLocal } from '../../lib/time';
import { ct } from '../cameras/i18n';
import { CAMERA_COLOR, stateOf } from '../cameras/theme';
import { CameraCount } from '../cameras/CameraCount';
import '../cameras/cameras.css';

/** At most this many alerts on the map at once; the rest are one "+N" line. */
const MAX_SHOWN = 4;

/**
 * The map's camera corner (top left): "Kamera aktif 22/24", and under it
 * "KAMERA MATI: Simpang Cikokol · sejak 14:05 WIB" at the top left of the map, one line per camera whose
 * alert is open, newest first, until it recovers. An acknowledged alert stays, dimmed and marked, while the
 * camera is still dark (the room knows, but it is not fixed); it goes when the camera recovers. The list is
 * the cameras' current state, never a history, so it cannot grow beyond the city's cameras.
 */
export function CameraAlerts(props: { live: Live }) {
  const alerts = createMemo(() =>
    props.live
      .cameraList()
      .filter((c) => c.alert !== null)
      .sort((a, b) => rank(a) - rank(b) || (b.healthSince ?? '').localeCompare(a.healthSince ?? '') || a.name.localeCompare(b.name)),
  );
  const shown = () => alerts().slice(0, MAX_SHOWN);
  const more = () => alerts().length - shown().length;

  return (
    <div class="cam-alerts" data-testid="camera-alerts">
      <CameraCount live={props.live} />
      <div class="cam-alert-list" role="alert">
        <For each={shown()}>
          {(c) => (
            <div
              class="cam-alert"
              classList={{ 'cam-alert-ack': c.alert === 'acknowledged' }}
              data-testid="camera-alert"
              data-camera-id={c.id}
              data-alert={c.alert}
              data-health={stateOf(c)}
              style={{ '--cam-color': CAMERA_COLOR[stateOf(c)] }}
            >
              <span class="cam-alert-kicker">
                <span class="cam-alert-dot" />
                {c.health === 'offline' ? ct.alertDead : ct.alertTrouble}
              </span>
              <span class="cam-alert-name">{c.name}</span>
              <Show when={c.healthSince}>
                {(since) => (
                  <span class="cam-alert-since">
                    · {ct.since} {stampLocal(since())}
                  </span>
                )}
              </Show>
              <Show when={c.alert === 'acknowledged'}>
                <span class="cam-alert-ack-label">{ct.acknowledged}</span>
              </Show>
            </div>
          )}
        </For>
        <Show when={more() > 0}>
          <div class="cam-alert-more" data-testid="camera-alert-more">
            {ct.moreAlerts(more())}
          </div>
        </Show>
      </div>
    </div>
  );
}

/** Open alerts before acknowledged ones; offline before a camera that is back but not yet trusted. */
const rank = (c: CameraPublic) => (c.alert === 'open' ? 0 : 2) + (c.health === 'offline' ? 0 : 1);
