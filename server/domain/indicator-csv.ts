import type { CityClock } from './time.js';
import { parse } from 'csv-parse/sync';
import type { CsvRowError, IndicatorSpec, IndicatorUnit } from '../contract/indicators.js';
import { checkPeriod, checkValue } from './indicators.js';

// A finance office's export, as Indonesian spreadsheets write it: `;` (or `,`) between fields, a decimal
// comma, thousands dots, "Rp 1.234.567,89", "35,5%", headers in Bahasa. Rows are numbered as the
// spreadsheet shows them (the header is row 1), so the operator can find the bad cell.

export type CsvValue = { row: number; indicatorId: string; period: string; value: number; note?: string };
export type CsvResult = { ok: true; values: CsvValue[] } | { ok: false; errors: CsvRowError[] };

export const MAX_CSV_ROWS = 5000;

const COLUMNS = {
  indicator: ['indikator', 'kode indikator', 'id indikator', 'kode', 'indicator'],
  period: ['periode', 'bulan', 'triwulan', 'period'],
  value: ['nilai', 'realisasi', 'capaian', 'value'],
  unit: ['satuan', 'unit'],
  note: ['keterangan', 'catatan', 'note'],
} as const;
type Column = keyof typeof COLUMNS;

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, okt: 10, oktober: 10, november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, des: 12,
};
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const UNIT_WORDS: Record<string, IndicatorUnit> = {
  '%': 'percent', persen: 'percent', percent: 'percent', rp: 'rupiah', rupiah: 'rupiah', idr: 'rupiah',
  paket: 'count', buah: 'count', unit: 'count', kegiatan: 'count', jumlah: 'count', count: 'count',
};

const normHeader = (h: string) => h.toLowerCase().replace(/[_\s]+/g, ' ').trim();

/** `;` when the header line has more of them than commas: a decimal comma needs no quoting then. */
function delimiterOf(text: string): ';' | ',' {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** "2026-11", "11/2026", "November 2026", "Nop 2026", "2026-Q4", "TW IV 2026", "Triwulan 4 2026". */
export function parsePeriod(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})$/.exec(s) ?? null;
  if (m) return month(+m[1], +m[2]);
  if ((m = /^(\d{1,2})[/-](\d{4})$/.exec(s))) return month(+m[2], +m[1]);
  if ((m = /^(\d{4})-?q([1-4])$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^(?:q|tw|triwulan|kuartal) ?(i{1,3}|iv|[1-4]) (\d{4})$/.exec(s))) return `${m[2]}-Q${ROMAN[m[1]]}`;
  if ((m = /^([a-z]+) (\d{4})$/.exec(s)) && MONTHS[m[1]]) return month(+m[2], MONTHS[m[1]]);
  return null;
}
const month = (y: number, m: number) => (m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, '0')}` : null);

/**
 * An Indonesian number: "1.234.567,89", "Rp 1.234.567", "35,5%", "35.5". A unit written in the cell
 * (Rp or %) is returned too, so a rupiah figure in a percentage column is caught.
 */
export function parseNumber(raw: string): { value: number; unit: IndicatorUnit | null } | null {
  let s = raw.trim().replace(/\u00a0/g, ' ');
  let unit: IndicatorUnit | null = null;
  if (/^rp\.?\s*/i.test(s)) {
    unit = 'rupiah';
    s = s.replace(/^rp\.?\s*/i, '');
  }
  if (/%$/.test(s)) {
    unit = unit === 'rupiah' ? null : 'percent';
    s = s.replace(/\s*%$/, '');
  }
  s = s.replace(/\s/g, '');
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  if (s.includes(',')) {
    // Decimal comma: every dot is a thousands separator.
    if ((s.match(/,/g) ?? []).length > 1 || !/^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$/.test(s)) return null;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, ''); // 1.234.567: thousands dots
  } else if ((s.match(/\./g) ?? []).length > 1) return null;
  const value = Number(s);
  return Number.isFinite(value) ? { value, unit } : null;
}

/**
 * Parses a whole file and checks every row against the indicators. Either every row is good and all are
 * returned, or the errors of every bad row are: an import is all or nothing.
 */
export function parseIndicatorCsv(text: string, specs: ReadonlyMap<string, IndicatorSpec>, now: Date, clock: CityClock, allowed: (s: IndicatorSpec) => boolean = () => true): CsvResult {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { ok: false, errors: [{ row: e.lines ?? 1, column: '', code: 'malformed', message: `the file is not readable CSV: ${e.message}` }] };
  }
  if (!records.length) return { ok: false, errors: [{ row: 1, column: '', code: 'empty_file', message: 'the file has no header and no rows' }] };
  if (records.length - 1 > MAX_CSV_ROWS)
    return { ok: false, errors: [{ row: MAX_CSV_ROWS + 2, column: '', code: 'too_many_rows', message: `at most ${MAX_CSV_ROWS} rows per file` }] };

  const header = records[0].record.map(normHeader);
  const col = {} as Record<Column, number>;
  const errors: CsvRowError[] = [];
  for (const key of Object.keys(COLUMNS) as Column[]) col[key] = header.findIndex((h) => (COLUMNS[key] as readonly string[]).includes(h));
  for (const key of ['indicator', 'period', 'value'] as const)
    if (col[key] < 0) errors.push({ row: 1, column: COLUMNS[key][0], code: 'missing_column', message: `no column "${COLUMNS[key][0]}" (or ${COLUMNS[key].slice(1).join(', ')})` });
  if (errors.length) return { ok: false, errors };
  if (records.length === 1) return { ok: false, errors: [{ row: 2, column: '', code: 'empty_file', message: 'the file has a header but no rows' }] };

  const values: CsvValue[] = [];
  const seen = new Map<string, number>();
  for (const { info, record } of records.slice(1)) {
    const row = info.lines;
    const cell = (c: Column) => (col[c] >= 0 ? (record[col[c]] ?? '').trim() : '');
    const bad = (column: Column, code: string, message: string) => errors.push({ row, column: header[col[column]] ?? COLUMNS[column][0], code, message });
    const before = errors.length;

    const id = cell('indicator').toLowerCase();
    const spec = specs.get(id);
    if (!id) bad('indicator', 'missing_value', 'no indicator');
    else if (!spec) bad('indicator', 'unknown_indicator', `no indicator "${id}" in this city`);
    else if (!allowed(spec)) bad('indicator', 'forbidden', `"${id}" belongs to another agency`);

    const period = parsePeriod(cell('period'));
    if (!cell('period')) bad('period', 'missing_value', 'no period');
    else if (!period) bad('period', 'bad_period', `"${cell('period')}" is not a month (2026-11) or a quarter (2026-Q4)`);
    else if (spec) {
      const why = checkPeriod(spec, period, now, clock);
      if (why) bad('period', 'bad_period', why);
    }

    const num = parseNumber(cell('value'));
    const unitWord = cell('unit').toLowerCase().replace(/\.$/, '');
    const statedUnit = unitWord ? UNIT_WORDS[unitWord] : undefined;
    if (!cell('value')) bad('value', 'missing_value', 'no value');
    else if (!num) bad('value', 'bad_number', `"${cell('value')}" is not a number`);
    if (unitWord && !statedUnit) bad('unit', 'wrong_unit', `unknown unit "${cell('unit')}"`);
    else if (spec && statedUnit && statedUnit !== spec.unit) bad('unit', 'wrong_unit', `"${id}" is measured in ${spec.unit}, not ${statedUnit}`);
    else if (spec && num?.unit && num.unit !== spec.unit) bad('value', 'wrong_unit', `"${id}" is measured in ${spec.unit}, not ${num.unit}`);
    else if (spec && num) {
      const why = checkValue(spec.unit, num.value);
      if (why) bad('value', 'out_of_range', why);
    }

    if (errors.length > before || !spec || !period || !num) continue;
    const key = `${id}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad('period', 'duplicate', `${id} ${period} is already in row ${first}`);
      continue;
    }
    seen.set(key, row);
    values.push({ row, indicatorId: id, period, value: num.value, note: cell('note') || undefined });
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}
