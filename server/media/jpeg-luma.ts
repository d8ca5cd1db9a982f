/**
 * Mean brightness of a baseline JPEG from its luma DC coefficients alone: the DC coefficient of an 8×8 block is
 * eight times the block's mean (less 128), so entropy-decoding the scan and skipping every AC value gives the
 * frame's mean without an inverse DCT, a colour conversion or a trip to the thread pool. A probe measures the
 * brightness of a frame this way in a fraction of what a libvips call costs (its set-up dominates at snapshot
 * sizes). Anything this does not read (progressive, arithmetic, 12-bit, RGB- or CMYK-coded, restart intervals, a scan
 * without every component) is null: the caller decodes it the slow way.
 */
export function jpegMeanLuma(b: Buffer): number | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  const dcQuant = new Map<number, number>();
  const dcTables = new Map<number, Huffman>();
  const acTables = new Map<number, Huffman>();
  let frame: { width: number; height: number; comps: { id: number; h: number; v: number; tq: number }[] } | null = null;
  let adobeRgb = false;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    const len = b.readUInt16BE(p + 2);
    const seg = p + 4;
    const end = p + 2 + len;
    if (end > b.length) return null;
    if (marker === 0xdb) {
      for (let q = seg; q < end; ) {
        const precision = b[q] >> 4;
        dcQuant.set(b[q] & 15, precision ? b.readUInt16BE(q + 1) : b[q + 1]);
        q += 1 + (precision ? 128 : 64);
      }
    } else if (marker === 0xc4) {
      for (let q = seg; q < end; ) {
        const counts = b.subarray(q + 1, q + 17);
        const total = counts.reduce((s, c) => s + c, 0);
        const table = huffman(counts, b.subarray(q + 17, q + 17 + total));
        (b[q] >> 4 ? acTables : dcTables).set(b[q] & 15, table);
        q += 17 + total;
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (b[seg] !== 8) return null;
      const n = b[seg + 5];
      const comps = Array.from({ length: n }, (_, i) => ({ id: b[seg + 6 + i * 3], h: b[seg + 7 + i * 3] >> 4, v: b[seg + 7 + i * 3] & 15, tq: b[seg + 8 + i * 3] }));
      // Only a Y (or grey) first component is brightness: R, G, B ids or four components are another colour model.
      if (n !== 1 && n !== 3) return null;
      if (n === 3 && comps[0].id === 0x52 && comps[1].id === 0x47) return null;
      frame = { height: b.readUInt16BE(seg + 1), width: b.readUInt16BE(seg + 3), comps };
    } else if ((marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xde) {
      return null;
    } else if (marker === 0xdd) {
      // Restart intervals: not read here (none of the encoders at hand writes them, so nothing tests it).
      if (b.readUInt16BE(seg)) return null;
    } else if (marker === 0xee) {
      // Adobe APP14, transform 0: the three components are R, G, B.
      if (len >= 12 && b.toString('latin1', seg, seg + 5) === 'Adobe' && b[seg + 11] === 0) adobeRgb = true;
    } else if (marker === 0xda) {
      if (!frame || adobeRgb || !frame.width || !frame.height) return null;
      const ns = b[seg];
      if (ns !== frame.comps.length) return null;
      const scan = frame.comps.map((c, i) => ({ ...c, dc: dcTables.get(b[seg + 2 + i * 2] >> 4), ac: acTables.get(b[seg + 2 + i * 2] & 15) }));
      if (scan.some((c) => !c.dc || !c.ac) || b[seg + 1] !== frame.comps[0].id) return null;
      const q0 = dcQuant.get(frame.comps[0].tq);
      if (q0 === undefined) return null;
      const sum = sumLumaDc(b, end, frame.width, frame.height, scan as ScanComp[]);
      if (!sum) return null;
      const mean = 128 + (sum.dc * q0) / (8 * sum.blocks);
      return Math.round(Math.min(255, Math.max(0, mean)) * 10) / 10;
    }
    p = end;
  }
  return null;
}

type Huffman = { maxcode: Int32Array; valptr: Int32Array; mincode: Int32Array; values: Uint8Array; fast: Int32Array };
type ScanComp = { h: number; v: number; dc: Huffman; ac: Huffman };

const FAST_BITS = 9;

function huffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  const mincode = new Int32Array(17);
  // Codes of up to FAST_BITS bits looked up in one step: (length << 8 | symbol), 0 for a longer code.
  const fast = new Int32Array(1 << FAST_BITS);
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    valptr[l] = k;
    mincode[l] = code;
    for (let i = 0; i < counts[l - 1]; i++, code++, k++) {
      if (l <= FAST_BITS) fast.fill((l << 8) | values[k], code << (FAST_BITS - l), (code + 1) << (FAST_BITS - l));
    }
    maxcode[l] = counts[l - 1] ? code - 1 : -1;
    code <<= 1;
  }
  return { maxcode, valptr, mincode, values: Uint8Array.from(values), fast };
}

/** Sum of the luma blocks' DC values over the scan starting at `start`, and how many blocks; null on bad data. */
function sumLumaDc(b: Buffer, start: number, width: number, height: number, comps: ScanComp[]): { dc: number; blocks: number } | null {
  let p = start;
  let acc = 0;
  let nbits = 0;
  let ended = false;
  // Zero bytes fed past the end: reading ahead takes up to three, more is a scan cut short.
  let padded = 0;
  // At least 16 bits in hand; past the scan's end (a marker, never stepped over) zeros.
  const fill = () => {
    while (nbits <= 16) {
      let byte = 0;
      if (!ended && p < b.length) {
        byte = b[p];
        if (byte !== 0xff) p++;
        else if (b[p + 1] === 0) p += 2;
        else {
          ended = true;
          byte = 0;
        }
      } else ended = true;
      if (ended) padded++;
      acc = ((acc << 8) | byte) & 0xffffff;
      nbits += 8;
    }
  };
  const take = (n: number): number => {
    if (nbits < n) fill();
    nbits -= n;
    return (acc >>> nbits) & ((1 << n) - 1);
  };
  const receive = (s: number): number => {
    const v = take(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  };
  const decode = (t: Huffman): number => {
    if (nbits < 16) fill();
    const e = t.fast[(acc >>> (nbits - FAST_BITS)) & ((1 << FAST_BITS) - 1)];
    if (e) {
      nbits -= e >> 8;
      return e & 0xff;
    }
    const peek = (acc >>> (nbits - 16)) & 0xffff;
    for (let l = FAST_BITS + 1; l <= 16; l++) {
      const code = peek >>> (16 - l);
      if (code <= t.maxcode[l]) {
        nbits -= l;
        return t.values[t.valptr[l] + code - t.mincode[l]];
      }
    }
    return -1;
  };
  const single = comps.length === 1;
  const hmax = single ? 1 : Math.max(...comps.map((c) => c.h));
  const vmax = single ? 1 : Math.max(...comps.map((c) => c.v));
  const mcus = Math.ceil(width / (8 * hmax)) * Math.ceil(height / (8 * vmax));
  const perMcu = single ? [1] : comps.map((c) => c.h * c.v);
  const pred = new Array<number>(comps.length).fill(0);
  let dc = 0;
  let blocks = 0;
  for (let m = 0; m < mcus; m++) {
    for (let c = 0; c < comps.length; c++) {
      const comp = comps[c];
      for (let k = 0; k < perMcu[c]; k++) {
        const s = decode(comp.dc);
        if (s < 0 || s > 11) return null;
        if (s) pred[c] += receive(s);
        for (let i = 1; i < 64; ) {
          const rs = decode(comp.ac);
          if (rs < 0) return null;
          const size = rs & 15;
          if (size === 0) {
            if (rs !== 0xf0) break;
            i += 16;
            continue;
          }
          take(size);
          i += (rs >> 4) + 1;
        }
        if (c === 0) {
          dc += pred[0];
          blocks++;
        }
      }
    }
    if (padded > 3) return null;
  }
  return blocks ? { dc, blocks } : null;
}
