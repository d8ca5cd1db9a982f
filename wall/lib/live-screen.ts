import { createResource, onCleanup } from 'solid-js';
import { createLive } from './live';
import { connectLive } from './socket';
import { takeDisplayToken } from './display-token';
import { fetchProfile } from './profile';
import { embedded } from './views';
import { watchRelease } from './release-watch';

/**
 * What a paired wall screen starts with, as /wall does: the display token (from ?display= once, then
 * localStorage), the live store fed by the hub's stream, and the city profile.
 */
export function createLiveScreen(opts: { camerasOnly?: boolean } = {}) {
  const token = takeDisplayToken();
  const live = createLive(opts);
  window.__pantau = { map: null, live };
  const socket = token ? connectLive(token, live) : null;
  if (!socket) live.setConnection('unpaired');
  const [profile] = createResource(fetchProfile);
  // A screen on its own reloads itself for a new release (a screen inside a layout leaves that to the layout).
  // A single view has no queue to wait for: its spotlight and notices come back from the live state after the reload.
  const release = embedded() ? null : watchRelease({ quiet: () => true });
  if (release) socket?.on('connect', release.poke);
  onCleanup(() => {
    socket?.close();
    release?.stop();
  });
  return { token, live, socket, profile };
}
