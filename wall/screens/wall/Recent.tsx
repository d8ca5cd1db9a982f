import { For, Show } from 'solid-js';
import type { Live, Marker } from '../../lib/live';
import type { Phase } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import { PHASE_COLOR } from './map/theme';

/** When no new report is in the spotlight: the latest reports with their current colour, and the legend. */
export function Recent(props: { items: readonly Marker[]; live: Live; labels: ProfileLabels }) {
  // Re-read on every applied event, so a row's colour follows its report.
  const phaseOf = (m: Marker): Phase => {
    props.live.seq();
    return props.live.get(m.id)?.phase ?? m.phase;
  };

  return (
    <section class="recent" data-testid="recent">
      <h2 class="panel-title">{t.latestReports}</h2>
      <Show when={props.items.length} fallback={<p class="recent-empty">{t.noRecent}</p>}>
        <ol class="recent-list">
          <For each={props.items}>
            {(m) => (
              <li class="recent-item">
                <span class="recent-dot" style={{ background: PHASE_COLOR[phaseOf(m)] }} />
                <div class="recent-text">
                  <div class="recent-category">{props.labels.category(m.categoryId)}</div>
                  <div class="recent-meta">
                    {props.labels.district(m.districtCode) ?? t.unknownDistrict} · {stampLocal(m.createdAt)}
                  </div>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <div class="legend">
        <h2 class="panel-title">{t.legend}</h2>
        <For each={['red', 'yellow', 'green', 'grey'] as const}>
          {(p) => (
            <div class="legend-item">
              <span class="legend-dot" style={{ background: PHASE_COLOR[p] }} />
              {t.phase[p]}
            </div>
          )}
        </For>
      </div>
    </section>
  );
}
