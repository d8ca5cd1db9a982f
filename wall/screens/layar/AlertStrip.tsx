import { Show } from 'solid-js';
import type { Alert } from '../../lib/alert-queue';
import { stampLocal } from '../../lib/time';
import { lt } from './i18n';

/** The alert on screen, across the foot of every layout: one at a time, large, with how many others wait. */
export function AlertStrip(props: { current: Alert | null; others: number }) {
  return (
    <Show when={props.current} keyed>
      {(a) => (
        <div class={`layar-alert layar-alert-${a.kind}`} role="alert" data-testid="wall-alert" data-kind={a.kind} data-key={a.key}>
          <span class="layar-alert-title">{a.title}</span>
          <span class="layar-alert-detail">{a.detail}</span>
          <span class="layar-alert-since">
            {lt.since} {stampLocal(a.since)}
          </span>
          <Show when={props.others > 0}>
            <span class="layar-alert-more">{lt.more(props.others)}</span>
          </Show>
        </div>
      )}
    </Show>
  );
}
