import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import type { RateLimits } from '../config.js';
import type { LimitStores } from './rate-limit-store.js';

/**
 * Flood limits, one per way in. Each counts per source (an IP, an account, an API key), so one source
 * flooding is stopped while every other keeps filing. Counters live in the store every hub shares
 * (rate-limit-store.ts), so hubs behind one address do not each give a source its own allowance; they are a brake,
 * not a record, and never enter the event log.
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
export function reportsLimiter(l: RateLimits, stores: LimitStores): RateLimitRequestHandler {
  return rateLimit({
    store: stores('reports'),
    windowMs: minutes(10),
    limit: l.reportsPer10Min,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // X-Forwarded-For without a trusted proxy is ignored on purpose (PANTAU_TRUST_PROXY), not a misconfiguration.
    validate: { xForwardedForHeader: false },
    keyGenerator: (req) => (req.actor && req.actor.role !== 'citizen' ? `actor:${req.actor.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    handler: tooMany('reports'),
  });
}

/**
 * Login: only failed attempts count, per address and per username. Per address alone locked a whole office behind
 * one NAT out after a few typos; per username stops guessing one account from many addresses, and the per-address
 * limit (higher) stops one address guessing many accounts. A refusal by the other limit does not count again.
 */
export function loginLimiters(l: RateLimits, stores: LimitStores): RateLimitRequestHandler[] {
  const failed = (_req: Request, res: Response) => res.statusCode < 400 || res.statusCode === 429;
  const common = { windowMs: minutes(15), standardHeaders: 'draft-7', legacyHeaders: false, skipSuccessfulRequests: true, requestWasSuccessful: failed, validate: { xForwardedForHeader: false } } as const;
  return [
    rateLimit({ ...common, store: stores('login-ip'), limit: l.loginFailsPer15Min, keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? '')}`, handler: tooMany('failed logins') }),
    rateLimit({
      ...common,
      store: stores('login-user'),
      limit: l.loginFailsPerUser15Min,
      keyGenerator: (req) => `user:${String((req.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase().slice(0, 100)}`,
      handler: tooMany('failed logins for this username'),
    }),
  ];
}

/** Open311 POST requests: per API key (the caller is identified before this runs). */
export function open311Limiter(l: RateLimits, stores: LimitStores, onLimited: (req: Request, res: Response) => void): RateLimitRequestHandler {
  return rateLimit({
    store: stores('open311'),
    windowMs: minutes(1),
    limit: l.open311PerMin,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `key:${req.actor.id}`,
    handler: onLimited,
  });
}
