import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, runningClock, startTestHub, validReport, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { StaffReport } from '../contract/console.js';
import type { DuplicatesView } from '../contract/intake.js';
import type { TrackView } from '../contract/field.js';

// The hub's clock, so the audit export's "today" is the day the events were logged.
const clock = runningClock();
let hub: Hub;
let url: string;
const cookies: Record<string, string> = {};

async function loginAs(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const call = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });

// Jl. Perintis Kemerdekaan, Tangerang: the phone complaint, and points north of it in metres.
const AT = { lat: -6.1789, lon: 106.6312 };
const north = (m: number) => AT.lat + m / 111_195;
const phoneCall = (over: Record<string, unknown> = {}) => ({
  channel: 'phone', reporterContact: '0813-1111-2222', reporterName: 'Pak Darto', category: 'sampah',
  description: 'Sampah menumpuk di depan pasar, sudah tiga hari', lat: AT.lat, lon: AT.lon, ...over,
});

async function fileByPhone(cookie: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/console/reports', cookie, phoneCall(over));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { report: StaffReport; trackUrl: string };
}

const detail = async (id: number, cookie = cookies['operator.dkp']) =>
  (await (await call('GET', `/api/console/reports/${id}`, cookie)).json()) as { report: StaffReport; history: { type: string; reason?: string }[]; actions: string[] };
const duplicates = async (id: number, cookie = cookies['operator.dkp']) => (await (await call('GET', `/api/console/reports/${id}/duplicates`, cookie)).json()) as DuplicatesView;
const act = (id: number, body: Record<string, unknown>, cookie = cookies['operator.dkp']) => call('POST', `/api/console/reports/${id}/actions`, cookie, body);

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts', now: clock.now }));
  await seedAccounts(hub.ctx);
  for (const u of ['admin', 'supervisor', 'operator.dkp', 'operator.dishub']) cookies[u] = await loginAs(u);
}, 60_000);
afterAll(() => hub.close());

describe('an operator files a complaint taken by phone', () => {
  it('enters the same flow: a ticket, a red marker on the wall, the caller’s contact kept private', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const { report, trackUrl } = await fileByPhone(cookies['operator.dkp']);
    expect(report).toMatchObject({ status: 'new', channel: 'phone', categoryId: 'sampah', agencyId: 'dkp', citizenCount: 1, photos: [] });
    expect(report.reporter).toEqual({ name: 'Pak Darto', contact: '0813-1111-2222' });
    expect(trackUrl).toMatch(new RegExp(`^/lacak/${report.ticket}\\?k=`));
    await wall.until(() => wall.markers.get(report.id)?.[1] === 'new');
    const seen = wall.events.find((e) => e.report.id === report.id)!;
    expect(seen.type).toBe('report.submitted');
    expect(JSON.stringify(seen)).not.toContain('0813-1111-2222');
    wall.close();
    const history = (await detail(report.id)).history;
    expect(history.map((h) => h.type)).toEqual(['report.submitted']);
  });

  it('takes an optional photo as multipart, and WhatsApp or social media as channels', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(phoneCall({ channel: 'whatsapp', category: 'pohon-tumbang', description: 'Pohon tumbang menutup jalan' }))) fd.set(k, String(v));
    fd.append('photos', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'wa.jpg');
    const res = await fetch(`${url}/api/console/reports`, { method: 'POST', body: fd, headers: { cookie: cookies['operator.dkp'] } });
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as { report: StaffReport };
    expect(report.channel).toBe('whatsapp');
    expect(report.photos.length).toBeGreaterThanOrEqual(1);
    const social = await fileByPhone(cookies.supervisor, { channel: 'social', reporterContact: '@warga_tng', category: 'macet', description: 'Macet total di simpang' });
    expect(social.report).toMatchObject({ channel: 'social', agencyId: 'dishub' });
  });

  // Every field, with what is wrong with it: a 4xx that names it, and nothing stored.
  const BAD: [string, Record<string, unknown>, number, string][] = [
    ['no channel', { channel: undefined }, 400, 'channel'],
    ['a citizen channel', { channel: 'web' }, 400, 'channel'],
    ['an Open311 channel', { channel: 'open311' }, 400, 'channel'],
    ['an unknown channel', { channel: 'pigeon' }, 400, 'channel'],
    ['no contact', { reporterContact: undefined }, 400, 'reporterContact'],
    ['a blank contact', { reporterContact: '  ' }, 400, 'reporterContact'],
    ['a contact too long', { reporterContact: 'x'.repeat(121) }, 400, 'reporterContact'],
    ['a name too long', { reporterName: 'n'.repeat(121) }, 400, 'reporterName'],
    ['no category', { category: undefined }, 400, 'category'],
    ['an unknown category', { category: 'ufo' }, 400, 'category'],
    ['no text', { description: undefined }, 400, 'description'],
    ['too short a text', { description: 'abc' }, 400, 'description'],
    ['too long a text', { description: 'a'.repeat(2001) }, 400, 'description'],
    ['no location', { lat: undefined, lon: undefined }, 400, 'lat'],
    ['no longitude', { lon: undefined }, 400, 'lon'],
    ['a latitude that is not a number', { lat: 'utara' }, 400, 'lat'],
    ['a latitude off the globe', { lat: 123 }, 400, 'lat'],
    ['a longitude off the globe', { lon: 500 }, 400, 'lon'],
    ['a place outside the city', { lat: -6.9, lon: 107.6 }, 422, 'lat'],
    ['an address too long', { address: 'a'.repeat(301) }, 400, 'address'],
  ];
  for (const [what, over, status, field] of BAD) {
    it(`refuses ${what} with ${status} naming ${field}`, async () => {
      const head = hub.ctx.store.events.headSeq();
      const res = await call('POST', '/api/console/reports', cookies['operator.dkp'], phoneCall(over));
      const body = (await res.json()) as { field: string; message: string };
      expect(res.status).toBe(status);
      expect(body.field).toBe(field);
      expect(body.message).toBeTruthy();
      expect(hub.ctx.store.events.headSeq()).toBe(head);
    });
  }

  it('refuses a photo that is not an image, naming it, and a body that is neither JSON nor multipart', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(phoneCall())) fd.set(k, String(v));
    fd.append('photos', new Blob([new TextEncoder().encode('not a jpeg')], { type: 'image/jpeg' }), 'x.jpg');
    const bad = await fetch(`${url}/api/console/reports`, { method: 'POST', body: fd, headers: { cookie: cookies['operator.dkp'] } });
    expect(bad.status).toBe(415);
    expect(((await bad.json()) as { field: string }).field).toBe('photos[0]');
    const text = await fetch(`${url}/api/console/reports`, { method: 'POST', body: 'hello', headers: { cookie: cookies['operator.dkp'], 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { field: string }).field).toBe('content-type');
  });
});

describe('possible duplicates, merge and un-merge', () => {
  let first: StaffReport;
  let second: StaffReport;

  it('lists open reports of the same category nearby, nearest first with metres, and not the others', async () => {
    first = (await fileByPhone(cookies['operator.dkp'], { lat: north(60), description: 'Tumpukan sampah di trotoar pasar' })).report;
    const far = (await fileByPhone(cookies['operator.dkp'], { lat: north(400), description: 'Sampah di ujung jalan' })).report;
    const otherKind = (await fileByPhone(cookies['operator.dkp'], { lat: north(10), category: 'pohon-tumbang', description: 'Dahan patah di pasar' })).report;
    const nearer = (await fileByPhone(cookies['operator.dkp'], { lat: north(20), description: 'Sampah berserakan depan pasar' })).report;
    const created = await postReport(url, validReport({ lat: north(0), lon: AT.lon }), [await photo()]);
    second = (await detail(Number(created.body.id))).report;

    const view = await duplicates(second.id);
    expect(view.window).toEqual({ radiusM: 150, windowHours: 72 });
    const ids = view.duplicates.map((d) => d.report.id);
    expect(ids).not.toContain(second.id);
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(otherKind.id);
    expect(ids.indexOf(nearer.id)).toBeLessThan(ids.indexOf(first.id));
    const d = view.duplicates.find((x) => x.report.id === first.id)!;
    expect(d.distanceM).toBeGreaterThanOrEqual(59);
    expect(d.distanceM).toBeLessThanOrEqual(61);
    // The older report stays the primary; the new one would be merged into it.
    expect(d).toMatchObject({ primaryId: first.id, duplicateId: second.id, canMerge: true });
    const distances = view.duplicates.map((x) => x.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('refuses an operator the duplicates of another agency’s report, and a report that does not exist', async () => {
    expect((await call('GET', `/api/console/reports/${second.id}/duplicates`, cookies['operator.dishub'])).status).toBe(403);
    expect((await call('GET', '/api/console/reports/999999/duplicates', cookies['operator.dkp'])).status).toBe(404);
    expect((await call('GET', '/api/console/reports/abc/duplicates', cookies['operator.dkp'])).status).toBe(404);
  });

  it('merges: the duplicate closes into the primary, the primary counts 2 reporters, the wall sees both (and catches up after a reconnect)', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1 && wall.markers.has(second.id));
    const primaryVersion = (await detail(first.id)).report.version;
    // The wall drops off before the merge and comes back after it: the count must come with the catch-up.
    wall.socket.disconnect();
    const res = await act(second.id, { action: 'merge', expectedVersion: second.version, intoReportId: first.id, reason: 'Tumpukan sampah yang sama' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: StaffReport }).report).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    wall.socket.connect();
    await wall.until(() => wall.catchUps.length === 2);
    expect(wall.catchUps[1]).toBe('delta');
    expect(wall.markers.get(first.id)?.[8]).toBe(2);
    expect(wall.markers.get(second.id)?.[1]).toBe('merged');
    wall.close();

    const primary = await detail(first.id);
    expect(primary.report.citizenCount).toBe(2);
    // The count changes no lifecycle step: an operator's form open on the primary stays valid.
    expect(primary.report.version).toBe(primaryVersion);
    expect(primary.history.map((h) => h.type)).toEqual(['report.submitted', 'report.duplicate_merged']);
    expect((await detail(second.id)).history.map((h) => h.type)).toEqual(['report.submitted', 'report.merged']);
    const view = await duplicates(first.id);
    expect(view.merged.map((m) => m.id)).toEqual([second.id]);
    expect(view.duplicates.map((d) => d.report.id)).not.toContain(second.id);
    expect((await duplicates(second.id)).primary).toMatchObject({ id: first.id, ticket: first.ticket, status: 'new', citizenCount: 2 });

    // A snapshot (a new wall) carries it too.
    const fresh = new WallClient(url);
    await fresh.until(() => fresh.catchUps.length === 1);
    expect(fresh.markers.get(first.id)?.[8]).toBe(2);
    fresh.close();
  });

  it('leads the duplicate’s reporter to the primary’s tracking and status', async () => {
    const track = (await (await fetch(`${url}/api/track/${second.ticket}`)).json()) as TrackView;
    expect(track.status).toBe('merged');
    expect(track.mergedInto).toEqual({ ticket: first.ticket, status: 'new', citizenCount: 2 });
    const primary = (await (await fetch(`${url}/api/track/${first.ticket}`)).json()) as TrackView;
    expect(primary).toMatchObject({ citizenCount: 2, mergedInto: null });
  });

  it('follows a merge into a merged report to its primary, so every citizen counts at the root', async () => {
    const third = Number((await postReport(url, validReport({ lat: north(5), lon: AT.lon }), [await photo()])).body.id);
    const res = await act(third, { action: 'merge', expectedVersion: 1, intoReportId: second.id });
    expect(res.status).toBe(200);
    expect(hub.ctx.store.reports.get(third)?.mergedIntoId).toBe(first.id);
    expect(hub.ctx.store.reports.get(first.id)?.citizenCount).toBe(3);
    // And back, so the rest of this suite starts from two reporters.
    expect((await act(third, { action: 'unmerge', expectedVersion: 2, reason: 'uji rantai' })).status).toBe(200);
    expect(hub.ctx.store.reports.get(first.id)?.citizenCount).toBe(2);
  });

  it('refuses merging into itself, across categories, into a closed report, into a missing one, or from another agency', async () => {
    const a = (await fileByPhone(cookies['operator.dkp'], { lat: north(30) })).report;
    const tree = (await fileByPhone(cookies['operator.dkp'], { lat: north(30), category: 'pohon-tumbang', description: 'Pohon tumbang di pasar' })).report;
    const head = hub.ctx.store.events.headSeq();
    const refused = async (id: number, body: Record<string, unknown>, status: number, field?: string, cookie?: string) => {
      const res = await act(id, body, cookie);
      const json = (await res.json()) as { field?: string; message: string };
      expect(res.status, json.message).toBe(status);
      if (field) expect(json.field).toBe(field);
    };
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: a.id }, 400, 'intoReportId');
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: tree.id }, 400, 'intoReportId');
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: 999999 }, 404, 'intoReportId');
    await refused(a.id, { action: 'merge', expectedVersion: 1 }, 400, 'intoReportId');
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: 'x' }, 400, 'intoReportId');
    await refused(a.id, { action: 'merge', expectedVersion: 7, intoReportId: first.id }, 409, 'expectedVersion');
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: first.id }, 403, undefined, cookies['operator.dishub']);
    // A primary that is no longer open (rejected here) takes no new duplicates.
    const done = (await fileByPhone(cookies['operator.dkp'], { lat: north(31) })).report;
    expect((await act(done.id, { action: 'reject', expectedVersion: 1, reason: 'laporan iseng' })).status).toBe(200);
    const head2 = hub.ctx.store.events.headSeq();
    await refused(a.id, { action: 'merge', expectedVersion: 1, intoReportId: done.id }, 409, 'intoReportId');
    expect(hub.ctx.store.events.headSeq()).toBe(head2);
    // Only the filing and the rejection of `done` were appended: every refusal before them appended nothing.
    expect(head2).toBe(head + 2);
  });

  it('un-merges: the duplicate returns to the queue as it was, the count drops, and it is audited with the reason', async () => {
    await refusedUnmerge();
    const res = await act(second.id, { action: 'unmerge', expectedVersion: 2, reason: 'Ternyata lokasi berbeda' });
    expect(res.status).toBe(200);
    const back = ((await res.json()) as { report: StaffReport; actions: string[] });
    expect(back.report).toMatchObject({ status: 'new', mergedIntoId: null });
    expect(back.actions).toContain('merge');
    expect((await detail(first.id)).report.citizenCount).toBe(1);
    const history = (await detail(second.id)).history;
    expect(history.map((h) => h.type)).toEqual(['report.submitted', 'report.merged', 'report.unmerged']);
    expect(history[2].reason).toBe('Ternyata lokasi berbeda');
    expect(((await (await fetch(`${url}/api/track/${second.ticket}`)).json()) as TrackView).mergedInto).toBeNull();

    const today = clock.wibDay();
    const csv = await (await call('GET', `/api/console/audit.csv?from=${today}&to=${today}`, cookies.supervisor)).text();
    const line = csv.split('\n').find((l) => l.includes('report.unmerged') && l.includes(second.ticket))!;
    expect(line).toContain('Ternyata lokasi berbeda');
    expect(line).toContain(',merged,new,');
    expect(csv).toContain('report.duplicate_unmerged');
  });

  async function refusedUnmerge() {
    // Without a reason, and by another agency's operator: refused, nothing appended.
    const head = hub.ctx.store.events.headSeq();
    const noReason = await act(second.id, { action: 'unmerge', expectedVersion: 2 });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { field: string }).field).toBe('reason');
    expect((await act(second.id, { action: 'unmerge', expectedVersion: 2, reason: 'bukan dinas saya' }, cookies['operator.dishub'])).status).toBe(403);
    expect(hub.ctx.store.events.headSeq()).toBe(head);
  }

  it('lets a supervisor merge and un-merge across the city', async () => {
    const res = await act(second.id, { action: 'merge', expectedVersion: 3, intoReportId: first.id }, cookies.supervisor);
    expect(res.status).toBe(200);
    expect((await act(second.id, { action: 'unmerge', expectedVersion: 4, reason: 'cek ulang' }, cookies.supervisor)).status).toBe(200);
  });

  it('leaves the projections equal to a replay of the log', async () => {
    const { foldReports } = await import('../domain/replay.js');
    const folded = foldReports(hub.ctx.store.events.since(0, 1e6));
    for (const [id, r] of folded) expect(hub.ctx.store.reports.get(id)).toEqual(r);
  });
});
