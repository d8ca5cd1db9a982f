import type { NextFunction, Request, Response } from 'express';
import { crossSiteRefusal } from '../domain/same-origin.js';
import { SESSION_COOKIE } from '../commands/accounts.js';

/** Does this request carry the staff session cookie and no bearer credential of its own? */
export const ridesOnCookie = (cookie: string | undefined, authorization: string | undefined): boolean =>
  !authorization && (cookie ?? '').split(';').some((p) => p.trim().startsWith(`${SESSION_COOKIE}=`));

/** Refuses (403, field `origin`) a cookie-borne state change that did not come from the hub's own pages. */
export function sameOrigin(publicOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const why = crossSiteRefusal({
      method: req.method,
      ridesOnCookie: ridesOnCookie(req.get('cookie'), req.get('authorization')),
      secFetchSite: req.get('sec-fetch-site'),
      origin: req.get('origin'),
      host: req.get('host'),
      publicOrigins,
    });
    if (why) return res.status(403).json({ error: 'forbidden', field: 'origin', message: `${why}. Nothing was changed.` });
    next();
  };
}
