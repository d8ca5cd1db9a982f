import { Show } from 'solid-js';
import type { Live } from '../../lib/live';
import { ct } from './i18n';
import { countOnline } from './theme';
import './cameras.css';

/** "22/24 kamera aktif" (online of all): ringed in the offline colour when any camera is offline. Hidden in a city without cameras. */
export function CameraCount(props: { live: Live }) {
  const total = () => props.live.cameraList().length;
  const online = () => countOnline(props.live.cameraList());
  const offline = () => props.live.cameraList().some((c) => c.health === 'offline');
  return (
    <Show when={total() > 0}>
      <div class="cam-count" classList={{ 'cam-count-bad': offline() }} data-testid="camera-count" data-online={online()} data-total={total()}>
        <span class="cam-count-icon" aria-hidden="true" />
        <span class="cam-count-num">{ct.headerCount(online(), total())}</span>
        <span class="cam-count-label">{ct.headerCountLabel}</span>
      </div>
    </Show>
  );
}
