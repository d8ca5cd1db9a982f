import type { Role } from '../contract/roles.js';

/** Who may watch the live stream of reports (public view): the wall and room staff. */
export const LIVE_WATCHERS: readonly Role[] = ['wall', 'operator', 'supervisor', 'admin'];

export function mayWatchLive(role: Role): boolean {
  return LIVE_WATCHERS.includes(role);
}
