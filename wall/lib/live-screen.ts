import { createResource, onCleanup } from 'solid-js';
import { createLive } from './live';
import { connectLive } from './socket';
import { takeDisplayToken } from './display-token';
import { fetchProfile } from './profile';

/**
 * What a paired wall screen starts with, as /wall does: the display token (from ?display= once, then
 * localStorage), the live store fed by the hub's stream, and the city profile.
 */
export function createLiveScreen() {
  const token = takeDisplayToken();
  const live = createLive();
  window.__pantau = { map: null, live };
  const socket = token ? connectLive(token, live) : null;
  if (!socket) live.setConnection('unpaired');
  const [profile] = createResource(fetchProfile);
  onCleanup(() => socket?.close());
  return { token, live, socket, profile };
}
