import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { photoUrl } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';

export type OverlayPhoto = { hash: string; caption: string };

/** A photo at full size over the whole console; arrows step through the report's photos, Esc closes. */
export function PhotoOverlay(props: { photos: OverlayPhoto[]; start: number; onClose: () => void }) {
  const [i, setI] = createSignal(Math.min(props.start, props.photos.length - 1));
  const n = props.photos.length;
  let closeBtn!: HTMLButtonElement;
  const step = (d: number) => setI((x) => (x + d + n) % n);

  function onKey(e: KeyboardEvent) {
    if (e.key === 'Escape') props.onClose();
    else if (e.key === 'ArrowRight' || e.key === 'l') step(1);
    else if (e.key === 'ArrowLeft' || e.key === 'h') step(-1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
  onMount(() => closeBtn.focus());
  window.addEventListener('keydown', onKey, true);
  onCleanup(() => window.removeEventListener('keydown', onKey, true));

  const photo = () => props.photos[i()];
  return (
    <div class="cn-overlay" data-testid="photo-overlay" role="dialog" aria-modal="true" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <img src={photoUrl(photo().hash, 'display')} alt={photo().caption} onClick={() => props.onClose()} />
      <div class="cn-overlay-bar">
        <span>
          {photo().caption} · {ct.photoOf(i() + 1, n)}
        </span>
        <Show when={n > 1}>
          <button type="button" class="cn-btn cn-btn-sm" onClick={() => step(-1)} aria-label="previous">
            ←
          </button>
          <button type="button" class="cn-btn cn-btn-sm" onClick={() => step(1)} aria-label="next">
            →
          </button>
        </Show>
        <button ref={closeBtn} type="button" class="cn-btn cn-btn-sm" data-testid="photo-overlay-close" onClick={() => props.onClose()}>
          {ct.closeOverlay}
        </button>
      </div>
    </div>
  );
}
