import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeMarkers, encodeMarkers, markerCoord } from './marker-columns.js';
import { ReportStatus, type MarkerTuple } from './reports.js';

const marker = fc
  .record({
    id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    status: fc.constantFrom(...ReportStatus.options),
    cat: fc.constantFrom('sampah', 'jalan_rusak', 'banjir', 'pju'),
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    district: fc.option(fc.constantFrom('36.71.01', '36.71.02', '36.71.13'), { nil: null }),
    at: fc.oneof(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-11-23 10:00:00', '2026-11-23T17:00:00+07:00'),
    ),
    breached: fc.constantFrom<0 | 1>(0, 1),
    reporters: fc.integer({ min: 1, max: 40 }),
  })
  .map(({ id, status, cat, lng, lat, district, at, breached, reporters }): MarkerTuple => {
    const m: MarkerTuple = [id, status, cat, lng, lat, district, at, breached];
    if (reporters > 1) m.push(reporters);
    return m;
  });

/** What the hub sends, through Socket.IO's binary frame and back as Node hands it to a client (a pooled Buffer). */
const overTheWire = (c: ReturnType<typeof encodeMarkers>) => {
  const pool = Buffer.alloc(c.block.byteLength + 3);
  pool.set(c.block as Uint8Array, 3);
  return { ...JSON.parse(JSON.stringify({ ...c, block: null })), block: pool.subarray(3) };
};

describe('marker columns', () => {
  it('decode(encode(markers)) gives every marker back, positions to 1e-7°, even from an unaligned buffer', () => {
    fc.assert(
      fc.property(fc.array(marker, { maxLength: 60 }), (markers) => {
        const back = decodeMarkers(overTheWire(encodeMarkers(markers)));
        expect(back).toEqual(markers.map((m) => Object.assign([...m], { 3: markerCoord(m[3]), 4: markerCoord(m[4]) })));
      }),
    );
  });

  it('is a binary block of 25 bytes a marker beside a few small dictionaries', () => {
    const markers: MarkerTuple[] = Array.from({ length: 1000 }, (_, i) => [i + 1, 'new', i % 2 ? 'sampah' : 'banjir', 106.6 + i * 1e-5, -6.2, '36.71.01', '2026-11-23T10:00:00.000Z', 0]);
    const c = encodeMarkers(markers);
    expect(c.block.byteLength).toBe(25_000);
    expect(c.categories).toEqual(['banjir', 'sampah']);
    expect(c.odd).toEqual([]);
    expect(c.reporters).toEqual([]);
  });

  it('refuses a block shorter than its count says', () => {
    const c = encodeMarkers([[1, 'new', 'sampah', 106.6, -6.2, null, '2026-11-23T10:00:00.000Z', 0]]);
    expect(() => decodeMarkers({ ...c, n: 2 })).toThrow(/25 bytes for 2 markers/);
  });
});
