import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub, WALL_TOKEN } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { DisplayLayoutPush, DisplayView, Layout } from '../contract/layouts.js';
import { foldLayouts } from '../domain/layouts.js';

let hub: Hub;
let url: string;
let dataDir: string;
let supervisor: string;
let operator: string;
let displayId: string;

const call = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(`${url}${path}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });

async function login(username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** A display's socket that records every layout it is told, in order. */
function display(u = url, token = WALL_TOKEN) {
  const layouts: DisplayLayoutPush[] = [];
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(u, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, auth: { display: token } });
  socket.on('display.layout', (l) => layouts.push(l));
  const next = (n: number) =>
    new Promise<DisplayLayoutPush>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no layout #${n}; got ${layouts.length}`)), 10_000);
      const check = () => (layouts.length >= n ? (clearTimeout(t), resolve(layouts[n - 1])) : setTimeout(check, 20));
      check();
    });
  return { socket, layouts, next };
}

const split: Layout = { kind: 'split', views: [{ view: 'map', window: '6h' }, { view: 'cameras' }], direction: 'columns' };
const playlist: Layout = { kind: 'playlist', items: [{ view: 'map', seconds: 20 }, { view: 'performance', seconds: 10 }] };

beforeAll(async () => {
  ({ hub, url, dataDir } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  supervisor = await login('supervisor');
  operator = await login('operator.dkp');
  const list = (await (await call('GET', '/api/displays', supervisor)).json()) as { displays: DisplayView[] };
  displayId = list.displays[0].id;
}, 60_000);
afterAll(() => hub?.close());

describe('assigning a layout to a display', () => {
  it('gives a display the map until someone assigns a layout, then pushes the new one live to that display only', async () => {
    const d = display();
    const other = await fetch(`${url}/api/admin/displays`, { method: 'POST', headers: { cookie: supervisor, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Layar 2' }) });
    const { id: otherId, token: otherToken } = (await other.json()) as { id: string; token: string };
    const d2 = display(url, otherToken);
    expect((await d.next(1)).layout).toEqual({ kind: 'single', view: { view: 'map' } });
    await d2.next(1);

    const res = await call('PUT', `/api/displays/${displayId}/layout`, supervisor, { layout: split });
    expect(res.status).toBe(200);
    const pushed = await d.next(2);
    expect(pushed.layout).toEqual(split);
    expect(pushed.seq).toBeGreaterThan(0);
    // The event is in the log first: the push carries its seq.
    expect(hub.ctx.store.events.since(pushed.seq - 1, 1)[0]).toMatchObject({ type: 'display.layout_assigned', seq: pushed.seq });
    // The other display heard nothing new: the next push it gets is its own, assigned after (pushes arrive in order).
    expect((await call('PUT', `/api/displays/${otherId}/layout`, supervisor, { layout: playlist })).status).toBe(200);
    expect((await d2.next(2)).layout).toEqual(playlist);
    expect(d2.layouts).toHaveLength(2);

    const list = (await (await call('GET', '/api/displays', supervisor)).json()) as { displays: DisplayView[] };
    const mine = list.displays.find((x) => x.id === displayId)!;
    expect(mine).toMatchObject({ layout: split, online: true, layoutBy: expect.any(String) });
    expect(mine.lastSeenAt).not.toBeNull();
    d.socket.close();
    d2.socket.close();
  });

  it('refuses a bad layout naming the field, an unknown display, and an operator', async () => {
    const bad = await call('PUT', `/api/displays/${displayId}/layout`, supervisor, { layout: { kind: 'playlist', items: [{ view: 'map', seconds: 1 }, { view: 'cameras', seconds: 30 }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('layout.items.0.seconds');
    expect((await call('PUT', '/api/displays/no-such-display/layout', supervisor, { layout: split })).status).toBe(404);
    expect((await call('PUT', `/api/displays/${displayId}/layout`, operator, { layout: split })).status).toBe(403);
  });

  it('a display that was away gets the layout changed meanwhile in its catch-up', async () => {
    const d = display();
    await d.next(1);
    d.socket.disconnect();
    expect((await call('PUT', `/api/displays/${displayId}/layout`, supervisor, { layout: playlist })).status).toBe(200);
    d.socket.connect();
    expect((await d.next(2)).layout).toEqual(playlist);
    d.socket.close();
    // The projection is what the log says.
    const folded = foldLayouts(hub.ctx.store.events.since(0, 1e6));
    const projected = new Map(hub.ctx.store.layouts.all().map((l) => [l.displayId, { layout: l.layout, seq: l.seq }]));
    expect(projected).toEqual(folded);
  });
});

describe('after a hub restart on the same data', () => {
  it('keeps each display layout and reports the time it was down as a data gap', async () => {
    const before = new Date(Date.now() - 60_000).toISOString();
    await hub.close();
    // The stopped hub's last heartbeat is its stop; the new hub starts "later" by a clock two hours ahead.
    const later = () => new Date(Date.now() + 2 * 3600_000);
    ({ hub, url } = await startTestHub({ dataDir }, { now: later }));
    supervisor = await login('supervisor');
    const d = display();
    expect((await d.next(1)).layout).toEqual(playlist);
    d.socket.close();

    const gaps = (await (await call('GET', `/api/stats/gaps?from=${encodeURIComponent(before)}`, supervisor)).json()) as { gaps: { from: string; to: string }[] };
    expect(gaps.gaps).toHaveLength(1);
    const hours = (Date.parse(gaps.gaps[0].to) - Date.parse(gaps.gaps[0].from)) / 3600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);
    const bad = await call('GET', '/api/stats/gaps?from=yesterday', supervisor);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('from');
  });

  it('serves the build id in /api/health (null without a built front end)', async () => {
    const h = (await (await fetch(`${url}/api/health`)).json()) as { build: string | null };
    expect(h).toHaveProperty('build', null);
  });
});
