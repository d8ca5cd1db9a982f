import { createSignal, For, Show } from 'solid-js';
import { photoUrl, type ReportDetail, type StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { LiveVideo } from '../../components/LiveVideo';
import type { OverlayPhoto } from './PhotoOverlay';

/** The camera's picture at the time of the report, and the online cameras near it (one live video at a time). */
export function ReportCameras(props: { report: StaffReport; cameras: ReportDetail['cameras'] | undefined; onOpen: (photos: OverlayPhoto[], start: number) => void }) {
  const r = () => props.report;
  /** The one nearby camera whose live video is open (only it streams). */
  const [liveOpen, setLiveOpen] = createSignal<string | null>(null);
  const openPhotos = (list: OverlayPhoto[], start: number) => props.onOpen(list, start);
  return (
    <Show when={r().cameraSnapshot || props.cameras?.length}>
      <section class="cn-section" data-testid="camera-section">
        <div class="cn-cameras">
          <Show when={r().cameraSnapshot}>
            {(c) => (
              <figure>
                <figcaption>
                  {ct.cameraAtReport}
                  <Show when={c().takenAt}> · {whenLocal(c().takenAt!)}</Show>
                </figcaption>
                <button type="button" class="cn-photo" onClick={() => openPhotos([{ hash: c().hash, caption: ct.cameraAtReport }], 0)}>
                  <img src={photoUrl(c().hash, 'thumb')} alt={ct.cameraAtReport} loading="lazy" />
                </button>
              </figure>
            )}
          </Show>
          <Show when={props.cameras?.length}>
            <div class="cn-camera-list">
              <span class="cn-picks-label">{ct.camerasNearby}</span>
              <For each={props.cameras!}>
                {(c) => (
                  <div class="cn-camera-item">
                    <a class="cn-camera" href={`/api/cameras/${encodeURIComponent(c.id)}/snapshot.webp`} target="_blank" rel="noopener">
                      <span>{c.name}</span>
                      <span class="cn-muted">{c.distanceM} m</span>
                    </a>
                    <Show when={c.live}>
                      <button type="button" class="cn-btn cn-btn-ghost cn-live-btn" data-testid="open-live" aria-pressed={liveOpen() === c.id} onClick={() => setLiveOpen(liveOpen() === c.id ? null : c.id)}>
                        {liveOpen() === c.id ? ct.closeLive : ct.openLive}
                      </button>
                    </Show>
                    <Show when={liveOpen() === c.id}>
                      <LiveVideo cameraId={c.id} name={c.name} />
                    </Show>
                  </div>
                )}
              </For>
            </div>
          </Show>
        </div>
      </section>
    </Show>
  );
}
