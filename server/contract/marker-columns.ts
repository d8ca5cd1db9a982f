import type { MarkerTuple, ReportStatus } from './reports.js';

/**
 * A snapshot's markers as columns: a few small dictionaries and one binary block, so a city of 100,000 reports
 * reaches a wall as about 2.5 MB of typed arrays (Socket.IO sends the block as a binary frame) instead of
 * 100,000 JSON arrays to parse. The one encoder (the hub) and the one decoder (every screen, the test client)
 * live here.
 *
 * The block, little-endian, each section aligned to its element size (n markers):
 *   createdAt  Float64[n]  epoch ms
 *   id         Int32[n]
 *   lng, lat   Int32[n] each, fixed point at MARKER_COORD_SCALE (1e-7°, about 1 cm)
 *   category   Uint16[n]  index into `categories`
 *   district   Uint16[n]  index into `districts`, NO_DISTRICT for none
 *   flags      Uint8[n]   status index into `statuses` | BREACHED_BIT
 */
export type MarkerColumns = {
  n: number;
  statuses: ReportStatus[];
  categories: string[];
  districts: string[];
  block: Uint8Array | ArrayBuffer;
  /** [row, reporters] for the few markers several citizens reported (the rest: 1). */
  reporters: [number, number][];
  /** [row, createdAt] for a timestamp that is not the canonical ISO form of its epoch ms (kept exactly). */
  odd: [number, string][];
};

/** Positions are held to 1e-7° everywhere a marker is kept, so a snapshot's marker and an event's are equal. */
export const MARKER_COORD_SCALE = 1e7;
// `| 0` as the Int32 column stores it (and -0 comes back as 0).
export const markerCoord = (x: number) => (Math.round(x * MARKER_COORD_SCALE) | 0) / MARKER_COORD_SCALE;
const NO_DISTRICT = 0xffff;
const BREACHED_BIT = 0x80;
const BYTES_PER_MARKER = 8 + 4 * 3 + 2 * 2 + 1;

export function encodeMarkers(markers: readonly MarkerTuple[]): MarkerColumns {
  const n = markers.length;
  const buf = new ArrayBuffer(n * BYTES_PER_MARKER);
  const created = new Float64Array(buf, 0, n);
  const id = new Int32Array(buf, 8 * n, n);
  const lng = new Int32Array(buf, 12 * n, n);
  const lat = new Int32Array(buf, 16 * n, n);
  const category = new Uint16Array(buf, 20 * n, n);
  const district = new Uint16Array(buf, 22 * n, n);
  const flags = new Uint8Array(buf, 24 * n, n);
  const statuses = dictionary<ReportStatus>();
  const categories = dictionary<string>();
  const districts = dictionary<string>();
  const reporters: [number, number][] = [];
  const odd: [number, string][] = [];
  for (let i = 0; i < n; i++) {
    const [mid, status, cat, x, y, dist, at, breached, count] = markers[i];
    id[i] = mid;
    lng[i] = Math.round(x * MARKER_COORD_SCALE);
    lat[i] = Math.round(y * MARKER_COORD_SCALE);
    category[i] = categories.index(cat);
    district[i] = dist === null ? NO_DISTRICT : districts.index(dist);
    flags[i] = statuses.index(status) | (breached === 1 ? BREACHED_BIT : 0);
    const ms = Date.parse(at);
    created[i] = ms;
    if (!(Number.isFinite(ms) && new Date(ms).toISOString() === at)) odd.push([i, at]);
    if (count !== undefined && count !== 1) reporters.push([i, count]);
  }
  if (categories.values.length > NO_DISTRICT || districts.values.length >= NO_DISTRICT || statuses.values.length >= BREACHED_BIT)
    throw new Error('marker columns: a dictionary is too large');
  return { n, statuses: statuses.values, categories: categories.values, districts: districts.values, block: new Uint8Array(buf), reporters, odd };
}

/** Calls `fn` with each marker in row order (no tuple is built unless the caller builds one). */
export function forEachMarker(
  c: MarkerColumns,
  fn: (id: number, status: ReportStatus, categoryId: string, lng: number, lat: number, districtCode: string | null, createdAt: string, breached: boolean, reporters: number) => void,
): void {
  const { n } = c;
  // A block received in Node may sit at any offset of a pooled buffer: typed views need it aligned.
  let bytes = c.block instanceof Uint8Array ? c.block : new Uint8Array(c.block);
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes); // a copy (Buffer#slice would not copy)
  if (bytes.byteLength < n * BYTES_PER_MARKER) throw new Error(`marker columns: ${bytes.byteLength} bytes for ${n} markers`);
  const buf = bytes.buffer;
  const o = bytes.byteOffset;
  const created = new Float64Array(buf, o, n);
  const id = new Int32Array(buf, o + 8 * n, n);
  const lng = new Int32Array(buf, o + 12 * n, n);
  const lat = new Int32Array(buf, o + 16 * n, n);
  const category = new Uint16Array(buf, o + 20 * n, n);
  const district = new Uint16Array(buf, o + 22 * n, n);
  const flags = new Uint8Array(buf, o + 24 * n, n);
  const reporters = new Map(c.reporters);
  const odd = new Map(c.odd);
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    const d = district[i];
    fn(
      id[i],
      c.statuses[f & ~BREACHED_BIT],
      c.categories[category[i]],
      lng[i] / MARKER_COORD_SCALE,
      lat[i] / MARKER_COORD_SCALE,
      d === NO_DISTRICT ? null : c.districts[d],
      odd.get(i) ?? new Date(created[i]).toISOString(),
      (f & BREACHED_BIT) !== 0,
      reporters.get(i) ?? 1,
    );
  }
}

/** The markers as tuples (toMarker's shape: breached 0/1, the count only when more than one). */
export function decodeMarkers(c: MarkerColumns): MarkerTuple[] {
  const out: MarkerTuple[] = [];
  forEachMarker(c, (id, status, cat, lng, lat, district, at, breached, reporters) => {
    const m: MarkerTuple = [id, status, cat, lng, lat, district, at, breached ? 1 : 0];
    if (reporters !== 1) m.push(reporters);
    out.push(m);
  });
  return out;
}

function dictionary<T>() {
  const at = new Map<T, number>();
  const values: T[] = [];
  return {
    values,
    index(v: T): number {
      let i = at.get(v);
      if (i === undefined) at.set(v, (i = values.push(v) - 1));
      return i;
    },
  };
}
