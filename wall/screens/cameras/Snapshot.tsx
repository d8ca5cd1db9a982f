import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { ct } from './i18n';

/**
 * A camera's latest picture. A new one is loaded off-screen and swapped in only once it has arrived, so
 * a tile never flashes empty; the hub sends snapshots as no-store, so the loaded element itself is shown
 * (a second <img> would fetch it again). At most one load per tile is under way.
 */
export function Snapshot(props: { src: string | null; alt: string }) {
  const [shown, setShown] = createSignal<HTMLImageElement | null>(null);
  const [missing, setMissing] = createSignal(false);
  let pending: HTMLImageElement | null = null;
  let wanted: string | null = null;

  const cancel = () => {
    if (!pending) return;
    pending.onload = pending.onerror = null;
    pending.src = '';
    pending = null;
  };

  createEffect(() => {
    const src = props.src;
    if (src === wanted) return;
    wanted = src;
    cancel();
    if (!src) {
      setShown(null);
      setMissing(true);
      return;
    }
    const img = new Image();
    img.alt = props.alt;
    img.className = 'cam-tile-img';
    img.decoding = 'async';
    pending = img;
    img.onload = () => {
      if (pending !== img) return;
      pending = null;
      setShown(img);
      setMissing(false);
    };
    img.onerror = () => {
      if (pending !== img) return;
      pending = null;
      // A picture that fails to load keeps the last one; with none yet, the tile says so.
      if (!shown()) setMissing(true);
    };
    img.src = src;
  });
  onCleanup(cancel);

  return (
    <Show when={shown()} keyed fallback={<div class="cam-tile-noimg">{missing() ? ct.noImage : ''}</div>}>
      {(img) => img}
    </Show>
  );
}
