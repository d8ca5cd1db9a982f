import { parse } from 'csv-parse/sync';

/** Query parameters that carry a secret in cameras' URLs (recorders put tokens and passwords there too). */
const SECRET_PARAM = /pass|pwd|token|key|auth|sig|secret|session/i;

/** A URL as an admin may see it again: no user:password, no secret-looking query values. */
export function redactUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) if (SECRET_PARAM.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return '***';
  }
}

/** http://user:pw@host/… entered at the console: the credentials go to their own fields, the URL keeps none. */
export function splitCredentials(raw: string): { url: string; username: string | null; password: string | null } {
  const u = new URL(raw);
  const username = u.username ? decodeURIComponent(u.username) : null;
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.username = '';
  u.password = '';
  return { url: u.toString(), username, password };
}

export type CameraCsvRow = {
  row: number;
  id: string;
  name: string;
  kind: string;
  lng: number;
  lat: number;
  snapshotUrl: string | null;
  streamUrl: string | null;
  username: string | null;
  password: string | null;
  intervalS: number | null;
};

const HEADERS: Record<string, keyof Omit<CameraCsvRow, 'row'>> = {
  id: 'id', kode: 'id', name: 'name', nama: 'name', kind: 'kind', jenis: 'kind', lng: 'lng', lon: 'lng', bujur: 'lng', lat: 'lat', lintang: 'lat',
  snapshot_url: 'snapshotUrl', snapshot: 'snapshotUrl', stream_url: 'streamUrl', hls: 'streamUrl', hls_url: 'streamUrl', stream: 'streamUrl',
  username: 'username', user: 'username', password: 'password', interval_s: 'intervalS', interval: 'intervalS',
};

/**
 * A camera list as a city's CCTV contractor hands it over: a header row, then one camera a line (`,` or `;`).
 * Rows are numbered as a spreadsheet shows them (the header is row 1). Shape only; the command checks the rest.
 */
export function parseCameraCsv(text: string): { ok: true; rows: CameraCsvRow[] } | { ok: false; errors: { row: number; message: string }[] } {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    return { ok: false, errors: [{ row: 0, message: (err as Error).message }] };
  }
  if (records.length < 2) return { ok: false, errors: [{ row: 1, message: 'no cameras: a header row and at least one camera' }] };
  const cols = records[0].map((h) => HEADERS[h.toLowerCase().replace(/\s+/g, '_')] ?? null);
  for (const need of ['id', 'name', 'lng', 'lat'] as const)
    if (!cols.includes(need)) return { ok: false, errors: [{ row: 1, message: `missing column ${need}` }] };
  const rows: CameraCsvRow[] = [];
  const errors: { row: number; message: string }[] = [];
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    const get = (k: keyof Omit<CameraCsvRow, 'row'>) => {
      const v = rec[cols.indexOf(k)];
      return v === undefined || v === '' ? null : v;
    };
    const lng = Number(get('lng')?.replace(',', '.'));
    const lat = Number(get('lat')?.replace(',', '.'));
    const interval = get('intervalS');
    if (!get('id') || !get('name')) return void errors.push({ row, message: 'id and name are needed' });
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return void errors.push({ row, message: 'lng and lat must be numbers' });
    rows.push({
      row, id: get('id')!, name: get('name')!, kind: get('kind') ?? 'traffic', lng, lat, snapshotUrl: get('snapshotUrl'), streamUrl: get('streamUrl'),
      username: get('username'), password: get('password'), intervalS: interval === null ? null : Number(interval),
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
