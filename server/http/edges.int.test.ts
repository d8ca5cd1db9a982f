import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { toXml } from './open311-format.js';

/** The smaller holes of issue 16, each reproduced against a real hub. */
let hub: Hub;
let url: string;
const cookies: Record<string, string> = {};

async function login(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}
const get = (path: string, who?: string) => fetch(`${url}${path}`, { headers: who ? { cookie: cookies[who] } : {} });
const post = (path: string, who: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { cookie: cookies[who], 'content-type': 'application/json' }, body: JSON.stringify(body) });

// What XML 1.0 cannot hold, escaped or not: a document with one of these is not well-formed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  for (const u of ['admin', 'supervisor', 'operator.dkp', 'operator.dishub', 'pengawas.dkp.1', 'pengawas.dkp.2']) cookies[u] = await login(u);
}, 60_000);
afterAll(() => hub.close());

describe('control characters', () => {
  it('are stripped at intake, so the Open311 XML stays well-formed', async () => {
    const filed = await postReport(url, validReport({ description: 'Sampah\u0001 menumpuk\u0007 di pasar\u001b', address: 'Jl. Ki Asnawi\u0000 5' }), [await photo()]);
    expect(filed.status).toBe(201);
    const report = hub.ctx.store.reports.get(filed.body.id as number)!;
    expect(report.description).toBe('Sampah menumpuk di pasar');
    expect(report.address).toBe('Jl. Ki Asnawi 5');
    const xml = await (await get(`/open311/v2/requests/${String(filed.body.ticket)}.xml`)).text();
    expect(xml).toContain('Sampah menumpuk di pasar');
    expect(xml).not.toMatch(NOT_XML);
  });

  it('are dropped from the XML even when stored before intake cleaned them', () => {
    const xml = toXml('service_requests', [{ description: 'lama\u0001 <b> & "x"' }]);
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).toContain('lama &lt;b&gt; &amp;');
  });
});

describe('impossible dates and pages', () => {
  it('answer 400 naming the field, never 500', async () => {
    for (const [path, field] of [
      ['/api/stats?from=2026-13-01&to=2026-13-05', 'from'],
      ['/api/stats?from=2026-02-31', 'from'],
      ['/api/stats/agencies.csv?to=2026-00-10', 'to'],
      ['/api/console/audit.csv?from=2026-13-01&to=2026-13-02', 'from'],
      ['/api/console/audit.csv?from=2026-11-02&to=2026-11-01', 'from'],
    ]) {
      const res = await get(path, 'supervisor');
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { field: string }).field, path).toBe(field);
    }
    for (const q of ['page=1e16', 'page=99999999999', 'page_size=1e3', 'start_date=2026-02-31T00:00:00%2B07:00']) {
      const res = await get(`/open311/v2/requests.json?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { description: string }[])[0].description, q).toMatch(/^(page|page_size|start_date)/);
    }
    expect((await get('/open311/v2/requests.json?page=2&page_size=10')).status).toBe(200);
    expect((await get('/api/console/audit.csv?from=2026-11-01&to=2026-11-01', 'supervisor')).status).toBe(200);
  });
});

const act = (id: number | string, who: string, body: unknown) => post(`/api/console/reports/${id}/actions`, who, body);
const version = (id: number) => hub.ctx.store.reports.get(id)!.version;

describe('who may touch which report', () => {
  it('a field supervisor cannot add a note to a report not dispatched to them', async () => {
    const id = (await postReport(url, validReport(), [await photo()])).body.id as number;
    const note = { action: 'note', reason: 'sudah saya lihat' };
    expect((await act(id, 'pengawas.dkp.1', note)).status).toBe(403);
    expect((await act(id, 'operator.dkp', { action: 'check', expectedVersion: version(id) })).status).toBe(200);
    const fs1 = hub.ctx.store.accounts.byUsername('pengawas.dkp.1')!.id;
    expect((await act(id, 'operator.dkp', { action: 'dispatch', expectedVersion: version(id), assigneeId: fs1 })).status).toBe(200);
    const before = version(id);
    expect((await act(id, 'pengawas.dkp.2', note)).status).toBe(403);
    expect(version(id)).toBe(before);
    expect((await act(id, 'pengawas.dkp.1', { action: 'note', reason: 'kru berangkat' })).status).toBe(200);
  });

  it('an operator sees no other agency’s report among the possible duplicates', async () => {
    const mine = (await postReport(url, validReport({ description: 'Sampah di jembatan Cisadane', lat: -6.1701, lon: 106.6402 }), [await photo()])).body.id as number;
    const theirs = (await postReport(url, validReport({ description: 'Rahasia dinas lain di sini', address: 'Alamat dinas lain', lat: -6.1702, lon: 106.6403 }), [await photo()])).body.id as number;
    // Rerouted to another agency: same category and place, but no longer the DKP operator's to read.
    expect((await act(theirs, 'supervisor', { action: 'reroute', agencyId: 'dishub', reason: 'milik Dishub', expectedVersion: version(theirs) })).status).toBe(200);
    const forOperator = await (await get(`/api/console/reports/${mine}/duplicates`, 'operator.dkp')).text();
    expect(forOperator).not.toContain('Rahasia dinas lain');
    expect(forOperator).not.toContain('Alamat dinas lain');
    const forSupervisor = (await (await get(`/api/console/reports/${mine}/duplicates`, 'supervisor')).json()) as { duplicates: { report: { id: number } }[] };
    expect(forSupervisor.duplicates.map((d) => d.report.id)).toContain(theirs);
  });

  it('a loosely written id acts on no report', async () => {
    const id = (await postReport(url, validReport(), [await photo()])).body.id as number;
    const before = version(id);
    for (const loose of [`0x${id.toString(16)}`, `${id}.0`, `${id}e0`, `+${id}`, `0${id}`]) {
      const res = await act(loose, 'operator.dkp', { action: 'note', reason: 'coba' });
      expect(res.status, loose).toBe(404);
      expect(((await res.json()) as { field: string }).field).toBe('id');
      expect((await get(`/api/console/reports/${loose}`, 'operator.dkp')).status, loose).toBe(404);
      expect((await post(`/api/field/jobs/${loose}/accept`, 'pengawas.dkp.1', { clientId: `c-${loose}-0123456789` })).status, loose).toBe(404);
    }
    expect(version(id)).toBe(before);
    expect((await get(`/api/console/reports/${id}`, 'operator.dkp')).status).toBe(200);
  });
});

describe('a retry with a used clientId', () => {
  it('answers the first report when the content is the same, and 409 naming clientId when it differs', async () => {
    const clientId = 'retry-test-0123456789abcdef';
    const img = await photo();
    const first = await postReport(url, validReport({ clientId }), [img]);
    expect(first.status).toBe(201);
    const again = await postReport(url, validReport({ clientId }), [img]);
    expect(again.status).toBe(200);
    expect(again.body.ticket).toBe(first.body.ticket);
    for (const over of [{ description: 'Laporan lain sama sekali' }, { category: 'pju' }, { lat: -6.18, lon: 106.64 }, { reporterContact: '0813-0000' }]) {
      const other = await postReport(url, validReport({ clientId, ...over }), [img]);
      expect(other.status, JSON.stringify(over)).toBe(409);
      expect(other.body.field).toBe('clientId');
      expect(String(other.body.message)).toContain(String(first.body.ticket));
    }
    expect((await postReport(url, validReport({ clientId }), [img, await photo()])).status).toBe(409);
  });

  it('is refused naming clientId when it is not one a phone makes', async () => {
    const bad = await postReport(url, validReport({ clientId: 'short' }), [await photo()]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid', field: 'clientId' });
  });
});

describe('a truncated photo', () => {
  it('whose header claims 8000×6000 over 640×480 of data is refused, and nothing is filed', async () => {
    const b = Buffer.from(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 100, b: 50 } } }).jpeg().toBuffer());
    for (let i = 0; i < b.length - 9; i++)
      if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) {
        b.writeUInt16BE(6000, i + 5);
        b.writeUInt16BE(8000, i + 7);
        break;
      }
    expect(await sharp(b).metadata()).toMatchObject({ width: 8000, height: 6000 });
    const before = hub.ctx.store.events.headSeq();
    const r = await postReport(url, validReport(), [b]);
    expect(r.status).toBe(415);
    expect(r.body.field).toMatch(/^photos/);
    expect(hub.ctx.store.events.headSeq()).toBe(before);
  });
});
