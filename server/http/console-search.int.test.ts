import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import { photo, postReport, startTestHubOn, STORES, validReport } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { StaffReport } from '../contract/console.js';

describe.each(STORES)('console search finds what the queue shows, on %s', (kind) => {
  let hub: Hub;
  let url: string;
  let cookie: string;
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    ({ hub, url } = await startTestHubOn(kind, {}, { from: 'accounts' }));
    await seedAccounts(hub.ctx);
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: DEMO_PASSWORD }) });
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const at = (name: string) => hub.ctx.city.districts.find((d) => d.name === name)!.label;
    const file = async (key: string, category: string, district: string, description: string) => {
      const [lon, lat] = at(district);
      tickets[key] = String((await postReport(url, validReport({ category, lat, lon, description }), [await photo()])).body.ticket);
    };
    await file('jamBenda', 'macet', 'Benda', 'Antrean panjang di depan bandara');
    await file('jamPinang', 'macet', 'Pinang', 'Lampu lalu lintas padam');
    await file('rubbishBenda', 'sampah', 'Benda', 'Tumpukan di pinggir kali');
  }, 60_000);
  afterAll(() => hub?.close());

  const search = async (q: string) => {
    const res = await fetch(`${url}/api/console/reports?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reports: StaffReport[] }).reports.map((r) => r.ticket).sort();
  };

  it('a category name finds its reports', async () => {
    expect(await search('Kemacetan')).toEqual([tickets.jamBenda, tickets.jamPinang].sort());
  });
  it('a kecamatan name finds the reports in it', async () => {
    expect(await search('benda')).toEqual([tickets.jamBenda, tickets.rubbishBenda].sort());
  });
  it('two words narrow: a category in a kecamatan', async () => {
    expect(await search('Kemacetan Benda')).toEqual([tickets.jamBenda]);
  });
  it('the text and the ticket still match', async () => {
    expect(await search('bandara')).toEqual([tickets.jamBenda]);
    expect(await search(tickets.rubbishBenda!)).toEqual([tickets.rubbishBenda]);
  });
});
