import { describe, expect, it } from 'vitest';
import { parseIndicatorCsv, parseNumber, parsePeriod } from './indicator-csv.js';
import { cityIndicators } from './indicators.js';
import { cityClock } from './time.js';

const agencies = [{ id: 'dkp', short: 'DKP', name: 'DKP' }, { id: 'dishub', short: 'Dishub', name: 'Dishub' }];
const specs = new Map(cityIndicators({ agencies, projects: [] }).map((s) => [s.id, s]));
specs.set('dkp.belanja', { id: 'dkp.belanja', agencyId: 'dkp', name: { id: 'Belanja', en: 'Spending' }, unit: 'rupiah', period: 'quarter', target: 5e9, good: 'up', pace: 'year', tolerance: 0.1 });
const now = new Date('2026-11-20T03:00:00Z');
const run = (text: string, allowed?: Parameters<typeof parseIndicatorCsv>[4]) => parseIndicatorCsv(text, specs, now, cityClock('Asia/Jakarta'), allowed);

describe('Indonesian numbers', () => {
  it.each([
    ['1.234.567,89', 1234567.89, null],
    ['Rp 1.234.567,89', 1234567.89, 'rupiah'],
    ['Rp1.234.567', 1234567, 'rupiah'],
    ['35,5%', 35.5, 'percent'],
    ['35,5 %', 35.5, 'percent'],
    ['35.5', 35.5, null],
    ['1.234', 1234, null],
    ['12', 12, null],
  ])('reads %s', (raw, value, unit) => {
    expect(parseNumber(raw)).toEqual({ value, unit });
  });
  it.each(['', 'abc', '1,2,3', '1.2.3,4,5', 'Rp', '12a'])('refuses %j', (raw) => {
    expect(parseNumber(raw)).toBeNull();
  });
});

describe('periods as finance offices write them', () => {
  it.each([
    ['2026-11', '2026-11'], ['2026-1', '2026-01'], ['11/2026', '2026-11'], ['November 2026', '2026-11'], ['Nop 2026', '2026-11'],
    ['2026-Q4', '2026-Q4'], ['TW IV 2026', '2026-Q4'], ['Triwulan 3 2026', '2026-Q3'], ['q2 2026', '2026-Q2'],
  ])('reads %s as %s', (raw, key) => expect(parsePeriod(raw)).toBe(key));
  it.each(['2026-13', 'Bulan 2026', 'TW V 2026', '2026'])('refuses %s', (raw) => expect(parsePeriod(raw)).toBeNull());
});

describe('a finance office CSV', () => {
  it('imports a good file with `;`, decimal commas, Rp values and Bahasa headers', () => {
    const text = '\uFEFFKode Indikator;Periode;Realisasi;Satuan;Keterangan\r\n' +
      'dkp.anggaran;Oktober 2026;62,5;%;SP2D s.d. 31 Okt\r\n' +
      'dkp.anggaran;2026-11;70,25%;persen;\r\n' +
      'dkp.belanja;TW III 2026;Rp 1.234.567,89;Rp;\r\n' +
      '\r\n' +
      'dishub.kontrak;11/2026;7;paket;\r\n';
    const r = run(text);
    expect(r).toEqual({
      ok: true,
      values: [
        { row: 2, indicatorId: 'dkp.anggaran', period: '2026-10', value: 62.5, note: 'SP2D s.d. 31 Okt' },
        { row: 3, indicatorId: 'dkp.anggaran', period: '2026-11', value: 70.25, note: undefined },
        { row: 4, indicatorId: 'dkp.belanja', period: '2026-Q3', value: 1234567.89, note: undefined },
        { row: 6, indicatorId: 'dishub.kontrak', period: '2026-11', value: 7, note: undefined },
      ],
    });
  });

  it('reads a comma-separated file with quoted decimal commas', () => {
    const r = run('indikator,periode,nilai\ndkp.anggaran,2026-09,"55,5"\n');
    expect(r).toEqual({ ok: true, values: [{ row: 2, indicatorId: 'dkp.anggaran', period: '2026-09', value: 55.5, note: undefined }] });
  });

  it('reports every bad row with its row and column, and keeps none of the good ones', () => {
    const text = 'indikator;periode;nilai\n' +
      'dkp.anggaran;2026-10;60\n' + // good, but the file has errors: not returned
      'dkp.sampah;2026-10;5\n' +
      'dkp.anggaran;Okt-2026;60\n' +
      'dkp.anggaran;2026-09;lima puluh\n' +
      'dkp.anggaran;2026-08;120\n' +
      'dkp.kontrak;2026-08;2,5\n' +
      'dkp.anggaran;2026-12;80\n' +
      'dkp.belanja;2026-09;100\n' +
      ';2026-09;1\n';
    const r = run(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'indikator', 'unknown_indicator'],
      [4, 'periode', 'bad_period'],
      [5, 'nilai', 'bad_number'],
      [6, 'nilai', 'out_of_range'],
      [7, 'nilai', 'out_of_range'],
      [8, 'periode', 'bad_period'],
      [9, 'periode', 'bad_period'],
      [10, 'indikator', 'missing_value'],
    ]);
    expect(r.errors[5].message).toMatch(/not started/);
    expect(r.errors[6].message).toMatch(/quarterly/);
  });

  it('catches wrong units in the unit column and in the cell', () => {
    const text = 'indikator;periode;nilai;satuan\n' +
      'dkp.anggaran;2026-10;60;Rp\n' +
      'dkp.anggaran;2026-09;Rp 60.000;\n' +
      'dkp.belanja;2026-Q3;45%;\n' +
      'dkp.kontrak;2026-10;4;liter\n';
    const r = run(text);
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'satuan', 'wrong_unit'],
      [3, 'nilai', 'wrong_unit'],
      [4, 'nilai', 'wrong_unit'],
      [5, 'satuan', 'wrong_unit'],
    ]);
  });

  it('refuses the same indicator and period twice in one file, naming the first row', () => {
    const r = run('indikator;periode;nilai\ndkp.anggaran;2026-10;60\ndishub.anggaran;2026-10;50\ndkp.anggaran;Oktober 2026;61\n');
    expect(r).toEqual({ ok: false, errors: [{ row: 4, column: 'periode', code: 'duplicate', message: 'dkp.anggaran 2026-10 is already in row 2' }] });
  });

  it('names a missing column, an empty file and an unreadable one', () => {
    expect(run('indikator;bulan\n')).toMatchObject({ ok: false, errors: [{ row: 1, column: 'nilai', code: 'missing_column' }] });
    expect(run('')).toMatchObject({ ok: false, errors: [{ code: 'empty_file' }] });
    expect(run('indikator;periode;nilai\n')).toMatchObject({ ok: false, errors: [{ row: 2, code: 'empty_file' }] });
    expect(run('indikator;periode;nilai\n"dkp.anggaran;2026-10;60\n')).toMatchObject({ ok: false, errors: [{ code: 'malformed' }] });
  });

  it("refuses rows for another agency's indicator when the importer may only record their own", () => {
    const r = run('indikator;periode;nilai\ndkp.anggaran;2026-10;60\ndishub.anggaran;2026-10;50\n', (s) => s.agencyId === 'dkp');
    expect(r).toMatchObject({ ok: false, errors: [{ row: 3, column: 'indikator', code: 'forbidden' }] });
  });
});
