import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { z } from 'zod';
import { MAX_PHOTOS } from '../contract/reports.js';
import { FieldStep, ProofFields } from '../contract/field.js';
import { actOnReport } from '../commands/act-on-report.js';
import { submitProof } from '../commands/submit-proof.js';
import type { Ctx } from '../commands/context.js';
import { fieldJob, fieldJobs } from '../queries/field.js';
import { allow } from './actor.js';
import { reportIdParam } from './report-id.js';
import { body } from './validate.js';
import { multerError } from './reports.js';
import { sendRefusal, sendZodError } from './errors.js';

export function fieldRouter(ctx: Ctx, opts: { maxPhotoBytes: number }): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: opts.maxPhotoBytes, files: MAX_PHOTOS, fields: 10, fieldSize: 4096 } }).array('photos', MAX_PHOTOS);
  router.param('id', reportIdParam);
  const reportId = (req: Request) => req.reportId;

  router.get('/jobs', allow('field.work'), async (req: Request, res: Response) => {
    res.json({ jobs: await fieldJobs(ctx, req.actor.id) });
  });

  for (const action of ['accept', 'start'] as const) {
    router.post(`/jobs/:id/${action}`, allow('field.work'), body(FieldStep), async (req: Request, res: Response) => {
      const { clientId } = req.input as z.infer<typeof FieldStep>;
      const r = await actOnReport(ctx, req.actor, reportId(req), { action }, { clientId });
      if (!r.ok) return sendRefusal(res, r);
      res.json({ job: await fieldJob(ctx, r.value) });
    });
  }

  router.post(
    '/jobs/:id/proof',
    allow('field.work'),
    (req: Request, res: Response, next: NextFunction) => upload(req, res, (err: unknown) => (err ? multerError(err, res) : next())),
    async (req: Request, res: Response) => {
      const fields = ProofFields.safeParse(req.body ?? {});
      if (!fields.success) return sendZodError(res, fields.error);
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const r = await submitProof(ctx, req.actor, reportId(req), fields.data, files.map((f) => f.buffer));
      if (!r.ok) return sendRefusal(res, r);
      res.json({ job: await fieldJob(ctx, r.value) });
    },
  );
  return router;
}
