import { createSignal, onCleanup } from 'solid-js';
import type { IndicatorBoard } from '../../../server/contract/indicators';
import { ApiError, request } from '../../lib/api';
import { openLiveSocket, type LiveSocket } from '../../lib/socket';
import { clockOfCity } from '../../lib/time';
import { withValue } from '../../../server/domain/indicator-board';

/** Figures are also fetched on this beat: the plan moves with the calendar even when no value arrives. */
const REFRESH_MS = 5 * 60_000;
/** Sooner while the hub does not answer (or the screen is not paired yet), so pairing it brings it up. */
const RETRY_MS = 30_000;
/** How long a tile that just changed stays highlighted. */
const FLASH_MS = 6_000;

export class Unpaired extends Error {}

export async function fetchBoard(token: string | null, timeoutMs = 20_000): Promise<IndicatorBoard> {
  try {
    return await request<IndicatorBoard>('/api/indicators', { token, timeoutMs });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) throw new Unpaired(`HTTP ${err.status}`);
    throw err;
  }
}

/**
 * The indicator board, kept live: fetched once, then each indicator event newer than the board is applied to it
 * here by the hub's own rule (server/domain/indicator-board withValue), so a CSV import of a whole month costs no
 * fetch; after a reconnect, and on a slow beat as the calendar moves the plan, it is fetched afresh. The socket's
 * handshake carries the board's store and seq, so the hub's catch-up is only what changed since, not every
 * report marker in the city. `agencyIds`: the city's agencies in the profile's order, as the hub ranks them.
 */
export function createLiveBoard(token: string | null, agencyIds: () => string[] | null) {
  const [board, setBoard] = createSignal<IndicatorBoard | null>(null);
  const [failing, setFailing] = createSignal(false);
  const [unpaired, setUnpaired] = createSignal(false);
  const [lastOkAt, setLastOkAt] = createSignal(0);
  const [flashing, setFlashing] = createSignal<ReadonlySet<string>>(new Set());

  let inFlight = false;
  let again = false;
  async function refresh() {
    if (inFlight) return void (again = true);
    inFlight = true;
    try {
      const b = await fetchBoard(token);
      setBoard(b);
      setLastOkAt(Date.now());
      setFailing(false);
      setUnpaired(false);
      if (!socket && !disposed) connect();
    } catch (err) {
      if (err instanceof Unpaired) setUnpaired(true);
      setFailing(true);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  let socket: LiveSocket | null = null;
  const flashTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function flash(id: string) {
    setFlashing((s) => new Set(s).add(id));
    clearTimeout(flashTimers.get(id));
    flashTimers.set(id, setTimeout(() => setFlashing((s) => { const n = new Set(s); n.delete(id); return n; }), FLASH_MS));
  }
  function connect() {
    socket = openLiveSocket(() => ({ display: token ?? '', storeId: board()?.storeId ?? null, seq: board()?.seq ?? 0 }));
    // After a drop, whatever was missed is in a fresh board.
    let first = true;
    socket.on('connect', () => {
      if (!first) void refresh();
      first = false;
    });
    socket.on('indicator.event', (e) => {
      const b = board();
      const ids = agencyIds();
      if (!b || e.seq <= b.seq) return;
      flash(e.value.indicatorId);
      // While a fetch is on its way its board is older than this event: the fetch is asked again when it lands.
      if (inFlight || !ids) return void refresh();
      const now = new Date();
      setBoard({ ...b, ...withValue(b, e.value, ids, now, clockOfCity()), seq: e.seq, asOf: now.toISOString() });
    });
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const beat = async () => {
    await refresh();
    if (!disposed) timer = setTimeout(beat, failing() ? RETRY_MS : REFRESH_MS);
  };
  void beat();
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
    for (const t of flashTimers.values()) clearTimeout(t);
    document.removeEventListener('visibilitychange', onVisible);
    socket?.close();
  });

  return { board, failing, unpaired, lastOkAt, flashing, refresh };
}
