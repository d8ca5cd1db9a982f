import { For, Show } from 'solid-js';
import type { Counts, Live } from '../../lib/live';
import type { Phase } from '../../../server/contract/reports';
import { lang, t } from '../../lib/i18n';
import { Clock } from '../../components/Clock';
import { LastEvent } from '../../components/LastEvent';
import type { JSX } from 'solid-js';
import './header-badge.css';

const SHOWN: readonly Exclude<Phase, 'grey'>[] = ['red', 'yellow', 'green'];
const fmt = new Intl.NumberFormat(t.locale);
const BREACHED_LABEL = lang === 'en' ? 'Past deadline' : 'Lewat tenggat';

/** City name, live counts per phase, connection, and the WIB clock: readable from the back of the room. */
export function Header(props: {
  city: string;
  /** One city's live store, or what a province's screen makes of its cities' (wall/lib/province-live.ts). */
  live: Pick<Live, 'connection' | 'counts' | 'breached' | 'lastEventAt'>;
  /** The figures to show when they are not the whole city's (a time window, a replay); the live store's by default. */
  counts?: () => Counts;
  breached?: () => number;
  /** Says what the figures cover when it is not "everything, now": "Masuk 6 jam terakhir", "PUTAR ULANG". */
  badge?: string | null;
  /** Replaces the live clock (a replay shows its own moment). */
  clock?: JSX.Element;
}) {
  const counts = () => props.counts?.() ?? props.live.counts();
  const breached = () => props.breached?.() ?? props.live.breached();
  const conn = () => props.live.connection();
  const connLabel = () => (conn() === 'connected' ? t.connected : conn() === 'reconnecting' ? t.reconnecting : t.connecting);

  return (
    <header class="header">
      <div class="brand">
        <div class="brand-city">{props.city}</div>
        <div class="brand-sub">
          {/* A window or a replay takes the product line's place: the first thing under the city's name. */}
          <Show
            when={props.badge}
            fallback={
              <span>
                {t.appName} · {t.liveRoom}
              </span>
            }
          >
            <span class="window-badge" data-testid="window-badge">{props.badge}</span>
          </Show>
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
              <span class="count-num">{fmt.format(counts()[phase])}</span>
              <span class="count-label">{t.phase[phase]}</span>
            </div>
          )}
        </For>
        {/* Open reports past a deadline; the swatch is the white ring they carry on the map. */}
        <div
          class="count count-breached"
          data-testid="count-breached"
          style={breached() > 0 ? { 'border-color': '#ffffff', background: 'color-mix(in srgb, var(--red) 22%, var(--panel-2))' } : { opacity: 0.6 }}
        >
          <span class="count-swatch" style={{ background: 'var(--red)', 'box-shadow': '0 0 0 0.2vw #05080d, 0 0 0 0.45vw #ffffff' }} />
          <span class="count-num">⚠ {fmt.format(breached())}</span>
          <span class="count-label">{BREACHED_LABEL}</span>
        </div>
      </div>

      <div class="header-right">
        {props.clock ?? (
          <>
            <Clock />
            <LastEvent at={props.live.lastEventAt} />
          </>
        )}
      </div>
    </header>
  );
}
