import { createSignal, For, onCleanup, Show } from 'solid-js';
import { shrinkPhoto } from '../lib/photo-resize';
import { CameraIcon } from './icons';

export type PickedPhoto = { blob: Blob; name: string; url: string };

export type PhotoPickerText = {
  take: string;
  gallery: string;
  count: (n: number) => string;
  processing: string;
  remove: string;
  tooMany: string;
  failed: string;
};

/**
 * Camera and gallery buttons for 1..max photos, each made smaller on the phone (see photo-resize) and shown as
 * a thumbnail with a remove button. The camera input carries `capture="environment"`: on a phone it opens the
 * back camera at once (one photo per tap, tap again for more); the gallery input picks existing photos.
 */
export function PhotoPicker(props: {
  max: number;
  text: PhotoPickerText;
  testId: string;
  /** Name of each file sent, numbered: `${prefix}-1.jpg`. */
  prefix: string;
  invalid?: boolean;
  onChange: (photos: PickedPhoto[]) => void;
  onBusy?: (busy: boolean) => void;
}) {
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [busy, setBusy] = createSignal(0);
  const [error, setError] = createSignal<string | null>(null);
  const full = () => photos().length + busy() >= props.max;

  onCleanup(() => {
    for (const p of photos()) URL.revokeObjectURL(p.url); // whoever took the blobs keeps them
  });

  function publish(list: PickedPhoto[]) {
    setPhotos(list);
    props.onChange(list);
  }

  async function add(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo can be picked again after removing it
    setError(null);
    const room = props.max - photos().length - busy();
    if (files.length > room) setError(props.text.tooMany);
    const take = files.slice(0, Math.max(0, room));
    setBusy((n) => n + take.length);
    props.onBusy?.(true);
    for (const file of take) {
      try {
        const shrunk = await shrinkPhoto(file);
        const list = photos();
        publish([...list, { blob: shrunk.blob, name: `${props.prefix}-${list.length + 1}.jpg`, url: URL.createObjectURL(shrunk.blob) }]);
      } catch {
        setError(props.text.failed);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    props.onBusy?.(busy() > 0);
  }

  function remove(p: PickedPhoto) {
    URL.revokeObjectURL(p.url);
    publish(photos().filter((x) => x !== p).map((x, i) => ({ ...x, name: `${props.prefix}-${i + 1}.jpg` })));
  }

  return (
    <div class="ph-picker" classList={{ invalid: !!props.invalid }}>
      <div class="ph-picker-buttons">
        <label class="btn btn-go btn-block ph-file ph-take" classList={{ disabled: full() }}>
          <CameraIcon /> {props.text.take}
          <input type="file" accept="image/*" capture="environment" multiple data-testid={props.testId} disabled={full()} onChange={(e) => void add(e.currentTarget)} />
        </label>
        <label class="btn btn-outline btn-block ph-file" classList={{ disabled: full() }}>
          {props.text.gallery}
          <input type="file" accept="image/*" multiple data-testid={`${props.testId}-gallery`} disabled={full()} onChange={(e) => void add(e.currentTarget)} />
        </label>
      </div>
      <div class="ph-count" data-testid={`${props.testId}-count`} data-count={photos().length}>
        {props.text.count(photos().length)}
        <Show when={busy()}> · {props.text.processing}</Show>
      </div>
      <Show when={photos().length}>
        <div class="ph-thumbs">
          <For each={photos()}>
            {(p) => (
              <div class="ph-thumb">
                <img src={p.url} alt="" />
                <button type="button" class="ph-thumb-x" aria-label={props.text.remove} onClick={() => remove(p)}>
                  ✕
                </button>
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={error()}>
        <p class="ph-field-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}
