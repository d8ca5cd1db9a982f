import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { z } from 'zod';
import type { Ctx } from '../commands/context.js';
import { PushInput, ValueInput } from '../contract/indicators.js';
import { recordValues } from '../commands/indicators.js';
import { indicatorSpecs } from '../profile/indicators.js';
import { parseIndicatorCsv } from '../domain/indicator-csv.js';
import { mayRecordIndicator } from '../domain/access.js';
import { indicatorBoard } from '../queries/indicator-board.js';
import { phoneSummary } from '../queries/phone-summary.js';
import { allow } from './actor.js';
import { body } from './validate.js';
import { sendRefusal } from './errors.js';

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/**
 * /api/indicators: the board (wall, phone), one indicator's history, and the three ways values arrive:
 * the console (one value), a finance office's CSV (all rows or none), and other systems' JSON push.
 * Push is meant for an admin-issued API key sent as `Authorization: Bearer <key>` (role open311, scope
 * 'indicators'); a staff session may push too.
 */
export function indicatorsRouter(ctx: Ctx): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5, parts: 10 } }).single('file');

  router.get('/', allow('indicators.read'), async (_req: Request, res: Response) => {
    res.json(await indicatorBoard(ctx));
  });

  router.get('/ringkas', allow('indicators.read'), async (_req: Request, res: Response) => {
    res.json(await phoneSummary(ctx));
  });

  router.get('/:id/history', allow('indicators.read'), async (req: Request, res: Response) => {
    const spec = indicatorSpecs(ctx.city).get(String(req.params.id));
    if (!spec) return res.status(404).json({ error: 'not_found', field: 'id', message: `no indicator ${req.params.id}` });
    res.json({ indicator: spec, history: await ctx.store.query((p) => p.room.indicatorHistory(spec.id, 200)) });
  });

  router.post('/values', allow('indicators.record'), body(ValueInput), async (req: Request, res: Response) => {
    const r = await recordValues(ctx, req.actor, [req.input as z.infer<typeof ValueInput>], 'console', (_i, f) => f);
    if (!r.ok) return sendRefusal(res, r);
    res.status(r.value.recorded.length ? 201 : 200).json(r.value);
  });

  router.post('/push', allow('indicators.push'), body(PushInput), async (req: Request, res: Response) => {
    const r = await recordValues(ctx, req.actor, (req.input as z.infer<typeof PushInput>).values, 'api');
    if (!r.ok) return sendRefusal(res, r);
    res.status(r.value.recorded.length ? 201 : 200).json(r.value);
  });

  router.post(
    '/import',
    allow('indicators.record'),
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data'))
        return res.status(415).json({ error: 'unsupported_media', field: 'content-type', message: 'content-type: send multipart/form-data with the CSV in the field "file"' });
      upload(req, res, (err: unknown) => (err ? csvUploadError(err, res) : next()));
    },
    async (req: Request, res: Response) => {
      const file = req.file;
      if (!file) return res.status(400).json({ error: 'invalid', field: 'file', message: 'file: attach the CSV in the field "file"' });
      const text = decode(file.buffer);
      const actor = req.actor;
      const parsed = parseIndicatorCsv(text, indicatorSpecs(ctx.city), ctx.now(), ctx.city.clock, (s) => mayRecordIndicator(actor, s.agencyId));
      // Nothing half-imported: one bad row and the whole file is refused, with every bad row listed.
      if (!parsed.ok) return res.status(422).json({ error: 'unprocessable', field: 'file', message: `${parsed.errors.length} row(s) need fixing; nothing was imported`, errors: parsed.errors });
      const r = await recordValues(ctx, actor, parsed.values, 'csv', (i, f) => `file.row${parsed.values[i].row}.${f}`);
      if (!r.ok) return sendRefusal(res, r);
      res.status(r.value.recorded.length ? 201 : 200).json({ ...r.value, rows: parsed.values.length });
    },
  );

  return router;
}

/** Finance exports come as UTF-8 or, from older Excel, Windows-1252; a Rupiah sign is the same either way. */
function decode(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(buf) : utf8;
}

function csvUploadError(err: unknown, res: Response) {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return res.status(413).json({ error: 'too_large', field: 'file', message: `file: at most ${MAX_CSV_BYTES / 1024 / 1024} MB` });
    return res.status(400).json({ error: 'invalid', field: err.field ?? 'file', message: `file: ${err.message}` });
  }
  return res.status(400).json({ error: 'invalid', field: 'body', message: `malformed multipart body: ${(err as Error).message}` });
}
