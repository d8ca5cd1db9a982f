import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { MAX_PHOTOS } from '../contract/reports.js';
import { OperatorReportFields } from '../contract/intake.js';
import { submitReport } from '../commands/submit-report.js';
import type { Ctx } from '../commands/context.js';
import { reportForActor } from './report-for-actor.js';
import { duplicatesOf } from '../queries/duplicates.js';
import { staffView } from '../domain/views.js';
import { allow } from './actor.js';
import { reportIdParam } from './report-id.js';
import { multerError } from './reports.js';
import { sendRefusal, sendZodError } from './errors.js';

/** Operator intake (phone, SMS, WhatsApp, social media) and possible duplicates: the console's side of every channel. */
export function consoleIntakeRouter(ctx: Ctx, opts: { maxPhotoBytes: number }): Router {
  const router = Router();
  router.param('id', reportIdParam);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxPhotoBytes, files: MAX_PHOTOS, fields: 20, fieldSize: 8 * 1024, parts: 40 },
  }).array('photos', MAX_PHOTOS);

  router.post(
    '/reports',
    allow('report.intake'),
    (req: Request, res: Response, next: NextFunction) => {
      // A photo is optional: JSON is fine without one, multipart carries one.
      if (req.is('multipart/form-data')) return upload(req, res, (err: unknown) => (err ? multerError(err, res) : next()));
      if (!req.is('application/json'))
        return res.status(415).json({ error: 'unsupported_media', field: 'content-type', message: 'content-type: send application/json, or multipart/form-data with a photo' });
      next();
    },
    async (req: Request, res: Response) => {
      const fields = OperatorReportFields.safeParse(req.body ?? {});
      if (!fields.success) return sendZodError(res, fields.error);
      const f = fields.data;
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const result = await submitReport(ctx, req.actor, { ...f, district: undefined }, files.map((x) => x.buffer), { photoOptional: true });
      if (!result.ok) return sendRefusal(res, result);
      const { trackKey, ...r } = result.value;
      // The operator reads the ticket and the tracking link back to the caller (or sends it by SMS).
      res.status(201).location(`/api/console/reports/${r.id}`).json({ report: staffView(r, req.actor), trackUrl: `/lacak/${r.ticket}?k=${trackKey}` });
    },
  );

  router.get('/reports/:id/duplicates', allow('console.read'), async (req: Request, res: Response) => {
    const r = await reportForActor(ctx, req, res);
    if (r) res.json(await duplicatesOf(ctx, r, req.actor));
  });

  return router;
}
