import type { ApiRoute } from './route.js';

/** What each refusal means, once for every route that can give it. */
export const ERROR_TEXT: Record<number, string> = {
  400: 'A field is refused: field names it (e.g. location.lat, values.2.period) and message says why.',
  401: 'No valid credential: log in, or send a valid API key or display token.',
  403: 'Not allowed: the role, the agency or the key’s scope does not permit it, or a change riding on the session cookie came from another origin (field origin).',
  404: 'No such thing: the id, ticket or key in the path names nothing here.',
  409: 'Conflict: a stale expectedVersion, a step the lifecycle does not allow now, or a clientId sent again with other content.',
  413: 'Too large: a photo over the hub’s byte or pixel limit, or a body over its limit.',
  415: 'Unsupported: the wrong content type, or a truncated or corrupt photo.',
  422: 'Refused as a whole: a location outside the city or an unknown district; for a CSV import, errors lists every row that needs fixing (nothing was imported).',
  429: 'Flood limit reached: nothing was saved; try again after Retry-After seconds.',
  502: 'The camera answered with an error.',
  503: 'The photo line is full: nothing was saved; send the same submission again after Retry-After seconds.',
  504: 'The camera did not answer in time.',
};

/**
 * The refusals a route can give, from its shape: a body or query can be refused (400), a guarded route refuses
 * strangers and the wrong roles (401, 403), a path parameter can name nothing (404), a body can be too large (413),
 * photos corrupt or waiting in a full line (415, 503), a flood limit answers 429. Anything else the table says.
 */
export function errorsOf(r: ApiRoute): number[] {
  const s = new Set(r.errors ?? []);
  const guarded = r.who !== 'anyone' && r.who !== 'reporter' && r.who !== 'open311-key';
  if (r.body || r.query || r.area === 'open311') s.add(400);
  if (guarded) s.add(401);
  if (guarded || r.who === 'reporter' || r.who === 'open311-key' || (r.method !== 'get' && r.area !== 'open311' && r.path.startsWith('/api/'))) s.add(403);
  if (/[:{]/.test(r.path) || r.area === 'open311') s.add(404);
  // Every body has a limit (JSON 64 kB, a form's fields and files, a CSV); Open311 answers its spec's 400 instead.
  if (r.body && r.area !== 'open311') s.add(413);
  if (r.body && r.body.as !== 'json' && r.area !== 'open311') s.add(415);
  if (r.body?.files?.type === 'image') s.add(503);
  if (r.limited) s.add(429);
  return [...s].sort((a, b) => a - b);
}
