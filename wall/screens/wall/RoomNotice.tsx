import { Show } from 'solid-js';
import type { ProfileLabels } from '../../lib/profile';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE_COLOR } from './map/theme';
import type { Notice } from './room-actions';
import { rt } from './room-actions-i18n';

/** One line at the foot of the map: what the room just did ("DBMSDA menugaskan TNG-2026-000123 ke lapangan"). */
export function RoomNotice(props: { notice: Notice | null; profile: PublicProfile; labels: ProfileLabels }) {
  const agency = (id: string) => props.profile.agencies.find((a) => a.id === id)?.short ?? id;
  return (
    <Show when={props.notice} keyed>
      {(n) => (
        <div class="wall-notice" data-testid="wall-notice" data-type={n.type} data-ticket={n.ticket} role="status">
          <span class="wall-notice-dot" style={{ background: PHASE_COLOR[n.phase] }} />
          <span class="wall-notice-text">{rt.notice[n.type]?.(agency(n.agencyId), n.ticket) ?? `${agency(n.agencyId)} · ${n.ticket}`}</span>
          <span class="wall-notice-cat">{props.labels.category(n.categoryId)}</span>
        </div>
      )}
    </Show>
  );
}
