import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { toXml } from './open311-format.js';

/** The smaller holes of issue 16, each reproduced against a real hub. */
let hub: Hub;
let url: string;
const cookies: Record<string, string> = {};

async function login(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}
const get = (path: string, who?: string) => fetch(`${url}${path}`, { headers: who ? { cookie: cookies[who] } : {} });
const post = (path: string, who: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { cookie: cookies[who], 'content-type': 'application/json' }, body: JSON.stringify(body) });

// What XML 1.0 cannot hold, escaped or not: a document with one of these is not well-formed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

beforeAll(async () => {
  ({ hub, url } = await startTestHub());
  await seedAccounts(hub.ctx);
  for (const u of ['admin', 'supervisor', 'operator.dkp', 'operator.dishub', 'pengawas.dkp.1', 'pengawas.dkp.2']) cookies[u] = await login(u);
}, 60_000);
afterAll(() => hub.close());

describe('control characters', () => {
  it('are stripped at intake, so the Open311 XML stays well-formed', async () => {
    const filed = await postReport(url, validReport({ description: 'Sampah\u0001 menumpuk\u0007 di pasar\u001b', address: 'Jl. Ki Asnawi\u0000 5' }), [await photo()]);
    expect(filed.status).toBe(201);
    const report = hub.ctx.store.reports.get(filed.body.id as number)!;
    expect(report.description).toBe('Sampah menumpuk di pasar');
    expect(report.address).toBe('Jl. Ki Asnawi 5');
    const xml = await (await get(`/open311/v2/requests/${String(filed.body.ticket)}.xml`)).text();
    expect(xml).toContain('Sampah menumpuk di pasar');
    expect(xml).not.toMatch(NOT_XML);
  });

  it('are dropped from the XML even when stored before intake cleaned them', () => {
    const xml = toXml('service_requests', [{ description: 'lama\u0001 <b> & "x"' }]);
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).toContain('lama &lt;b&gt; &amp;');
  });
});
