import { For, Show } from 'solid-js';
import { stampLocal } from '../../lib/time';
import { ft } from './i18n';
import type { OutboxItem } from './outbox';

/** What the hub refused for good (a 4xx): said plainly, and kept on screen until the supervisor dismisses it. */
export function FailedList(props: { items: OutboxItem[]; onDismiss: (item: OutboxItem) => void }) {
  return (
    <Show when={props.items.length}>
      <section class="fp-failed" role="alert" data-testid="outbox-failed">
        <h2>{ft.failedTitle}</h2>
        <For each={props.items}>
          {(item) => (
            <div class="fp-failed-item" data-testid="outbox-failed-item">
              <p class="fp-failed-what">
                {ft.failedWhat[item.kind]} · {item.ticket} · {stampLocal(item.createdAt)}
              </p>
              <p class="fp-failed-why">{item.error ? ft.errors[item.error.status] ?? ft.httpError(item.error.status, item.error.message) : ''}</p>
              <Show when={item.error}>
                {(e) => (
                  <p class="fp-failed-server">
                    {ft.serverSaid} ({e().status}): {e().message}
                  </p>
                )}
              </Show>
              <button class="btn btn-dark btn-small" type="button" data-testid="outbox-dismiss" onClick={() => props.onDismiss(item)}>
                {ft.dismiss}
              </button>
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}
