import { For } from 'solid-js';
import type { Live } from '../../lib/live';
import type { Phase } from '../../../server/contract/reports';
import { t } from '../../lib/i18n';
import { Clock } from '../../components/Clock';

const SHOWN: readonly Exclude<Phase, 'grey'>[] = ['red', 'yellow', 'green'];
const fmt = new Intl.NumberFormat(t.locale);

/** City name, live counts per phase, connection, and the WIB clock: readable from the back of the room. */
export function Header(props: { city: string; live: Live }) {
  const conn = () => props.live.connection();
  const connLabel = () => (conn() === 'connected' ? t.connected : conn() === 'reconnecting' ? t.reconnecting : t.connecting);

  return (
    <header class="header">
      <div class="brand">
        <div class="brand-city">{props.city}</div>
        <div class="brand-sub">
          <span>
            {t.appName} · {t.liveRoom}
          </span>
          <span class={`conn conn-${conn()}`} data-testid="connection" data-state={conn()}>
            <span class="conn-dot" />
            {connLabel()}
          </span>
        </div>
      </div>

      <div class="counts" data-testid="counts">
        <For each={SHOWN}>
          {(phase) => (
            <div class={`count count-${phase}`} data-testid={`count-${phase}`}>
              <span class="count-swatch" />
              <span class="count-num">{fmt.format(props.live.counts()[phase])}</span>
              <span class="count-label">{t.phase[phase]}</span>
            </div>
          )}
        </For>
      </div>

      <div class="header-right">
        <Clock />
      </div>
    </header>
  );
}
