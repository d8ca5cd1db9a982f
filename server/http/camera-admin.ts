import express, { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { addCamera, disableCamera, enableCamera, importCameras, moveCamera, removeCamera, updateCamera } from '../commands/camera-admin.js';
import { CameraDisable, CameraInput, CameraMove, CameraPatch, type CameraAdminView } from '../contract/camera-admin.js';
import { parseCameraCsv, redactUrl } from '../domain/camera-sources.js';
import { cameraView } from '../domain/views.js';
import type { CameraRow } from '../store/cameras.js';
import { allow } from './actor.js';
import { sendRefusal } from './errors.js';
import { body } from './validate.js';

/** An admin sees where a camera is read from, with every credential taken out (user:pw, tokens in the query). */
export const adminView = (c: CameraRow): CameraAdminView => ({
  ...cameraView(c),
  intervalS: c.intervalS,
  snapshotUrl: redactUrl(c.snapshotUrl),
  streamUrl: redactUrl(c.streamUrl),
  hasCredentials: !!(c.username || c.password),
});

/** /api/admin/cameras: add, edit, move, disable, enable, remove, import a CSV. Every change is a camera.* event. */
export function cameraAdminRouter(ctx: Ctx): Router {
  const router = Router();
  const reply = async (res: Response, r: Awaited<ReturnType<typeof updateCamera>>, status = 200) => {
    if (!r.ok) return sendRefusal(res, r);
    const id = r.value.id;
    res.status(status).json({ camera: adminView((await ctx.store.query((p) => p.cameras.camera(id)))!) });
  };

  router.get('/', allow('cameras.manage'), async (_req: Request, res: Response) => {
    res.json({ cameras: (await ctx.store.query((p) => p.cameras.list())).map(adminView) });
  });
  router.post('/', allow('cameras.manage'), body(CameraInput), async (req: Request, res: Response) => {
    await reply(res, await addCamera(ctx, req.actor, req.input as CameraInput), 201);
  });
  router.patch('/:id', allow('cameras.manage'), body(CameraPatch), async (req: Request, res: Response) => {
    await reply(res, await updateCamera(ctx, req.actor, String(req.params.id), req.input as CameraPatch));
  });
  router.post('/:id/move', allow('cameras.manage'), body(CameraMove), async (req: Request, res: Response) => {
    await reply(res, await moveCamera(ctx, req.actor, String(req.params.id), (req.input as z.infer<typeof CameraMove>).location));
  });
  router.post('/:id/disable', allow('cameras.manage'), body(CameraDisable), async (req: Request, res: Response) => {
    await reply(res, await disableCamera(ctx, req.actor, String(req.params.id), (req.input as z.infer<typeof CameraDisable>).reason));
  });
  router.post('/:id/enable', allow('cameras.manage'), async (req: Request, res: Response) => {
    await reply(res, await enableCamera(ctx, req.actor, String(req.params.id)));
  });
  router.post('/:id/remove', allow('cameras.manage'), body(CameraDisable), async (req: Request, res: Response) => {
    const r = await removeCamera(ctx, req.actor, String(req.params.id), (req.input as z.infer<typeof CameraDisable>).reason);
    if (!r.ok) return sendRefusal(res, r);
    res.json({ removed: r.value.id });
  });
  // The CSV is the request body (text/csv), up to a big city's list.
  router.post('/import', allow('cameras.manage'), express.text({ type: ['text/csv', 'text/plain'], limit: '4mb' }), async (req: Request, res: Response) => {
    if (typeof req.body !== 'string') return res.status(415).json({ error: 'unsupported_media', field: 'content-type', message: 'send the CSV as text/csv' });
    const parsed = parseCameraCsv(req.body);
    if (!parsed.ok) return res.status(422).json({ error: 'unprocessable', field: 'file', message: `${parsed.errors.length} row(s) need fixing; nothing was imported`, errors: parsed.errors });
    const inputs: CameraInput[] = [];
    const errors: { row: number; message: string }[] = [];
    for (const r of parsed.rows) {
      const v = CameraInput.safeParse({
        id: r.id, name: r.name, kind: r.kind, location: [r.lng, r.lat], snapshotUrl: r.snapshotUrl, streamUrl: r.streamUrl,
        username: r.username, password: r.password, ...(r.intervalS === null ? {} : { intervalS: r.intervalS }),
      });
      if (v.success) inputs.push(v.data);
      else errors.push({ row: r.row, message: v.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
    if (errors.length) return res.status(422).json({ error: 'unprocessable', field: 'file', message: `${errors.length} row(s) need fixing; nothing was imported`, errors });
    const r = await importCameras(ctx, req.actor, inputs);
    if (!r.ok) return sendRefusal(res, r);
    res.status(201).json(r.value);
  });
  return router;
}
