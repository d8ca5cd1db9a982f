import { For, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import { photoUrl, type ProofDetail, type StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import type { OverlayPhoto } from './PhotoOverlay';

/** Every photo of a report in the overlay's order: the citizen's (before), then the proof's (after). */
export function allPhotos(r: StaffReport, proof: ProofDetail | null): OverlayPhoto[] {
  const before = r.photos.map((hash, i) => ({ hash, caption: `${ct.before} ${i + 1}` }));
  const after = (proof?.photos ?? []).map((hash, i) => ({ hash, caption: `${ct.after} ${i + 1}` }));
  return [...before, ...after];
}

/** The citizen's photos, or, once proof is in, before beside after with the proof's flags and note. */
export function ReportPhotos(props: { report: StaffReport; proof: ProofDetail | null; proofReturned: boolean; onOpen: (photos: OverlayPhoto[], start: number) => void }) {
  const r = () => props.report;
  const openPhotos = (list: OverlayPhoto[], start: number) => props.onOpen(list, start);
  const photos = () => allPhotos(props.report, props.proof);
  return (
    <Show
      when={props.proof}
      fallback={
        <section class="cn-section">
          <h3>{ct.photos}</h3>
          <Show when={r().photos.length} fallback={<p class="cn-muted">{ct.noPhotos}</p>}>
            <div class="cn-photos" classList={{ single: r().photos.length === 1 }}>
              <For each={r().photos}>
                {(h, i) => (
                  <button type="button" class="cn-photo" data-testid="report-photo" onClick={() => openPhotos(photos(), i())}>
                    <img src={photoUrl(h, r().photos.length === 1 ? 'display' : 'thumb')} alt={`${ct.before} ${i() + 1}`} loading="lazy" />
                  </button>
                )}
              </For>
            </div>
          </Show>
        </section>
      }
    >
      {(p) => (
        <section class="cn-section cn-proof" classList={{ awaiting: r().status === 'proof_submitted' }} data-testid="proof-section">
          <h3>
            {r().status === 'proof_submitted' ? ct.proofAwaiting : ct.proofLatest}
            <Show when={props.proofReturned}>
              <span class="cn-badge phase-grey">{ct.events['report.proof_returned']}</span>
            </Show>
          </h3>
          <div class="cn-beforeafter">
            <figure>
              <figcaption>{ct.before}</figcaption>
              <Show when={r().photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                {(h) => (
                  <button type="button" class="cn-photo" data-testid="report-photo" onClick={() => openPhotos(photos(), 0)}>
                    <img src={photoUrl(h(), 'display')} alt={ct.before} />
                  </button>
                )}
              </Show>
            </figure>
            <figure>
              <figcaption>{ct.after}</figcaption>
              <Show when={p().photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                {(h) => (
                  <button type="button" class="cn-photo" data-testid="proof-photo" onClick={() => openPhotos(photos(), r().photos.length)}>
                    <img src={photoUrl(h(), 'display')} alt={ct.after} />
                  </button>
                )}
              </Show>
            </figure>
          </div>
          <Show when={r().photos.length + p().photos.length > 2}>
            <div class="cn-photos-strip">
              <For each={photos()}>
                {(ph, i) => (
                  <button type="button" class="cn-photo" onClick={() => openPhotos(photos(), i())} title={ph.caption}>
                    <img src={photoUrl(ph.hash, 'thumb')} alt={ph.caption} loading="lazy" />
                  </button>
                )}
              </For>
            </div>
          </Show>
          <Show when={p().flags.length}>
            <ul class="cn-flags" data-testid="proof-flags">
              <For each={p().flags}>
                {(f) => (
                  <li data-testid="proof-flag" data-flag={f}>
                    ⚠ {ct.flags[f] ?? f}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <dl class="cn-meta cn-meta-tight">
            <Show when={p().note}>
              <dt>{ct.proofNote}</dt>
              <dd>“{p().note}”</dd>
            </Show>
            <Show when={p().capturedAt}>
              <dt>{ct.proofTaken}</dt>
              <dd>{whenLocal(p().capturedAt!)}</dd>
            </Show>
            <Show when={p().distanceM !== null}>
              <dt>{ct.location}</dt>
              <dd>{ct.proofDistance(p().distanceM!)}</dd>
            </Show>
          </dl>
        </section>
      )}
    </Show>
  );
}
