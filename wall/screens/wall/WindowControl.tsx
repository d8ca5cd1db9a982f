import { createSignal, For, onCleanup, Show } from 'solid-js';
import { TIME_WINDOWS, windowText, type TimeWindow } from '../../lib/time-window';
import './window-control.css';

/** The control hides this long after the last mouse move: an unattended wall shows only the city. */
const IDLE_MS = 6_000;

/**
 * The time-window buttons for a supervisor at the wall (TV/NOC pattern): nothing shows until the mouse
 * moves, then large buttons appear and fade away again when it stops.
 */
export function WindowControl(props: { value: TimeWindow | null; onChange: (w: TimeWindow | null) => void }) {
  const [awake, setAwake] = createSignal(false);
  let idle: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    setAwake(true);
    clearTimeout(idle);
    idle = setTimeout(() => setAwake(false), IDLE_MS);
  };
  window.addEventListener('pointermove', wake, { passive: true });
  window.addEventListener('pointerdown', wake, { passive: true });
  onCleanup(() => {
    clearTimeout(idle);
    window.removeEventListener('pointermove', wake);
    window.removeEventListener('pointerdown', wake);
  });

  const choices: (TimeWindow | null)[] = [...TIME_WINDOWS, null];
  return (
    <Show when={awake()}>
      <nav class="window-control" data-testid="window-control" aria-label={windowText.control}>
        <span class="window-control-label">{windowText.control}</span>
        <For each={choices}>
          {(w) => (
            <button
              type="button"
              class="window-button"
              classList={{ on: props.value === w }}
              aria-pressed={props.value === w}
              data-window={w ?? 'all'}
              onClick={() => {
                props.onChange(w);
                wake();
              }}
            >
              {w ? windowText.button[w] : windowText.all}
            </button>
          )}
        </For>
      </nav>
    </Show>
  );
}
