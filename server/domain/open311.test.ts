import { describe, expect, it } from 'vitest';
import { cityClock } from './time.js';
import type { Category } from '../contract/profile.js';
import { notesOf, open311Datetime, open311Status, requestOf, serviceDefinition, serviceOf, statusNotes } from './open311.js';
import { districtIn, parseNewRequest, parseRequestsQuery, parseW3 } from './open311-parse.js';
import type { ReportState } from './reports.js';

const flood: Category = {
  id: 'banjir', label: { id: 'Banjir / genangan', en: 'Flood' }, agencyId: 'bpbd', responseHours: 2, resolutionHours: 48, clock: 'continuous',
  questions: [{
    code: 'kedalaman', label: { id: 'Kedalaman genangan', en: 'Water depth' }, datatype: 'singlevaluelist', required: true,
    values: [{ key: 'lutut', label: { id: 'Selutut', en: 'Knee deep' } }, { key: 'pinggang', label: { id: 'Sepinggang', en: 'Waist deep' } }],
  }],
};
const pju: Category = {
  id: 'pju', label: { id: 'Lampu jalan mati', en: 'Broken street light' }, agencyId: 'dishub', responseHours: 8, resolutionHours: 72, clock: 'working',
  questions: [{ code: 'nomor-tiang', label: { id: 'Nomor tiang', en: 'Pole number' }, datatype: 'string', required: false, values: [] }],
};
const districts = [{ code: '36.71.01', name: 'Tangerang' }, { code: '36.71.02', name: 'Karawaci' }, { code: '36.71.03', name: 'Neglasari' }];
const now = new Date('2026-11-23T05:00:00Z');
const WIB = cityClock('Asia/Jakarta');
const WITA = cityClock('Asia/Makassar');
const known = new Set(['banjir', 'pju']);

describe('Open311 datetimes and statuses', () => {
  it("writes every datetime in the city's zone: +07:00 in WIB, +08:00 in Mataram (WITA)", () => {
    expect(open311Datetime('2026-11-23T17:30:00.000Z', WIB)).toBe('2026-11-24T00:30:00+07:00');
    expect(open311Datetime('2026-11-23T17:30:00.000Z', WITA)).toBe('2026-11-24T01:30:00+08:00');
  });
  it('maps the whole SIGAP lifecycle to open/closed, with notes saying where it is', () => {
    for (const s of ['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted'] as const) expect(open311Status(s)).toBe('open');
    for (const s of ['verified', 'closed', 'rejected', 'merged', 'forwarded'] as const) expect(open311Status(s)).toBe('closed');
    expect(statusNotes('rejected', 'id', 'bukan wewenang kota')).toBe('Ditolak: bukan wewenang kota');
    expect(statusNotes('merged', 'en', null, 'TNG-2026-000007')).toBe('Merged into another report: TNG-2026-000007');
    expect(statusNotes('merged', 'en', null, 'TNG-2026-000007', 'dispatched')).toBe('Merged into another report: TNG-2026-000007 (Sent to a field supervisor)');
    expect(notesOf([{ at: '2026-11-23T06:00:00.000Z', type: 'report.unmerged', agencyId: null, reason: 'beda lokasi', to: 'new' }], 'en', () => '', WIB)[0]).toMatchObject({ type: 'opened', description: 'beda lokasi' });
    expect(statusNotes('dispatched', 'id')).toBe('Dikirim ke pengawas lapangan');
  });
  it('reads w3 datetimes with a zone, and a bare date as midnight WIB', () => {
    expect(parseW3('2026-11-01', WIB)?.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(parseW3('2026-11-01T08:00:00Z', WIB)?.toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(parseW3('2026-11-01T08:00:00', WIB)).toBeNull();
    expect(parseW3('yesterday', WIB)).toBeNull();
    expect(parseW3('2026-11-01', WITA)?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });
});

describe('services', () => {
  it('announces metadata only for a category that asks extra questions, and defines its attributes', () => {
    expect(serviceOf(flood, 'BPBD', 'id')).toMatchObject({ service_code: 'banjir', service_name: 'Banjir / genangan', metadata: true, type: 'realtime', group: 'BPBD' });
    expect(serviceOf({ ...pju, questions: [] }, 'Dishub', 'en').metadata).toBe(false);
    const def = serviceDefinition(flood, 'en');
    expect(def.attributes[0]).toEqual({
      variable: true, code: 'kedalaman', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 1,
      description: 'Water depth', values: [{ key: 'lutut', name: 'Knee deep' }, { key: 'pinggang', name: 'Waist deep' }],
    });
  });
});

describe('GET requests filters', () => {
  it('defaults to the last 90 days and 1000 requests', () => {
    const q = parseRequestsQuery({}, now, known, WIB);
    expect(q).toEqual({ ok: true, value: { tickets: null, categories: [], statuses: [], from: '2026-08-25T05:00:00.000Z', to: now.toISOString(), limit: 1000, offset: 0 } });
  });
  it('reads comma lists of codes and statuses, dates and pages', () => {
    const q = parseRequestsQuery({ service_code: 'banjir,pju', status: 'closed', start_date: '2026-11-01T00:00:00+07:00', end_date: '2026-11-20T00:00:00+07:00', page: '3', page_size: '10' }, now, known, WIB);
    expect(q.ok && q.value).toMatchObject({ categories: ['banjir', 'pju'], statuses: ['verified', 'closed', 'rejected', 'merged', 'forwarded'], from: '2026-10-31T17:00:00.000Z', to: '2026-11-19T17:00:00.000Z', limit: 10, offset: 20 });
  });
  it('a start date alone opens a 90-day window that ends no later than now', () => {
    const q = parseRequestsQuery({ start_date: '2026-11-01T00:00:00Z' }, now, known, WIB);
    expect(q.ok && q.value.to).toBe(now.toISOString());
  });
  it('service_request_id overrides every other filter', () => {
    const q = parseRequestsQuery({ service_request_id: 'tng-2026-000001,TNG-2026-000002', status: 'nonsense' }, now, known, WIB);
    expect(q.ok && q.value.tickets).toEqual(['TNG-2026-000001', 'TNG-2026-000002']);
  });
  it('refuses each bad filter, naming it', () => {
    const err = (q: Record<string, unknown>) => {
      const r = parseRequestsQuery(q, now, known, WIB);
      return r.ok ? null : r.error.description.split(':')[0];
    };
    expect(err({ status: 'pending' })).toBe('status');
    expect(err({ service_code: 'nope' })).toBe('service_code');
    expect(err({ start_date: 'last week' })).toBe('start_date');
    expect(err({ end_date: '2026-13-45T99:00:00Z' })).toBe('end_date');
    expect(err({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' })).toBe('end_date');
    expect(err({ start_date: '2026-11-10T00:00:00Z', end_date: '2026-11-01T00:00:00Z' })).toBe('start_date');
    expect(err({ page: '0' })).toBe('page');
    expect(err({ page_size: '1001' })).toBe('page_size');
  });
});

describe('POST requests fields', () => {
  const parse = (f: Record<string, unknown>, lang: 'id' | 'en' = 'id') => parseNewRequest(f, [flood, pju], districts, lang, 'Kota Tangerang');
  it('takes lat/long, contact fields, and appends the answers to the description', () => {
    const r = parse({ service_code: 'banjir', lat: '-6.17', long: '106.63', description: 'Air masuk rumah', 'attribute[kedalaman]': 'lutut', first_name: 'Siti', last_name: 'Rahma', phone: '0812 5555', email: 'siti@example.id' });
    expect(r).toEqual({ ok: true, value: {
      category: 'banjir', description: 'Air masuk rumah\n\nKedalaman genangan: Selutut', lat: -6.17, lon: 106.63,
      reporterName: 'Siti Rahma', reporterContact: '0812 5555 / siti@example.id',
    } });
  });
  it('finds the kecamatan from address_string or address_id', () => {
    expect(parse({ service_code: 'pju', address_string: 'Jl. Imam Bonjol 12, Kec. Karawaci, Kota Tangerang' })).toMatchObject({ ok: true, value: { district: '36.71.02', address: 'Jl. Imam Bonjol 12, Kec. Karawaci, Kota Tangerang' } });
    expect(parse({ service_code: 'pju', address_id: '36.71.03' })).toMatchObject({ ok: true, value: { district: '36.71.03' } });
    expect(districtIn('Jl. Daan Mogot, Kec. Tangerang, Kota Tangerang', districts, 'Kota Tangerang')?.code).toBe('36.71.01');
    expect(districtIn('Neglasari dekat Karawaci', districts, 'Kota Tangerang')?.code).toBe('36.71.03');
    expect(districtIn('Jl. Sudirman, Kota Tangerang', districts, 'Kota Tangerang')).toBeNull();
  });
  it('keeps the commas of a free-text answer', () => {
    const r = parse({ service_code: 'pju', lat: '-6.1', long: '106.6', description: 'Lampu mati', 'attribute[nomor-tiang]': 'PJU-12, dekat masjid' });
    expect(r.ok && r.value.description).toBe('Lampu mati\n\nNomor tiang: PJU-12, dekat masjid');
  });
  it('refuses each bad field with the spec field name and the right code', () => {
    const err = (f: Record<string, unknown>) => {
      const r = parse(f);
      return r.ok ? null : `${r.error.code} ${r.error.description.split(':')[0]}`;
    };
    expect(err({})).toBe('400 service_code');
    expect(err({ service_code: 'gempa', lat: '1', long: '1' })).toBe('404 service_code');
    expect(err({ service_code: 'pju' })).toBe('400 lat');
    expect(err({ service_code: 'pju', lat: '-6.1' })).toBe('400 long');
    expect(err({ service_code: 'pju', lat: 'north', long: '106' })).toBe('400 lat');
    expect(err({ service_code: 'pju', lat: '-6.1', long: '500' })).toBe('400 long');
    expect(err({ service_code: 'pju', address_string: 'Jl. Sudirman, Jakarta' })).toBe('400 address_string');
    expect(err({ service_code: 'pju', address_id: '99.99' })).toBe('400 address_id');
    expect(err({ service_code: 'pju', lat: '-6.1', long: '106.6', description: 'x'.repeat(4001) })).toBe('400 description');
    expect(err({ service_code: 'pju', lat: '-6.1', long: '106.6', email: 'not-mail' })).toBe('400 email');
    expect(err({ service_code: 'banjir', lat: '-6.1', long: '106.6' })).toBe('400 attribute[kedalaman]');
    expect(err({ service_code: 'banjir', lat: '-6.1', long: '106.6', 'attribute[kedalaman]': 'leher' })).toBe('400 attribute[kedalaman]');
    expect(err({ service_code: 'pju', lat: '-6.1', long: '106.6', 'attribute[warna]': 'merah' })).toBe('400 attribute[warna]');
  });
  it('accepts a description of exactly 4000 characters, and none at all', () => {
    expect(parse({ service_code: 'pju', lat: '-6.1', long: '106.6', description: 'x'.repeat(4000) }).ok).toBe(true);
    const r = parse({ service_code: 'pju', lat: '-6.1', long: '106.6' }, 'en');
    expect(r.ok && r.value.description).toBe('Broken street light');
  });
});

describe('a report as a service request', () => {
  const report = {
    id: 7, ticket: 'TNG-2026-000007', status: 'dispatched', categoryId: 'banjir', agencyId: 'bpbd', description: 'Air masuk rumah',
    lng: 106.63, lat: -6.17, precision: 'point', address: null, districtCode: '36.71.01', subdistrictCode: null, channel: 'open311',
    photos: ['a'.repeat(64)], proof: null, deadlines: { responseDueAt: '2026-11-23T07:00:00.000Z', resolutionDueAt: '2026-11-25T05:00:00.000Z', escalateAt: '2027-01-22T05:00:00.000Z' },
    createdAt: '2026-11-23T05:00:00.000Z', updatedAt: '2026-11-23T06:00:00.000Z',
  } as unknown as ReportState;
  const ctx = { category: flood, agencyName: 'BPBD Kota Tangerang', districtName: 'Tangerang', cityName: 'Kota Tangerang', photoUrl: (h: string) => `https://kota.example/media/${h}/display.webp`, lang: 'id' as const, clock: WIB, breached: false };

  it('gives the spec fields: status, notes, agency, expected datetime from the deadline, the public photo', () => {
    const r = requestOf(report, ctx);
    expect(r).toMatchObject({
      service_request_id: 'TNG-2026-000007', status: 'open', status_notes: 'Dikirim ke pengawas lapangan', service_code: 'banjir',
      agency_responsible: 'BPBD Kota Tangerang', requested_datetime: '2026-11-23T12:00:00+07:00', expected_datetime: '2026-11-25T12:00:00+07:00',
      address: 'Kecamatan Tangerang, Kota Tangerang', address_id: '36.71.01', lat: -6.17, long: 106.63,
      media_url: `https://kota.example/media/${'a'.repeat(64)}/display.webp`,
    });
    expect(r.notes).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/reporter/);
  });
  it('with extensions, adds our status, channel, photos and a notes history', () => {
    const steps = [
      { at: '2026-11-23T05:00:00.000Z', type: 'report.submitted', agencyId: null, to: 'new' as const },
      { at: '2026-11-23T06:00:00.000Z', type: 'report.dispatched', agencyId: 'bpbd', to: 'dispatched' as const },
      { at: '2026-11-23T06:30:00.000Z', type: 'report.noted', agencyId: 'bpbd' },
    ];
    const r = requestOf(report, { ...ctx, steps, agencyNameOf: () => 'BPBD' });
    expect(r.extended_attributes).toMatchObject({ status: 'dispatched', channel: 'open311', ticket: 'TNG-2026-000007', response_due_datetime: '2026-11-23T14:00:00+07:00' });
    expect(r.notes).toEqual([
      { datetime: '2026-11-23T12:00:00+07:00', type: 'opened', summary: 'Laporan diterima', description: null, status: 'new' },
      { datetime: '2026-11-23T13:00:00+07:00', type: 'activity', summary: 'Dikirim ke pengawas lapangan', description: 'BPBD', status: 'dispatched' },
    ]);
    expect(notesOf([{ at: '2026-11-23T06:00:00.000Z', type: 'report.rejected', agencyId: 'bpbd', reason: 'spam', to: 'rejected' }], 'en', () => 'BPBD', WIB)[0])
      .toMatchObject({ type: 'closed', summary: 'Report rejected', description: 'BPBD: spam' });
  });
});

describe('photos by channel', () => {
  it('a citizen must send a photo; another system through Open311 may file without one, as the spec allows', async () => {
    const { photosRequired } = await import('./intake.js');
    expect(photosRequired('web')).toBe(true);
    expect(photosRequired('app')).toBe(true);
    expect(photosRequired('open311')).toBe(false);
  });
});
