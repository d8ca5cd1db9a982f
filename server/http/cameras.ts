import { Router, type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Ctx } from '../commands/context.js';
import { acknowledgeCameraAlert } from '../commands/cameras.js';
import { displayActor } from '../commands/displays.js';
import { cameraGrid } from '../queries/cameras.js';
import { snapshotPath } from '../jobs/camera-probe.js';
import { ThumbnailCache } from '../media/camera-snapshot.js';
import { allow } from './actor.js';
import { sendRefusal } from './errors.js';

export function camerasRouter(ctx: Ctx, opts: { snapshotsDir: string }): Router {
  const router = Router();
  // WebP made on request from the kept JPEG, by its hash: a frame nobody looks at is never encoded.
  const thumbs = new ThumbnailCache();

  // An <img> on the wall cannot send a bearer header: the snapshot also takes the display token as ?display=.
  const displayFromQuery = async (req: Request, _res: Response, next: NextFunction) => {
    if (req.actor.role === 'citizen' && typeof req.query.display === 'string') req.actor = (await displayActor(ctx.store, req.query.display)) ?? req.actor;
    next();
  };

  router.get('/', allow('cameras.watch'), async (_req: Request, res: Response) => {
    res.json({ cameras: await cameraGrid(ctx) });
  });

  router.get('/:id/snapshot.webp', displayFromQuery, allow('cameras.watch'), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    let jpeg: Buffer | null = null;
    try {
      jpeg = /^[a-z0-9-]+$/.test(id) ? readFileSync(snapshotPath(opts.snapshotsDir, id)) : null;
    } catch {
      jpeg = null;
    }
    if (!jpeg) return res.status(404).json({ error: 'not_found', field: 'id', message: `no snapshot for camera ${id}` });
    const frame = jpeg;
    let webp: Buffer;
    try {
      webp = await thumbs.get(createHash('sha1').update(frame).digest('hex'), () => frame);
    } catch {
      return res.status(404).json({ error: 'not_found', field: 'id', message: `the snapshot of camera ${id} cannot be read` });
    }
    res.set({ 'Content-Type': 'image/webp', 'Cache-Control': 'no-store' }).send(webp);
  });

  router.post('/:id/ack', allow('cameras.acknowledge'), async (req: Request, res: Response) => {
    const r = await acknowledgeCameraAlert(ctx, req.actor, String(req.params.id));
    if (!r.ok) return sendRefusal(res, r);
    res.json({ camera: r.value });
  });
  return router;
}
