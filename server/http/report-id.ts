import type { NextFunction, Request, Response } from 'express';
import { parseReportId } from '../domain/ids.js';

declare module 'express-serve-static-core' {
  interface Request {
    reportId: number;
  }
}

/** `router.param('id', reportIdParam)`: every `:id` of a report is parsed strictly once; anything else names no report (404, field id). */
export function reportIdParam(req: Request, res: Response, next: NextFunction, raw: unknown): void {
  const id = parseReportId(raw);
  if (id === null) return void res.status(404).json({ error: 'not_found', field: 'id', message: `no report ${String(raw).slice(0, 40)}: a report id is a positive whole number` });
  req.reportId = id;
  next();
}
