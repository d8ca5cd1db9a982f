import type { Actor } from '../contract/roles.js';
import type { Channel } from '../contract/reports.js';
import { refuse, type Refusal } from './reports.js';

/**
 * Who may file through which channel. Citizens file for themselves on the web or app; staff file phone,
 * SMS, social-media and assisted (KIM) complaints on someone's behalf; Open311 clients only as open311.
 */
const CHANNELS_BY_ROLE: Partial<Record<Actor['role'], readonly Channel[]>> = {
  citizen: ['web', 'app'],
  operator: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  supervisor: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  admin: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  open311: ['open311'],
  system: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp', 'open311'],
};

export function checkIntakeChannel(actor: Actor, channel: Channel): Refusal | null {
  const allowed = CHANNELS_BY_ROLE[actor.role];
  if (!allowed) return refuse('forbidden', `${actor.role} may not file reports`);
  if (!allowed.includes(channel)) return refuse('forbidden', `${actor.role} may not file through channel ${channel}`, 'channel');
  return null;
}

/** TNG-2026-000123: short enough to read over the phone, unique per city and year. */
export function formatTicket(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** Tickets count per year of the city's calendar (see localYear). */
export { localYear as ticketYear } from './time.js';

/**
 * A citizen's report needs a photo (the wall shows it, the operator judges it); another system's report through
 * Open311 may come without one, as the spec allows.
 */
export function photosRequired(channel: Channel): boolean {
  return channel !== 'open311';
}
