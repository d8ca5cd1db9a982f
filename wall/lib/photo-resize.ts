/**
 * Photos are made smaller on the phone before they are sent: a 12-megapixel camera photo is 4-6 MB, too much
 * for a weak signal. The long edge goes to 1600 px (what the hub keeps anyway) as JPEG at quality 0.8,
 * ~300-500 kB.
 *
 * Re-encoding through a canvas drops the photo's EXIF, and the hub reads the capture time and GPS from it to
 * check a proof. So the original's EXIF block (APP1) is copied into the new JPEG, with its orientation set to
 * "upright" because the canvas has already turned the pixels. That is a few hundred bytes of copying, no library.
 */
export const MAX_EDGE = 1600;
export const JPEG_QUALITY = 0.8;
/** A JPEG already this small, and no larger than MAX_EDGE, is sent as it is (EXIF and all). */
const KEEP_BYTES = 1_200_000;

export type ShrunkPhoto = { blob: Blob; width: number; height: number; name: string };

export async function shrinkPhoto(file: File | Blob, index = 0): Promise<ShrunkPhoto> {
  const name = `foto-${index + 1}.jpg`;
  const bitmap = await decode(file);
  if (!bitmap) return { blob: file, width: 0, height: 0, name: file instanceof File && file.name ? file.name : name }; // let the hub decide (HEIC on some phones)
  try {
    const { width: w0, height: h0 } = bitmap;
    const scale = Math.min(1, MAX_EDGE / Math.max(w0, h0));
    if (scale === 1 && file.type === 'image/jpeg' && file.size <= KEEP_BYTES) return { blob: file, width: w0, height: h0, name };
    const width = Math.max(1, Math.round(w0 * scale));
    const height = Math.max(1, Math.round(h0 * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) return { blob: file, width: w0, height: h0, name };
    g.imageSmoothingEnabled = true;
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap.source, 0, 0, width, height);
    const jpeg = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', JPEG_QUALITY));
    canvas.width = canvas.height = 0; // give the memory back at once on small phones
    if (!jpeg) return { blob: file, width: w0, height: h0, name };
    const exif = await readExifSegment(file);
    const blob = exif ? await spliceExif(jpeg, exif) : jpeg;
    return { blob, width, height, name };
  } finally {
    bitmap.close();
  }
}

type Decoded = { source: CanvasImageSource; width: number; height: number; close(): void };

/** Decoded upright (EXIF orientation applied), or null when the browser cannot decode the format. */
async function decode(file: Blob): Promise<Decoded | null> {
  if (typeof createImageBitmap === 'function') {
    try {
      const b = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: b, width: b.width, height: b.height, close: () => b.close() };
    } catch {
      /* fall through to <img> */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
}

/** The APP1 "Exif" segment of a JPEG (marker included), with Orientation set to 1; null if there is none. */
export async function readExifSegment(file: Blob): Promise<Uint8Array<ArrayBuffer> | null> {
  const head = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  if (head[0] !== 0xff || head[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= head.length && head[i] === 0xff) {
    const marker = head[i + 1];
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end: no more metadata
    const len = (head[i + 2] << 8) | head[i + 3];
    if (len < 2) break;
    const end = i + 2 + len;
    if (
      marker === 0xe1 && end <= head.length &&
      head[i + 4] === 0x45 && head[i + 5] === 0x78 && head[i + 6] === 0x69 && head[i + 7] === 0x66 && head[i + 8] === 0 && head[i + 9] === 0
    ) {
      const seg = head.slice(i, end);
      uprightOrientation(seg);
      return seg;
    }
    i = end;
  }
  return null;
}

/** Sets IFD0's Orientation (tag 0x0112) to 1 in an APP1 segment, in place. */
function uprightOrientation(seg: Uint8Array) {
  const tiff = 10; // FF E1, length (2), "Exif\0\0" (6)
  const v = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
  if (seg.length < tiff + 8) return;
  const little = v.getUint16(tiff) === 0x4949;
  const ifd0 = tiff + v.getUint32(tiff + 4, little);
  if (ifd0 + 2 > seg.length) return;
  const count = v.getUint16(ifd0, little);
  for (let n = 0; n < count; n++) {
    const e = ifd0 + 2 + n * 12;
    if (e + 12 > seg.length) return;
    if (v.getUint16(e, little) === 0x0112) {
      v.setUint16(e + 8, 1, little);
      return;
    }
  }
}

/** The JPEG with the EXIF segment put after its JFIF header (or right after SOI when it has none). */
async function spliceExif(jpeg: Blob, exif: Uint8Array<ArrayBuffer>): Promise<Blob> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  let at = 2;
  if (bytes[2] === 0xff && bytes[3] === 0xe0) at = 4 + ((bytes[4] << 8) | bytes[5]);
  return new Blob([bytes.subarray(0, at), exif, bytes.subarray(at)], { type: 'image/jpeg' });
}
