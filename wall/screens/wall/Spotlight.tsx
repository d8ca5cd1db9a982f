import { For, Show } from 'solid-js';
import type { ReportPublic } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';

const photoOf = (r: ReportPublic) => (r.photos[0] ? `/media/${r.photos[0]}/display.webp` : null);

/**
 * The new reports, large: one alone with its photo, what, where, channel, ticket and when; several that came in
 * together as a strip (newest first), each with its photo, so none is skipped (wall/lib/spotlight-policy.ts).
 * Only the public view reaches the wall; the reporter's name and contact never do.
 */
export function Spotlight(props: { reports: ReportPublic[]; waiting: number; folded: number; labels: ProfileLabels }) {
  const district = (r: ReportPublic) => props.labels.district(r.districtCode) ?? t.unknownDistrict;
  const Photo = (p: { r: ReportPublic }) => (
    <Show when={photoOf(p.r)} keyed fallback={<div class="photo-missing">{t.noPhoto}</div>}>
      {(src) => <img src={src} alt="" decoding="async" />}
    </Show>
  );

  return (
    <section class="spotlight" classList={{ strip: props.reports.length > 1 }} data-testid="spotlight" data-report-id={props.reports[0]?.id} data-count={props.reports.length}>
      <div class="spotlight-kicker">
        <span class="kicker-dot" />
        {props.reports.length > 1 ? t.newReports(props.reports.length) : t.newReport}
      </div>
      <Show
        when={props.reports.length > 1}
        fallback={
          <Show when={props.reports[0]} keyed>
            {(r) => (
              <>
                <div class="spotlight-photo">
                  <Photo r={r} />
                </div>
                <div class="spotlight-body">
                  <div class="spotlight-category">{props.labels.category(r.categoryId)}</div>
                  <div class="spotlight-district">
                    <span class="field-label">{t.district}</span> {district(r)}
                  </div>
                  <dl class="spotlight-facts">
                    <div>
                      <dt>{t.ticket}</dt>
                      <dd class="ticket" data-testid="spotlight-ticket">{r.ticket}</dd>
                    </div>
                    <div>
                      <dt>{t.channelLabel}</dt>
                      <dd>{t.channel[r.channel] ?? r.channel}</dd>
                    </div>
                    <div>
                      <dt>{t.received}</dt>
                      <dd>{stampLocal(r.createdAt)}</dd>
                    </div>
                  </dl>
                </div>
              </>
            )}
          </Show>
        }
      >
        <ol class="spotlight-strip">
          <For each={props.reports}>
            {(r) => (
              <li class="strip-tile" data-report-id={r.id}>
                <div class="strip-photo">
                  <Photo r={r} />
                </div>
                <div class="strip-text">
                  <div class="strip-category">{props.labels.category(r.categoryId)}</div>
                  <div class="strip-district">{district(r)}</div>
                  <div class="strip-meta">
                    <span class="ticket" data-testid="spotlight-ticket">{r.ticket}</span> · {stampLocal(r.createdAt)}
                  </div>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={props.folded > 0}>
        <div class="spotlight-waiting" data-testid="spotlight-folded">{t.foldedOnMap(props.folded)}</div>
      </Show>
      <Show when={props.waiting > 0}>
        <div class="spotlight-waiting" data-testid="spotlight-waiting">{t.queued(props.waiting)}</div>
      </Show>
    </section>
  );
}
