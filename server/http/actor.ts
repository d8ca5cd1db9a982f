import type { NextFunction, Request, Response } from 'express';
import type { Store } from '../store/index.js';
import { ANONYMOUS_CITIZEN, type Actor, type Role } from '../contract/roles.js';
import { displayActor } from '../commands/displays.js';
import { sendRefusal } from './errors.js';
import { refuse } from '../domain/reports.js';

declare module 'express-serve-static-core' {
  interface Request {
    actor: Actor;
  }
}

/** Who is calling: a paired display by bearer token, else an anonymous citizen. A bad credential is a 401, never a downgrade. */
export function identify(store: Store) {
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.get('authorization');
    if (!auth) {
      req.actor = ANONYMOUS_CITIZEN;
      return next();
    }
    const actor = auth.startsWith('Bearer ') ? displayActor(store, auth.slice(7).trim()) : null;
    if (!actor) return sendRefusal(res, refuse('unauthenticated', 'the credential given is not valid', 'authorization'));
    req.actor = actor;
    next();
  };
}

/** Route guard: states, on the route itself, which roles may call it. */
export function role(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (roles.includes(req.actor.role)) return next();
    sendRefusal(res, refuse(req.actor.role === 'citizen' ? 'unauthenticated' : 'forbidden', `${req.actor.role} may not call ${req.method} ${req.baseUrl}${req.path}`));
  };
}
