import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from './seed-accounts.js';
import { mulberry, scenePhoto } from './simulate/scene-photo.js';
import { planRound, type RoomStep } from './simulate/room-pace.js';
import type { StaffReport, FieldSupervisorLoad } from '../server/contract/console.js';

/**
 * The LIVE Room at work, through the real console and field APIs: each agency's demo operator checks new reports
 * and dispatches them to the least-busy field supervisor, who accepts, starts, and sends proof photos; the operator
 * verifies (now and then returns a proof or rejects a report). Every step waits a human while after the last one
 * (scripts/simulate/room-pace.ts), so a newcomer sees markers go red → yellow → green live, and the room keeps up
 * with the citizens: the queue of new reports stays short and breached deadlines stay rare over hours.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PANTAU_URL ?? 'http://127.0.0.1:8080' },
    'interval-ms': { type: 'string', default: process.env.PANTAU_ROOM_INTERVAL_MS ?? '2000' },
  },
});
const base = values.url!;
const rng = mulberry(Date.now() % 1e9);
const cookies = new Map<string, string>();
/** When the room first saw each report in its current state (id:version): the pace counts from there. */
const seen = new Map<string, number>();
/** Field supervisors by account id, to act as the one a job was dispatched to. */
const fieldUser = new Map<string, string>();

async function session(username: string): Promise<string | null> {
  const known = cookies.get(username);
  if (known) return known;
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) return null;
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  if (cookie) cookies.set(username, cookie);
  const { account } = (await res.json()) as { account?: { id: string; role: string } };
  if (account?.role === 'field') fieldUser.set(account.id, username);
  return cookie;
}

async function api<T>(username: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const cookie = await session(username);
  if (!cookie) return { status: 401, data: {} as T };
  const form = body instanceof FormData;
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { cookie, ...(body && !form ? { 'content-type': 'application/json' } : {}) },
    body: body ? (form ? body : JSON.stringify(body)) : undefined,
  });
  // A session the hub no longer knows (a restarted store): log in again next time.
  if (res.status === 401) cookies.delete(username);
  return { status: res.status, data: (await res.json().catch(() => ({}))) as T };
}

const operatorOf = (r: StaffReport) => `operator.${r.agencyId}`;

async function act(r: StaffReport, step: RoomStep): Promise<number> {
  const act = (action: string, extra: Record<string, unknown> = {}) =>
    api(operatorOf(r), `/api/console/reports/${r.id}/actions`, { action, expectedVersion: r.version, ...extra }).then((x) => x.status);
  switch (step) {
    case 'check':
      return act('check');
    case 'reject':
      return act('reject', { reason: 'Bukan kewenangan kota; pelapor diarahkan ke instansi terkait.' });
    case 'dispatch': {
      const crews = await api<{ fieldSupervisors?: FieldSupervisorLoad[] }>(operatorOf(r), `/api/console/field-supervisors`);
      const crew = [...(crews.data.fieldSupervisors ?? [])].filter((c) => c.agencyId === r.agencyId).sort((a, b) => a.openJobs - b.openJobs)[0];
      if (!crew) return 0;
      return act('dispatch', { assigneeId: crew.id, instruction: 'Segera ke lokasi dan unggah foto bukti.' });
    }
    case 'verify':
      return act('verify');
    case 'return_proof':
      return act('return_proof', { reason: 'Foto bukti kurang jelas; mohon foto ulang dari sudut yang sama dengan foto laporan.' });
    case 'accept':
    case 'start':
    case 'proof': {
      const username = r.assigneeId ? fieldUser.get(r.assigneeId) : undefined;
      if (!username) return 0;
      if (step !== 'proof') return (await api(username, `/api/field/jobs/${r.id}/${step}`, { clientId: randomUUID() })).status;
      const fd = new FormData();
      fd.set('clientId', randomUUID());
      fd.set('note', 'Pekerjaan selesai, lokasi sudah bersih dan aman.');
      const photo = await scenePhoto(r.categoryId, Math.floor(rng() * 1e6), 800, 600, { fixed: true });
      fd.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'bukti.jpg');
      return (await api(username, `/api/field/jobs/${r.id}/proof`, fd)).status;
    }
  }
}

/** Started: jobs accepted but not yet started, as the room remembers them (the hub keeps both in in_progress). */
const started = new Set<number>();

async function round() {
  const queue = await api<{ reports?: StaffReport[] }>('supervisor', `/api/console/reports?status=new,checked,dispatched,in_progress,proof_submitted&limit=500`);
  const open = queue.data.reports ?? [];
  for (const id of started) if (!open.some((r) => r.id === id)) started.delete(id);
  for (const { report: r, step } of planRound(open, Date.now(), seen, started)) {
    const status = await act(r, step);
    if (status === 200) {
      if (step === 'start') started.add(r.id);
      if (step === 'proof' || step === 'reject') started.delete(r.id);
      console.log(`[room] ${r.ticket} ${step}`);
    }
  }
}

// The field supervisors log in once at the start, so the room knows whom a job was dispatched to.
const profile = (await (await fetch(`${base}/api/profile`)).json()) as { agencies: { id: string }[] };
for (const a of profile.agencies) for (const n of [1, 2]) await session(`pengawas.${a.id}.${n}`);
for (;;) {
  try {
    await round();
  } catch (err) {
    console.warn(`[room] ${(err as Error).message}`);
  }
  await new Promise((r) => setTimeout(r, Number(values['interval-ms']) * (0.5 + rng())));
}
