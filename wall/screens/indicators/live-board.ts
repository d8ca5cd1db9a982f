import { createSignal, onCleanup } from 'solid-js';
import type { IndicatorBoard } from '../../../server/contract/indicators';
import { ApiError, request } from '../../lib/api';
import { openLiveSocket, type LiveSocket } from '../../lib/socket';

/** Figures are also fetched on this beat: the plan moves with the calendar even when no value arrives. */
const REFRESH_MS = 5 * 60_000;
/** Sooner while the hub does not answer (or the screen is not paired yet), so pairing it brings it up. */
const RETRY_MS = 30_000;
/** Values arriving together (a CSV import, a push of a whole month) are fetched once. */
const COALESCE_MS = 400;
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
 * The indicator board, kept live: fetched once, then again whenever the hub announces an indicator event
 * newer than the board (or after a reconnect). The socket's handshake carries the board's store and seq, so
 * the hub's catch-up is only what changed since, not every report marker in the city.
 */
export function createLiveBoard(token: string | null) {
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
  let coalesce: ReturnType<typeof setTimeout> | undefined;
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
      if (e.seq <= (board()?.seq ?? 0)) return;
      flash(e.value.indicatorId);
      clearTimeout(coalesce);
      coalesce = setTimeout(() => void refresh(), COALESCE_MS);
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
    clearTimeout(coalesce);
    for (const t of flashTimers.values()) clearTimeout(t);
    document.removeEventListener('visibilitychange', onVisible);
    socket?.close();
  });

  return { board, failing, unpaired, lastOkAt, flashing, refresh };
}
