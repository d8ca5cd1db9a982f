import type { StoredEvent } from '../store/events.js';

/** Every live socket of one staff account (or one API key's system) is in this room, on every hub. */
export const accountRoom = (actorId: string) => `account:${actorId}`;
/** Every live socket opened with one session cookie. */
export const sessionRoom = (ref: string) => `session:${ref}`;
/** One room per paired display (its layout is pushed there too). */
export const displayRoom = (displayId: string) => `display:${displayId}`;

/**
 * The rooms whose sockets must be disconnected once this event is committed: a credential that stopped being
 * valid must stop the stream at once, not at the next reconnect (a wall stays connected for weeks).
 */
export function roomsToDisconnect(e: Pick<StoredEvent, 'type' | 'payload'>): string[] {
  const p = e.payload as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  switch (e.type) {
    case 'account.disabled':
    case 'account.password_reset':
      return str('accountId') ? [accountRoom(str('accountId')!)] : [];
    case 'account.session_ended':
      return str('session') ? [sessionRoom(str('session')!)] : [];
    case 'account.api_key_revoked':
      return str('apiClientId') ? [accountRoom(`api:${str('apiClientId')}`)] : [];
    case 'display.revoked':
      return str('displayId') ? [displayRoom(str('displayId')!)] : [];
    default:
      return [];
  }
}
