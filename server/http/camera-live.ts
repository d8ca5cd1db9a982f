import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Ctx } from '../commands/context.js';
import { displayActor } from '../commands/displays.js';
import { cameraHeaders } from '../jobs/camera-probe.js';
import { allow } from './actor.js';

const TIMEOUT_MS = 8000;
const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;

/**
 * Live video through the hub: /api/cameras/:id/live/index.m3u8 fetches the camera's playlist with its
 * credentials and rewrites every URI in it to an opaque key under the same path, so the browser never learns
 * where the camera is or how to log in to it. Keys are a hash of the upstream URL, remembered per camera
 * (bounded): a key never seen in a playlist this hub served is a 404, so this is no open proxy.
 */
export function cameraLiveRouter(ctx: Ctx): Router {
  const router = Router();
  const known = new Map<string, Map<string, string>>();
  const remember = (id: string, url: string) => {
    let keys = known.get(id);
    if (!keys) known.set(id, (keys = new Map()));
    const key = createHash('sha256').update(url).digest('base64url').slice(0, 22);
    keys.delete(key);
    keys.set(key, url);
    // A live window is a few segments; keep a few hundred so a slow player still finds its segment.
    for (const k of keys.keys()) {
      if (keys.size <= 300) break;
      keys.delete(k);
    }
    return key;
  };

  // hls.js may send the display token as a bearer header; a <video> with native HLS only as ?display=.
  const displayFromQuery = async (req: Request, _res: Response, next: NextFunction) => {
    if (req.actor.role === 'citizen' && typeof req.query.display === 'string') req.actor = (await displayActor(ctx.store, req.query.display)) ?? req.actor;
    next();
  };
  const cameraOf = (req: Request) => {
    const id = String(req.params.id);
    return ctx.store.query((p) => p.cameras.camera(id));
  };
  const streamOf = async (req: Request, res: Response) => {
    const cam = await cameraOf(req);
    if (!cam || !cam.streamUrl || cam.disabled) {
      res.status(404).json({ error: 'not_found', field: 'id', message: `camera ${String(req.params.id)} has no live video` });
      return null;
    }
    return cam;
  };
  const query = (req: Request) => (typeof req.query.display === 'string' ? `?display=${encodeURIComponent(req.query.display)}` : '');

  async function playlist(req: Request, res: Response, upstream: string) {
    const cam = await streamOf(req, res);
    if (!cam) return;
    try {
      const r = await fetch(upstream, { headers: cameraHeaders(cam), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
      if (!r.ok) return res.status(502).json({ error: 'bad_gateway', field: 'camera', message: `the camera answered ${r.status}` });
      const text = await r.text();
      const q = query(req);
      // Every URI line (and URI="…" attributes, for keys and maps) becomes a key on this hub.
      const rewrite = (uri: string) => {
        const abs = new URL(uri, upstream).toString();
        const key = remember(cam.id, abs);
        return /\.m3u8?(\?|$)/i.test(abs) ? `p/${key}.m3u8${q}` : `s/${key}${q}`;
      };
      const out = text
        .split('\n')
        .map((line) => {
          const l = line.trim();
          if (!l) return line;
          if (!l.startsWith('#')) return rewrite(l);
          return line.replace(/URI="([^"]+)"/g, (_m, u: string) => `URI="${rewrite(u)}"`);
        })
        .join('\n');
      res.set({ 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' }).send(out);
    } catch (err) {
      res.status(504).json({ error: 'gateway_timeout', field: 'camera', message: (err as Error).name === 'TimeoutError' ? 'the camera did not answer' : 'the camera could not be reached' });
    }
  }

  router.get('/:id/live/index.m3u8', displayFromQuery, allow('cameras.watch'), async (req: Request, res: Response) => {
    const cam = await cameraOf(req);
    await playlist(req, res, cam?.streamUrl ?? '');
  });
  router.get('/:id/live/p/:key.m3u8', displayFromQuery, allow('cameras.watch'), async (req: Request, res: Response) => {
    const url = known.get(String(req.params.id))?.get(String(req.params.key));
    if (!url) return res.status(404).json({ error: 'not_found', field: 'key', message: 'no such playlist (it has left the live window)' });
    await playlist(req, res, url);
  });
  router.get('/:id/live/s/:key', displayFromQuery, allow('cameras.watch'), async (req: Request, res: Response) => {
    const cam = await streamOf(req, res);
    if (!cam) return;
    const url = known.get(cam.id)?.get(String(req.params.key));
    if (!url) return res.status(404).json({ error: 'not_found', field: 'key', message: 'no such segment (it has left the live window)' });
    try {
      const r = await fetch(url, { headers: cameraHeaders(cam), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
      if (!r.ok) return res.status(502).json({ error: 'bad_gateway', field: 'camera', message: `the camera answered ${r.status}` });
      const body = Buffer.from(await r.arrayBuffer());
      if (body.length > MAX_SEGMENT_BYTES) return res.status(502).json({ error: 'bad_gateway', field: 'camera', message: 'segment too large' });
      res.set({ 'Content-Type': r.headers.get('content-type') ?? 'video/mp2t', 'Cache-Control': 'no-store' }).send(body);
    } catch (err) {
      res.status(504).json({ error: 'gateway_timeout', field: 'camera', message: (err as Error).name === 'TimeoutError' ? 'the camera did not answer' : 'the camera could not be reached' });
    }
  });
  return router;
}
