import { cameraAdminRouter } from './camera-admin.js';
import { cameraLiveRouter } from './camera-live.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import { constants as zlib } from 'node:zlib';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { PUBLIC_DIR } from '../profile/load.js';
import { identify } from './actor.js';
import { reportsRouter } from './reports.js';
import { authRouter } from './auth.js';
import { adminRouter } from './admin.js';
import { consoleRouter } from './console.js';
import { consoleIntakeRouter } from './console-intake.js';
import { fieldRouter } from './field.js';
import { trackRouter } from './track.js';
import { camerasRouter } from './cameras.js';
import { statsRouter } from './stats.js';
import { indicatorsRouter } from './indicators.js';
import { replayRouter } from './replay.js';
import { VARIANTS, type Variant } from '../media/files.js';
import type { RateLimits } from '../config.js';
import { loginLimiters, reportsLimiter } from './rate-limits.js';
import { sharedLimitStores } from './rate-limit-store.js';
import { apiClientsRouter } from './api-clients.js';
import { open311Router } from './open311.js';
import { displaysRouter, type Presence } from './displays.js';
import { gapsRouter } from './gaps.js';
import { buildIdOf } from './build-id.js';
import { sameOrigin } from './same-origin.js';
import { securityHeaders } from './security-headers.js';
import { apiDocsRouter } from './openapi/router.js';

/** Paths the single-page front end answers; the hub serves index.html for them. */
export const SCREENS = ['/wall', '/wall/{*rest}', '/console', '/console/{*rest}', '/admin', '/admin/{*rest}', '/field', '/field/{*rest}', '/lapor', '/lacak', '/lacak/{*rest}', '/ringkas'];

export function createApp(ctx: Ctx, opts: { maxPhotoBytes: number; staticDir: string | null; snapshotsDir: string; log: Logger; rateLimits: RateLimits; presence?: Presence; publicOrigins?: readonly string[]; trustProxy?: false | number | string; mapStyleUrl?: string | null; hubId?: string; before?: express.Router }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Off unless configured (PANTAU_TRUST_PROXY): otherwise anyone could name the address the flood limits count.
  app.set('trust proxy', opts.trustProxy ?? false);
  app.use(securityHeaders({ mapStyleUrl: opts.mapStyleUrl }));
  // The province's own routes (server/province/router.ts), before compression: what it hands to a city's hub is
  // compressed there, once.
  if (opts.before) app.use(opts.before);
  // Phones on mobile data: text (scripts, styles, JSON, GeoJSON, SVG) goes brotli where the browser takes it, else
  // gzip. Quality 5 keeps brotli cheap enough to do per request; photos are WebP and pass through as they are.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } }));

  const limitStores = sharedLimitStores(ctx.store, ctx.now);
  const api = express.Router();
  api.use(sameOrigin(opts.publicOrigins ?? []));
  api.use(identify(ctx));
  const buildId = buildIdOf(opts.staticDir);
  api.get('/health', async (_req, res) => {
    // build: a wall polls it and reloads itself at a quiet moment when a new front end is released.
    // webhooks: a count that grows while a receiver is down, and what was given up, is where monitoring looks.
    // hub: which of several hubs behind a load balancer answered (its run id, as in its log).
    const { seq, webhooks } = await ctx.store.query(function* (p) {
      return { seq: yield* p.reports.headSeq(), webhooks: yield* p.reports.outboxCounts() };
    });
    res.json({ ok: true, seq, storeId: ctx.store.storeId, build: buildId(), webhooks, hub: opts.hubId ?? null });
  });
  api.get('/profile', (_req, res) => {
    res.json(ctx.city.publicProfile);
  });
  // The API's description for integrators (OpenAPI 3.1 and a page made from it), generated from the route table.
  api.use(apiDocsRouter());
  api.use(express.json({ limit: '64kb' }));
  api.post('/auth/login', ...loginLimiters(opts.rateLimits, limitStores));
  api.use('/auth', authRouter(ctx));
  api.use('/admin/api-clients', apiClientsRouter(ctx));
  api.use('/admin/cameras', cameraAdminRouter(ctx));
  api.use('/admin', adminRouter(ctx));
  api.use('/console', consoleRouter(ctx));
  api.use('/console', consoleIntakeRouter(ctx, opts));
  api.use('/cameras', cameraLiveRouter(ctx));
  api.use('/cameras', camerasRouter(ctx, opts));
  api.use('/stats/gaps', gapsRouter(ctx));
  api.use('/stats', statsRouter(ctx));
  api.use('/indicators', indicatorsRouter(ctx));
  api.use('/displays', displaysRouter(ctx, opts.presence ?? { connected: async () => new Set<string>() }));
  api.use('/replay', replayRouter(ctx));
  api.use('/field', fieldRouter(ctx, opts));
  api.use('/track', trackRouter(ctx, opts));
  api.post('/reports', reportsLimiter(opts.rateLimits, limitStores));
  api.use('/reports', reportsRouter(ctx, opts));
  api.use((req, res) => {
    res.status(404).json({ error: 'not_found', field: 'path', message: `no route ${req.method} ${req.path}` });
  });
  app.use('/api', api);
  // Open311 GeoReport v2 for other systems: outside /api, with the spec's own errors and formats.
  app.use('/open311/v2', open311Router(ctx, { ...opts, limitStores }));

  app.get('/media/:hash/:file', async (req, res) => {
    const hash = String(req.params.hash);
    const variant = String(req.params.file).replace(/\.webp$/, '') as Variant;
    if (!/^[a-f0-9]{64}$/.test(hash) || !VARIANTS.includes(variant) || !(await ctx.store.query((p) => p.reports.hasMedia(hash))))
      return res.status(404).json({ error: 'not_found', field: 'hash', message: 'no such photo' });
    res.sendFile(ctx.media.path(hash, variant), { maxAge: '365d', immutable: true, headers: { 'Content-Type': 'image/webp' } });
  });

  app.use(express.static(PUBLIC_DIR, { maxAge: '1h' }));
  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    const dir = opts.staticDir;
    app.use('/assets', express.static(join(dir, 'assets'), { maxAge: '365d', immutable: true }));
    app.use(express.static(dir, { index: false, maxAge: 0 }));
    // index.html is never cached, so a wall picks up a new release on its next load.
    app.get(['/', ...SCREENS], (_req, res) => res.sendFile(join(dir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { status?: number; type?: string; message?: string };
    if (e.status && e.status >= 400 && e.status < 500)
      return res.status(e.status).json({ error: 'invalid', field: 'body', message: `body: ${e.message ?? 'bad request'}` });
    opts.log.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal', message: 'the hub could not complete this request; nothing was saved' });
  });
  return app;
}
