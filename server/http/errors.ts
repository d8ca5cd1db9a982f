import type { Response } from 'express';
import type { ZodError } from 'zod';
import type { Refusal, RefusalCode } from '../domain/reports.js';

export const STATUS_OF: Record<RefusalCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  busy: 503,
};

export function sendRefusal(res: Response, r: Refusal): void {
  // The phone's outbox and /lapor wait this long before sending the same submission again.
  if (r.retryAfterS) res.setHeader('Retry-After', String(r.retryAfterS));
  res.status(STATUS_OF[r.code]).json({ error: r.code, field: r.field, message: namingField(r.field, r.message) });
}

/** Every refusal's message names the field it refuses, so a person (or a log) can tell what to fix. */
export const namingField = (field: string | undefined, message: string) => (!field || message.includes(field) ? message : `${field}: ${message}`);

/** A zod issue becomes 400 { error: 'invalid', field: 'location.lat', message }. */
export function sendZodError(res: Response, err: ZodError): void {
  const issue = err.issues[0];
  // A body that is not even an object (a bare string, a number) is refused as the body itself.
  const field = issue.path.join('.') || 'body';
  res.status(400).json({ error: 'invalid', field, message: `${field}: ${issue.message}` });
}
