import sharp from 'sharp';

/** The camera's own JPEG is kept as it came when it is at most this big; a larger frame is shrunk once. */
export const KEEP_AS_IS_BYTES = 1024 * 1024;
/** Width of the frame kept when the camera's own is too big, and of the WebP a screen asks for. */
export const SNAPSHOT_WIDTH = 640;
/** Brightness is measured on a frame this wide: JPEG shrink-on-load decodes 1/8 of the pixels, enough for a mean. */
const LUMA_WIDTH = 80;

const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/**
 * Mean brightness of a frame, as cheaply as it can be had: from a reduced decode (libvips asks libjpeg to
 * scale by 1/2, 1/4 or 1/8 while decoding, so a 640-wide frame is decoded at 80). No WebP on a probe: a
 * thumbnail is made only when a screen asks.
 */
export async function measureLuma(body: Buffer): Promise<number> {
  const data = await sharp(body, { limitInputPixels: 40_000_000, failOn: 'error' }).resize(LUMA_WIDTH, null, { fastShrinkOnLoad: true, kernel: 'nearest' }).greyscale().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  return Math.round((sum / Math.max(1, data.length)) * 10) / 10;
}

/** The frame to keep as the latest snapshot: the camera's own JPEG when it is small enough, else a 640-wide JPEG of it. */
export async function frameToKeep(body: Buffer): Promise<Buffer> {
  if (isJpeg(body) && body.length <= KEEP_AS_IS_BYTES) return body;
  return sharp(body, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate().resize(SNAPSHOT_WIDTH, null, { withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
}

/**
 * WebP thumbnails by content hash, made on the first request for a frame and kept in memory up to a byte
 * budget (least recently used out first): a frozen camera's frame is encoded once, a camera nobody looks
 * at costs nothing.
 */
export class ThumbnailCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(hash: string, jpeg: () => Buffer): Promise<Buffer> {
    const hit = this.entries.get(hash);
    if (hit) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit;
    }
    const webp = await sharp(jpeg(), { failOn: 'error' }).rotate().resize(SNAPSHOT_WIDTH, null, { withoutEnlargement: true }).webp({ quality: 70, effort: 2 }).toBuffer();
    this.entries.set(hash, webp);
    this.bytes += webp.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
    return webp;
  }
  get size(): number {
    return this.entries.size;
  }
}
