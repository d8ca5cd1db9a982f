import type { Actor, Role } from '../contract/roles.js';

/**
 * Every permission the transports check, in one table. Finer rules (agency, assignee, status)
 * are in the lifecycle table of reports.ts; this one says who may call at all.
 */
export const PERMISSIONS = {
  'report.file': ['citizen', 'operator', 'supervisor', 'admin', 'open311'],
  /** Filing a phone, SMS, WhatsApp or social-media complaint by hand in the console. */
  'report.intake': ['operator', 'supervisor'],
  'live.watch': ['wall', 'operator', 'supervisor', 'admin'],
  'console.read': ['operator', 'supervisor', 'admin'],
  'report.act': ['operator', 'supervisor', 'field'],
  'field.work': ['field'],
  'cameras.watch': ['wall', 'operator', 'supervisor', 'admin'],
  'cameras.acknowledge': ['operator', 'supervisor'],
  'cameras.manage': ['admin'],
  'reminders.acknowledge': ['operator', 'supervisor'],
  'stats.read': ['wall', 'operator', 'supervisor', 'admin'],
  /** The city's day played back from the log, for briefings and incident reviews; a display may show one too. */
  'replay.watch': ['wall', 'supervisor', 'admin'],
  'audit.export': ['supervisor', 'admin'],
  'accounts.manage': ['admin'],
  'api_clients.manage': ['admin'],
  'displays.manage': ['admin', 'supervisor'],
  'session.read': ['admin', 'operator', 'supervisor', 'field', 'wall'],
  // Seed 003: the room oversees finance, physical progress and procurement. Operators record their own
  // agency's figures (mayRecordIndicator); other systems push them with an API key whose scopes include
  // 'indicators' (KEY_SCOPES). Operators and supervisors may push too, so a session can script it.
  'indicators.read': ['wall', 'operator', 'supervisor', 'admin'],
  'indicators.record': ['operator', 'supervisor'],
  'indicators.push': ['open311', 'operator', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** A key-holding system acts only within its key's scopes (an Open311 key cannot push indicators). */
export function hasScope(actor: Actor, scope: string): boolean {
  return actor.role === 'system' || (actor.scopes?.includes(scope) ?? false);
}

/** What an API key (role open311) needs among its scopes for each permission it may hold at all. */
export const KEY_SCOPES: Partial<Record<Permission, string>> = { 'report.file': 'open311', 'indicators.push': 'indicators' };

export function may(actor: Actor, permission: Permission): boolean {
  if (!(PERMISSIONS[permission] as readonly Role[]).includes(actor.role)) return false;
  // A key-holding system acts only within its key's scopes: an Open311 key cannot push indicators.
  return actor.role !== 'open311' || hasScope(actor, KEY_SCOPES[permission] ?? '');
}

/** Roles that act for the whole city rather than one agency. */
const CITY_WIDE: readonly Role[] = ['supervisor', 'admin', 'system'];
/** Roles that belong to one agency and act only on its reports and figures. */
const AGENCY_BOUND: readonly Role[] = ['operator', 'field'];

/**
 * The one agency rule: supervisors, admins and the hub itself act for every agency; an operator or field
 * supervisor only for their own (an account without an agency for none); anyone else for no agency.
 * The lifecycle, merges, duplicates, the reporter's contact, indicators and queue scopes all ask this.
 */
export function actsForAgency(actor: Actor, agencyId: string | null): boolean {
  if (CITY_WIDE.includes(actor.role)) return true;
  return AGENCY_BOUND.includes(actor.role) && agencyId !== null && (actor.agencyId ?? null) === agencyId;
}

/** Whether the actor may open a report of this agency at all: the queue's scope (see agencyScope), applied to one. */
export function mayOpenReport(actor: Actor, reportAgencyId: string): boolean {
  const scope = agencyScope(actor);
  return scope === null || scope === reportAgencyId;
}

/** Operators and field supervisors see their own agency's reports; everyone else the whole city. */
export function agencyScope(actor: Actor): string | null {
  return AGENCY_BOUND.includes(actor.role) ? (actor.agencyId ?? '__none__') : null;
}

/** The reporter's name and contact: only room staff who handle the report need them (not admins, not the field). */
export function maySeeReporter(actor: Actor, reportAgencyId: string): boolean {
  return (actor.role === 'supervisor' || actor.role === 'operator') && actsForAgency(actor, reportAgencyId);
}

/** An operator records only their own agency's figures; the city's own, and every agency's, are for supervisors and systems. */
export function mayRecordIndicator(actor: Actor, indicatorAgencyId: string | null): boolean {
  if (actor.role === 'open311') return true;
  return (actor.role === 'supervisor' || actor.role === 'operator') && actsForAgency(actor, indicatorAgencyId);
}

/** Who may be sent to a report: an active field supervisor of the agency that owns it. An unknown id is refused too. */
export function mayBeDispatched(account: { role: Role; agencyId: string | null; disabled: boolean } | null, reportAgencyId: string): boolean {
  return account !== null && account.role === 'field' && !account.disabled && account.agencyId === reportAgencyId;
}

/** How long a login lasts: field supervisors stay logged in on their phone; desk staff re-login each shift. */
export function sessionHours(role: Role): number {
  return role === 'field' ? 24 * 30 : 12;
}
