import type { Logger } from 'pino';
import type { Hub } from '../hub.js';
import { attachLive, startHeadBeat } from '../realtime/live.js';
import { roomsToDisconnect } from '../realtime/revocations.js';
import { cityStreamNamespace } from '../contract/province.js';

/**
 * Every city's live stream on the province's hub, a namespace each: the very stream that city's own screens get
 * (its seq, catch-up and head beat), watched by the province's staff and displays, known by the province's store. A
 * provincial screen follows every city over one connection; a city's screens are not touched by it.
 */
export function attachProvinceLive(province: Hub, cities: Hub[], opts: { catchUpLimit: number; log: Logger; publicOrigins: readonly string[] }): { stop: () => void } {
  const namespaces = cities.map((city) => {
    const ns = province.io.of(cityStreamNamespace(city.ctx.city.profile.id));
    const off = city.onCommitted(attachLive(ns, city.ctx, { ...opts, identity: province.ctx }));
    return { ns, off, beat: startHeadBeat(ns, city.ctx, { log: opts.log }) };
  });
  // A logout, a disabled account or a revoked display of the province ends its streams of every city too.
  const offRevocations = province.onCommitted((c) => {
    for (const room of roomsToDisconnect(c.event)) for (const { ns } of namespaces) ns.in(room).disconnectSockets(true);
  });
  return {
    stop: () => {
      offRevocations();
      for (const { off, beat } of namespaces) {
        off();
        beat.stop();
      }
    },
  };
}
