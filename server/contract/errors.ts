import { z } from 'zod';

/**
 * What every refusal of the JSON API looks like (server/http/errors.ts sends it). Written as a contract so the
 * API description (server/http/openapi/) is generated from the same shape the hub answers with.
 */
export const ApiError = z.object({
  error: z.string().describe('what kind of refusal: invalid, unauthenticated, forbidden, not_found, conflict, too_large, unsupported_media, unprocessable, rate_limited, busy'),
  field: z.string().optional().describe('the field refused, e.g. location.lat, clientId, content-type, origin'),
  message: z.string().describe('English, starting with the field it refuses'),
  errors: z
    .array(z.object({ row: z.number().int(), column: z.string().optional(), code: z.string().optional(), message: z.string() }))
    .optional()
    .describe('422 of a CSV import: every row that needs fixing (nothing was imported)'),
});
export type ApiError = z.infer<typeof ApiError>;

/** Open311 GeoReport v2 errors: the spec's list of {code, description}, the description naming the field first. */
export const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }));
