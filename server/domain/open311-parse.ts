import type { Category } from '../contract/profile.js';
import type { ReportStatus } from '../contract/reports.js';
import { DEFAULT_WINDOW_DAYS, MAX_DESCRIPTION, MAX_REQUESTS, STATUSES_OF, type Lang } from './open311.js';
import { isCalendarDate } from './time.js';

/**
 * What Open311 clients send, read field by field: the GET requests filters and the POST requests form.
 * Every refusal is the spec's {code, description}, the description starting with the field's name.
 */

export type Open311Error = { code: 400 | 403 | 404 | 429; description: string };
/** Far beyond any city's archive at 1000 a page, and small enough that the offset stays an exact integer. */
const MAX_PAGE = 1_000_000;
const bad = (description: string): { ok: false; error: Open311Error } => ({ ok: false, error: { code: 400, description } });

/** A w3/ISO 8601 datetime with a zone (Z or ±hh:mm); a date alone is read as midnight WIB. */
export function parseW3(value: string): Date | null {
  const v = value.trim();
  const withZone = /^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00+07:00` : v;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(withZone) || !isCalendarDate(withZone.slice(0, 10))) return null;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : new Date(t);
}

export type RequestsQuery = {
  tickets: string[] | null;
  categories: string[];
  statuses: ReportStatus[];
  from: string;
  to: string;
  limit: number;
  offset: number;
};

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : [])).map((s) => s.trim()).filter(Boolean);
const all = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/**
 * GET requests filters with the spec's defaults: service_request_id (which overrides the rest), service_code,
 * status, start_date/end_date (at most 90 days apart; the last 90 days when neither is given), at most 1000
 * results; plus the common page/page_size extension.
 */
export function parseRequestsQuery(q: Record<string, unknown>, now: Date, knownCategories: ReadonlySet<string>): { ok: true; value: RequestsQuery } | { ok: false; error: Open311Error } {
  const pageRaw = one(q.page);
  const sizeRaw = one(q.page_size);
  // Digits only: Number('1e16') is a whole number too, and its offset overflowed SQLite's integer (a 500).
  const page = pageRaw === undefined ? 1 : /^\d{1,7}$/.test(pageRaw.trim()) ? Number(pageRaw) : NaN;
  const size = sizeRaw === undefined ? MAX_REQUESTS : /^\d{1,4}$/.test(sizeRaw.trim()) ? Number(sizeRaw) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) return bad(`page: a whole number from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(size) || size < 1 || size > MAX_REQUESTS) return bad(`page_size: a whole number from 1 to ${MAX_REQUESTS}`);

  const ids = list(q.service_request_id);
  if (ids.length > MAX_REQUESTS) return bad(`service_request_id: at most ${MAX_REQUESTS} ids`);
  if (ids.length) return { ok: true, value: { tickets: ids.map((s) => s.toUpperCase()), categories: [], statuses: [], from: '', to: '', limit: size, offset: (page - 1) * size } };

  const categories = list(q.service_code);
  const unknown = categories.find((c) => !knownCategories.has(c));
  if (unknown) return bad(`service_code: no service ${unknown}`);

  const statusWords = list(q.status).map((s) => s.toLowerCase());
  const wrong = statusWords.find((s) => s !== 'open' && s !== 'closed');
  if (wrong) return bad(`status: ${wrong} is not open or closed`);
  const statuses = [...new Set(statusWords)].flatMap((s) => STATUSES_OF[s as 'open' | 'closed']);

  const window = DEFAULT_WINDOW_DAYS * 24 * 3600_000;
  const startRaw = one(q.start_date);
  const endRaw = one(q.end_date);
  const start = startRaw ? parseW3(startRaw) : null;
  const end = endRaw ? parseW3(endRaw) : null;
  if (startRaw && !start) return bad('start_date: a w3 datetime such as 2026-11-01T00:00:00+07:00');
  if (endRaw && !end) return bad('end_date: a w3 datetime such as 2026-11-30T23:59:59+07:00');
  const to = end ?? (start ? new Date(Math.min(start.getTime() + window, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - window);
  if (from > to) return bad('start_date: must be before end_date');
  if (to.getTime() - from.getTime() > window) return bad(`end_date: start_date and end_date may be at most ${DEFAULT_WINDOW_DAYS} days apart`);
  return { ok: true, value: { tickets: null, categories, statuses, from: from.toISOString(), to: to.toISOString(), limit: size, offset: (page - 1) * size } };
}

export type Area = { code: string; name: string };

export type ParsedRequest = {
  category: string;
  description: string;
  lat?: number;
  lon?: number;
  address?: string;
  district?: string;
  reporterName?: string;
  reporterContact?: string;
};

/**
 * The POST requests form, field by field: every problem names the spec's field. Answers to the category's
 * questions (attribute[code]) are checked against its definition and appended to the description.
 */
export function parseNewRequest(
  f: Record<string, unknown>,
  categories: readonly Category[],
  districts: readonly Area[],
  lang: Lang,
  cityName = '',
): { ok: true; value: ParsedRequest } | { ok: false; error: Open311Error } {
  const code = one(f.service_code)?.trim();
  if (!code) return bad('service_code: required');
  const category = categories.find((c) => c.id === code);
  if (!category) return { ok: false, error: { code: 404, description: `service_code: no service ${code}` } };

  const text = (name: string, max: number): string | undefined | { error: string } => {
    const v = one(f[name]);
    if (v === undefined || v.trim() === '') return undefined;
    if (v.length > max) return { error: `${name}: at most ${max} characters` };
    return v.trim();
  };
  const fields: Record<string, string | undefined> = {};
  for (const [name, max] of [
    ['description', MAX_DESCRIPTION], ['address_string', 300], ['address_id', 40], ['email', 120], ['phone', 40],
    ['first_name', 60], ['last_name', 60], ['device_id', 120], ['account_id', 120], ['media_url', 500],
  ] as const) {
    const v = text(name, max);
    if (typeof v === 'object') return bad(v.error);
    fields[name] = v;
  }
  if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) return bad('email: not an e-mail address');
  if (fields.phone && !/^[+\d][\d\s().-]{4,}$/.test(fields.phone)) return bad('phone: digits, spaces, + ( ) . - only');

  const latRaw = one(f.lat);
  const longRaw = one(f.long);
  const out: ParsedRequest = { category: code, description: '' };
  if (latRaw !== undefined || longRaw !== undefined) {
    if (latRaw === undefined || latRaw.trim() === '') return bad('lat: required with long');
    if (longRaw === undefined || longRaw.trim() === '') return bad('long: required with lat');
    const lat = Number(latRaw);
    const lon = Number(longRaw);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) return bad('lat: a number from -90 to 90 (WGS84)');
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) return bad('long: a number from -180 to 180 (WGS84)');
    out.lat = lat;
    out.lon = lon;
  } else if (fields.address_id) {
    const d = districts.find((a) => a.code === fields.address_id);
    if (!d) return bad(`address_id: no kecamatan with code ${fields.address_id}; the codes are in GET services' group listing or the city profile`);
    out.district = d.code;
  } else if (fields.address_string) {
    const d = districtIn(fields.address_string, districts, cityName);
    if (!d) return bad('address_string: name the kecamatan in the address (or send lat and long)');
    out.district = d.code;
  } else {
    return bad('lat: a location is required: lat and long, address_string or address_id');
  }
  if (fields.address_string) out.address = fields.address_string;

  const answers = answersOf(f, category, lang);
  if (!answers.ok) return answers;
  const base = fields.description ?? category.label[lang];
  const extra = [...answers.value, ...(fields.media_url ? [`${lang === 'id' ? 'Foto' : 'Photo'}: ${fields.media_url}`] : [])];
  out.description = extra.length ? `${base}\n\n${extra.join('\n')}` : base;

  const name = [fields.first_name, fields.last_name].filter(Boolean).join(' ');
  if (name) out.reporterName = name;
  const contact = [fields.phone, fields.email].filter(Boolean).join(' / ');
  if (contact) out.reporterContact = contact;
  return { ok: true, value: out };
}

/**
 * The kecamatan an address names ("Jl. Daan Mogot, Kec. Batuceper, Kota Tangerang"). The city's own name is
 * ignored (Kecamatan Tangerang shares it); a name after "Kec."/"Kecamatan" wins, then the longest name.
 */
export function districtIn(address: string, districts: readonly Area[], cityName = ''): Area | null {
  const words = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  let a = ` ${words(address)} `;
  const city = words(cityName);
  if (city) a = a.split(` ${city} `).join(' | ');
  const hits = districts
    .map((d) => ({ d, name: words(d.name) }))
    .filter(({ name }) => a.includes(` ${name} `))
    .map(({ d, name }) => ({ d, marked: a.includes(` kec ${name} `) || a.includes(` kecamatan ${name} `), len: name.length }));
  hits.sort((x, y) => Number(y.marked) - Number(x.marked) || y.len - x.len);
  return hits[0]?.d ?? null;
}

/**
 * Multipart bodies arrive with `attribute[code]` already nested (multer's append-field gives `attribute: {code}`),
 * form-encoded ones flat: both are read the same way.
 */
function flatAttributes(f: Record<string, unknown>): Record<string, unknown> {
  const nested = f.attribute;
  if (!nested || typeof nested !== 'object' || Array.isArray(nested)) return f;
  const out: Record<string, unknown> = { ...f };
  delete out.attribute;
  for (const [k, v] of Object.entries(nested as Record<string, unknown>)) out[`attribute[${k}]`] = v;
  return out;
}

function answersOf(body: Record<string, unknown>, c: Category, lang: Lang): { ok: true; value: string[] } | { ok: false; error: Open311Error } {
  const f = flatAttributes(body);
  const lines: string[] = [];
  const given = new Set(Object.keys(f).filter((k) => k.startsWith('attribute[')).map((k) => k.slice(10).replace(/\](\[\])?$/, '')));
  for (const code of given) {
    if (!c.questions.some((q) => q.code === code)) return bad(`attribute[${code}]: service ${c.id} has no attribute ${code}`);
  }
  for (const q of c.questions) {
    const given = [...all(f[`attribute[${q.code}]`]), ...all(f[`attribute[${q.code}][]`])];
    // Only list answers may come comma-separated; a free-text answer keeps its commas.
    const raw = q.datatype === 'multivaluelist' ? list(given) : given;
    const field = `attribute[${q.code}]`;
    if (!raw.length) {
      if (q.required) return bad(`${field}: required for ${c.id} (${q.label[lang]})`);
      continue;
    }
    let shown: string;
    if (q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist') {
      if (q.datatype === 'singlevaluelist' && raw.length > 1) return bad(`${field}: choose one value`);
      const names: string[] = [];
      for (const k of raw) {
        const v = q.values.find((x) => x.key === k);
        if (!v) return bad(`${field}: ${k} is not one of ${q.values.map((x) => x.key).join(', ')}`);
        names.push(v.label[lang]);
      }
      shown = names.join(', ');
    } else if (q.datatype === 'number') {
      if (raw.length > 1 || !Number.isFinite(Number(raw[0]))) return bad(`${field}: a number`);
      shown = raw[0];
    } else if (q.datatype === 'datetime') {
      if (raw.length > 1 || !parseW3(raw[0])) return bad(`${field}: an ISO 8601 datetime`);
      shown = raw[0];
    } else {
      const v = raw.join(', ');
      if (v.length > 500) return bad(`${field}: at most 500 characters`);
      shown = q.datatype === 'string' ? v.replace(/\s+/g, ' ') : v;
    }
    lines.push(`${q.label[lang]}: ${shown}`);
  }
  return { ok: true, value: lines };
}
