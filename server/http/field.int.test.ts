import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, runningClock, startTestHub, validReport } from '../testing/hub.js';
import { exifTimeWib, phonePhoto } from '../testing/photos.js';
import { DEMO_PASSWORD, seedAccounts, type DemoAccounts } from '../../scripts/seed-accounts.js';
import { actOnReport } from '../commands/act-on-report.js';
import type { FieldJob, TrackView } from '../contract/field.js';

// The hub's clock: the proof photos' EXIF time is taken from it, as a phone's would match the hub's.
const clock = runningClock();
let hub: Hub;
let url: string;
let dataDir: string;
let accounts: DemoAccounts;
const cookies: Record<string, string> = {};

async function loginAs(username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function sendProof(cookie: string, id: number, fields: Record<string, string>, photos: Buffer[]) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  for (const p of photos) fd.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), 'bukti.jpg');
  const res = await fetch(`${url}/api/field/jobs/${id}/proof`, { method: 'POST', body: fd, headers: { cookie } });
  return { status: res.status, body: (await res.json()) as { job: FieldJob; field?: string } };
}

const post = (path: string, cookie: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  ({ hub, url, dataDir } = await startTestHub({}, { from: 'accounts', now: clock.now }));
  accounts = await seedAccounts(hub.ctx);
  for (const u of ['pengawas.dkp.1', 'pengawas.dkp.2', 'operator.dkp']) cookies[u] = await loginAs(u);
}, 60_000);
afterAll(() => hub.close());

describe('a field supervisor takes a job to proof, and the citizen sees it', () => {
  it('accepts, proves, is verified, and the tracking page shows the proof; the reporter can reopen with the private link', async () => {
    const lat = -6.1789;
    const lon = 106.6312;
    const created = await postReport(url, validReport({ lat, lon }), [await photo()]);
    const id = Number(created.body.id);
    const trackUrl = String(created.body.trackUrl);
    const key = new URL(trackUrl, url).searchParams.get('k')!;
    const op = accounts.operatorOf('dkp');
    const fs = accounts.fieldOf('dkp', 1);
    expect((await actOnReport(hub.ctx, op, id, { action: 'dispatch', assigneeId: fs.id, instruction: 'Angkut hari ini' })).ok).toBe(true);

    const jobs = (await (await fetch(`${url}/api/field/jobs`, { headers: { cookie: cookies['pengawas.dkp.1'] } })).json()) as { jobs: FieldJob[] };
    expect(jobs.jobs.map((j) => j.id)).toEqual([id]);
    expect(jobs.jobs[0].instruction).toBe('Angkut hari ini');
    expect(JSON.stringify(jobs)).not.toMatch(/0812|Siti/);
    const other = (await (await fetch(`${url}/api/field/jobs`, { headers: { cookie: cookies['pengawas.dkp.2'] } })).json()) as { jobs: FieldJob[] };
    expect(other.jobs).toEqual([]);

    expect((await post(`/api/field/jobs/${id}/accept`, cookies['pengawas.dkp.2'], { clientId: 'accept-other-1' })).status).toBe(403);
    const accept = await post(`/api/field/jobs/${id}/accept`, cookies['pengawas.dkp.1'], { clientId: 'accept-0001' });
    expect(accept.status).toBe(200);
    // The outbox sends it again after a lost response: the same answer, nothing applied twice.
    expect((await post(`/api/field/jobs/${id}/accept`, cookies['pengawas.dkp.1'], { clientId: 'accept-0001' })).status).toBe(200);
    expect(hub.ctx.store.events.forReport(id).filter((e) => e.type === 'report.accepted')).toHaveLength(1);

    const takenWib = exifTimeWib(clock.now());
    const proofPhotos = [await phonePhoto(lat + 0.0002, lon, takenWib, 1), await phonePhoto(lat, lon + 0.0002, takenWib, 2)];
    const first = await sendProof(cookies['pengawas.dkp.1'], id, { clientId: 'proof-0001', note: 'Sudah diangkut' }, proofPhotos);
    expect(first.status).toBe(200);
    expect(first.body.job.status).toBe('proof_submitted');
    expect(first.body.job.proof?.flags).toEqual([]);
    const again = await sendProof(cookies['pengawas.dkp.1'], id, { clientId: 'proof-0001', note: 'Sudah diangkut' }, proofPhotos);
    expect(again.status).toBe(200);
    expect(hub.ctx.store.events.forReport(id).filter((e) => e.type === 'report.proof_submitted')).toHaveLength(1);
    const stored = hub.ctx.store.reports.get(id)!;
    expect(stored.proof?.location?.lat).toBeCloseTo(lat + 0.0002, 4);
    const served = await sharp(Buffer.from(await (await fetch(`${url}/media/${stored.proof!.photos[0]}/display.webp`)).arrayBuffer())).metadata();
    expect(served.exif).toBeUndefined();

    let track = (await (await fetch(`${url}/api/track/${created.body.ticket}`)).json()) as TrackView;
    expect(track.proofPhotos).toEqual([]);
    expect((await actOnReport(hub.ctx, op, id, { action: 'verify' })).ok).toBe(true);
    track = (await (await fetch(`${url}/api/track/${created.body.ticket}?k=${key}`)).json()) as TrackView;
    expect(track.status).toBe('verified');
    expect(track.proofPhotos).toEqual(stored.proof!.photos);
    expect(track.canReopen).toBe(true);
    expect(JSON.stringify(track)).not.toMatch(/0812|Siti|Rina|Bambang|pengawas|operator\./);
    expect(track.history.map((h) => h.type)).toEqual(['report.submitted', 'report.dispatched', 'report.accepted', 'report.proof_submitted', 'report.verified']);

    const noKey = await fetch(`${url}/api/track/${created.body.ticket}/reopen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ k: 'wrong-key-000000', reason: 'Sampah masih ada' }) });
    expect(noKey.status).toBe(403);
    const reopen = await fetch(`${url}/api/track/${created.body.ticket}/reopen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ k: key, reason: 'Sampah masih ada di sana' }) });
    expect(reopen.status).toBe(200);
    const after = (await reopen.json()) as TrackView;
    expect(after.status).toBe('new');
    expect(after.history.at(-1)).toMatchObject({ type: 'report.reopened', reason: 'Sampah masih ada di sana', agencyId: null });
  });

  it('flags a proof taken far away or before the dispatch', async () => {
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    const fs = accounts.fieldOf('dkp', 2);
    await actOnReport(hub.ctx, accounts.operatorOf('dkp'), id, { action: 'dispatch', assigneeId: fs.id });
    const r = await sendProof(cookies['pengawas.dkp.2'], id, { clientId: 'proof-far-01' }, [await phonePhoto(-6.2, 106.7, '2020:01:01 10:00:00')]);
    expect(r.status).toBe(200);
    expect(r.body.job.proof?.flags).toEqual(['far_from_report', 'taken_before_dispatch']);
  });

  it('refuses bad proof input with the field named, and leaves no file behind', async () => {
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    await actOnReport(hub.ctx, accounts.operatorOf('dkp'), id, { action: 'dispatch', assigneeId: accounts.fieldOf('dkp', 1).id });
    const files = () => readdirSync(join(dataDir, 'media'), { recursive: true }).length;
    const before = files();
    expect((await sendProof(cookies['pengawas.dkp.1'], id, { clientId: 'x' }, [await photo()])).body.field).toBe('clientId');
    expect((await sendProof(cookies['pengawas.dkp.1'], id, { clientId: 'proof-none-1' }, [])).body.field).toBe('photos');
    const notMine = await sendProof(cookies['pengawas.dkp.2'], id, { clientId: 'proof-notmine' }, [await photo()]);
    expect(notMine.status).toBe(403);
    const operator = await sendProof(cookies['operator.dkp'], id, { clientId: 'proof-operator' }, [await photo()]);
    expect(operator.status).toBe(403);
    expect(files()).toBe(before);
  });
});
