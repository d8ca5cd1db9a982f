import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import type { RateLimits } from '../config.js';

/**
 * Flood limits, one per way in. Each counts per source (an IP, an account, an API key), so one source
 * flooding is stopped while every other keeps filing. Counters live in this hub's memory: they are a brake,
 * not a record, and a restart forgets them on purpose.
 */
const minutes = (n: number) => n * 60_000;

function tooMany(what: string) {
  return (req: Request, res: Response) => {
    const retry = Number(res.getHeader('Retry-After') ?? 0);
    res.status(429).json({
      error: 'rate_limited',
      field: 'rate',
      message: `too many ${what} from this source; try again in ${Math.max(1, Math.ceil(retry / 60))} minute(s). Nothing was saved.`,
    });
  };
}

/** Citizen intake (POST /api/reports): per IP for anonymous citizens, per account for staff filing on someone's behalf. */
export function reportsLimiter(l: RateLimits): RateLimitRequestHandler {
  return rateLimit({
    windowMs: minutes(10),
    limit: l.reportsPer10Min,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => (req.actor && req.actor.role !== 'citizen' ? `actor:${req.actor.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    handler: tooMany('reports'),
  });
}

/** Login: only failed attempts count, so a room of operators behind one address logs in freely. */
export function loginLimiter(l: RateLimits): RateLimitRequestHandler {
  return rateLimit({
    windowMs: minutes(15),
    limit: l.loginFailsPer15Min,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: tooMany('failed logins'),
  });
}

/** Open311 POST requests: per API key (the caller is identified before this runs). */
export function open311Limiter(l: RateLimits, onLimited: (req: Request, res: Response) => void): RateLimitRequestHandler {
  return rateLimit({
    windowMs: minutes(1),
    limit: l.open311PerMin,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `key:${req.actor.id}`,
    handler: onLimited,
  });
}
