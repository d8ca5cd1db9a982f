import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, startTestHub, WallClient } from '../testing/hub.js';
import { Open311Client, parseOpen311Xml, type Open311Form } from '../testing/open311-client.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';

let hub: Hub;
let url: string;
let admin: string;
let supervisor: string;
let operatorBpbd: string;
let key: string;
let client: Open311Client;
let xmlClient: Open311Client;

// The published Open311 GeoReport v2 response schemas (open311/schema-validation), vendored unchanged.
const SCHEMAS = join(import.meta.dirname, '..', 'open311', 'schemas');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const name of ['request.json', 'service.json']) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')), name);
const schema = (name: string): ValidateFunction => ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')));
const validRequests = schema('requests.json');
const validServices = schema('services.json');
const validDefinition = schema('service-definition.json');
function conforms(v: ValidateFunction, body: unknown) {
  const ok = v(body);
  if (!ok) throw new Error(`not Open311-conformant: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 600)}`);
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function createKey(name: string, scopes = ['open311']): Promise<{ key: string; client: { id: string; keyPrefix: string } }> {
  const res = await fetch(`${url}/api/admin/api-clients`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name, scopes }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { key: string; client: { id: string; keyPrefix: string } };
}

const json = (r: { text: string }) => JSON.parse(r.text);
const IN_CITY = { lat: '-6.1789', long: '106.6312' };

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  admin = await login('admin');
  supervisor = await login('supervisor');
  operatorBpbd = await login('operator.bpbd');
  key = (await createKey('Aplikasi Warga Tangerang')).key;
  client = new Open311Client({ endpoint: `${url}/open311/v2`, jurisdiction: 'tangerang', apiKey: key, format: 'json' });
  xmlClient = new Open311Client({ endpoint: `${url}/open311/v2/`, jurisdiction: 'tangerang', apiKey: key, format: 'xml' });
}, 60_000);
afterAll(() => hub.close());

describe('discovery and services', () => {
  it('discovery names this endpoint, the spec and both formats', async () => {
    const r = await client.get('discovery');
    expect(r.status).toBe(200);
    const d = json(r);
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${url}/open311/v2`, type: 'production', formats: ['text/xml', 'application/json'] });
    expect(d.changeset).toMatch(/\+07:00$/);
    const x = parseOpen311Xml((await xmlClient.get('discovery')).text);
    expect(x.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('services lists every category of the city profile, in JSON and XML', async () => {
    const r = await client.serviceList();
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/application\/json/);
    const list = json(r);
    conforms(validServices, list);
    expect(list.map((s: { service_code: string }) => s.service_code)).toEqual(hub.ctx.city.profile.categories.map((c) => c.id));
    expect(list.find((s: { service_code: string }) => s.service_code === 'banjir')).toMatchObject({ metadata: true, service_name: 'Banjir / genangan', type: 'realtime' });
    const x = await xmlClient.serviceList();
    expect(x.type).toMatch(/text\/xml/);
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = parseOpen311Xml(x.text).services.service;
    expect(services).toHaveLength(list.length);
    expect(services[1]).toMatchObject({ service_code: 'banjir', metadata: 'true' });
    // Bahasa Indonesia by default; English on request.
    expect(json(await client.get('services', { lang: 'en' }))[1].service_name).toBe('Flood');
  });

  it('services/{code} gives the attribute definition a category asks, and 404 for an unknown one', async () => {
    const r = await client.serviceDefinition('banjir');
    expect(r.status).toBe(200);
    const def = json(r);
    conforms(validDefinition, def);
    expect(def.attributes[0]).toMatchObject({ code: 'kedalaman', datatype: 'singlevaluelist', required: true, variable: true, order: 1 });
    const x = parseOpen311Xml((await xmlClient.serviceDefinition('banjir')).text);
    expect(x.service_definition.attributes.attribute[0].values.value.map((v: { key: string }) => v.key)).toEqual(['mata-kaki', 'lutut', 'pinggang']);
    const none = await client.serviceDefinition('gempa');
    expect(none.status).toBe(404);
    expect(json(none)).toEqual([{ code: 404, description: 'service_code: no service gempa' }]);
    const noneXml = await xmlClient.serviceDefinition('gempa');
    expect(noneXml.status).toBe(404);
    expect(parseOpen311Xml(noneXml.text).errors.error[0]).toEqual({ code: '404', description: 'service_code: no service gempa' });
  });

  it('answers 404 for another jurisdiction and for a path the spec does not have', async () => {
    const other = await new Open311Client({ endpoint: `${url}/open311/v2`, jurisdiction: 'bogor.go.id' }).serviceList();
    expect(other.status).toBe(404);
    expect(json(other)[0].description).toMatch(/^jurisdiction_id: /);
    const inForm = await client.submitRequest({ jurisdiction_id: 'bogor.go.id', service_code: 'pju', ...IN_CITY });
    expect(inForm.status).toBe(404);
    expect(json(inForm)[0].description).toMatch(/^jurisdiction_id: /);
    const res = await fetch(`${url}/open311/v2/complaints.json`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: number }[])[0].code).toBe(404);
  });
});

describe('POST requests', () => {
  let ticket: string;
  let token: string;

  it('files a report through the same intake: a ticket and token come back, and it lands on the wall and in the queue', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length > 0);
    const r = await client.submitRequest({
      service_code: 'banjir', ...IN_CITY, address_string: 'Jl. Daan Mogot, Kec. Tangerang', description: 'Air masuk ke rumah warga sejak subuh',
      first_name: 'Budi', last_name: 'Santoso', email: 'budi@example.id', phone: '0812-1111-2222', device_id: 'hp-123', attributes: { kedalaman: 'lutut' },
    });
    expect(r.status).toBe(201);
    const [created] = json(r);
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^TNG-\d{4}-\d{6}$/), token: expect.any(String) });
    expect(created.service_notice).toMatch(/jam/);
    ({ service_request_id: ticket, token } = created);
    await wall.until(() => wall.events.some((e) => e.report.ticket === ticket));
    const live = wall.events.find((e) => e.report.ticket === ticket)!;
    expect(live.report).toMatchObject({ channel: 'open311', categoryId: 'banjir', agencyId: 'bpbd', status: 'new' });
    expect(JSON.stringify(live)).not.toContain('budi@example.id');
    wall.close();
    const staff = (await (await fetch(`${url}/api/console/reports/${live.report.id}`, { headers: { cookie: operatorBpbd } })).json()) as { report: { description: string; reporter: { name: string; contact: string } } };
    expect(staff.report.description).toBe('Air masuk ke rumah warga sejak subuh\n\nKedalaman genangan: Selutut (20–50 cm)');
    expect(staff.report.reporter).toEqual({ name: 'Budi Santoso', contact: '0812-1111-2222 / budi@example.id' });
  });

  it('tokens/{token} answers the service_request_id', async () => {
    const r = await client.token(token);
    expect(r.status).toBe(200);
    expect(json(r)).toEqual([{ service_request_id: ticket, token }]);
    const x = parseOpen311Xml((await xmlClient.token(token)).text);
    expect(x.service_requests.request[0]).toEqual({ service_request_id: ticket, token });
    expect((await client.token('no-such-token')).status).toBe(404);
  });

  it('answers in XML when the client asks for requests.xml', async () => {
    const r = await xmlClient.submitRequest({ service_code: 'pju', ...IN_CITY, description: 'Lampu jalan mati di depan sekolah', attributes: { 'nomor-tiang': 'PJU-TNG-0142' } });
    expect(r.status, r.text).toBe(201);
    expect(r.type).toMatch(/text\/xml/);
    const req = parseOpen311Xml(r.text).service_requests.request[0];
    expect(req.service_request_id).toMatch(/^TNG-/);
    expect(req.account_id).toBe('');
  });

  it('files by kecamatan from address_string or address_id when there is no lat/long', async () => {
    const r = await client.submitRequest({ service_code: 'sampah', address_string: 'Jl. Perintis Kemerdekaan, Kecamatan Cipondoh, Kota Tangerang', description: 'Sampah menumpuk' });
    expect(r.status).toBe(201);
    const [one] = json(await client.serviceRequests(json(r)[0].service_request_id));
    expect(one).toMatchObject({ address_id: '36.71.05', address: 'Jl. Perintis Kemerdekaan, Kecamatan Cipondoh, Kota Tangerang' });
    const byId = await client.submitRequest({ service_code: 'sampah', address_id: '36.71.07', description: 'Sampah di pinggir kali' });
    expect(byId.status).toBe(201);
  });

  it('takes photos as multipart "media", and media_url points at the public photo', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ api_key: key, service_code: 'pohon-tumbang', ...IN_CITY, description: 'Pohon tumbang menutup jalan' })) fd.set(k, v);
    fd.append('media', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'pohon.jpg');
    const res = await fetch(`${url}/open311/v2/requests.json?jurisdiction_id=tangerang`, { method: 'POST', body: fd });
    expect(res.status).toBe(201);
    const [{ service_request_id }] = (await res.json()) as { service_request_id: string }[];
    const [req] = json(await client.serviceRequests(service_request_id));
    conforms(validRequests, [req]);
    expect(req.media_url).toMatch(new RegExp(`^${url}/media/[a-f0-9]{64}/display\\.webp$`));
    const img = await fetch(req.media_url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/webp');
  });

  it('reads attribute[code] from a multipart body with photos as from a form-encoded one', async () => {
    const post = async (depth: string) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ api_key: key, service_code: 'banjir', ...IN_CITY, description: 'Genangan di depan sekolah', 'attribute[kedalaman]': depth })) fd.set(k, v);
      fd.append('media', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'banjir.jpg');
      return fetch(`${url}/open311/v2/requests.json?jurisdiction_id=tangerang`, { method: 'POST', body: fd });
    };
    const ok = await post('lutut');
    expect(ok.status).toBe(201);
    const bad = await post('leher');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }[])[0].description).toMatch(/^attribute\[kedalaman\]: leher is not one of/);
  });

  it('answers a malformed request id with a 404, not a 500', async () => {
    const res = await fetch(`${url}/open311/v2/requests/%E0%A4.json`);
    expect(res.status).toBe(404);
  });

  it('refuses every bad field with the spec error naming it', async () => {
    const cases: [Open311Form, number, RegExp][] = [
      [{ ...IN_CITY, description: 'Tanpa jenis layanan' }, 400, /^service_code: required/],
      [{ service_code: 'gempa', ...IN_CITY }, 404, /^service_code: no service gempa/],
      [{ service_code: 'pju', description: 'Tanpa lokasi' }, 400, /^lat: a location is required/],
      [{ service_code: 'pju', lat: '-6.2' }, 400, /^long: required with lat/],
      [{ service_code: 'pju', lat: 'utara', long: '106.6' }, 400, /^lat: a number/],
      [{ service_code: 'pju', lat: '-6.2088', long: '106.8456', description: 'Monas, Jakarta' }, 400, /^lat: location .* is outside Kota Tangerang/],
      [{ service_code: 'pju', address_string: 'Jl. Sudirman, Jakarta Pusat' }, 400, /^address_string: name the kecamatan/],
      [{ service_code: 'pju', address_id: '31.71.01' }, 400, /^address_id: no kecamatan/],
      [{ service_code: 'pju', ...IN_CITY, description: 'x'.repeat(4001) }, 400, /^description: at most 4000/],
      [{ service_code: 'pju', ...IN_CITY, email: 'bukan-email' }, 400, /^email: /],
      [{ service_code: 'pju', ...IN_CITY, phone: 'telepon saya' }, 400, /^phone: /],
      [{ service_code: 'banjir', ...IN_CITY }, 400, /^attribute\[kedalaman\]: required/],
      [{ service_code: 'banjir', ...IN_CITY, attributes: { kedalaman: 'leher' } }, 400, /^attribute\[kedalaman\]: leher is not one of/],
      [{ service_code: 'pju', ...IN_CITY, attributes: { warna: 'merah' } }, 400, /^attribute\[warna\]: service pju has no attribute/],
    ];
    for (const [data, code, message] of cases) {
      const r = await client.submitRequest(data);
      expect(r.status, JSON.stringify(data).slice(0, 80)).toBe(code);
      const [e] = json(r);
      expect(e.code).toBe(code);
      expect(e.description).toMatch(message);
    }
    // A description of exactly 4000 characters is accepted, as the spec allows.
    expect((await client.submitRequest({ service_code: 'pju', ...IN_CITY, description: 'y'.repeat(4000) })).status).toBe(201);
  });

  it('requires a valid, unrevoked key with the open311 scope (403), in JSON and XML', async () => {
    const noKey = await new Open311Client({ endpoint: `${url}/open311/v2`, format: 'xml' }).submitRequest({ service_code: 'pju', ...IN_CITY });
    expect(noKey.status).toBe(403);
    expect(parseOpen311Xml(noKey.text).errors.error[0]).toEqual({ code: '403', description: 'api_key: required to submit a request' });
    const wrong = await new Open311Client({ endpoint: `${url}/open311/v2`, apiKey: 'pk_not-a-real-key' }).submitRequest({ service_code: 'pju', ...IN_CITY });
    expect(wrong.status).toBe(403);
    expect(json(wrong)[0].description).toBe('api_key: not a valid key');
    const indicators = await createKey('Dasbor Keuangan', ['indicators']);
    const scoped = await new Open311Client({ endpoint: `${url}/open311/v2`, apiKey: indicators.key }).submitRequest({ service_code: 'pju', ...IN_CITY });
    expect(scoped.status).toBe(403);
    expect(json(scoped)[0].description).toMatch(/may not submit Open311/);

    const soon = await createKey('SP4N-LAPOR (uji)');
    const lapor = new Open311Client({ endpoint: `${url}/open311/v2`, jurisdiction: 'tangerang', apiKey: soon.key });
    expect((await lapor.submitRequest({ service_code: 'pju', ...IN_CITY, description: 'Sebelum dicabut' })).status).toBe(201);
    const revoke = await fetch(`${url}/api/admin/api-clients/${soon.client.id}/revoke`, { method: 'POST', headers: { cookie: admin } });
    expect(revoke.status).toBe(200);
    const after = await lapor.submitRequest({ service_code: 'pju', ...IN_CITY, description: 'Sesudah dicabut' });
    expect(after.status).toBe(403);
    expect(json(after)).toEqual([{ code: 403, description: 'api_key: this key was revoked' }]);
  });

  it('answers a malformed body in the spec error format, and the hub keeps going', async () => {
    const res = await fetch(`${url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `api_key=${key}&description=${'z'.repeat(70_000)}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }[])[0].code).toBe(400);
    expect((await client.serviceList()).status).toBe(200);
  });
});

describe('GET requests', () => {
  let rejected: string;
  let flood: string;

  beforeAll(async () => {
    flood = json(await client.submitRequest({ service_code: 'banjir', ...IN_CITY, description: 'Genangan di underpass', attributes: { kedalaman: 'pinggang' } }))[0].service_request_id;
    rejected = json(await client.submitRequest({ service_code: 'banjir', ...IN_CITY, description: 'Iklan pinjaman online', attributes: { kedalaman: 'mata-kaki' } }))[0].service_request_id;
    const id = hub.ctx.store.reports.getByTicket(rejected)!.id;
    const res = await fetch(`${url}/api/console/reports/${id}/actions`, {
      method: 'POST', headers: { cookie: operatorBpbd, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'reject', expectedVersion: 1, reason: 'spam iklan' }),
    });
    expect(res.status).toBe(200);
  });

  it('lists the last 90 days by default, newest first, conforming to the schema, datetimes in +07:00', async () => {
    const r = await client.serviceRequests();
    expect(r.status).toBe(200);
    const list = json(r);
    conforms(validRequests, list);
    expect(list.length).toBeGreaterThan(5);
    expect(list[0].service_request_id).toBe(rejected);
    for (const q of list) {
      expect(q.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(q.expected_datetime).toMatch(/\+07:00$/);
      expect(JSON.stringify(q)).not.toMatch(/budi@example|0812-1111/);
    }
    const closed = list.find((q: { service_request_id: string }) => q.service_request_id === rejected);
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'Ditolak: spam iklan', agency_responsible: 'Badan Penanggulangan Bencana Daerah' });
  });

  it('filters by service_code, status, dates and ids; pages with page/page_size', async () => {
    const floods = json(await client.serviceRequests({ service_code: 'banjir' }));
    expect(floods.every((q: { service_code: string }) => q.service_code === 'banjir')).toBe(true);
    expect(floods.length).toBeGreaterThanOrEqual(3);
    const closed = json(await client.serviceRequests({ status: 'closed' }));
    expect(closed.map((q: { service_request_id: string }) => q.service_request_id)).toEqual([rejected]);
    const open = json(await client.serviceRequests({ status: 'open', service_code: 'banjir' }));
    expect(open.map((q: { service_request_id: string }) => q.service_request_id)).not.toContain(rejected);
    const future = json(await client.serviceRequests({ start_date: '2099-01-01T00:00:00+07:00', end_date: '2099-02-01T00:00:00+07:00' }));
    expect(future).toEqual([]);
    const both = json(await client.serviceRequests([flood, rejected]));
    expect(both.map((q: { service_request_id: string }) => q.service_request_id).sort()).toEqual([flood, rejected].sort());
    const page1 = json(await client.serviceRequests({ page_size: '2', page: '1' }));
    const page2 = json(await client.serviceRequests({ page_size: '2', page: '2' }));
    expect(page1).toHaveLength(2);
    expect(page2).toHaveLength(2);
    expect(page2[0].service_request_id).not.toBe(page1[0].service_request_id);
  });

  it('refuses a bad filter naming it (400)', async () => {
    for (const [params, field] of [
      [{ status: 'pending' }, 'status'], [{ service_code: 'gempa' }, 'service_code'], [{ start_date: 'kemarin' }, 'start_date'],
      [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, 'end_date'], [{ page_size: '5000' }, 'page_size'],
    ] as const) {
      const r = await client.serviceRequests(params as Record<string, string>);
      expect(r.status).toBe(400);
      expect(json(r)[0].description.startsWith(`${field}:`)).toBe(true);
    }
  });

  it('requests/{id} gives one request; with extensions, our status, channel, photos and notes history', async () => {
    const r = await client.serviceRequests(rejected, { extensions: 'true' });
    expect(r.status).toBe(200);
    const [one] = json(r);
    conforms(validRequests, [one]);
    expect(one.extended_attributes).toMatchObject({ ticket: rejected, status: 'rejected', channel: 'open311' });
    expect(one.notes.map((n: { summary: string }) => n.summary)).toEqual(['Laporan diterima', 'Laporan ditolak']);
    expect(one.notes[1]).toMatchObject({ type: 'closed', description: 'Badan Penanggulangan Bencana Daerah: spam iklan', status: 'rejected' });
    const plain = json(await client.serviceRequests(rejected))[0];
    expect(plain.notes).toBeUndefined();
    const x = parseOpen311Xml((await xmlClient.serviceRequests(rejected, { extensions: 'true' })).text);
    const xr = x.service_requests.request[0];
    expect(xr).toMatchObject({ service_request_id: rejected, status: 'closed' });
    expect(xr.notes.note).toHaveLength(2);
    const missing = await client.serviceRequests('TNG-2020-999999');
    expect(missing.status).toBe(404);
    expect(json(missing)[0]).toEqual({ code: 404, description: 'service_request_id: no request TNG-2020-999999' });
  });
});

describe('API keys', () => {
  it('shows the key once; the list keeps only its prefix; creating and revoking are audited events', async () => {
    const made = await createKey('Aplikasi Kecamatan');
    expect(made.key).toMatch(/^pk_[A-Za-z0-9_-]{40,}$/);
    expect(made.key.startsWith(made.client.keyPrefix)).toBe(true);
    const list = await (await fetch(`${url}/api/admin/api-clients`, { headers: { cookie: admin } })).text();
    expect(list).toContain(made.client.keyPrefix);
    expect(list).not.toContain(made.key);
    expect((await fetch(`${url}/api/admin/api-clients/${made.client.id}/revoke`, { method: 'POST', headers: { cookie: admin } })).status).toBe(200);
    const again = await fetch(`${url}/api/admin/api-clients/${made.client.id}/revoke`, { method: 'POST', headers: { cookie: admin } });
    expect(again.status).toBe(409);
    const types = hub.ctx.store.events.since(0, 100_000).filter((e) => e.payload.apiClientId === made.client.id).map((e) => [e.type, e.actor.role]);
    expect(types).toEqual([['account.api_key_created', 'admin'], ['account.api_key_revoked', 'admin']]);
  });

  it('refuses a bad name or scope, naming the field', async () => {
    const bad = await fetch(`${url}/api/admin/api-clients`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'X', scopes: ['open311'] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('name');
    const scope = await fetch(`${url}/api/admin/api-clients`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Sistem', scopes: ['everything'] }) });
    expect(scope.status).toBe(400);
    expect(((await scope.json()) as { field: string }).field).toBe('scopes.0');
  });

  it('a key identifies its system as Authorization: Bearer on the JSON API too; a revoked one is refused', async () => {
    const made = await createKey('Dasbor Indikator', ['indicators', 'open311']);
    // The key is known (403: this system may not read a staff session), not anonymous (401).
    const me = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${made.key}` } });
    expect(me.status).toBe(403);
    expect(((await me.json()) as { message: string }).message).toMatch(/^open311 may not/);
    await fetch(`${url}/api/admin/api-clients/${made.client.id}/revoke`, { method: 'POST', headers: { cookie: admin } });
    expect((await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${made.key}` } })).status).toBe(401);
    // Supervisors cannot manage keys.
    expect((await fetch(`${url}/api/admin/api-clients`, { headers: { cookie: supervisor } })).status).toBe(403);
  });
});
