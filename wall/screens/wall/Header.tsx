import { For } from 'solid-js';
import type { Live } from '../../lib/live';
import type { Phase } from '../../../server/contract/reports';
import { lang, t } from '../../lib/i18n';
import { Clock } from '../../components/Clock';
import { LastEvent } from '../../components/LastEvent';

const SHOWN: readonly Exclude<Phase, 'grey'>[] = ['red', 'yellow', 'green'];
const fmt = new Intl.NumberFormat(t.locale);
const BREACHED_LABEL = lang === 'en' ? 'Past deadline' : 'Lewat tenggat';

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
        {/* Open reports past a deadline; the swatch is the white ring they carry on the map. */}
        <div
          class="count count-breached"
          data-testid="count-breached"
          style={props.live.breached() > 0 ? { 'border-color': '#ffffff', background: 'color-mix(in srgb, var(--red) 22%, var(--panel-2))' } : { opacity: 0.6 }}
        >
          <span class="count-swatch" style={{ background: 'var(--red)', 'box-shadow': '0 0 0 0.2vw #05080d, 0 0 0 0.45vw #ffffff' }} />
          <span class="count-num">⚠ {fmt.format(props.live.breached())}</span>
          <span class="count-label">{BREACHED_LABEL}</span>
        </div>
      </div>

      <div class="header-right">
        <Clock />
        <LastEvent at={props.live.lastEventAt} />
      </div>
    </header>
  );
}
