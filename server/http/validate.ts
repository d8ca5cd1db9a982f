import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { sendZodError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    input: unknown;
  }
}

/** Parses the body (or query) with a zod schema; a bad field is a 400 naming it. */
export function body<S extends z.ZodType>(schema: S) {
  return (req: Request, res: Response, next: NextFunction) => {
    const r = schema.safeParse(req.body ?? {});
    if (!r.success) return sendZodError(res, r.error);
    req.input = r.data;
    next();
  };
}

export function query<S extends z.ZodType>(schema: S) {
  return (req: Request, res: Response, next: NextFunction) => {
    const r = schema.safeParse(req.query ?? {});
    if (!r.success) return sendZodError(res, r.error);
    req.input = r.data;
    next();
  };
}
