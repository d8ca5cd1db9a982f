import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { ReopenFields, Ticket } from '../contract/field.js';
import { reopenByReporter } from '../commands/reopen-report.js';
import type { Ctx } from '../commands/context.js';
import { trackView } from '../queries/track.js';
import type { ReportState } from '../domain/reports.js';
import { multerError } from './reports.js';
import { sendRefusal, sendZodError } from './errors.js';

/** The citizen's tracking page: public, by ticket; the private key only adds the right to reopen. */
export function trackRouter(ctx: Ctx, opts: { maxPhotoBytes: number }): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: opts.maxPhotoBytes, files: 3, fields: 5, fieldSize: 4096 } }).array('photos', 3);

  const view = (r: ReportState, key: string | undefined) => trackView(ctx, r, key);

  const find = async (req: Request, res: Response): Promise<ReportState | null> => {
    const ticket = String(req.params.ticket).toUpperCase();
    const r = Ticket.safeParse(ticket).success ? await ctx.store.query((p) => p.reports.reportByTicket(ticket)) : null;
    if (!r) res.status(404).json({ error: 'not_found', field: 'ticket', message: `no report ${ticket}` });
    return r;
  };

  router.get('/:ticket', async (req: Request, res: Response) => {
    const r = await find(req, res);
    if (r) res.json(await view(r, typeof req.query.k === 'string' ? req.query.k : undefined));
  });

  router.post(
    '/:ticket/reopen',
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data')) return next();
      upload(req, res, (err: unknown) => (err ? multerError(err, res) : next()));
    },
    async (req: Request, res: Response) => {
      const r = await find(req, res);
      if (!r) return;
      const fields = ReopenFields.safeParse(req.body ?? {});
      if (!fields.success) return sendZodError(res, fields.error);
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const result = await reopenByReporter(ctx, r.ticket, fields.data.k, fields.data.reason, files.map((f) => f.buffer));
      if (!result.ok) return sendRefusal(res, result);
      res.json(await view(result.value, fields.data.k));
    },
  );
  return router;
}
