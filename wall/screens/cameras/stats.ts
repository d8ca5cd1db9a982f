import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { CameraPublic, CameraWithUptime } from '../../../server/contract/cameras';
import { request } from '../../lib/api';


/** How often the grid asks for fresh snapshot times and uptime (the hub probes each camera every ~10 s). */
export const STATS_INTERVAL_MS = 12_000;
const TIMEOUT_MS = 10_000;

/**
 * Polls the camera list: health changes arrive live on the socket, but a new snapshot or a better uptime
 * is not an event, so the grid asks. One request at a time, each with a time limit: a slow hub never
 * stacks requests up over weeks. `loaded` turns true after the first answer (or the first failure).
 */
export function pollCameraStats(token: string | null): { stats: Accessor<ReadonlyMap<string, CameraWithUptime>>; loaded: Accessor<boolean> } {
  const [stats, setStats] = createSignal<ReadonlyMap<string, CameraWithUptime>>(new Map());
  const [loaded, setLoaded] = createSignal(false);
  let busy = false;
  let stopped = false;

  async function poll() {
    if (busy || stopped) return;
    busy = true;
    try {
      const body = await request<{ cameras: CameraWithUptime[] }>('/api/cameras', { token, timeoutMs: TIMEOUT_MS });
      if (!stopped) setStats(new Map(body.cameras.map((c) => [c.id, c])));
    } catch {
      /* the hub did not answer: keep what we have, ask again next time */
    } finally {
      busy = false;
      if (!stopped) setLoaded(true);
    }
  }

  // An unpaired screen shows no grid; it has nothing to ask with.
  if (!token) {
    setLoaded(true);
    return { stats, loaded };
  }
  void poll();
  const timer = setInterval(() => void poll(), STATS_INTERVAL_MS);
  onCleanup(() => {
    stopped = true;
    clearInterval(timer);
  });
  return { stats, loaded };
}

const later = (a: string | null, b: string | null | undefined) => (!b ? a : !a || b > a ? b : a);

/**
 * One camera for a tile: its state from the live stream (or from the poll when that is newer, by the
 * seq of the camera's last event), with the poll's fresher snapshot time and uptime.
 */
export function mergeCamera(live: CameraPublic, polled: CameraWithUptime | undefined): CameraWithUptime {
  if (!polled) return { ...live, uptime24h: null, uptime7d: null };
  const base = polled.lastSeq > live.lastSeq ? polled : live;
  return {
    ...base,
    snapshotAt: later(live.snapshotAt, polled.snapshotAt),
    lastGoodAt: later(live.lastGoodAt, polled.lastGoodAt),
    uptime24h: polled.uptime24h,
    uptime7d: polled.uptime7d,
  };
}
