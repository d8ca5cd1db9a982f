/**
 * Which jurisdiction (city id) an Open311 request at the province's endpoint names: the spec puts jurisdiction_id in
 * the query string, and in the form of a POST; either will do, both must agree, and an empty one is none.
 */
export type Jurisdiction = { kind: 'none' } | { kind: 'one'; id: string } | { kind: 'conflict'; query: string; form: string };

export function jurisdictionOf(query: unknown, form: unknown): Jurisdiction {
  // Not trimmed: the city that is handed the request compares it as it came.
  const named = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const q = named(query);
  const f = named(form);
  if (q && f && q !== f) return { kind: 'conflict', query: q, form: f };
  const id = q ?? f;
  return id ? { kind: 'one', id } : { kind: 'none' };
}
