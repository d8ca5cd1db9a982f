import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { jpegMeanLuma } from './jpeg-luma.js';

/** The frame's mean luma (BT.601 Y, what a JPEG stores) from a full decode: what the DC coefficients must give. */
async function fullDecodeLuma(jpeg: Buffer): Promise<number> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) sum += info.channels === 1 ? data[i] : 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  return sum / (data.length / info.channels);
}

const noise = (w: number, h: number, seed: number) => {
  const px = Buffer.alloc(w * h * 3);
  let s = seed;
  for (let i = 0; i < px.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    px[i] = ((s >> 16) & 0xff) * (i % 3 === 0 ? 1 : 0.5) + (i / px.length) * 60;
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } });
};

describe('brightness from the luma DC coefficients', () => {
  it('matches a full decode for flat, black, noisy and odd-sized frames, 4:2:0 and 4:4:4', async () => {
    const frames = [
      await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 0, g: 0, b: 0 } } }).jpeg().toBuffer(),
      await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer(),
      await noise(640, 360, 1).jpeg({ quality: 80 }).toBuffer(),
      await noise(333, 187, 2).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer(),
      await noise(101, 77, 3).jpeg({ quality: 50 }).toBuffer(),
      await noise(200, 120, 4).greyscale().jpeg().toBuffer(),
    ];
    for (const jpeg of frames) {
      const dc = jpegMeanLuma(jpeg);
      expect(dc).not.toBeNull();
      // Edge blocks padded out to whole MCUs and chroma rounding: within one level of 255.
      expect(Math.abs(dc! - (await fullDecodeLuma(jpeg)))).toBeLessThan(1.5);
    }
    expect(jpegMeanLuma(frames[0])!).toBeLessThan(1);
  });

  it('leaves what it does not read to a full decode: progressive, PNG, truncated', async () => {
    const img = noise(160, 90, 5);
    expect(jpegMeanLuma(await img.clone().jpeg({ progressive: true }).toBuffer())).toBeNull();
    expect(jpegMeanLuma(await img.clone().png().toBuffer())).toBeNull();
    const jpeg = await img.clone().jpeg().toBuffer();
    expect(jpegMeanLuma(jpeg.subarray(0, jpeg.length >> 1))).toBeNull();
  });
});
