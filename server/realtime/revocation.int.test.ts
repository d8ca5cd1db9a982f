import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';

let hub: Hub;
let url: string;
let admin: string;

const login = async (username: string) => {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
};
const post = (path: string, cookie: string, body?: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
const idOf = (username: string) => hub.ctx.store.accounts.byUsername(username)!.id;

/** A live socket as a console or a wall opens it, recording what it hears and why it was closed. */
class Live {
  readonly socket: Socket;
  readonly reports: number[] = [];
  readonly ticks: string[] = [];
  closedBy: string | null = null;
  caughtUp = false;
  refused: Error | null = null;
  constructor(creds: { cookie?: string; display?: string }) {
    this.socket = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: creds.cookie ? { cookie: creds.cookie } : {},
      auth: creds.display ? { display: creds.display } : {},
    });
    this.socket.on('report.event', (e: { report: { id: number } }) => this.reports.push(e.report.id));
    this.socket.on('live.catchup', () => (this.caughtUp = true));
    this.socket.on('connect_error', (e) => (this.refused = e));
    this.socket.on('live.tick', (e: { type: string }) => this.ticks.push(e.type));
    this.socket.on('disconnect', (reason) => (this.closedBy = reason));
  }
  async until(pred: () => boolean): Promise<void> {
    while (!pred()) await new Promise((r) => setTimeout(r, 20));
  }
  async ready(): Promise<void> {
    await this.until(() => this.caughtUp || this.refused !== null);
    if (this.refused) throw this.refused;
  }
  closed(): Promise<string> {
    if (this.closedBy) return Promise.resolve(this.closedBy);
    return new Promise((resolve) => this.socket.once('disconnect', (r) => resolve(r)));
  }
}

/** A fresh handshake with the same credential: refused once it was revoked. */
function reconnect(creds: { cookie?: string; display?: string }): Promise<string> {
  const l = new Live(creds);
  return new Promise((resolve) => {
    l.socket.once('live.catchup', () => (l.socket.close(), resolve('connected')));
    l.socket.once('connect_error', (e) => (l.socket.close(), resolve((e as { data?: { code?: string } }).data?.code ?? e.message)));
  });
}

beforeAll(async () => {
  ({ hub, url } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  admin = await login('admin');
}, 60_000);
afterAll(() => hub.close());

describe('revoking a credential ends its live streams at once', () => {
  it('disabling an account disconnects its console socket; it hears no further report and cannot reconnect', async () => {
    const cookie = await login('operator.dkp');
    const live = new Live({ cookie });
    await live.ready();
    const bystander = new Live({ cookie: await login('supervisor') });
    await bystander.ready();

    expect((await post(`/api/admin/accounts/${idOf('operator.dkp')}/disable`, admin)).status).toBe(200);
    expect(await live.closed()).toBe('io server disconnect');
    const filed = await postReport(url, validReport(), [await photo()]);
    await bystander.until(() => bystander.reports.includes(filed.body.id as number));
    expect(live.reports).not.toContain(filed.body.id);
    expect(bystander.closedBy).toBeNull();
    expect(await reconnect({ cookie })).toBe('unauthenticated');
    await post(`/api/admin/accounts/${idOf('operator.dkp')}/enable`, admin);
    bystander.socket.close();
  });

  it('resetting a password disconnects every session of that account', async () => {
    const phone = new Live({ cookie: await login('operator.bpbd') });
    const desk = new Live({ cookie: await login('operator.bpbd') });
    await Promise.all([phone.ready(), desk.ready()]);
    expect((await post(`/api/admin/accounts/${idOf('operator.bpbd')}/password`, admin, { password: DEMO_PASSWORD })).status).toBe(200);
    expect(await phone.closed()).toBe('io server disconnect');
    expect(await desk.closed()).toBe('io server disconnect');
  });

  it('logging out ends that session’s socket only, and the event is in the audit trail', async () => {
    const a = await login('operator.dishub');
    const b = await login('operator.dishub');
    const liveA = new Live({ cookie: a });
    const liveB = new Live({ cookie: b });
    await Promise.all([liveA.ready(), liveB.ready()]);
    expect((await post('/api/auth/logout', a)).status).toBe(204);
    expect(await liveA.closed()).toBe('io server disconnect');
    // B hears the logout as a tick (the log's seq moved), and stays.
    await liveB.until(() => liveB.ticks.includes('account.session_ended'));
    expect(liveB.closedBy).toBeNull();
    expect(hub.ctx.store.events.since(0, 10_000).some((e) => e.type === 'account.session_ended')).toBe(true);
    liveB.socket.close();
  });

  it('revoking a display token disconnects that wall at once and it cannot connect again', async () => {
    const paired = (await (await post('/api/admin/displays', admin, { name: 'Layar lobi' })).json()) as { id: string; token: string };
    const wall = new Live({ display: paired.token });
    await wall.ready();
    const list = (await (await fetch(`${url}/api/displays`, { headers: { cookie: admin } })).json()) as { displays: { id: string; pairedBy: string }[] };
    expect(list.displays.find((d) => d.id === paired.id)?.pairedBy).toBeTruthy();

    const r = await post(`/api/displays/${paired.id}/revoke`, admin);
    expect(r.status).toBe(200);
    expect(await wall.closed()).toBe('io server disconnect');
    expect(await reconnect({ display: paired.token })).toBe('unauthenticated');
    expect((await post(`/api/displays/${paired.id}/revoke`, admin)).status).toBe(409);

    const after = (await (await fetch(`${url}/api/displays`, { headers: { cookie: admin } })).json()) as { displays: { id: string }[]; revoked: { id: string; revokedBy: string }[] };
    expect(after.displays.map((d) => d.id)).not.toContain(paired.id);
    expect(after.revoked.find((d) => d.id === paired.id)?.revokedBy).toBeTruthy();
    const types = hub.ctx.store.events.since(0, 10_000).filter((e) => (e.payload as { displayId?: string }).displayId === paired.id).map((e) => e.type);
    expect(types).toEqual(['display.paired', 'display.revoked']);
  });

  it('a socket whose account was disabled without its disconnect reaching it no longer answers live.sync', async () => {
    const live = new Live({ cookie: await login('operator.dkp') });
    await live.ready();
    // As if the disable happened on a hub whose disconnect never arrived: the row changes, no event reaches this hub.
    hub.ctx.store.accounts.setDisabled(idOf('operator.dkp'), hub.ctx.now().toISOString(), hub.ctx.now().toISOString());
    const ack = await live.socket.timeout(5000).emitWithAck('live.sync', { storeId: null, seq: 0 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await live.closed()).toBe('io server disconnect');
    hub.ctx.store.accounts.setDisabled(idOf('operator.dkp'), null, hub.ctx.now().toISOString());
  });
});
