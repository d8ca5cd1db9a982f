import { io, type Socket } from 'socket.io-client';
import type { Ack, CatchUp, ClientToServerEvents, HandshakeAuth, LiveHead, ServerToClientEvents } from '../../server/contract/events';
import type { Live } from './live';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long the wall waits for the hub to answer `live.sync` before starting over with a fresh connection. */
const SYNC_TIMEOUT_MS = 15_000;
/** An unpaired screen asks again this often, so pairing it on the hub is enough to bring it up. */
const UNPAIRED_RETRY_MS = 30_000;
const TUPLES = new URLSearchParams(location.search).get('snapshot') === 'tuples';

/**
 * The one way a screen opens the hub's live stream (the wall, the console's queue, the indicator board): the same
 * back-off, and the same handshake asked for again on every reconnect, so the hub is told the store and seq the
 * screen holds now and sends only what it missed.
 */
export function openLiveSocket(auth: () => HandshakeAuth, namespace = '/'): LiveSocket {
  // A namespace other than '/' is one city's stream on the province's hub (server/contract/province.ts): every
  // city's rides on the one connection.
  const socket: LiveSocket = io(namespace, {
    // Every screen reads a snapshot's markers as columns (server/contract/marker-columns.ts), even one that ignores them;
    // ?snapshot=tuples asks for the previous form (bench:wall compares the two).
    auth: (cb) => cb({ ...auth(), ...(TUPLES ? {} : { snapshot: 'columns' as const }) }),
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  // After a disconnect by the hub, socket.io does not reconnect on its own; a screen left running must.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket.connect();
  });
  return socket;
}

/**
 * The hub's head beat, with the beat heard before it: what a screen compares what it has applied with
 * (server/domain/catchup.ts missedSinceLastBeat).
 */
export function onHeadBeat(socket: LiveSocket, fn: (before: LiveHead | null, now: LiveHead) => void): void {
  let before: LiveHead | null = null;
  socket.on('live.head', (h) => {
    const previous = before;
    before = h;
    fn(previous, h);
  });
}

/** Connects the wall to the hub's live stream (or a city's, on the province's hub: `namespace`) and feeds `live`. */
export function connectLive(token: string | null, live: Live, namespace = '/'): LiveSocket {
  const socket = openLiveSocket(() => ({ display: token ?? '', ...live.have(), ...(live.camerasOnly ? { only: 'cameras' as const } : {}) }), namespace);
  let retry: ReturnType<typeof setTimeout> | undefined;

  socket.on('connect', () => live.setConnection('connected'));
  socket.on('disconnect', () => live.setConnection(live.caughtUp() ? 'reconnecting' : 'connecting'));
  socket.on('connect_error', (err) => {
    if (err.message === 'unauthenticated' || err.message === 'forbidden') {
      live.setConnection('unpaired');
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), UNPAIRED_RETRY_MS);
      return;
    }
    // A network error: socket.io keeps retrying with back-off.
    live.setConnection(live.caughtUp() ? 'reconnecting' : 'connecting');
  });

  socket.on('live.catchup', (c) => {
    performance.mark('pantau:catchup-received');
    live.applyCatchUp(c);
    performance.mark('pantau:catchup-applied');
  });
  socket.on('report.event', (e) => live.applyEvent(e));
  socket.on('live.tick', (e) => live.applyEvent(e));
  // Camera changes are in the same seq sequence as report events: applied in order, held during a sync.
  socket.on('camera.event', (e) => live.applyEvent(e));
  // An indicator value changes no marker: to this store it is a tick that keeps the seq gapless.
  socket.on('indicator.event', (e) => live.applyEvent(e));
  // The hub's head every few seconds: an idle wall that missed an event notices it here.
  onHeadBeat(socket, live.noteHead);

  live.useSyncer(
    async (have) => {
      const a: Ack<CatchUp> = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('live.sync', have);
      if (!a.ok) throw new Error(a.error.message);
      return a.value;
    },
    () => {
      // A fresh connection's catch-up fills the gap instead.
      socket.disconnect();
      socket.connect();
    },
  );
  return socket;
}
