import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from './seed-accounts.js';
import { mulberry } from './simulate/scene-photo.js';
import type { StaffReport, FieldSupervisorLoad } from '../server/contract/console.js';

/**
 * The LIVE Room at work, through the real console API: each agency's demo operator checks new
 * reports after a while and dispatches them to the least-busy field supervisor, so the wall's
 * markers turn from red to yellow as they would on a working day.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PANTAU_URL ?? 'http://127.0.0.1:8080' },
    'interval-ms': { type: 'string', default: process.env.PANTAU_ROOM_INTERVAL_MS ?? '6000' },
    'min-age-s': { type: 'string', default: '20' },
  },
});
const base = values.url!;
const rng = mulberry(Date.now() % 1e9);
const cookies = new Map<string, string>();

async function session(username: string): Promise<string | null> {
  const known = cookies.get(username);
  if (known) return known;
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) return null;
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  if (cookie) cookies.set(username, cookie);
  return cookie;
}

async function api<T>(cookie: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: (await res.json()) as T };
}

async function work(agencyId: string) {
  const username = `operator.${agencyId}`;
  const cookie = await session(username);
  if (!cookie) return;
  const minAge = Number(values['min-age-s']) / 3600;
  const queue = await api<{ reports: StaffReport[] }>(cookie, `/api/console/reports?status=new,checked&olderThanHours=${minAge}&limit=5`);
  if (queue.status === 401) return void cookies.delete(username);
  const report = queue.data.reports?.at(-1);
  if (!report) return;
  if (report.status === 'new') {
    await api(cookie, `/api/console/reports/${report.id}/actions`, { action: 'check', expectedVersion: report.version });
    return;
  }
  const crews = await api<{ fieldSupervisors: FieldSupervisorLoad[] }>(cookie, `/api/console/field-supervisors`);
  const crew = [...(crews.data.fieldSupervisors ?? [])].sort((a, b) => a.openJobs - b.openJobs)[0];
  if (!crew) return;
  const r = await api<{ message?: string }>(cookie, `/api/console/reports/${report.id}/actions`, {
    action: 'dispatch', expectedVersion: report.version, assigneeId: crew.id, instruction: 'Segera ke lokasi dan unggah foto bukti.',
  });
  if (r.status === 200) console.log(`[room] ${report.ticket} dispatched to ${crew.name}`);
}

const profile = (await (await fetch(`${base}/api/profile`)).json()) as { agencies: { id: string }[] };
for (;;) {
  const agency = profile.agencies[Math.floor(rng() * profile.agencies.length)];
  try {
    await work(agency.id);
  } catch (err) {
    console.warn(`[room] ${(err as Error).message}`);
  }
  await new Promise((r) => setTimeout(r, Number(values['interval-ms']) * (0.5 + rng())));
}
