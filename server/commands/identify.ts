import { ANONYMOUS_CITIZEN, type Actor } from '../contract/roles.js';
import { displayActorStep } from './displays.js';
import { SESSION_COOKIE, sessionActorStep } from './accounts.js';
import type { Ctx } from './context.js';
import { apiKeyStep, isApiKey } from './api-clients.js';
import type { Ports } from '../store/ports.js';
import type { Step } from '../store/step.js';

export type Credentials = { cookie?: string; authorization?: string; display?: unknown };

/** A cookie's value, or null when it is absent or unreadable (a stranger's `%E0` is simply no session, never a throw). */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Who is calling, from whatever credential came with the request or socket: a staff session cookie,
 * a paired display token (bearer or socket auth), an API key (bearer, pk_…), or nothing (an anonymous citizen).
 * A bearer credential that is present but not valid gives null: the caller gets a 401, never a quiet downgrade.
 * A session cookie is different: the browser sends it unasked, and after a password reset, a disable or a
 * logout elsewhere it names a session the hub has ended. Such a cookie is no session, so the person can still
 * file and follow a report, log in (which replaces it) and log out (which clears it); staff routes answer 401.
 */
export function identifyCaller(ctx: Ctx, c: Credentials): Promise<Actor | null> {
  return ctx.store.query((p) => identifyStep(p, c, ctx.now()));
}

/** identifyCaller on either store (server/store/step.ts). */
export function* identifyStep(p: Ports, c: Credentials, now: Date): Step<Actor | null> {
  const session = readCookie(c.cookie, SESSION_COOKIE);
  const bearer = c.authorization?.startsWith('Bearer ') ? c.authorization.slice(7).trim() : undefined;
  if (isApiKey(bearer)) {
    const k = yield* apiKeyStep(p.room, bearer);
    return k.ok ? k.actor : null;
  }
  const display = typeof c.display === 'string' && c.display !== '' ? c.display : bearer;
  if (display !== undefined) return yield* displayActorStep(p.room, display);
  if (c.authorization) return null;
  if (session) return (yield* sessionActorStep(p.accounts, session, now)) ?? ANONYMOUS_CITIZEN;
  return ANONYMOUS_CITIZEN;
}
