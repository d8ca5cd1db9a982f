import compression from 'compression';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Hub } from '../hub.js';
import type { City } from '../profile/load.js';
import { PROVINCE_GEO, provinceGeo } from './city.js';
import { mediaFrom } from './media.js';
import { discovery, routeOf } from '../http/open311.js';
import { send, sendError } from '../http/open311-format.js';
import { jurisdictionOf } from '../domain/jurisdictions.js';

/**
 * What the province's address of an installation of several cities (PANTAU_CITIES) serves beyond a hub's own
 * routes: the cities it watches, its map files, and an Open311 endpoint for every city by `jurisdiction_id` (the
 * spec's form for several jurisdictions), which hands each request to that city's hub, where its keys, services and
 * limits apply. Mounted before the province hub's own routes (its own Open311 would serve no service).
 */
export function provinceRouter(hubs: Hub[], province: City): Router {
  const byId = new Map(hubs.map((h) => [h.ctx.city.profile.id, h]));
  const served = [...byId.keys()];
  const app = Router();
  const geo = provinceGeo(province);

  // Compressed here: these routes come before the hub's own compression (what is handed to a city is compressed there).
  app.get(`${PROVINCE_GEO}/:file.geojson`, compression(), (req, res) => {
    const file = req.params.file as keyof typeof geo;
    if (!Object.hasOwn(geo, file)) return void res.status(404).json({ error: 'not_found', field: 'file', message: `no map file ${file}.geojson; there are ${Object.keys(geo).join(', ')}` });
    res.type('application/geo+json').json(geo[file]);
  });
  // A photo an answer handed on from a city links to (its media_url is under the address asked: this one).
  app.use(mediaFrom(() => hubs));
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
    req.baseUrl = '';
    hub.app(req, res);
  });
  // A form too large or malformed for the parser above: the spec's error, as the city's endpoint answers it.
  app.use('/open311/v2', (err: { status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
    if (!err.status || err.status >= 500) return next(err);
    sendError(res, /\.json$/.test(req.path) ? 'json' : 'xml', { code: 400, description: `body: ${err.message ?? 'cannot be read'}` });
  });
  return app;
}
