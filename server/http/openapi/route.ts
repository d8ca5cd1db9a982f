import type { z } from 'zod';
import type { Permission } from '../../domain/access.js';

/** The areas of the docs page, in the order an integrator meets them. */
export const AREAS = {
  citizens: 'Citizens: filing a report, following it, reopening it. Public, no login.',
  console: 'The LIVE Room console: the queue, a report and its SIGAP actions, reminders, duplicates, performance.',
  field: 'Field supervisors: their jobs, accept / start, proof photos (retried safely by clientId).',
  wall: 'Wall displays and the screens that watch: cameras, performance, replay, layouts. A display token or a staff session.',
  admin: 'Administration: accounts, API keys, cameras, wall pairing.',
  indicators: 'Government performance indicators: the board, values from the console, a CSV or another system.',
  open311: 'Open311 GeoReport v2 for other systems, with the spec’s own errors: every path answers XML with .xml (or no extension, the spec’s default) or JSON with .json.',
  hub: 'The hub itself: health, the city profile, sessions, this description.',
} as const;
export type Area = keyof typeof AREAS;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: a permission of the one table in domain/access.ts (its roles are read from there),
 * `anyone` (no credential), `reporter` (the citizen holding the private link's key) or `open311-key`
 * (an API key sent as Open311's api_key).
 */
export type Who = Permission | 'anyone' | 'reporter' | 'open311-key';

export type ApiRoute = {
  method: Method;
  /** The path as it is written for integrators: Express `:id` or OpenAPI `{id}` (Open311's `.{format}`). */
  path: string;
  /** The Express route that serves it, when not `path` itself (Open311 has one catch-all per method). */
  servedBy?: string;
  area: Area;
  summary: string;
  description?: string;
  who: Who;
  /** A sentence on a finer rule the handler applies (an operator's own agency, a key's scope). */
  scope?: string;
  /** Path parameters: what each names (a zod schema where the value has a shape). */
  params?: Record<string, { description: string; schema?: z.ZodType }>;
  query?: z.ZodType;
  body?: {
    schema: z.ZodType;
    /** How the body is sent; multipart fields arrive as text and are read by the same schema. */
    as: 'json' | 'multipart' | 'json-or-multipart' | 'csv' | 'form-or-multipart';
    files?: { field: string; max: number; required: boolean; type: 'image' | 'csv' };
  };
  answer: { status: number; description: string; schema?: z.ZodType; type?: string; also?: number[] };
  /** Refusals beyond those the route's shape already implies (a body: 400; a role: 401/403; a path id: 404). */
  errors?: number[];
  /** A flood limit applies (429 with Retry-After). */
  limited?: boolean;
  /** The display token may come as ?display= (an <img> or a video element cannot send a header). */
  displayInQuery?: boolean;
};
