import express, { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../commands/context.js';
import type { RateLimits } from '../config.js';
import type { Logger } from 'pino';
import { MAX_PHOTOS } from '../contract/reports.js';
import { apiKeyActor } from '../commands/api-clients.js';
import { submitReport } from '../commands/submit-report.js';
import { hasScope, may } from '../domain/access.js';
import { SPEC_URL, serviceDefinition, serviceNotice, serviceOf, type Lang } from '../domain/open311.js';
import { parseNewRequest, parseRequestsQuery } from '../domain/open311-parse.js';
import { w3Datetime, type CityClock } from '../domain/time.js';
import { jurisdictionOf } from '../domain/jurisdictions.js';
import type { ReportState } from '../domain/reports.js';
import type { LimitStores } from './rate-limit-store.js';
import { open311Limiter } from './rate-limits.js';
import { send, sendError, type Format } from './open311-format.js';
import { open311Request, open311Requests } from '../queries/open311.js';

/** When the list of services last changed in a way a client must notice (discovery's changeset). */
const CHANGESET = '2026-11-22T17:00:00Z'; // written in the city's zone, like every Open311 datetime
/** A token answers "which ticket did my POST become" (tokens/{token}); it is kept with the submission. */
const tokenKey = (token: string) => `open311-token:${token}`;

/** The discovery document of an endpoint at `base` (a city's, or the province's that serves several by jurisdiction_id). */
export function discovery(base: string, clock: CityClock, about: { contact: string; key_service: string }) {
  const changeset = w3Datetime(CHANGESET, clock);
  return { changeset, ...about, endpoints: [{ specification: SPEC_URL, url: `${base}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }] };
}

type Route = { resource: 'discovery' | 'services' | 'requests' | 'tokens'; id: string | null; format: Format };

/** /discovery.json, /services/banjir.xml, /requests/TNG-2026-000001.json; the spec's default format is XML. */
export function routeOf(path: string): Route | null {
  const m = /^\/(discovery|services|requests|tokens)(?:\/([^/]+?))?(?:\.(json|xml))?\/?$/.exec(path);
  if (!m) return null;
  let id: string | null = null;
  try {
    id = m[2] ? decodeURIComponent(m[2]) : null;
  } catch {
    return null; // malformed percent-encoding: no such resource (404), never a 500
  }
  return { resource: m[1] as Route['resource'], id, format: (m[3] as Format | undefined) ?? 'xml' };
}

declare module 'express-serve-static-core' {
  interface Request {
    open311: Route & { lang: Lang };
  }
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2, in XML and JSON. Reports filed
 * here go through the same submit-report command as every other channel (channel 'open311'), so they land on
 * the wall and in the queue like any other. Errors are the spec's [{code, description}] with 400/403/404.
 */
export function open311Router(ctx: Ctx, opts: { maxPhotoBytes: number; rateLimits: RateLimits; limitStores: LimitStores; log: Logger }): Router {
  const router = Router();
  const { profile } = ctx.city;
  const agencyName = (id: string) => profile.agencies.find((a) => a.id === id)?.name ?? id;
  const categoryIds = new Set(profile.categories.map((c) => c.id));
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxPhotoBytes, files: MAX_PHOTOS, fields: 40, fieldSize: 8 * 1024, parts: 50 },
  }).array('media', MAX_PHOTOS);

  router.use((req: Request, res: Response, next: NextFunction) => {
    const route = routeOf(req.path);
    if (!route) return sendError(res, /\.json$/.test(req.path) ? 'json' : 'xml', { code: 404, description: `no Open311 resource ${req.path}; see discovery.xml` });
    req.open311 = { ...route, lang: req.query.lang === 'en' ? 'en' : 'id' };
    const jurisdiction = jurisdictionOf(req.query.jurisdiction_id, undefined);
    if (jurisdiction.kind === 'one' && jurisdiction.id !== profile.id)
      return sendError(res, route.format, { code: 404, description: `jurisdiction_id: ${jurisdiction.id} is not served here; this endpoint serves ${profile.id}` });
    const post = route.resource === 'requests' && route.id === null;
    if (req.method !== 'GET' && req.method !== 'HEAD' && !(post && req.method === 'POST'))
      return sendError(res, route.format, { code: 400, description: `${req.method} is not supported on ${route.resource}` });
    next();
  });

  const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}`;

  router.get('/{*path}', async (req: Request, res: Response) => {
    const { resource, id, format, lang } = req.open311;
    if (resource === 'discovery') {
      return send(res, format, 200, 'discovery', discovery(baseUrl(req), ctx.city.clock, {
        contact: `${profile.name}: LIVE Room (Pantau). API keys are issued by the Pantau administrator.`,
        key_service: 'Ask the city administrator for a key (Admin → API keys); send it as api_key.',
      }));
    }
    if (resource === 'services' && id === null) {
      return send(res, format, 200, 'services', profile.categories.map((c) => serviceOf(c, agencyName(c.agencyId), lang)));
    }
    if (resource === 'services') {
      const c = profile.categories.find((x) => x.id === id);
      if (!c) return sendError(res, format, { code: 404, description: `service_code: no service ${id}` });
      return send(res, format, 200, 'service_definition', serviceDefinition(c, lang));
    }
    if (resource === 'tokens') {
      const r = id
        ? await ctx.store.query(function* (p) {
            const seen = yield* p.reports.clientCommand(tokenKey(id));
            return seen ? yield* p.reports.report(seen.reportId) : null;
          })
        : null;
      if (!r) return sendError(res, format, { code: 404, description: `token: no request with token ${id}` });
      return send(res, format, 200, 'service_requests', [{ service_request_id: r.ticket, token: id }]);
    }
    const extensions = req.query.extensions === 'true';
    if (id !== null) {
      const ticket = id.toUpperCase();
      const r = await ctx.store.query((p) => p.reports.reportByTicket(ticket));
      if (!r) return sendError(res, format, { code: 404, description: `service_request_id: no request ${id}` });
      return send(res, format, 200, 'service_requests', [await view(req, r, extensions)]);
    }
    const q = parseRequestsQuery(req.query as Record<string, unknown>, ctx.now(), categoryIds, ctx.city.clock);
    if (!q.ok) return sendError(res, format, q.error);
    send(res, format, 200, 'service_requests', await open311Requests(ctx, q.value, { lang, extensions, baseUrl: baseUrl(req) }));
  });

  const view = (req: Request, r: ReportState, extensions: boolean) =>
    open311Request(ctx, r, { lang: req.open311.lang, extensions, baseUrl: baseUrl(req) });

  // ---- POST requests: form-encoded as the spec says, or multipart with photos in "media" ----
  router.post(
    '/{*path}',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }),
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data')) return next();
      upload(req, res, (err: unknown) => {
        if (!err) return next();
        const e = err as { code?: string; field?: string; message?: string };
        const description =
          e.code === 'LIMIT_FILE_SIZE' ? `media: a photo is larger than ${Math.round(opts.maxPhotoBytes / 1048576)} MB`
          : e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_UNEXPECTED_FILE' ? `media: send 1 to ${MAX_PHOTOS} photos in the field "media"`
          : `${e.field ?? 'body'}: ${e.message ?? 'malformed multipart body'}`;
        sendError(res, req.open311.format, { code: 400, description });
      });
    },
    async (req: Request, res: Response, next: NextFunction) => {
      // Some clients send jurisdiction_id in the form rather than the query string.
      const j = jurisdictionOf(undefined, req.body?.jurisdiction_id);
      if (j.kind === 'one' && j.id !== profile.id)
        return sendError(res, req.open311.format, { code: 404, description: `jurisdiction_id: ${j.id} is not served here; this endpoint serves ${profile.id}` });
      const raw = req.body?.api_key ?? req.query.api_key;
      const key = await apiKeyActor(ctx, typeof raw === 'string' ? raw.trim() : undefined);
      const { format } = req.open311;
      if (!key.ok) {
        const why = { missing: 'api_key: required to submit a request', unknown: 'api_key: not a valid key', revoked: 'api_key: this key was revoked' }[key.why];
        return sendError(res, format, { code: 403, description: why });
      }
      if (!hasScope(key.actor, 'open311') || !may(key.actor, 'report.file'))
        return sendError(res, format, { code: 403, description: 'api_key: this key may not submit Open311 requests' });
      req.actor = key.actor;
      next();
    },
    open311Limiter(opts.rateLimits, opts.limitStores, (req, res) =>
      sendError(res, req.open311.format, { code: 429, description: `too many requests from this api_key; at most ${opts.rateLimits.open311PerMin} a minute. Nothing was saved.` }),
    ),
    async (req: Request, res: Response) => {
      const { format, lang } = req.open311;
      const parsed = parseNewRequest(req.body ?? {}, profile.categories, ctx.city.districts, lang, profile.name);
      if (!parsed.ok) return sendError(res, format, parsed.error);
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const token = randomBytes(12).toString('base64url');
      const { category, ...rest } = parsed.value;
      const result = await submitReport(ctx, req.actor, { ...rest, category, channel: 'open311' }, files.map((f) => f.buffer), { clientKey: tokenKey(token) });
      if (!result.ok) {
        const field = result.field === 'lon' ? 'long' : result.field === 'photos' || result.field?.startsWith('photos[') ? 'media' : (result.field ?? 'request');
        if (result.code === 'busy') {
          res.setHeader('Retry-After', String(result.retryAfterS ?? 5));
          return sendError(res, format, { code: 503, description: `${field}: ${result.message}` });
        }
        const code = result.code === 'forbidden' ? 403 : result.code === 'not_found' ? 404 : 400;
        return sendError(res, format, { code, description: `${field}: ${result.message}` });
      }
      const c = profile.categories.find((x) => x.id === category)!;
      // With its jurisdiction: the same address then answers at an endpoint that serves several (the province's).
      res.location(`/open311/v2/requests/${result.value.ticket}.${format}?jurisdiction_id=${profile.id}`);
      send(res, format, 201, 'service_requests', [
        { service_request_id: result.value.ticket, service_notice: serviceNotice(c, lang), account_id: null, token },
      ]);
    },
  );

  // Anything the body parsers refuse (malformed form, too large) still answers in the spec's error format.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; message?: string };
    const format = req.open311?.format ?? 'xml';
    if (e.status && e.status >= 400 && e.status < 500) return sendError(res, format, { code: 400, description: `body: ${e.message ?? 'malformed request'}` });
    opts.log.error({ err, path: req.path }, 'open311 request failed');
    sendError(res, format, { code: 500, description: 'the city could not complete this request; nothing was saved' });
  });
  return router;
}

