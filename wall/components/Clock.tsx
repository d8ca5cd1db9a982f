import { createSignal, onCleanup } from 'solid-js';
import { clockLocal, dateLocal, zoneName } from '../lib/time';
import { t } from '../lib/i18n';

/** The big WIB clock: ticks on the second boundary, one timer, for weeks. */
export function Clock() {
  const [now, setNow] = createSignal(new Date());
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    const d = new Date();
    setNow(d);
    timer = setTimeout(tick, 1000 - (d.getTime() % 1000) + 5);
  };
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  onCleanup(() => clearTimeout(timer));

  return (
    <div class="clock" data-testid="clock">
      <div class="clock-time">
        {clockLocal(now())} <span class="clock-zone">{zoneName()}</span>
      </div>
      <div class="clock-date">{dateLocal(now())}</div>
    </div>
  );
}
