import { parseArgs } from 'node:util';
import { loadCity } from '../server/profile/load.js';
import { scenePhoto, mulberry } from './simulate/scene-photo.js';
import { CITIZEN_CHANNELS, describe as describeReport, pick, pickCategory, pointIn } from './simulate/content.js';

/**
 * Citizens filing reports through the real HTTP intake: one every few seconds, and now and then a burst
 * (a flood morning: many flood reports from one district within a minute).
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PANTAU_URL ?? 'http://127.0.0.1:8080' },
    city: { type: 'string', default: process.env.PANTAU_CITY ?? 'tangerang' },
    'interval-ms': { type: 'string', default: process.env.PANTAU_SIM_INTERVAL_MS ?? '8000' },
    'burst-every': { type: 'string', default: '40' },
    count: { type: 'string', default: '0' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
  },
});

const rng = mulberry(Number(values.seed));
const city = loadCity(values.city!);
const interval = Number(values['interval-ms']);
const limit = Number(values.count);
const burstEvery = Number(values['burst-every']);
let sent = 0;
/** Private tracking links of the reports filed here: a citizen comes back to look, and now and then says "not fixed". */
const filed: string[] = [];
let failures = 0;

async function file(categoryId: string, place: { lng: number; lat: number }) {
  const { description, address } = describeReport(rng, categoryId);
  const fd = new FormData();
  fd.set('category', categoryId);
  fd.set('description', description);
  fd.set('lat', String(place.lat));
  fd.set('lon', String(place.lng));
  fd.set('address', address);
  fd.set('channel', pick(rng, CITIZEN_CHANNELS));
  fd.set('reporterName', pick(rng, ['Warga', 'Ahmad', 'Nur', 'Yanti', 'Hendra', 'Lia']));
  fd.set('reporterContact', `08${Math.floor(1e9 + rng() * 9e9)}`);
  const photo = await scenePhoto(categoryId, Math.floor(rng() * 1e6), 1024, 768);
  fd.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'foto.jpg');
  try {
    const res = await fetch(`${values.url}/api/reports`, { method: 'POST', body: fd });
    const body = (await res.json()) as { ticket?: string; trackUrl?: string; message?: string };
    if (res.status === 201) {
      sent++;
      if (body.trackUrl) filed.push(body.trackUrl);
      console.log(`[citizen] ${body.ticket} ${categoryId}`);
    } else console.warn(`[citizen] refused ${res.status}: ${body.message}`);
  } catch (err) {
    failures++;
    if (failures % 10 === 1) console.warn(`[citizen] hub unreachable (${(err as Error).message}); retrying`);
  }
}

/** A citizen looks at an earlier report; if it was verified, about one in eight says it is not fixed (Ombudsman: not done until the citizen agrees). */
async function lookBack() {
  const link = filed.length ? filed[Math.floor(rng() * filed.length)] : null;
  if (!link) return;
  const u = new URL(link, values.url);
  const ticket = u.pathname.split('/').pop()!;
  const k = u.searchParams.get('k') ?? '';
  try {
    const view = (await (await fetch(`${values.url}/api/track/${ticket}?k=${encodeURIComponent(k)}`)).json()) as { status?: string; canReopen?: boolean };
    if (view.status !== 'verified' || !view.canReopen) return;
    filed.splice(filed.indexOf(link), 1);
    if (rng() >= 0.125) return;
    const res = await fetch(`${values.url}/api/track/${ticket}/reopen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ k, reason: pick(rng, ['Masih belum beres, kondisinya sama seperti sebelumnya.', 'Sudah dikerjakan tapi rusak lagi.', 'Yang diperbaiki bukan titik yang saya laporkan.']) }),
    });
    if (res.ok) console.log(`[citizen] ${ticket} reopened`);
  } catch {
    /* the hub is restarting; the next look will do */
  }
}

async function burst() {
  const district = pick(rng, city.districts);
  const center = pointIn(rng, district);
  const n = 5 + Math.floor(rng() * 6);
  console.log(`[citizen] burst: ${n} flood reports in ${district.name}`);
  for (let i = 0; i < n; i++) await file('banjir', pointIn(rng, district, { ...center, radius: 0.006 }));
}

for (let tick = 1; limit === 0 || sent < limit; tick++) {
  if (burstEvery > 0 && tick % burstEvery === 0) await burst();
  else await file(pickCategory(rng, city), pointIn(rng, pick(rng, city.districts)));
  if (tick % 3 === 0) await lookBack();
  // Exponential gaps: arrivals look like people, not a metronome.
  await new Promise((r) => setTimeout(r, Math.min(interval * 4, -Math.log(1 - rng()) * interval)));
}
