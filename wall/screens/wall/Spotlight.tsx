import { Show } from 'solid-js';
import type { ReportPublic } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';

/**
 * The newest report, large: its photo, what, where, through which channel, its ticket and when.
 * Only the public view reaches the wall; the reporter's name and contact never do.
 */
export function Spotlight(props: { report: ReportPublic; waiting: number; labels: ProfileLabels }) {
  const r = () => props.report;
  const photo = () => (r().photos[0] ? `/media/${r().photos[0]}/display.webp` : null);
  const district = () => props.labels.district(r().districtCode) ?? t.unknownDistrict;

  return (
    <section class="spotlight" data-testid="spotlight" data-report-id={r().id}>
      <div class="spotlight-kicker">
        <span class="kicker-dot" />
        {t.newReport}
      </div>
      <div class="spotlight-photo">
        <Show when={photo()} keyed fallback={<div class="photo-missing">{t.noPhoto}</div>}>
          {(src) => <img src={src} alt="" decoding="async" />}
        </Show>
      </div>
      <div class="spotlight-body">
        <div class="spotlight-category">{props.labels.category(r().categoryId)}</div>
        <div class="spotlight-district">
          <span class="field-label">{t.district}</span> {district()}
        </div>
        <dl class="spotlight-facts">
          <div>
            <dt>{t.ticket}</dt>
            <dd class="ticket" data-testid="spotlight-ticket">{r().ticket}</dd>
          </div>
          <div>
            <dt>{t.channelLabel}</dt>
            <dd>{t.channel[r().channel] ?? r().channel}</dd>
          </div>
          <div>
            <dt>{t.received}</dt>
            <dd>{stampLocal(r().createdAt)}</dd>
          </div>
        </dl>
        <Show when={props.waiting > 0}>
          <div class="spotlight-waiting">{t.queued(props.waiting)}</div>
        </Show>
      </div>
    </section>
  );
}
