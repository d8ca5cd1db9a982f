import { createSignal, onCleanup, Show, type Accessor } from 'solid-js';
import { lang } from '../lib/i18n';
import { ageText } from '../lib/freshness';

const LABEL = lang === 'en' ? 'last event' : 'peristiwa terakhir';

/**
 * "peristiwa terakhir 3 mnt lalu" beside the connection state: a quiet wall says how quiet, so a dead feed is
 * never mistaken for a quiet city. Re-read every 15 s (minutes are all it shows).
 */
export function LastEvent(props: { at: Accessor<string | null> }) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => clearInterval(timer));
  return (
    <Show when={props.at()}>
      {(at) => (
        <div class="last-event" data-testid="last-event" data-at={at()}>
          <span class="last-event-label">{LABEL}</span> <span class="last-event-age">{ageText(now() - Date.parse(at()), lang)}</span>
        </div>
      )}
    </Show>
  );
}
