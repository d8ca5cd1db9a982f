import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { MAX_PHOTOS, NewReportForm } from '../contract/reports.js';
import { Ticket } from '../contract/field.js';
import { submitReport } from '../commands/submit-report.js';
import { publicReport } from '../domain/views.js';
import type { Ctx } from '../commands/context.js';
import { allow } from './actor.js';
import { sendRefusal, sendZodError } from './errors.js';
import { createHash } from 'node:crypto';

/**
 * The form's clientId (random, generated on the phone, never shown) makes a retry safe: the hub keeps only its
 * hash, and derives the reporter's tracking key from it, so a retry after a lost answer gets the same ticket
 * and the same private link back without the hub ever storing the key.
 */
export function submissionKeys(clientId: string | undefined): { clientKey: string; trackKey: string } | null {
  if (clientId === undefined) return null;
  const h = (s: string) => createHash('sha256').update(s).digest();
  return { clientKey: `report:${h(`submission:${clientId}`).toString('hex')}`, trackKey: h(`track:${clientId}`).toString('base64url').slice(0, 24) };
}

const TEXT_FIELD_BYTES = 8 * 1024;

export function reportsRouter(ctx: Ctx, opts: { maxPhotoBytes: number }): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxPhotoBytes, files: MAX_PHOTOS, fields: 20, fieldSize: TEXT_FIELD_BYTES, parts: 40 },
  }).array('photos', MAX_PHOTOS);

  router.post(
    '/',
    allow('report.file'),
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data'))
        return res.status(415).json({ error: 'unsupported_media', field: 'content-type', message: 'content-type: send multipart/form-data with the photos' });
      upload(req, res, (err: unknown) => (err ? multerError(err, res) : next()));
    },
    async (req: Request, res: Response) => {
      const form = NewReportForm.safeParse(req.body ?? {});
      if (!form.success) return sendZodError(res, form.error);
      const { clientId, ...fields } = form.data;
      const retry = submissionKeys(clientId);
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const result = await submitReport(ctx, req.actor, fields, files.map((f) => f.buffer), retry ?? {});
      if (!result.ok) return sendRefusal(res, result);
      const r = result.value;
      // A retry of a submission already filed is answered 200 with the same ticket and link; a new one 201.
      res.status(r.replayed ? 200 : 201).location(`/api/reports/${r.ticket}`).json({ ...publicReport(r), trackUrl: `/lacak/${r.ticket}?k=${r.trackKey}` });
    },
  );

  router.get('/:ticket', async (req: Request, res: Response) => {
    const ticket = String(req.params.ticket);
    const r = Ticket.safeParse(ticket).success ? await ctx.store.query((p) => p.reports.reportByTicket(ticket)) : null;
    if (!r) return res.status(404).json({ error: 'not_found', field: 'ticket', message: `no report ${ticket}` });
    res.json(publicReport(r));
  });

  return router;
}

export function multerError(err: unknown, res: Response) {
  if (err instanceof multer.MulterError) {
    const field = err.field ?? 'photos';
    if (err.code === 'LIMIT_FILE_SIZE') return res.status(413).json({ error: 'too_large', field, message: `${field}: photo is larger than allowed` });
    if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
      return res.status(400).json({ error: 'invalid', field: 'photos', message: `photos: give 1 to ${MAX_PHOTOS} files in the field "photos"` });
    if (err.code === 'LIMIT_FIELD_VALUE') return res.status(413).json({ error: 'too_large', field, message: `${field}: value is too long` });
    return res.status(400).json({ error: 'invalid', field, message: `${field}: ${err.message}` });
  }
  return res.status(400).json({ error: 'invalid', field: 'body', message: `malformed multipart body: ${(err as Error).message}` });
}
