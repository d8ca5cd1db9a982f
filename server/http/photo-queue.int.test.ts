import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { photo, postReport, startTestHub, validReport, WallClient } from '../testing/hub.js';
import { createAccount } from '../commands/accounts.js';
import { SYSTEM } from '../contract/roles.js';

const PASSWORD = 'uji-antrean-foto-2026';
import type { SqliteHub as Hub } from '../hub.js';

let hub: Hub;
let url: string;
let operator: string;

beforeAll(async () => {
  // One decode at a time and one waiting: the smallest line, so the test can fill it by hand.
  ({ hub, url } = await startTestHub({ photoLimits: { concurrency: 1, memoryBytes: 64 * 1024 * 1024, maxWaiting: 1 } }));
  // Two accounts, not the demo's twenty: each password hash takes a while on a shared machine.
  await createAccount(hub.ctx, SYSTEM, { username: 'operator.dkp', name: 'Sri Mulyani', role: 'operator', agencyId: 'dkp', password: PASSWORD });
  await createAccount(hub.ctx, SYSTEM, { username: 'admin', name: 'Admin', role: 'admin', agencyId: null, password: PASSWORD });
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator.dkp', password: PASSWORD }) });
  operator = login.headers.get('set-cookie')!.split(';')[0];
}, 30_000);
afterAll(() => hub.close());

/** Holds the hub's only small-lane photo worker (a real turn in its real queue) until release() is called. */
function holdPhotoWorker(pixels = 1) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const done = hub.ctx.photoQueue.run(pixels, 1, () => held);
  return { release: async () => (release(), await done) };
}

async function untilWaiting(n: number) {
  // Wait on the hub's own state, not on a clock.
  while (hub.ctx.photoQueue.load.small.waiting !== n) await new Promise((r) => setImmediate(r));
}

describe('bounded photo work', () => {
  it('answers 503 with Retry-After when the line is full, while health and photo-less work go on', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const worker = holdPhotoWorker();
    const queued = postReport(url, validReport({ clientId: 'queued-report-0001' }), [await photo()]);
    await untilWaiting(1);

    const seqBefore = hub.ctx.store.events.headSeq();
    const refused = await fetch(`${url}/api/reports`, { method: 'POST', body: form(validReport({ clientId: 'refused-report-001' }), [await photo()]) });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: 'busy', field: 'photos', message: expect.stringMatching(/nothing was saved/) });
    expect(hub.ctx.store.events.headSeq()).toBe(seqBefore);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    // A call taken by phone without a photo does not wait for photos: it reaches the wall at once.
    const phoned = await fetch(`${url}/api/console/reports`, {
      method: 'POST', headers: { cookie: operator, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'phone', reporterContact: '0812-1', category: 'sampah', description: 'Sampah di pasar', lat: -6.1789, lon: 106.6312 }),
    });
    expect(phoned.status).toBe(201);
    const phonedId = ((await phoned.json()) as { report: { id: number } }).report.id;
    await wall.until(() => wall.markers.has(phonedId));

    // Open311 answers in its own error format with the same 503 and Retry-After.
    const key = await open311Key();
    const o = new FormData();
    for (const [k, v] of Object.entries({ api_key: key, service_code: 'sampah', lat: '-6.1789', long: '106.6312', description: 'Sampah menumpuk' })) o.set(k, v);
    o.append('media', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'a.jpg');
    const o311 = await fetch(`${url}/open311/v2/requests.json`, { method: 'POST', body: o });
    expect(o311.status).toBe(503);
    expect(o311.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await o311.json()) as { code: number; description: string }[])[0]).toMatchObject({ code: 503, description: expect.stringMatching(/^media: /) });

    await worker.release();
    // The one that waited its turn is filed; the refused one, sent again, is too.
    expect((await queued).status).toBe(201);
    const again = await postReport(url, validReport({ clientId: 'refused-report-001' }), [await photo()]);
    expect(again.status).toBe(201);
    expect(hub.ctx.photoQueue.load).toMatchObject({ runningBytes: 0, small: { running: 0, waiting: 0 }, large: { running: 0, waiting: 0 } });
    wall.close();
  });

  it('a citizen\'s small photo goes through while the large lane is full', async () => {
    const worker = holdPhotoWorker(7000 * 7000);
    const small = await postReport(url, validReport(), [await photo()]);
    expect(small.status).toBe(201);
    await worker.release();
  });

  it('decodes a large photo in its turn with real sharp, and a crowd of them gets 201 or 503, never anything else', async () => {
    const big = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#7a6a55' } }).jpeg({ quality: 80 }).toBuffer();
    const answers = await Promise.all(Array.from({ length: 6 }, () => postReport(url, validReport(), [big])));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect(statuses).toContain(201);
    for (const a of answers.filter((x) => x.status === 503)) expect(a.body).toMatchObject({ error: 'busy', field: 'photos' });
    expect(hub.ctx.photoQueue.load).toMatchObject({ runningBytes: 0, small: { running: 0, waiting: 0 }, large: { running: 0, waiting: 0 } });
  }, 60_000);
});

function form(fields: Record<string, string | number | undefined>, photos: Buffer[]) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.set(k, String(v));
  for (const p of photos) fd.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), 'photo.jpg');
  return fd;
}

async function open311Key(): Promise<string> {
  const admin = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const cookie = admin.headers.get('set-cookie')!.split(';')[0];
  const res = await fetch(`${url}/api/admin/api-clients`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Uji antrean', scopes: ['open311'] }) });
  return ((await res.json()) as { key: string }).key;
}
