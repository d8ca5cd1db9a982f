import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { FieldJob } from '../../../server/contract/field';
import { MAX_PHOTOS } from '../../lib/report-phase';
import { currentPosition, type Position } from '../../lib/geo-position';
import { PhotoPicker, type PickedPhoto } from '../../components/PhotoPicker';
import { newClientId } from '../../lib/api';
import { ft } from './i18n';
import type { Labels } from './JobCard';

export type ProofDraft = { clientId: string; photos: PickedPhoto[]; note: string; pos: Position | null };

/**
 * Proof of completion: 1-5 photos from the camera (made smaller on the phone), a short note, and where the
 * phone is. Submitting only stores it in the outbox; the outbox sends it when there is signal.
 */
export function ProofSheet(props: { job: FieldJob; labels: Labels; onCancel: () => void; onSubmit: (d: ProofDraft) => void }) {
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [busy, setBusy] = createSignal(0);
  const [note, setNote] = createSignal('');
  const [pos, setPos] = createSignal<Position | null>(null);
  const [locating, setLocating] = createSignal(true);
  const [error, setError] = createSignal<string | null>(null);
  const [submitting, setSubmitting] = createSignal(false);
  // One id for this proof, made once: a double tap or a retry can never make a second proof.
  const clientId = newClientId('proof');
  let positionAsk: Promise<Position | null>;
  let sheet!: HTMLDivElement;

  onMount(() => {
    document.body.classList.add('fp-sheet-open');
    sheet.focus();
    positionAsk = currentPosition({ timeoutMs: 30_000, maxAgeMs: 30_000 }).then((p) => {
      setPos(p);
      setLocating(false);
      return p;
    });
  });
  onCleanup(() => document.body.classList.remove('fp-sheet-open'));

  async function submit(e: Event) {
    e.preventDefault();
    if (submitting() || busy()) return;
    if (!photos().length) {
      setError(ft.needPhoto);
      return;
    }
    setSubmitting(true);
    // A location that is still coming gets a few more seconds; the proof goes without it after that.
    const where = pos() ?? (await Promise.race([positionAsk, new Promise<null>((r) => setTimeout(() => r(null), 3_000))]));
    props.onSubmit({ clientId, photos: photos(), note: note().trim(), pos: where });
  }

  return (
    <div class="fp-sheet" role="dialog" aria-modal="true" aria-labelledby="fp-sheet-title" tabindex="-1" ref={sheet} data-testid="proof-sheet">
      <form class="fp-sheet-body" onSubmit={submit}>
        <div class="fp-sheet-head">
          <h2 id="fp-sheet-title">{ft.proofTitle}</h2>
          <p>
            {props.job.ticket} · {props.labels.category(props.job.categoryId)}
          </p>
        </div>

        <p class="fp-hint">{ft.photosHint}</p>
        <PhotoPicker
          max={MAX_PHOTOS}
          testId="proof-photos"
          prefix="bukti"
          text={{
            take: ft.takePhoto,
            gallery: ft.fromGallery,
            count: (n) => ft.photosCount(n, MAX_PHOTOS),
            processing: ft.processing,
            remove: ft.removePhoto,
            tooMany: ft.tooManyPhotos,
            failed: ft.photoFailed,
          }}
          onChange={(list) => {
            setPhotos(list);
            if (list.length) setError(null);
          }}
          onBusy={(b) => setBusy(b ? 1 : 0)}
        />

        <label class="ph-label" for="fp-note">
          {ft.note}
        </label>
        <textarea
          id="fp-note"
          class="ph-input"
          data-testid="proof-note"
          rows="3"
          maxLength={1000}
          placeholder={ft.notePlaceholder}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
        />

        <div class="fp-loc" data-testid="proof-location">
          <strong>{ft.location}:</strong>{' '}
          {pos() ? ft.locationOk(pos()!.accuracy) : locating() ? ft.locating : ft.locationNone}
        </div>

        <Show when={error()}>
          <p class="ph-error-box" role="alert">
            {error()}
          </p>
        </Show>

        <div class="fp-sheet-actions">
          <button class="btn btn-go btn-block" type="submit" data-testid="proof-submit" disabled={submitting() || busy() > 0}>
            {ft.submitProof}
          </button>
          <button class="btn btn-outline btn-block" type="button" onClick={() => props.onCancel()}>
            {ft.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}
