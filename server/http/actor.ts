import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../contract/roles.js';
import type { Ctx } from '../commands/context.js';
import { identifyCaller } from '../commands/identify.js';
import { may, type Permission } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { sendRefusal } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    actor: Actor;
  }
}

export function identify(ctx: Ctx) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const actor = await identifyCaller(ctx, { cookie: req.get('cookie'), authorization: req.get('authorization') });
    if (!actor) return sendRefusal(res, refuse('unauthenticated', 'the session or token given is not valid; log in again', 'authorization'));
    req.actor = actor;
    next();
  };
}

/** Route guard: states, on the route itself, the permission it needs. An anonymous caller gets 401, a known one 403. */
export function allow(permission: Permission) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (may(req.actor, permission)) return next();
    const who = req.actor.role === 'citizen' ? 'unauthenticated' : 'forbidden';
    sendRefusal(res, refuse(who, `${req.actor.role} may not ${permission}`));
  };
}
