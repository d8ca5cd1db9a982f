import { Show } from 'solid-js';
import type { ProfileLabels } from '../../lib/profile';
import type { PublicProfile } from '../../../server/contract/profile';
import { t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import type { DoneMoment as Done } from './room-actions';
import { rt } from './room-actions-i18n';

/**
 * "SELESAI": a verified report's before and after, large over the map for ~15 s, readable from the back of the
 * room. The citizen's photo and the field supervisor's proof photo, side by side.
 */
export function DoneMoment(props: { done: Done; profile: PublicProfile; labels: ProfileLabels }) {
  const d = () => props.done;
  const agency = () => props.profile.agencies.find((a) => a.id === d().agencyId)?.short ?? d().agencyId;
  return (
    <section class="wall-done" data-testid="wall-done" data-report-id={d().id}>
      <div class="wall-done-head">
        <span class="wall-done-kicker">✓ {rt.done}</span>
        <span class="wall-done-ticket">{d().ticket}</span>
        <span class="wall-done-agency">{agency()}</span>
      </div>
      <div class="wall-done-photos">
        <figure>
          <figcaption class="wall-done-before">{rt.before}</figcaption>
          <Show when={d().before} fallback={<div class="photo-missing">{t.noPhoto}</div>}>
            {(h) => <img src={`/media/${h()}/display.webp`} alt="" decoding="async" />}
          </Show>
        </figure>
        <figure>
          <figcaption class="wall-done-after">{rt.after}</figcaption>
          <Show when={d().after} fallback={<div class="photo-missing">{rt.noProof}</div>}>
            {(h) => <img src={`/media/${h()}/display.webp`} alt="" decoding="async" data-testid="wall-done-after" />}
          </Show>
        </figure>
      </div>
      <div class="wall-done-foot">
        <span class="wall-done-cat">{props.labels.category(d().categoryId)}</span>
        <span>{props.labels.district(d().districtCode) ?? t.unknownDistrict}</span>
        <span>
          {rt.verifiedAt} {stampLocal(d().at)}
        </span>
      </div>
    </section>
  );
}
