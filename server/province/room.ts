import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hub } from '../hub.js';
import { discovery, routeOf } from '../http/open311.js';
import { send, sendError } from '../http/open311-format.js';
import { jurisdictionOf } from '../domain/jurisdictions.js';

/**
 * The province's address of an installation of several cities (PANTAU_CITIES): what serves every city at once.
 * So far its Open311 endpoint, which serves each city by `jurisdiction_id` (the spec's form for several
 * jurisdictions) by handing the request to that city's hub, where its keys, services and limits apply; and the list of
 * the cities it serves. It keeps nothing of its own: each request is a city's.
 */
export type ProvinceRoom = { http: HttpServer; listen(): Promise<number>; close(): Promise<void> };

export function createProvinceRoom(hubs: Hub[], opts: { port: number; host: string }): ProvinceRoom {
  const byId = new Map(hubs.map((h) => [h.ctx.city.profile.id, h]));
  const served = [...byId.keys()];
  const app = express();
  app.disable('x-powered-by');

  app.get('/api/health', (_req, res) => void res.json({ ok: true, cities: served }));
  app.get('/api/province/cities', (_req, res) => {
    res.json({ cities: hubs.map(({ ctx: { city } }) => ({ id: city.profile.id, code: city.profile.code, name: city.profile.name, timeZone: city.profile.timeZone, ticketPrefix: city.profile.ticketPrefix })) });
  });

  // The spec's form body is read here to find its jurisdiction_id; the city's own parser then finds the body read.
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
  app.use('/open311/v2', form, (req: Request, res: Response, next: NextFunction) => {
    const route = routeOf(req.path);
    if (!route) return next();
    const first = hubs[0].ctx.city;
    const jurisdiction = jurisdictionOf(req.query.jurisdiction_id, req.body?.jurisdiction_id);
    if (jurisdiction.kind === 'none' && route.resource === 'discovery') {
      return send(res, route.format, 200, 'discovery', discovery(`${req.protocol}://${req.get('host')}`, first.clock, {
        contact: `Pantau: the LIVE Rooms of ${hubs.map((h) => h.ctx.city.profile.name).join(', ')}. Send jurisdiction_id, one of ${served.join(', ')}.`,
        key_service: "Each city's administrator issues keys for that city (Admin → API keys); send it as api_key, with that city's jurisdiction_id.",
      }));
    }
    if (jurisdiction.kind === 'none') {
      // A multipart body (photos) goes to the city unread, so only its query string can name the city.
      const where = req.is('multipart/form-data') ? ' in the query string of a multipart request' : '';
      return sendError(res, route.format, { code: 400, description: `jurisdiction_id: required${where} at this endpoint, which serves ${served.join(', ')}` });
    }
    if (jurisdiction.kind === 'conflict') return sendError(res, route.format, { code: 400, description: `jurisdiction_id: the query names ${jurisdiction.query}, the form ${jurisdiction.form}` });
    const hub = byId.get(jurisdiction.id);
    if (!hub) return sendError(res, route.format, { code: 404, description: `jurisdiction_id: ${jurisdiction.id} is not served here; this endpoint serves ${served.join(', ')}` });
    // The city's own app, from the request's full path: its Open311 router, keys, services and flood limits.
    req.url = req.originalUrl;
    hub.app(req, res);
  });
  // A form too large or malformed for the parser above: the spec's error, as the city's endpoint answers it.
  app.use('/open311/v2', (err: { status?: number; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    sendError(res, /\.json$/.test(req.path) ? 'json' : 'xml', { code: err.status ?? 400, description: `body: ${err.message ?? 'cannot be read'}` });
  });
  app.use((req, res) => void res.status(404).json({ error: 'not_found', message: `no ${req.method} ${req.path} at the province's address; each city's screens are at its own` }));

  const http = createServer(app);
  return {
    http,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(opts.port, opts.host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: () => new Promise((resolve) => (http.listening ? http.close(() => resolve()) : resolve())),
  };
}
