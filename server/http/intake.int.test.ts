import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';
import type { SqliteHub as Hub } from '../hub.js';

let hub: Hub;
let url: string;
let dataDir: string;
const mediaFiles = () => readdirSync(join(dataDir, 'media'), { recursive: true }).filter((f) => String(f).endsWith('.webp'));

beforeAll(async () => {
  ({ hub, url, dataDir } = await startTestHub({ maxPhotoBytes: 2 * 1024 * 1024, maxPhotoPixels: 4_000_000 }));
});
afterAll(() => hub.close());

describe('POST /api/reports', () => {
  it('files a report with a ticket, district and processed photos, and keeps the contact private', async () => {
    const { status, body } = await postReport(url, validReport(), [await photo(), await photo()]);
    expect(status).toBe(201);
    expect(body.ticket).toMatch(/^TNG-\d{4}-\d{6}$/);
    expect(body).toMatchObject({ status: 'new', categoryId: 'sampah', agencyId: 'dkp', channel: 'web', precision: 'point' });
    expect(body.districtCode).toBe('36.71.01');
    expect(body.photos).toHaveLength(2);
    expect(JSON.stringify(body)).not.toMatch(/0812|Siti/);

    const stored = hub.ctx.store.reports.getByTicket(String(body.ticket))!;
    expect(stored.reporterContact).toBe('0812-5555-0199');

    const hash = (body.photos as string[])[0];
    const display = await fetch(`${url}/media/${hash}/display.webp`);
    expect(display.status).toBe(200);
    const meta = await sharp(Buffer.from(await display.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp(Buffer.from(await (await fetch(`${url}/media/${hash}/thumb.webp`)).arrayBuffer())).metadata();
    expect([thumb.width, thumb.height]).toEqual([360, 360]);

    const pub = await (await fetch(`${url}/api/reports/${body.ticket}`)).text();
    expect(pub).not.toMatch(/0812|Siti|reporter/);
  });

  it('places a report given only an address and a district at the district', async () => {
    const { status, body } = await postReport(url, validReport({ lat: undefined, lon: undefined, address: 'Jl. Hasyim Ashari No. 5', district: 'Cipondoh' }), [await photo()]);
    expect(status).toBe(201);
    expect(body).toMatchObject({ precision: 'district', districtCode: '36.71.05', address: 'Jl. Hasyim Ashari No. 5' });
  });

  it('numbers tickets in order', async () => {
    const a = await postReport(url, validReport(), [await photo()]);
    const b = await postReport(url, validReport(), [await photo()]);
    const n = (t: unknown) => Number(String(t).slice(-6));
    expect(n(b.body.ticket)).toBe(n(a.body.ticket) + 1);
  });
});

describe('bad input never crashes the hub, half-writes a report or leaves a file', () => {
  const cases: [string, () => Promise<{ status: number; body: Record<string, unknown> }>, number, string][] = [
    ['missing description', async () => postReport(url, validReport({ description: undefined }), [await photo()]), 400, 'description'],
    ['a one-word description', async () => postReport(url, validReport({ description: 'abc' }), [await photo()]), 400, 'description'],
    ['an unknown category', async () => postReport(url, validReport({ category: 'ufo' }), [await photo()]), 400, 'category'],
    ['a latitude that is not a number', async () => postReport(url, validReport({ lat: 'north' }), [await photo()]), 400, 'lat'],
    ['lat without lon', async () => postReport(url, validReport({ lon: undefined }), [await photo()]), 400, 'lon'],
    ['no location at all', async () => postReport(url, validReport({ lat: undefined, lon: undefined }), [await photo()]), 400, 'lat'],
    ['an unknown channel', async () => postReport(url, validReport({ channel: 'pigeon' }), [await photo()]), 400, 'channel'],
    ['a citizen claiming the phone channel', async () => postReport(url, validReport({ channel: 'phone' }), [await photo()]), 403, 'channel'],
    ['no photo', async () => postReport(url, validReport(), []), 400, 'photos'],
    ['six photos', async () => postReport(url, validReport(), await Promise.all(Array.from({ length: 6 }, photo))), 400, 'photos'],
    ['a text file as a photo', async () => postReport(url, validReport(), [{ data: Buffer.from('hello, not a jpeg'), type: 'image/jpeg', name: 'x.jpg' }]), 415, 'photos[0]'],
    ['a truncated JPEG', async () => postReport(url, validReport(), [(await photo()).subarray(0, 2000)]), 415, 'photos[0]'],
    ['a photo over the byte cap', async () => postReport(url, validReport(), [Buffer.concat([await photo(), Buffer.alloc(3 * 1024 * 1024)])]), 413, 'photos'],
    ['a photo over the pixel cap', async () => postReport(url, validReport(), [await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#345' } }).jpeg().toBuffer()]), 413, 'photos[0]'],
    ['a location in Jakarta', async () => postReport(url, validReport({ lat: -6.1754, lon: 106.8272 }), [await photo()]), 422, 'lat'],
    ['an unknown district', async () => postReport(url, validReport({ lat: undefined, lon: undefined, address: 'Jl. X', district: 'Atlantis' }), [await photo()]), 422, 'district'],
    ['a bogus bearer token', async () => postReport(url, validReport(), [await photo()], { authorization: 'Bearer nope' }), 401, 'authorization'],
  ];

  for (const [name, send, status, field] of cases) {
    it(`answers ${status} naming ${field} for ${name}`, async () => {
      const before = hub.ctx.store.events.headSeq();
      const files = mediaFiles().length;
      const { status: got, body } = await send();
      expect(got).toBe(status);
      expect(body.field).toBe(field);
      expect(String(body.message)).toBeTruthy();
      expect(hub.ctx.store.events.headSeq()).toBe(before);
      expect(mediaFiles().length).toBe(files);
    });
  }

  it('answers 400 for broken JSON and 415 for a JSON body without photos, and the hub still takes the next report', async () => {
    const broken = await fetch(`${url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { field: string }).field).toBe('body');
    const json = await fetch(`${url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category":"sampah"}' });
    expect(json.status).toBe(415);
    expect((await postReport(url, validReport(), [await photo()])).status).toBe(201);
  });

  it('lets a wall display watch but not file reports', async () => {
    const { status } = await postReport(url, validReport(), [await photo()], { authorization: `Bearer ${WALL_TOKEN}` });
    expect(status).toBe(403);
  });
});

describe('the live stream', () => {
  it('broadcasts a new report with its seq and never the reporter contact', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length > 0);
    const { body } = await postReport(url, validReport({ reporterContact: 'rahasia@example.id' }), [await photo()]);
    await wall.until(() => wall.events.some((e) => e.report.id === body.id));
    const e = wall.events.find((x) => x.report.id === body.id)!;
    expect(e.type).toBe('report.submitted');
    expect(e.seq).toBe(hub.ctx.store.events.headSeq());
    expect(JSON.stringify(wall.events)).not.toMatch(/rahasia|Siti|0812|reporter/);
    wall.close();
  });

  it('refuses a socket without a paired display token', async () => {
    const wall = new WallClient(url, 'not-a-real-token-0123456789abcdef');
    const err = await new Promise<Error>((resolve) => wall.socket.once('connect_error', resolve));
    expect(err.message).toBe('unauthenticated');
    wall.close();
  });

  it('keeps no orphan photo file on disk', () => {
    const referenced = hub.ctx.store.media.hashes();
    for (const f of mediaFiles()) expect(referenced.has(String(f).split('/').pop()!.split('.')[0])).toBe(true);
    expect(existsSync(join(dataDir, 'pantau.sqlite-wal'))).toBe(true);
  });
});
