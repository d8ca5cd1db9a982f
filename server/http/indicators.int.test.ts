import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub, WALL_TOKEN, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { IndicatorBoard } from '../contract/indicators.js';
import { foldIndicatorValues } from '../domain/indicator-replay.js';

// Friday 20 November 2026, 10:00 WIB: 88% of the fiscal year gone.
const NOW = new Date('2026-11-20T03:00:00Z');
let hub: Hub;
let url: string;
const cookies: Record<string, string> = {};

async function loginAs(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const post = async (path: string, who: string, body: unknown) => {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { cookie: cookies[who], 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const get = async (path: string, headers: Record<string, string> = { cookie: cookies.supervisor }) => {
  const res = await fetch(`${url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as any };
};
const importCsv = async (who: string, csv: string, name = 'realisasi.csv') => {
  const fd = new FormData();
  fd.set('file', new Blob([csv], { type: 'text/csv' }), name);
  const res = await fetch(`${url}/api/indicators/import`, { method: 'POST', headers: { cookie: cookies[who] }, body: fd });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const board = async () => (await get('/api/indicators')).body as IndicatorBoard;
const item = (b: IndicatorBoard, id: string) => b.indicators.find((i) => i.id === id)!;
const headSeq = async () => (await get('/api/health')).body.seq as number;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { now: () => NOW, from: 'accounts' }));
  await seedAccounts(hub.ctx);
  for (const u of ['supervisor', 'operator.dkp', 'operator.dishub']) cookies[u] = await loginAs(u);
}, 60_000);
afterAll(() => hub.close());

describe('an agency operator records a figure at the console', () => {
  it('records a value as an event and shows it on the board judged against plan', async () => {
    const r = await post('/api/indicators/values', 'operator.dkp', { indicatorId: 'dkp.anggaran', period: '2026-10', value: 62.5 });
    expect(r.status).toBe(201);
    expect(r.body.recorded[0]).toMatchObject({ indicatorId: 'dkp.anggaran', period: '2026-10', value: 62.5, source: 'console', corrections: 0 });
    const dkp = item(await board(), 'dkp.anggaran');
    // The end of October is 83% of the year: 62.5% realised is more than 10 points behind.
    expect(dkp.latest).toMatchObject({ period: '2026-10', value: 62.5, status: 'off_track' });
    expect(dkp.latest!.expected).toBeCloseTo(83.3, 1);
    expect(dkp.series.find((s) => s.period === '2026-10')!.value).toBe(62.5);
  });

  it('refuses a correction without a note, then keeps both figures in the history', async () => {
    const bare = await post('/api/indicators/values', 'operator.dkp', { indicatorId: 'dkp.anggaran', period: '2026-10', value: 78 });
    expect(bare).toMatchObject({ status: 400, body: { field: 'note' } });
    const fixed = await post('/api/indicators/values', 'operator.dkp', { indicatorId: 'dkp.anggaran', period: '2026-10', value: 78, note: 'SP2D akhir bulan belum masuk' });
    expect(fixed.status).toBe(201);
    expect(fixed.body.recorded[0]).toMatchObject({ value: 78, corrections: 1 });
    const h = await get('/api/indicators/dkp.anggaran/history');
    expect(h.body.history.map((e: any) => [e.type, e.value, e.previous, e.note])).toEqual([
      ['indicator.corrected', 78, 62.5, 'SP2D akhir bulan belum masuk'],
      ['indicator.recorded', 62.5, null, null],
    ]);
    expect(h.body.history[0].actorName).toBeTruthy();
    expect(item(await board(), 'dkp.anggaran').latest).toMatchObject({ value: 78, status: 'at_risk', corrections: 1 });
  });

  it('changes nothing when the same figure is sent again', async () => {
    const seq = await headSeq();
    const again = await post('/api/indicators/values', 'operator.dkp', { indicatorId: 'dkp.anggaran', period: '2026-10', value: 78 });
    expect(again).toMatchObject({ status: 200, body: { recorded: [], unchanged: 1 } });
    expect(await headSeq()).toBe(seq);
  });

  it.each([
    [{ indicatorId: 'dkp.anggaran', period: '2026-10' }, 400, 'value'],
    [{ indicatorId: 'dkp.anggaran', period: '2026-10', value: '62,5' }, 400, 'value'],
    [{ indicatorId: 'dkp.anggaran', period: '2026-10', value: 120 }, 400, 'value'],
    [{ indicatorId: 'dkp.anggaran', period: 'Oktober', value: 60 }, 400, 'period'],
    [{ indicatorId: 'dkp.anggaran', period: '2026-12', value: 60 }, 400, 'period'],
    [{ indicatorId: 'dkp.kontrak', period: '2026-10', value: 2.5 }, 400, 'value'],
    [{ indicatorId: 'dkp.sampah', period: '2026-10', value: 1 }, 400, 'indicatorId'],
    [{ indicatorId: 'dishub.anggaran', period: '2026-10', value: 50 }, 403, 'indicatorId'],
    [{ indicatorId: 'kota.anggaran', period: '2026-10', value: 50 }, 403, 'indicatorId'],
  ])('refuses %j with %i naming %s', async (input, status, field) => {
    const r = await post('/api/indicators/values', 'operator.dkp', input);
    expect(r).toMatchObject({ status, body: { field } });
  });

  it("lets a supervisor record any agency's figure and the city's", async () => {
    expect((await post('/api/indicators/values', 'supervisor', { indicatorId: 'kota.anggaran', period: '2026-10', value: 70 })).status).toBe(201);
  });

  it('refuses a wall display token', async () => {
    const res = await fetch(`${url}/api/indicators/values`, { method: 'POST', headers: { authorization: `Bearer ${WALL_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });
});

describe('a finance office CSV', () => {
  it('imports every row of a good file in one go', async () => {
    const csv = 'Kode Indikator;Periode;Realisasi;Satuan\r\n' +
      'dishub.anggaran;Agustus 2026;51,2;%\r\n' +
      'dishub.anggaran;September 2026;60,75;%\r\n' +
      'dishub.tender;2026-10;9;paket\r\n';
    const r = await importCsv('operator.dishub', csv);
    expect(r).toMatchObject({ status: 201, body: { rows: 3, unchanged: 0 } });
    expect(r.body.recorded).toHaveLength(3);
    expect(item(await board(), 'dishub.anggaran').latest).toMatchObject({ period: '2026-09', value: 60.75, source: 'csv' });
  });

  it('imports nothing from a file with bad rows, and names each row and column', async () => {
    const seq = await headSeq();
    const csv = 'indikator;periode;nilai;satuan\n' +
      'dishub.anggaran;2026-10;70;%\n' + // good, but not imported
      'dishub.anggaran;2026-11;Rp 5.000.000;\n' +
      'dishub.kontrak;2026-10;3;%\n' +
      'dkp.anggaran;2026-10;70;%\n' + // another agency's
      'dishub.anggaran;Oktober 2026;71;%\n'; // the same period twice
    const r = await importCsv('operator.dishub', csv);
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('file');
    expect(r.body.errors.map((e: any) => [e.row, e.column, e.code])).toEqual([
      [3, 'nilai', 'wrong_unit'],
      [4, 'satuan', 'wrong_unit'],
      [5, 'indikator', 'forbidden'],
      [6, 'periode', 'duplicate'],
    ]);
    expect(await headSeq()).toBe(seq);
    expect(item(await board(), 'dishub.anggaran').latest!.period).toBe('2026-09');
  });

  it('asks for multipart with the file, naming what is missing', async () => {
    expect((await post('/api/indicators/import', 'operator.dishub', {})).status).toBe(415);
    const fd = new FormData();
    fd.set('note', 'x');
    const res = await fetch(`${url}/api/indicators/import`, { method: 'POST', headers: { cookie: cookies['operator.dishub'] }, body: fd });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).field).toBe('file');
  });
});

describe('another system pushes values', () => {
  it("updates a connected wall's tile live, after the value is stored", async () => {
    const wall = new WallClient(url);
    try {
      await wall.until(() => wall.catchUps.length > 0);
      const r = await post('/api/indicators/push', 'supervisor', {
        values: [
          { indicatorId: 'dinkes.anggaran', period: '2026-11', value: 90.5 },
          { indicatorId: 'dinkes.selesai', period: '2026-11', value: 6 },
        ],
      });
      expect(r.status).toBe(201);
      await wall.until(() => wall.indicatorEvents.length >= 2);
      expect(wall.indicatorEvents.map((e) => [e.type, e.value.indicatorId, e.value.value, e.value.source])).toEqual([
        ['indicator.recorded', 'dinkes.anggaran', 90.5, 'api'],
        ['indicator.recorded', 'dinkes.selesai', 6, 'api'],
      ]);
      // The wall applies only events after the board's seq: the board fetched now already holds them.
      const b = await board();
      expect(b.seq).toBeGreaterThanOrEqual(wall.indicatorEvents[1].seq);
      expect(item(b, 'dinkes.anggaran').latest).toMatchObject({ value: 90.5, status: 'on_track' });
    } finally {
      wall.close();
    }
  });

  it('stores none of a push with one bad value, naming it', async () => {
    const seq = await headSeq();
    const r = await post('/api/indicators/push', 'supervisor', {
      values: [
        { indicatorId: 'dinkes.tender', period: '2026-11', value: 4 },
        { indicatorId: 'dinkes.kontrak', period: '2026-11', value: -1 },
      ],
    });
    expect(r).toMatchObject({ status: 400, body: { field: 'values.1.value' } });
    expect(await headSeq()).toBe(seq);
    expect((await post('/api/indicators/push', 'supervisor', { values: [] })).body.field).toBe('values');
  });

  it('takes a push from a system holding an API key with the indicators scope, and refuses an Open311-only key', async () => {
    const keyFor = async (scopes: string[]) => {
      const res = await fetch(`${url}/api/admin/api-clients`, { method: 'POST', headers: { cookie: await loginAs('admin'), 'content-type': 'application/json' }, body: JSON.stringify({ name: `Sistem ${scopes.join('+')}`, scopes }) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { key: string }).key;
    };
    const push = (key: string, value: number) =>
      fetch(`${url}/api/indicators/push`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ values: [{ indicatorId: 'dkp.anggaran', period: '2026-09', value }] }) });
    const finance = await keyFor(['indicators']);
    const r = await push(finance, 71.5);
    expect(r.status).toBe(201);
    expect(hub.ctx.store.indicators.list().find((v) => v.indicatorId === 'dkp.anggaran' && v.period === '2026-09')?.value).toBe(71.5);
    expect((await push(await keyFor(['open311']), 12)).status).toBe(403);
  });

  it('refuses a push from the wall', async () => {
    const res = await fetch(`${url}/api/indicators/push`, { method: 'POST', headers: { authorization: `Bearer ${WALL_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ values: [{ indicatorId: 'dkp.anggaran', period: '2026-10', value: 1 }] }) });
    expect(res.status).toBe(403);
  });
});

describe('the event log is the truth', () => {
  it('folds every indicator event again into exactly the values the board reads', () => {
    const folded = foldIndicatorValues(hub.ctx.store.events.since(0, 1e6));
    const stored = hub.ctx.store.indicators.list();
    expect(stored.length).toBeGreaterThan(5);
    expect(new Map(stored.map((v) => [`${v.indicatorId}|${v.period}`, v]))).toEqual(folded);
  });
});

describe('the supervisor summary', () => {
  it('gives indicators, projects, breached deadlines and dark cameras in one request', async () => {
    const r = await get('/api/indicators/ringkas');
    expect(r.status).toBe(200);
    expect(r.body.indicators.find((i: any) => i.id === 'dinkes.anggaran').latest).toMatchObject({ value: 90.5, status: 'on_track' });
    // The phone draws no sparklines: no series on mobile data.
    expect(r.body.indicators[0].series).toBeUndefined();
    expect(r.body.projects.length).toBeGreaterThan(0);
    expect(r.body.breached).toMatchObject({ total: 0, byAgency: [], oldest: [] });
    expect(Array.isArray(r.body.cameras)).toBe(true);
    expect(r.body.league[0].score).not.toBeNull();
  });
});
